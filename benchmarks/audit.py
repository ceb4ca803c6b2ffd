"""Audit speed: `sxt audit trend` and `sxt audit report` over many quarters of the shipped
ten-point checklist, with realistic evidence and actions, in a temporary workspace.

    python benchmarks/audit.py [--quarters 40] [--runs 5] [--seed 7]

Times each command in process (loading and validating every audit, scoring, rendering), as
the median of several runs, and the rendering alone. Target: well under 0.5 s each.
Printed, never asserted: timing belongs in benchmarks, not in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from toolkit.audit import files, report
from toolkit.audit.history import trend
from toolkit.audit.model import Quarter
from toolkit.cli.main import cli
from toolkit.core.scaffold import create_workspace
from toolkit.core.validation import forget_checked_files

OWNERS = ["Maya Okafor", "Jonas Weber", "Sam Lee", "Priya Raman", "Alex Kim", "Lena Fischer"]
NOTES = [
    "Leadership reviewed CSAT and contact rate",
    "CSAT 4.2 | NPS 31, reviewed with product",
    "Help-desk configuration exported and reviewed",
    "Top five contact reasons reviewed with engineering",
]


def audit_text(
    quarter: Quarter, items: list[str], levels: dict[str, int], rng: random.Random
) -> str:
    """One quarter: most items scored, the odd one na, inconclusive or waived; each with an
    owner, two pieces of evidence and an action or two."""
    day = quarter.last_day - dt.timedelta(days=rng.randint(5, 25))
    lines = [
        "sxt: 1",
        "kind: audit",
        "checklist: ten-point",
        f"quarter: {quarter}",
        "auditor: Maya Okafor",
        f"date: {day}",
        "items:",
    ]
    for item in items:
        lines += [f"  {item}:"]
        roll = rng.random()
        if roll < 0.04:
            lines += ["    level: na", "    reason: Not offered in this market"]
        elif roll < 0.08:
            lines += ["    level: inconclusive"]
        elif roll < 0.11:
            expires = quarter.next().last_day
            lines += [
                "    level: waived",
                "    waiver:",
                "      justification: Replaced by the status page this quarter",
                f"      expires: {expires}",
            ]
        else:
            levels[item] = max(0, min(4, levels[item] + rng.choice((-1, 0, 0, 1, 1))))
            lines += [f"    level: {levels[item]}"]
        lines += [
            f"    owner: {rng.choice(OWNERS)}",
            "    evidence:",
            f"      - note: {rng.choice(NOTES)}",
            f"        date: {day - dt.timedelta(days=rng.randint(0, 120))}",
            f"      - link: https://wiki.example/{item}/{quarter}",
            "    actions:",
        ]
        for number in range(rng.randint(1, 2)):
            lines += [
                f"      - title: {item} step {number + 1} in {quarter}",
                f"        owner: {rng.choice(OWNERS)}",
                f"        due: {day + dt.timedelta(days=rng.randint(-30, 90))}",
                f"        status: {rng.choice(('open', 'done', 'done', 'dropped'))}",
            ]
    return "\n".join(lines) + "\n"


def workspace(folder: Path, quarters: int, seed: int) -> tuple[Path, Quarter]:
    root = folder / "w"
    create_workspace(root, "Benchmark Support")
    rng = random.Random(seed)
    checklist = files.load(root, dt.date(2030, 1, 1)).checklist
    items = [item.id for item in checklist.items]
    levels = dict.fromkeys(items, 0)
    quarter = Quarter(2017, 1)
    for _ in range(quarters):
        (root / "audits" / f"{quarter}.yaml").write_text(
            audit_text(quarter, items, levels, rng), encoding="utf-8"
        )
        quarter = quarter.next()
    return root, quarter.previous()


def median(run: Callable[[], object], runs: int) -> float:
    run()  # warm: imports and schema compilation, which a process pays once
    times = []
    for _ in range(runs):
        forget_checked_files()  # but every run reads and checks the files, as a new one would
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    html = importlib.util.find_spec("toolkit.audit.html") is not None
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        root, last = workspace(Path(folder), options.quarters, options.seed)
        today = last.last_day

        def command(*arguments: str) -> Callable[[], object]:
            def run() -> object:
                result = runner.invoke(
                    cli, ["-C", str(root), "audit", *arguments, "--today", str(today)]
                )
                assert result.exit_code == 0, result.output
                return result

            return run

        figures = {
            "sxt audit trend": command("trend"),
            "sxt audit trend --format markdown": command("trend", "--format", "markdown"),
            "sxt audit report (text)": command("report"),
            "sxt audit report --format markdown": command("report", "--format", "markdown"),
            "sxt audit report --format json": command("report", "--format", "json"),
        }
        if html:
            figures["sxt audit report --format html"] = command("report", "--format", "html")
        audits = files.load(root, today)
        current, previous = audits.scores[-1], audits.scores[-2]
        figures |= {
            "  load and score only": lambda: files.load(root, today),
            "  render trend text only": lambda: report.trend_text(trend(audits.scores)),
            "  render report markdown only": lambda: report.report_markdown(
                current, previous, today
            ),
        }
        timed = {name: median(run, options.runs) for name, run in figures.items()}
    print(
        f"{options.quarters} quarters x {len(audits.checklist.items)} items, "
        f"median of {options.runs} runs (in process){'' if html else '; no HTML report yet'}"
    )
    for name, seconds in timed.items():
        print(f"  {name:<40} {seconds * 1000:7.1f} ms")
    worst = max(seconds for name, seconds in timed.items() if name.startswith("sxt"))
    print(f"slowest command {worst * 1000:.0f} ms (target: well under 500 ms)")


if __name__ == "__main__":
    main()

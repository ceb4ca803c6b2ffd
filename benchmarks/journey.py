"""Journey speed: a large journey map (200 steps by default) checked, drawn in the terminal
and exported in every format, in a temporary workspace with shops that test some steps.

    python benchmarks/journey.py [--steps 200] [--runs 5] [--seed 7]

Times each `sxt journey` command in process (reading and validating the file, the shops for
the coverage, the work itself), as the median of several runs, and each render alone on the
loaded journey. Target: well under 0.3 s each. Printed, never asserted: timing belongs in
benchmarks, not in tests.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.loader import load_file
from toolkit.core.scaffold import create_workspace
from toolkit.core.validation import forget_checked_files
from toolkit.journey import export
from toolkit.journey.checks import check_journey
from toolkit.journey.files import workspace_journeys
from toolkit.journey.html import journey_html
from toolkit.journey.links import shop_coverage
from toolkit.journey.summary import build, summary_text
from toolkit.journey.terminal import render_map

OWNERS = ["Finance", "Billing squad", "Support (Tier 1)", "Support (Automation)", "Web team"]
CHANNELS = ["email", "web", "chat", "phone"]
TIERS = ["proactive", "self-service", "human"]
ACTIONS = [
    "Reads the renewal reminder and opens the billing page",
    "Searches the help centre for 'card declined' and reads two articles",
    "Asks the chat bot why the payment failed, twice",
    "Explains the problem again to an agent who cannot see the failed update",
    "Gets a secure payment link and saves the new card",
]
PAINS = [
    "Has to repeat the order number to every new agent",
    "The error message gives no reason and no way to get help",
    "The article is out of date and nobody reviews agents' flags",
]


def journey_text(steps: int, stages: int, rng: random.Random) -> str:
    lines = [
        "sxt: 1",
        "kind: journey",
        "title: A long journey",
        "persona: Priya, office manager at a twelve-person design studio",
        "scenario: Everything that can happen to a small business customer in a year",
        "checklist: ten-point",
        f"channels: [{', '.join(CHANNELS)}]",
        "validated: 2026-10-14",
        "stages:",
    ]
    per_stage = steps // stages
    for s in range(stages):
        lines += [f"  - id: stage-{s}", f"    title: Stage {s} of the year", "    steps:"]
        for t in range(per_stage):
            tier = rng.choice(TIERS)
            lines += [
                f"      - id: step-{s}-{t}",
                f"        action: {rng.choice(ACTIONS)} ({s}.{t})",
                f"        channel: {rng.choice(CHANNELS)}",
                "        touchpoints: [Billing page, Payment-failed email]",
                f"        emotion: {rng.randint(-2, 2)}",
                "        thoughts: Is this even real, or is it phishing?",
                f"        owner: {rng.choice(OWNERS)}",
                f"        tier: {tier}",
                "        evidence: observed",
                "        lanes:",
                "          frontstage: A generic template with a Fix now button",
                "          backstage: Finance sees the decline in the daily report",
                "          support: The billing system retries after 24 and 72 hours",
            ]
            if tier == "self-service" and rng.random() < 0.8:
                lines.append("        escalation: Chat with us link on the page")
            if rng.random() < 0.5:
                lines += [
                    "        pain_points:",
                    f"          - description: {rng.choice(PAINS)}",
                    "            opportunity: Fix it at the root",
                    "            checklist_item: fix-permanently",
                    f"            impact: {rng.randint(1, 5)}",
                    f"            effort: {rng.randint(1, 5)}",
                ]
    return "\n".join(lines) + "\n"


def shop_text(index: int, step: str) -> str:
    """A shop of the shipped chat/email scorecard, scored by one scorer on two criteria."""
    return (
        "sxt: 1\nkind: shop\nscorecard: chat-email\nscenario: Card declined at renewal\n"
        f"channel: chat\ndate: 2026-10-{index % 28 + 1:02d}\n"
        f"journey_step: long#{step}\n"
        "scores:\n  - scorer: Maya Okafor\n    answers:\n"
        f"      first-response-60s: {'yes' if index % 3 else 'no'}\n"
        "      personal-greeting: yes\n"
    )


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "workspace"
        create_workspace(root, "Benchmark")
        path = root / "journeys" / "long.yaml"
        path.write_text(journey_text(options.steps, options.stages, rng), "utf-8")
        (root / "shops").mkdir(exist_ok=True)
        for index in range(20):
            step = f"step-{index % options.stages}-{index % 5}"
            (root / "shops" / f"shop-{index}.yaml").write_text(shop_text(index, step), "utf-8")

        journeys = workspace_journeys(root, root)
        assert not journeys.problems, journeys.problems
        journey = journeys.find("long")
        assert journey is not None
        steps = len(list(journey.steps))
        coverage = shop_coverage(root)
        tested = coverage.get("long", {})
        document = load_file(path, "journeys/long.yaml")
        findings = check_journey(document, journey.validated)  # type: ignore[arg-type]
        print(
            f"journey of {steps} steps in {options.stages} stages, {len(tested)} steps "
            f"shop-tested, {len(findings)} check findings; median of {options.runs} runs\n"
        )

        runner = CliRunner()
        base = ["-C", str(root), "journey"]
        commands = {
            "sxt journey check": [*base, "check", "journeys/long.yaml"],
            "sxt journey show (80 columns)": [*base, "show", "long", "--width", "80"],
            "sxt journey summary": [*base, "summary"],
            **{
                f"sxt journey export --format {name}": [*base, "export", "long", "--format", name]
                for name in ("mermaid", "markdown", "html", "json")
            },
        }

        def cold(arguments: list[str]) -> object:
            """A run as a new process makes it: nothing remembered from the last one."""
            forget_checked_files()
            return runner.invoke(cli, arguments)

        print("whole command, in process (read, validate, shops, render; no start-up):")
        for name, arguments in commands.items():
            result = runner.invoke(cli, arguments)
            if result.exit_code not in (0, 1):
                raise SystemExit(f"{name} failed: {result.output}")
            took = median_ms(lambda a=arguments: cold(a), options.runs)
            print(f"  {name:<40} {took:7.1f} ms")
        sxt = str(Path(sys.executable).parent / "sxt")
        show = [sxt, "-C", str(root), "journey", "show", "long", "--width", "80"]
        took = median_ms(lambda: subprocess.run(show, capture_output=True, check=True), 3)
        print(f"  {'the same show as a new sxt process':<40} {took:7.1f} ms")

        renders: dict[str, Callable[[], object]] = {
            "check_journey": lambda: check_journey(document, journey.validated),  # type: ignore[arg-type]
            "render_map (80 columns)": lambda: render_map(journey, 80, tested),
            "mermaid": lambda: export.mermaid(journey),
            "markdown": lambda: export.markdown(journey, tested),
            "html": lambda: journey_html(journey, tested, findings),
            "json": lambda: export.as_json(journey, tested),
            "summary": lambda: summary_text(build([journey], coverage)),
        }
        print("\nthe work alone, on the loaded journey:")
        for name, work in renders.items():
            print(f"  {name:<40} {median_ms(work, options.runs):7.1f} ms")


if __name__ == "__main__":
    main()

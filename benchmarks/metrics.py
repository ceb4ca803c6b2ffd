"""Metrics speed: the whole `sxt metrics report` command on a large contact export.

    python benchmarks/metrics.py [--contacts 10000000] [--runs 3] [--dir DIR] [--keep]

Generates N contacts as CSV with DuckDB itself (a `COPY (SELECT ... FROM range(N))`, so 10
million rows take seconds, not the minutes Python's csv module would), plus a CSAT file (one
answer for every fifth contact) and an NPS file (every tenth). The values come from integer
hashes of the row number, so every run sees the same data. Every row is valid: the benchmark
times the path a clean export takes, checks included.

Times the whole command as a user runs it, a new process each run (median of --runs, after one
run that warms the OS file cache), and its peak resident memory (`/usr/bin/time -f %M`, or the
children's getrusage where that tool is missing). Beside it, in the same run, pandas computing
the same AHT and CSAT by team and month from the same files, for the ratio (only when pandas is
importable: it is not a dependency of sxt). Targets from issue 12: under 10 s and under 1 GiB
for 10 million contacts on 2 cores, growing linearly from 1M. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CONTACTS_SQL = """
COPY (
    SELECT 'c' || i AS id,
           ['phone', 'chat', 'email', 'messaging'][1 + (i * 7) % 4] AS channel,
           TIMESTAMP '2026-01-01' + to_seconds((i * 2654435761) % (365 * 86400)) AS started,
           TIMESTAMP '2026-01-01' + to_seconds((i * 2654435761) % (365 * 86400)
                                               + 60 + i % 900) AS ended,
           60 + (i * 31) % 600 AS talk_seconds,
           (i * 17) % 120 AS hold_seconds,
           (i * 13) % 90 AS acw_seconds,
           'agent-' || (i % 400) AS agent,
           'team-' || ((i % 400) // 40) AS team,
           ['human', 'human', 'bot', 'self-service'][1 + (i * 3) % 4] AS handled_by,
           CASE WHEN (i * 11) % 10 < 8 THEN 'true' ELSE 'false' END AS resolved,
           CASE WHEN (i * 19) % 10 < 1 THEN 'true' ELSE 'false' END AS reopened,
           CASE WHEN i % 3 = 0 THEN 'billing' ELSE '' END AS tags
    FROM range({count}) t(i)
) TO '{path}' (HEADER, DELIMITER ',')
"""

SURVEY_SQL = """
COPY (
    SELECT 'c' || i AS contact_id,
           TIMESTAMP '2026-01-02' + to_seconds((i * 2654435761) % (365 * 86400)) AS answered_at,
           {low} + ((i // {every}) * 7919) % ({high} - {low} + 1) AS score
    FROM range(0, {count}, {every}) t(i)
) TO '{path}' (HEADER, DELIMITER ',')
"""


def generate(folder: Path, count: int) -> tuple[Path, Path, Path]:
    """The three files, written by DuckDB (paths come from tempfile, never from a user)."""
    import duckdb

    contacts, csat, nps = folder / "contacts.csv", folder / "csat.csv", folder / "nps.csv"
    with duckdb.connect() as connection:
        connection.execute("SET enable_progress_bar = false")
        connection.execute(CONTACTS_SQL.format(count=count, path=contacts))
        connection.execute(SURVEY_SQL.format(count=count, every=5, low=1, high=5, path=csat))
        connection.execute(SURVEY_SQL.format(count=count, every=10, low=0, high=10, path=nps))
    return contacts, csat, nps


def run_command(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident KiB of one run of `command` as a new process."""
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if timer:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            start = time.perf_counter()
            subprocess.run(
                [timer, "-f", "%M", "-o", rss.name, *command],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            took = time.perf_counter() - start
            return took, int(rss.read().strip().splitlines()[-1])
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    took = time.perf_counter() - start
    # The largest child so far: a lower bound only if an earlier child was bigger.
    return took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def median_of(function: Callable[[], tuple[float, int]], runs: int) -> tuple[float, int]:
    results = [function() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def pandas_peer(contacts: Path, csat: Path) -> tuple[float, int] | None:
    """The same AHT (live channels) and CSAT (4-5 of all answers) by team and month in
    pandas, in a child process so its memory is measured the same way; None without pandas."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return None
    script = f"""
import pandas as pd
c = pd.read_csv({str(contacts)!r}, usecols=["id", "channel", "started", "talk_seconds",
                "hold_seconds", "acw_seconds", "team"], parse_dates=["started"])
c["period"] = c["started"].dt.strftime("%Y-%m")
live = c[c["channel"].isin(["phone", "chat"])]
work = live["talk_seconds"] + live["hold_seconds"] + live["acw_seconds"]
aht = work.groupby([live["team"], live["period"]]).mean()
s = pd.read_csv({str(csat)!r}, usecols=["contact_id", "score"])
s = s.merge(c[["id", "team", "period"]], left_on="contact_id", right_on="id")
csat = (s["score"] >= 4).groupby([s["team"], s["period"]]).mean() * 100
print(pd.concat([aht.rename("aht"), csat.rename("csat")], axis=1).to_string())
"""
    return run_command([sys.executable, "-c", script])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="write the files here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    folder = args.dir or Path(tempfile.mkdtemp(prefix="sxt-metrics-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        contacts, csat, nps = generate(folder, args.contacts)
        made = time.perf_counter() - start
        size = contacts.stat().st_size / 2**20
        print(f"{args.contacts:,} contacts: {size:,.0f} MiB CSV, generated in {made:.1f} s")
        print(f"cores: {os.cpu_count()}")

        sxt = str(Path(sys.executable).parent / "sxt")
        command = [sxt, "metrics", "report", "--contacts", str(contacts)]
        command += ["--csat", str(csat), "--nps", str(nps)]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)  # warms the OS cache
        took, peak = median_of(lambda: run_command(command), args.runs)
        print(
            f"sxt metrics report (by team, per month): {took:.2f} s median of {args.runs}, "
            f"peak {peak / 1024:,.0f} MiB  (target < 10 s, < 1024 MiB at 10M)"
        )
        peer = pandas_peer(contacts, csat)
        if peer is None:
            print("pandas not installed")
        else:
            print(
                f"pandas AHT + CSAT by team and month: {peer[0]:.2f} s, peak "
                f"{peer[1] / 1024:,.0f} MiB; sxt / pandas time {took / peer[0]:.2f}"
            )
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

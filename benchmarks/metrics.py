"""Metrics speed: the whole `sxt metrics report` command on a large contact export.

    python benchmarks/metrics.py [--contacts 1000000 10000000] [--runs 3] [--dir DIR] [--keep]

Generates N contacts as CSV with DuckDB itself (a `COPY (SELECT ... FROM range(N))`, so 10
million rows take seconds, not the minutes Python's csv module would), plus a CSAT file (one
answer for every fifth contact) and an NPS file (every tenth). The values come from integer
hashes of the row number, so every run sees the same data. Every row is valid: the benchmark
times the path a clean export takes, checks included.

Times the whole command as a user runs it, on the CSV and on the same contacts as Parquet, at
each size (1M and 10M by default, for the growth): a new process each run, inside a workspace,
first with sxt's cache off (a new export) and then again (the cache remembers the export has no
duplicate ids), each the median of --runs after one run that warms the OS file cache, and
its peak resident memory (`/usr/bin/time -f
%M`, or the children's getrusage where that tool is missing). Beside it, in the same run,
pandas computing AHT and CSAT by team and month from the same CSV, for the ratio (only when
pandas is importable: it is in the test extra, never a dependency of sxt). Targets from issue
12: under 10 s and under 1 GiB for 10 million contacts on 2 cores, growing linearly from 1M.
Printed, never asserted; the load average before and after says how quiet the machine was.
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


def run_command(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Seconds and peak resident KiB of one run of `command` as a new process."""
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if timer:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            start = time.perf_counter()
            subprocess.run(
                [timer, "-f", "%M", "-o", rss.name, *command],
                stdout=subprocess.DEVNULL,
                check=True,
                cwd=cwd,
                env=env,
            )
            took = time.perf_counter() - start
            return took, int(rss.read().strip().splitlines()[-1])
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, cwd=cwd, env=env)
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


def to_parquet(contacts: Path) -> Path:
    """The same contacts as Parquet, typed by DuckDB: how a warehouse dump arrives."""
    import duckdb

    target = contacts.with_suffix(".parquet")
    with duckdb.connect() as connection:
        connection.execute("SET enable_progress_bar = false")
        connection.execute(
            f"COPY (SELECT * FROM read_csv('{contacts}', header = true)) TO '{target}' "
            "(FORMAT parquet)"
        )
    return target


def measure(label: str, count: int, command: list[str], runs: int, cwd: Path) -> tuple[float, int]:
    """The command run inside a workspace (`cwd`), as a leader runs it: first with the cache
    off (SXT_NO_CACHE=1, every check made, the figure that counts for a new export), then
    again on the same export, where the workspace's cache remembers it has no duplicate ids."""
    cold = {**os.environ, "SXT_NO_CACHE": "1"}
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, cwd=cwd)  # warms the OS cache
    took, peak = median_of(lambda: run_command(command, cwd, cold), runs)
    again, again_peak = median_of(lambda: run_command(command, cwd), runs)
    print(
        f"  {label:<8} {count:>12,} contacts  {took:6.2f} s first run, {again:6.2f} s again "
        f"(medians of {runs})  peak {max(peak, again_peak) / 1024:5,.0f} MiB  "
        f"{took / count * 1e6 * 1000:6.0f} ns/contact  load {os.getloadavg()[0]:.2f}"
    )
    return took, max(peak, again_peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--contacts",
        type=int,
        nargs="+",
        default=[1_000_000, 10_000_000],
        help="sizes to time, for the growth from one to the next",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="write the files here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    folder = args.dir or Path(tempfile.mkdtemp(prefix="sxt-metrics-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    sxt = str(Path(sys.executable).parent / "sxt")
    results: dict[str, list[tuple[int, float, int]]] = {"csv": [], "parquet": [], "pandas": []}
    try:
        for count in args.contacts:
            here = folder / f"{count}"
            here.mkdir(exist_ok=True)
            start = time.perf_counter()
            contacts, csat, nps = generate(here, count)
            parquet = to_parquet(contacts)
            made = time.perf_counter() - start
            size = contacts.stat().st_size / 2**20
            print(
                f"{count:,} contacts: {size:,.0f} MiB CSV, "
                f"{parquet.stat().st_size / 2**20:,.0f} MiB Parquet, generated in {made:.1f} s"
            )
            surveys = ["--csat", str(csat), "--nps", str(nps)]
            (here / "sxt.yaml").write_text("sxt: 1\nkind: workspace\n", encoding="utf-8")
            for label, path in (("csv", contacts), ("parquet", parquet)):
                command = [sxt, "metrics", "report", "--contacts", str(path), *surveys]
                took, peak = measure(label, count, command, args.runs, here)
                results[label].append((count, took, peak))
            peer = pandas_peer(contacts, csat)
            if peer is None:
                print("  pandas not installed")
            else:
                results["pandas"].append((count, *peer))
                print(
                    f"  pandas   {count:>12,} contacts  {peer[0]:6.2f} s (AHT + CSAT by team "
                    f"and month only)  peak {peer[1] / 1024:5,.0f} MiB  "
                    f"load {os.getloadavg()[0]:.2f}"
                )
            if not args.keep and args.dir is None:
                shutil.rmtree(here, ignore_errors=True)
        print("summary (targets for 10M: < 10 s and < 1024 MiB on 2 cores):")
        for label, found in results.items():
            if len(found) > 1:
                (n0, t0, _), (n1, t1, _) = found[0], found[-1]
                print(
                    f"  {label:<8} {n0:,} -> {n1:,}: time x{t1 / t0:.1f} for x{n1 / n0:.0f} "
                    "contacts"
                )
        for (count, took, _), peer in zip(results["csv"], results["pandas"], strict=False):
            print(f"  sxt csv / pandas at {count:,}: {took / peer[1]:.2f}")
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

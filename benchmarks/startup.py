"""Start-up figures: `sxt --help`, `sxt validate` on the shipped workspace, and the floor any
Click + PyYAML program pays (`python -c "import click, yaml"`), as medians of several runs.

    python benchmarks/startup.py [--runs N]

Target: `sxt --help` within 1.3x of the reference. Printed, never asserted: timing belongs in
benchmarks, not in tests that flake on a busy CI machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SXT = [sys.executable, "-m", "toolkit"]
SCRIPT = Path(sys.executable).parent / "sxt"


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    sxt = [str(SCRIPT)] if SCRIPT.exists() else SXT
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "w"
        subprocess.run([*sxt, "init", str(workspace)], capture_output=True, check=True)
        documents = sum(1 for path in workspace.rglob("*.*") if ".sxt" not in path.parts)
        reference = median_seconds([sys.executable, "-c", "import click, yaml"], runs, workspace)
        figures = {
            'python -c "import click, yaml"': reference,
            "sxt --help": median_seconds([*sxt, "--help"], runs, workspace),
            f"sxt validate (shipped workspace, {documents} files)": median_seconds(
                [*sxt, "validate"], runs, workspace
            ),
            "sxt schema audit": median_seconds([*sxt, "schema", "audit"], runs, workspace),
        }
    print(f"median of {runs} runs, Python {sys.version.split()[0]}")
    for name, seconds in figures.items():
        print(f"  {name:<45} {seconds * 1000:7.1f} ms  {seconds / reference:5.2f}x reference")
    ratio = figures["sxt --help"] / reference
    print(f"sxt --help is {ratio:.2f}x the reference (target: at most 1.30x)")


if __name__ == "__main__":
    main()

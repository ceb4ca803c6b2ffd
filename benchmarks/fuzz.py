"""How long sxt holds up against broken files: the mutation suite's strategies, for minutes.

    python benchmarks/fuzz.py [--seconds 120] [--seed 0] [--batch 25]

Seeds a workspace as tests/mutations.py does (`sxt init`, audits, shops and their scorings,
a calibration round, a dispute), then, until the time is up, breaks one file of a copy of it
(a line deleted, duplicated or swapped, a value of another type, junk bytes or control
characters, indentation, `sxt:`/`kind:`, a truncation) and runs every `sxt` command on it,
each in one of its output formats, as tests/test_mutations.py does for a few examples per
test run. A run that raises, exits with a code other than 0, 1 or 2, prints a traceback or
prints a raw control character is a failure, listed with the mutation and the command line
that reproduce it. Prints cases tried, cases/s and failures; exits 1 when there were any.

Hypothesis draws the cases (batches of --batch, each from its own seed, so --seed replays a
run) but never shrinks them here: the point is breadth in the time given.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from mutations import Case, cases, command_lines, documents, run_case, seed_workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=0, help="where hypothesis starts")
    parser.add_argument("--batch", type=int, default=25, help="cases per hypothesis seed")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        seeded = seed_workspace(base / "seed")
        paths = documents(seeded)
        tried = 0
        failures: list[tuple[Case, str, str]] = []
        start = time.perf_counter()
        end = start + options.seconds

        def one(case: Case) -> None:
            nonlocal tried
            if time.perf_counter() >= end:
                return
            tried += 1
            failures.extend(
                (case, line, problem) for line, problem in run_case(seeded, base / "w", case)
            )

        batch = 0
        while time.perf_counter() < end:
            run = settings(
                max_examples=options.batch,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(given(cases(paths))(one))
            seed(options.seed + batch)(run)()
            batch += 1
        took = time.perf_counter() - start

    print(f"files a mutation may break: {len(paths)}; commands per case: {len(command_lines())}")
    print(f"cases tried: {tried} in {took:.0f} s ({tried / took:.2f} cases/s, seed {options.seed})")
    print(f"failures: {len(failures)}")
    for case, line, problem in failures:
        print(f"  {case.mutation!r}\n    sxt -C WS {line}\n    {problem}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

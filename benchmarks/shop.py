"""Shop speed: scoring and calibrating many shops on the shipped chat/email scorecard.

    python benchmarks/shop.py [--shops 10000] [--scorers 3] [--runs 3] [--seed 7] [--no-files]

Generates the shops in memory as domain objects (seeded, so every run sees the same data):
each shop has a "true" answer per criterion, and each scorer gives it, or a neighbouring
answer now and then, N/A where allowed now and then; the first scorer is the benchmark.
Times scoring every scoring of every shop, and the whole calibration, as the median of
several runs; then the same for twice as many shops, to show the growth is linear (a ratio
near 2). Target: under 3 s in total for 10,000 shops x 3 scorers. Printed, never asserted.

Then, as a user runs it: the same shops written as a workspace in the one-file-per-scoring
layout (10,000 shop files and 30,000 scoring files), and the whole `sxt shop calibrate`
command timed as a new process (median of --runs, after one run that warms the OS file
cache): without sxt's cache (SXT_NO_CACHE=1, as on a fresh clone in CI), the run that writes
the cache, and with the cache (the files unchanged since the last run, as when a scorer runs
it again after scoring one more shop); with how much of it is reading and checking the files
(toolkit.shop.files.load, in process, no cache). Target: the whole command under 3 s on 2
cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from toolkit.core.content import shipped_root
from toolkit.core.loader import load_file
from toolkit.shop.calibration import calibrate
from toolkit.shop.model import Answer, Criterion, Scorecard, Scoring, Shop, scorecard_from
from toolkit.shop.scoring import score_all, totals

SCORERS = ["Maya Okafor", "Jonas Weber", "Priya Raman", "Sam Lee", "Lena Fischer"]
SCENARIOS = ["Card declined at renewal", "Refund for a double charge", "Password reset loop"]


def scorecard() -> Scorecard:
    path = shipped_root() / "checklists" / "chat-email.yaml"
    return scorecard_from("chat-email", load_file(path).data)


def shops(card: Scorecard, count: int, scorers: int, seed: int) -> list[Shop]:
    rng = random.Random(seed)
    criteria = [criterion for _, criterion in card.criteria()]
    start = dt.date(2026, 1, 1)
    made = []
    for number in range(count):
        channel = rng.choice(("chat", "email"))
        truth = {c.id: _pick(c, rng) for c in criteria if c.applies_to(channel)}
        scorings = tuple(
            Scoring(
                SCORERS[k],
                {c.id: _scored(c, truth[c.id], rng) for c in criteria if c.id in truth},
                benchmark=k == 0,
            )
            for k in range(scorers)
        )
        made.append(
            Shop(
                f"shop-{number}",
                card.id,
                rng.choice(SCENARIOS),
                channel,
                start + dt.timedelta(days=number % 365),
                agent=f"agent-{number % 40}",
                team=f"team-{number % 5}",
                scorings=scorings,
            )
        )
    return made


def _pick(criterion: Criterion, rng: random.Random) -> Answer:
    choices = sorted(criterion.choices(), key=criterion.normalised)
    # Mostly good service: the upper half of the answers is likelier.
    return choices[min(len(choices) - 1, int(len(choices) * rng.random() ** 0.6))]


def _scored(criterion: Criterion, truth: Answer, rng: random.Random) -> Answer:
    roll = rng.random()
    if criterion.na_allowed and roll < 0.1:
        return "na"
    if roll < 0.3:
        choices = sorted(criterion.choices(), key=criterion.normalised)
        at = choices.index(truth) + rng.choice((-1, 1))
        return choices[max(0, min(len(choices) - 1, at))]
    return truth


def timed(function: Callable[[], object], runs: int) -> float:
    return statistics.median(timeit.repeat(function, number=1, repeat=runs))


def measure(card: Scorecard, count: int, scorers: int, runs: int, seed: int) -> tuple[float, float]:
    data = shops(card, count, scorers, seed)
    scoring = timed(lambda: [score_all(shop, card) for shop in data], runs)
    scored = totals(data, card)
    calibration = timed(lambda: calibrate(data, card, scored), runs)
    return scoring, calibration


def write_workspace(root: Path, card: Scorecard, data: list[Shop]) -> int:
    """The shops as files, as `sxt shop import` would write them; returns the file count."""
    from toolkit.core.scaffold import create_workspace
    from toolkit.shop.files import scoring_path, scoring_text, shop_text

    create_workspace(root, "Benchmark")
    count = 0
    for shop in data:
        path = root / "shops" / f"{shop.id}.yaml"
        relative = path.relative_to(root)
        path.write_text(shop_text(shop, card, relative), encoding="utf-8")
        for scoring in shop.scorings:
            target = scoring_path(root, shop.id, scoring.scorer)
            target.parent.mkdir(exist_ok=True)
            target.write_text(
                scoring_text(scoring, card, target.relative_to(root)), encoding="utf-8"
            )
            count += 1
        count += 1
    return count


def measure_command(card: Scorecard, count: int, scorers: int, runs: int, seed: int) -> None:
    from toolkit.core.validation import forget_checked_files
    from toolkit.shop.files import load

    data = shops(card, count, scorers, seed)
    for number, shop in enumerate(data):
        data[number] = Shop(
            f"{shop.date.isoformat()}-shop-{number}",
            shop.scorecard,
            shop.scenario,
            shop.channel,
            shop.date,
            agent=shop.agent,
            team=shop.team,
            scorings=shop.scorings,
        )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "w"
        files = write_workspace(root, card, data)
        sxt = Path(sys.executable).parent / "sxt"
        command = [str(sxt), "-C", str(root), "shop", "calibrate", "--format", "json"]
        cold = {**os.environ, "SXT_NO_CACHE": "1"}
        subprocess.run(command, capture_output=True, check=True, env=cold)  # warms the OS
        uncached = _runs(command, runs, cold)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        writing = time.perf_counter() - start
        cached = _runs(command, runs, None)
        forget_checked_files()
        os.environ["SXT_NO_CACHE"] = "1"
        start = time.perf_counter()
        loaded = load(root)
        loading = time.perf_counter() - start
        del os.environ["SXT_NO_CACHE"]
        assert len(loaded.shops) == count and not loaded.problems, loaded.problems[:3]
    print(
        f"Whole command, a new process: sxt shop calibrate over {count:,} shops in {files:,} files"
    )
    for name, times in (
        ("no cache (a fresh clone)", uncached),
        ("cached (files unchanged)", cached),
    ):
        print(
            f"  {name:26}{statistics.median(times):6.2f} s  (median of {runs}; runs "
            f"{min(times):.2f}-{max(times):.2f} s)"
        )
    print(f"  {'the run that writes the cache':30}{writing:6.2f} s")
    whole = statistics.median(uncached)
    print(
        f"  reading and checking the files, uncached (files.load, in process, one core): "
        f"{loading:.2f} s, {loading / whole:.0%} of the uncached command's wall time; "
        f"{1e6 * loading / files:.0f} us a file"
    )
    for name, times in (("uncached", uncached), ("cached", cached)):
        figure = statistics.median(times)
        verdict = "under" if figure < 3 else "OVER"
        print(f"Target: the whole command under 3 s, {name}: {figure:.2f} s, {verdict} target.")


def _runs(command: list[str], runs: int, env: dict[str, str] | None) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shops", type=int, default=10_000)
    parser.add_argument("--scorers", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-files", action="store_true", help="in memory only")
    options = parser.parse_args()
    card = scorecard()
    n, k = options.shops, options.scorers
    criteria = len(card.criteria())
    print(f"{n:,} shops x {k} scorers on {card.id} ({criteria} criteria), median of {options.runs}")
    score_n, calibrate_n = measure(card, n, k, options.runs, options.seed)
    score_2n, calibrate_2n = measure(card, 2 * n, k, options.runs, options.seed)
    print(f"{'':22}{f'{n:,} shops':>14}{f'{2 * n:,} shops':>14}{'2N / N':>9}")
    rows = [
        ("score every scoring", score_n, score_2n),
        ("calibrate", calibrate_n, calibrate_2n),
        ("total", score_n + calibrate_n, score_2n + calibrate_2n),
    ]
    for name, first, second in rows:
        print(f"{name:22}{first:13.3f}s{second:13.3f}s{second / first:9.2f}")
    total = score_n + calibrate_n
    verdict = "under" if total < 3 else "OVER"
    print(f"Target: under 3 s in total for {n:,} shops: {total:.2f} s, {verdict} target.")
    if not options.no_files:
        measure_command(card, n, k, options.runs, options.seed)


if __name__ == "__main__":
    main()

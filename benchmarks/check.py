"""Per-file cost of reading and validating valid documents: shops and their scoring files.

    python benchmarks/check.py [--files 2000] [--runs 3] [--seed 7] [--profile]

Writes N shop files (`shops/<shop-id>.yaml`, a third with a `transcript: |`) and N scoring
files (`shops/<shop-id>/<scorer>.yaml`, ~25 lines, a few answers with comments) into a
temporary folder, as `sxt shop` writes them, then times per file, as the median of several
runs: load_file, schema.check (on loaded documents) and check_file (what `sxt validate` and
`sxt shop calibrate` pay), once with the fast paths (toolkit/core/fastyaml.py and
fastcheck.py) switched off ("before": libyaml's node graph and jsonschema for every file, as
sxt did before them) and once on ("after").

`sxt shop calibrate` reads 10,000 shops and 30,000 scorings; the last line extrapolates the
check_file figures to that. Target: ~100 us per valid file. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.core import schema
from toolkit.core.content import shipped_root
from toolkit.core.fastcheck import fast_paths
from toolkit.core.loader import Document, load_file
from toolkit.core.validation import check_file, forget_checked_files

SCORERS = ["Maya Okafor", "Jonas Weber", "Priya Raman", "Sam Lee", "Lena Fischer"]
SCENARIOS = ["Card declined at renewal", "Refund for a double charge", "Password reset loop"]
COMMENTS = [
    "Used my name but did not introduce herself.",
    'Said "Re-auth" and "T2" without explaining them.',
    "Closed the chat while I was still typing.",
    "Asked for the order number I had given the bot.",
]
TRANSCRIPT = [
    "Customer: Hi, my card was declined when the plan renewed.",
    "Agent: Hello Priya, sorry about that. Let me look at the account.",
    "Agent: The bank refused the charge: could you try another card?",
    "Customer: I did, same thing. Is it on your side?",
    "Agent: I see a 3-D Secure check that timed out. I have reset it; please try again.",
    "Customer: That worked, thanks!",
    "Agent: Great. Anything else I can help with today?",
]


def criteria() -> list[tuple[str, str, list[str]]]:
    """(section title, criterion id, possible answers) in the shipped chat/email scorecard."""
    card = load_file(shipped_root() / "checklists" / "chat-email.yaml").data
    found = []
    for section in card["sections"]:
        for criterion in section["criteria"]:
            kind = criterion.get("type", "yes-no")
            answers = {
                "yes-no": ["yes", "no"],
                "yes-partial-no": ["yes", "partial", "no"],
                "scale": ["1", "2", "3", "4", "5"],
                "points": ["0", "1", "2", "3"],
            }.get(kind, ["yes", "no"])
            if criterion.get("na_allowed"):
                answers.append("na")
            found.append((section["title"], criterion["id"], answers))
    return found


def shop_text(number: int, rng: random.Random) -> str:
    lines = [
        "# yaml-language-server: $schema=../.sxt/schemas/shop.schema.json",
        "# A mystery shop, scored against Chat and email (checklists/chat-email.yaml).",
        "# Add what the shopper saw as `transcript: |` (the text, indented below it) or",
        "# `transcript_link: https://...`. Score it in `sxt`, or with:",
        f"#   sxt shop score shops/shop-{number}.yaml --scorer NAME",
        "sxt: 1",
        "kind: shop",
        "scorecard: chat-email",
        f"scenario: {json.dumps(rng.choice(SCENARIOS))}",
        f"channel: {rng.choice(('chat', 'email'))}",
        f"date: 2026-{1 + number % 12:02d}-{1 + number % 28:02d}",
        f"persona: {json.dumps('Priya, office manager at a design studio')}",
        f"agent: {json.dumps(f'Agent {number % 40}')}",
        f'team: "Team {number % 5}"',
        "journey_step: first-billing-issue#agent-takes-over",
    ]
    if number % 3 == 0:
        lines += ["transcript: |", *(f"  {line}" for line in TRANSCRIPT)]
    else:
        lines.append(f"transcript_link: https://support.example/transcripts/shop-{number}")
    return "\n".join(lines) + "\n"


def scoring_text(number: int, scorer: int, card: list, rng: random.Random) -> str:
    name = SCORERS[scorer]
    lines = [
        "# yaml-language-server: $schema=../../.sxt/schemas/scoring.schema.json",
        f"# {name}'s answers to the mystery shop shops/shop-{number}.yaml.",
        "sxt: 1",
        "kind: scoring",
        f"scorer: {json.dumps(name)}",
    ]
    if scorer == 0:
        lines.append("benchmark: true")
    day = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
    lines += [f"date: {day}", f"submitted: {day}", "answers:"]
    section = None
    for title, criterion, answers in card:
        if title != section:
            lines.append(f"  # {title}")
            section = title
        answer = rng.choice(answers)
        if rng.random() < 0.1:
            lines += [
                f"  {criterion}:",
                f"    answer: {answer}",
                f"    comment: {json.dumps(rng.choice(COMMENTS))}",
            ]
        else:
            lines.append(f"  {criterion}: {answer}")
    return "\n".join(lines) + "\n"


def write_files(folder: Path, count: int, seed: int) -> tuple[list[Path], list[Path]]:
    rng = random.Random(seed)
    card = criteria()
    shops, scorings = [], []
    for number in range(count):
        shop = folder / "shops" / f"shop-{number}.yaml"
        shop.parent.mkdir(parents=True, exist_ok=True)
        shop.write_text(shop_text(number, rng), "utf-8")
        shops.append(shop)
        scorer = number % 3
        scoring = folder / "shops" / f"shop-{number // 3}" / f"scorer-{scorer}.yaml"
        scoring.parent.mkdir(parents=True, exist_ok=True)
        scoring.write_text(scoring_text(number // 3, scorer, card, rng), "utf-8")
        scorings.append(scoring)
    return shops, scorings


def per_file_us(action: Callable[[Path], object], paths: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        forget_checked_files()
        start = time.perf_counter()
        for path in paths:
            action(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) / len(paths) * 1e6


def measure(paths: list[Path], kind: str, runs: int) -> dict[str, float]:
    documents: dict[Path, Document] = {path: load_file(path) for path in paths}
    if any(schema.check(d, kind) for d in documents.values()):
        raise SystemExit(f"the generated {kind} files do not validate: fix write_files()")
    return {
        "load_file": per_file_us(load_file, paths, runs),
        "schema.check": per_file_us(lambda p: schema.check(documents[p], kind), paths, runs),
        "check_file": per_file_us(lambda p: check_file(p, p.name), paths, runs),
    }


def profile(paths: list[Path]) -> None:
    forget_checked_files()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        check_file(path, path.name)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2_000, help="files of each kind")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile check_file, fast on")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shops, scorings = write_files(Path(folder), options.files, options.seed)
        print(
            f"{options.files:,} shop and {options.files:,} scoring files, µs per file, "
            f"median of {options.runs} runs"
        )
        print(f"{'':14}{'':14}{'before':>10}{'after':>10}{'speed-up':>10}")
        totals = {}
        for kind, paths in (("shop", shops), ("scoring", scorings)):
            with fast_paths(False):
                before = measure(paths, kind, options.runs)
            with fast_paths(True):
                after = measure(paths, kind, options.runs)
            for name in before:
                ratio = before[name] / after[name]
                print(f"{kind:14}{name:14}{before[name]:10.0f}{after[name]:10.0f}{ratio:9.1f}x")
            totals[kind] = before["check_file"], after["check_file"]
        for label, index in (("before", 0), ("after", 1)):
            seconds = (10_000 * totals["shop"][index] + 30_000 * totals["scoring"][index]) / 1e6
            print(f"check_file on 10,000 shops + 30,000 scorings, {label}: {seconds:.2f} s")
        if options.profile:
            with fast_paths(True):
                profile(scorings)


if __name__ == "__main__":
    main()

"""Lint throughput: N realistic replies (~80 words, seeded) through the default PREACH guide,
and the same texts through proselint when it is installed, side by side in one run.

    python benchmarks/lint.py [--replies 10000] [--seed 7]
    pip install proselint   # only for the comparison; never a dependency of sxt

Prints replies/s and words/s, the growth from N to 2N (linear is ~2.0x), and the ratio to
proselint. Targets: 10,000 replies under 2 s, linear growth, at least 25x proselint's words/s.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.core.content import shipped_root
from toolkit.lint.engine import Options, lint
from toolkit.lint.guide import load_guide
from toolkit.lint.model import Reply, line_locator

OPENINGS = [
    "Hi {name},",
    "Hello {name},",
    "Dear valued customer,",
    "Hi {{{{ticket.requester.first_name}}}},",
    'Hi {{{{first_name | fallback: "there"}}}},',
]
SENTENCES = [
    "Thanks for getting in touch about your order.",
    "I have checked your account and the payment failed because the card on file expired.",
    "You can update the card from the billing page in a couple of minutes.",
    "Unfortunately the courier could not deliver the parcel yesterday.",
    "I'm sorry for the trouble this has caused you and your team.",
    "I have asked our engineers to look at the error you reported.",
    "We utilize a secure payment provider in order to keep your details safe.",
    "Please log in to your account and open the settings page.",
    "The login page may ask you for a two-factor code.",
    "PLEASE NOTE that refunds take up to five working days!",
    "Our team will get back to you shortly with an update.",
    "Your refund of 24 euros is on its way and should arrive by Friday.",
    "If anything is unclear, reply to this email and I'll pick it up.",
    "Great news, the feature you asked for is now live! 🎉",
    "Uh oh, it looks like something went wrong on our side.",
    "I will update you again tomorrow morning by ten.",
]
CLOSINGS = ["Thanks,\n{agent}", "Best,\n{agent}", "Have a lovely day,\n{agent}"]
NAMES = ["Priya", "Marco", "Sam", "Aiko", "Lena", "Tom", "Ana"]


def generate(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        body = []
        while sum(len(s.split()) for s in body) < 70:
            body.append(rng.choice(SENTENCES))
        name, agent = rng.choice(NAMES), rng.choice(NAMES)
        opening = rng.choice(OPENINGS).format(name=name)
        closing = rng.choice(CLOSINGS).format(agent=agent)
        texts.append("\n\n".join([opening, " ".join(body), closing]))
    return texts


def time_sxt(texts: list[str]) -> tuple[float, int]:
    guide = load_guide(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())
    replies = [
        Reply("bench.md", str(i), "Reply", text, line_locator(text, 1))
        for i, text in enumerate(texts)
    ]
    start = time.perf_counter()
    findings = sum(len(lint(reply, guide, Options()).findings) for reply in replies)
    return time.perf_counter() - start, findings


def time_cores(texts: list[str], jobs: int) -> float:
    """The engine on `jobs` processes, replies already in memory: the lint without the I/O."""
    from toolkit.lint.runner import lint_many

    guide = load_guide(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())
    replies = [
        Reply("bench.md", str(i), "Reply", text, line_locator(text, 1))
        for i, text in enumerate(texts)
    ]
    start = time.perf_counter()
    lint_many(replies, guide, Options(), jobs=jobs)
    return time.perf_counter() - start


def time_command(texts: list[str], jobs: int) -> float:
    """The real command, as a user runs it: `sxt lint FOLDER` on one Markdown file a reply,
    start-up, reading and output included."""
    command = Path(sys.executable).parent / "sxt"
    with tempfile.TemporaryDirectory() as folder:
        for index, text in enumerate(texts):
            Path(folder, f"reply-{index:05d}.md").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [str(command), "lint", folder, "--format", "json", "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start


def time_export(texts: list[str], jobs: int) -> float:
    """One help-desk export holding every reply (Zendesk macros JSON), the other shape a
    large run takes: read once, then linted in parts."""
    import json

    command = Path(sys.executable).parent / "sxt"
    macros = [
        {
            "id": index,
            "title": f"Macro {index}",
            "actions": [{"field": "comment_value", "value": text}],
        }
        for index, text in enumerate(texts)
    ]
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder, "macros.json")
        export.write_text(json.dumps({"macros": macros}), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [str(command), "lint", str(export), "--format", "json", "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start


def time_proselint(texts: list[str]) -> float | None:
    """proselint 0.16's API: register its checks once, then lint each text as a LintFile."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    start = time.perf_counter()
    for index, text in enumerate(texts):
        LintFile(f"reply-{index}.md", text).lint()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    n = arguments.replies
    texts = generate(2 * n, arguments.seed)
    words = sum(len(text.split()) for text in texts[:n])
    print(f"{n:,} replies, {words:,} words ({words / n:.0f} per reply), seed {arguments.seed}")
    seconds, findings = time_sxt(texts[:n])
    print(
        f"sxt       {seconds:6.2f} s  {n / seconds:9,.0f} replies/s"
        f"  {words / seconds:11,.0f} words/s  ({findings:,} findings,"
        f" {seconds / n * 1e6:.0f} µs a reply on one core)"
    )
    double, _ = time_sxt(texts)
    growth = double / seconds
    print(f"sxt 2N    {double:6.2f} s  growth {growth:.2f}x for 2x the replies (linear: 2.00x)")
    cores = os.cpu_count() or 1
    in_memory = time_cores(texts[:n], cores)
    print(
        f"sxt on {cores} cores {in_memory:6.2f} s  {n / in_memory:9,.0f} replies/s"
        f"  {words / in_memory:11,.0f} words/s  (the same replies, in memory)"
    )
    for jobs in sorted({1, cores}):
        elapsed = time_command(texts[:n], jobs)
        print(
            f"sxt lint FOLDER of {n:,} Markdown replies, --jobs {jobs}: {elapsed:6.2f} s"
            f"  {words / elapsed:11,.0f} words/s (start-up and reading included)"
        )
    command_rate = words / elapsed
    for jobs in sorted({1, cores}):
        elapsed = time_export(texts[:n], jobs)
        print(
            f"sxt lint on one Zendesk export of {n:,} macros, --jobs {jobs}: {elapsed:6.2f} s"
            f"  {words / elapsed:11,.0f} words/s (start-up and reading included)"
        )
    sample = texts[: min(n, 1_000)]
    sample_words = sum(len(text.split()) for text in sample)
    prose = time_proselint(sample)
    if prose is None:
        print("proselint not installed: pip install proselint for the comparison")
        return
    sxt_sample, _ = time_sxt(sample)
    ratio = (sample_words / sxt_sample) / (sample_words / prose)
    print(
        f"proselint {prose:6.2f} s for {len(sample):,} replies"
        f"  {sample_words / prose:11,.0f} words/s"
        f"  -> sxt is {ratio:.0f}x proselint's words/s on one core,"
        f" {words / in_memory / (sample_words / prose):.0f}x on {cores} cores,"
        f" and the sxt lint command (start-up and reading included)"
        f" {command_rate / (sample_words / prose):.0f}x"
    )


if __name__ == "__main__":
    main()

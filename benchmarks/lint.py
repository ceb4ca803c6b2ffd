"""Lint throughput: N realistic replies (~80 words, seeded) through the default PREACH guide,
and the same texts through proselint when it is installed, side by side in one run.

    python benchmarks/lint.py [--replies 10000] [--seed 7]
    python benchmarks/lint.py --whole [--sizes 3000 30000] [--memory 100000] [--peers DIR]
    pip install proselint   # only for the comparison; never a dependency of sxt

Prints replies/s and words/s, the growth from N to 2N (linear is ~2.0x), and the ratio to
proselint. Targets: 10,000 replies under 2 s, linear growth, at least 25x proselint's words/s.

`--whole` measures what users run, every figure a new process on the same files in one run:
`sxt lint FOLDER` of one Markdown file a reply beside each peer linting that folder (the
ratio of their times is the ratio of words/s, target >= 25x proselint at 3,000 and 30,000
replies); `sxt lint ONE.md`, what pre-commit runs per file, beside `python -c "import click,
yaml"` (target within 2x); and the peak memory of `sxt lint` on 100,000 replies (target under
500 MiB). Peers from the registries, installed on first use into --peers (npm): alex,
write-good and textlint (with its write-good and alex rules); proselint from PyPI. Vale has
no build these registries carry: its PyPI package downloads the binary from GitHub when first
run, which a machine that reaches only the registries cannot.
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


PEERS: dict[str, str] = {
    "proselint": "usage and style advice from editors' manuals: clichés, redundancy, jargon, "
    "hedging, gender bias, typography (PyPI, Python)",
    "alex": "insensitive and inconsiderate wording: gendered, ableist, profane words "
    "(npm, retext-equality and retext-profanities)",
    "write-good": "passive voice, weasel words, 'so' at the start, wordiness, clichés, "
    "repeated words, adverbs (npm)",
    "textlint": "a pluggable linter, here with its write-good and alex rules: the same checks "
    "as those two through textlint's Markdown parser (npm)",
}
"""What each peer checks, printed beside its figures: none of them checks a support reply's
tone, placeholders or next steps, so the ratio is of speed over the same words, not of
findings."""

LARGE_PEERS = ("proselint", "write-good")
"""The peers also timed on the large folder: alex and textlint take ten minutes there."""

NPM_PACKAGES = ["alex", "write-good", "textlint", "textlint-rule-write-good", "textlint-rule-alex"]


def peer_commands(peers: Path, folder: Path, files: list[Path]) -> dict[str, list[str]]:
    """Each installed peer's command over the folder (write-good takes files, not folders)."""
    binaries = peers / "node_modules" / ".bin"
    found: dict[str, list[str]] = {}
    proselint = Path(sys.executable).parent / "proselint"
    if proselint.exists():
        found["proselint"] = [str(proselint), "check", str(folder)]
    if (binaries / "alex").exists():
        found["alex"] = [str(binaries / "alex"), str(folder)]
    if (binaries / "write-good").exists():
        found["write-good"] = [str(binaries / "write-good"), *map(str, files)]
    if (binaries / "textlint").exists():
        found["textlint"] = [
            str(binaries / "textlint"),
            "--no-textlintrc",
            "--rule",
            "write-good",
            "--rule",
            "alex",
            str(folder),
        ]
    return found


def install_peers(peers: Path) -> None:
    """The npm peers into `peers`, once; a machine without npm compares with proselint only."""
    import shutil

    if (peers / "node_modules" / ".bin" / "textlint").exists() or not shutil.which("npm"):
        return
    peers.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(peers), *NPM_PACKAGES],
        stdout=subprocess.DEVNULL,
        check=False,
    )


def timed_process(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Seconds and peak resident MiB of one run of `command` as a new process."""
    import shutil

    timer = shutil.which("time") or "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        subprocess.run(
            [timer, "-f", "%M", "-o", rss.name, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            cwd=cwd,
        )
        took = time.perf_counter() - start
        return took, int(rss.read().strip().splitlines()[-1]) // 1024


def best_of(
    command: list[str], runs: int, cwd: Path | None = None, warm: bool = True
) -> tuple[float, int]:
    """The fastest of `runs` (after one that warms the OS cache, unless `warm` is False: the
    files were just read by another command): the figure least disturbed by whatever else
    the machine is doing."""
    if warm:
        timed_process(command, cwd)
    results = [timed_process(command, cwd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def write_folder(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"reply-{index:06d}.md" for index in range(len(texts))]
    for file, text in zip(files, texts, strict=True):
        file.write_text(text, encoding="utf-8")
    return files


def whole(arguments: argparse.Namespace) -> None:
    sxt = str(Path(sys.executable).parent / "sxt")
    install_peers(arguments.peers)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for size in arguments.sizes:
            texts = generate(size, arguments.seed)
            words = sum(len(text.split()) for text in texts)
            folder = root / f"replies-{size}"
            files = write_folder(folder, texts)
            print(f"{size:,} replies, {words:,} words, one Markdown file each")
            mine, peak = best_of([sxt, "lint", str(folder)], arguments.runs)
            print(f"  sxt lint FOLDER  {mine:7.2f} s  {words / mine:10,.0f} words/s  {peak} MiB")
            for name, command in peer_commands(arguments.peers, folder, files).items():
                if size > 5_000 and name not in LARGE_PEERS:
                    print(f"  {name:<15}  left out above 5,000 replies (minutes a run)")
                    continue
                # One run each: a peer's minute varies far less than sxt's tenths of a second.
                theirs, their_peak = best_of(command, 1, cwd=arguments.peers, warm=False)
                print(
                    f"  {name:<15}  {theirs:7.2f} s  {words / theirs:10,.0f} words/s  "
                    f"{their_peak} MiB  -> sxt is {theirs / mine:.1f}x  ({PEERS[name]})"
                )
        one = write_folder(root / "one", generate(1, arguments.seed))[0]
        mine, _ = best_of([sxt, "lint", str(one)], 20)
        floor, _ = best_of([sys.executable, "-c", "import click, yaml"], 20)
        print(
            f"one reply: sxt lint ONE.md {mine * 1000:.0f} ms, python -c 'import click, yaml' "
            f"{floor * 1000:.0f} ms: {mine / floor:.2f}x (target within 2x; best of 20)"
        )
        if arguments.memory:
            folder = root / "memory"
            write_folder(folder, generate(arguments.memory, arguments.seed))
            took, peak = timed_process([sxt, "lint", str(folder)])
            print(
                f"{arguments.memory:,} replies: sxt lint FOLDER {took:.2f} s, peak {peak} MiB "
                "(target under 500 MiB)"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--whole", action="store_true", help="whole commands, beside peers")
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 30_000])
    parser.add_argument("--memory", type=int, default=100_000, help="0: skip the memory run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--peers",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sxt-lint-peers",
        help="where the npm peers are installed",
    )
    arguments = parser.parse_args()
    if arguments.whole:
        whole(arguments)
        return
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

"""Linting many replies from many files: what `sxt lint` and the TUI's lint screen share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import starmap
from pathlib import Path

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import LoadError
from toolkit.core.parallel import can_fork, in_forks, split
from toolkit.lint.engine import Finding, Options, Result, lint
from toolkit.lint.guide import Guide, Guides
from toolkit.lint.model import Reply

REPLY_SUFFIXES = (".md", ".markdown", ".txt", ".yaml", ".yml", ".json", ".csv", ".tsv")


@dataclass(slots=True)
class Report:
    """What a run found, summarised as each reply is linted: the diagnostics in input order
    and the counts the summary prints. `results` (each reply with its findings, which --fix,
    --diff and the TUI need) are kept only when `keep_results`; without them a report is
    plain data that can come back from a worker process."""

    keep_results: bool = True
    results: list[Result] = field(default_factory=list)
    skipped: list[Reply] = field(default_factory=list)  # kept with the results
    findings: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # sources that could not be read
    files: int = 0
    replies: int = 0  # replies linted
    guides: Counter[str] = field(default_factory=Counter)  # guide title -> replies linted
    skipped_locales: Counter[str] = field(default_factory=Counter)  # locale -> replies skipped
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(rule code, the level it was found at) -> findings: a situation can raise a rule's
    level, so one rule may count at two levels in one run."""
    by_letter: Counter[str] = field(default_factory=Counter)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.problems, *self.findings]

    def add(self, result: Result, guide: Guide) -> None:
        self.replies += 1
        self.guides[guide.title] += 1
        self.findings += result.diagnostics()
        for finding in result.findings:
            self.by_rule[finding.rule.code, finding.level] += 1
            self.by_letter[finding.rule.letter] += 1
        if self.keep_results:
            self.results.append(result)

    def skip(self, reply: Reply, locale: str | None = None) -> None:
        """A reply no guide covers; `locale` is its own or the one its script tells."""
        self.skipped_locales[locale or reply.locale or "?"] += 1
        if self.keep_results:
            self.skipped.append(reply)

    def merge(self, other: Report) -> None:
        """Appends a later part of the same run (from a worker), keeping input order."""
        self.findings += other.findings
        self.problems += other.problems
        self.results += other.results
        self.skipped += other.skipped
        self.replies += other.replies
        for mine, theirs in (
            (self.guides, other.guides),
            (self.skipped_locales, other.skipped_locales),
            (self.by_letter, other.by_letter),
        ):
            mine.update(theirs)
        self.by_rule.update(other.by_rule)


def reply_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; inside folders, every file a reply can live in, hidden ones skipped."""
    from toolkit.core.workspace import walk

    files: list[Path] = []
    for path in paths:
        files += walk(path, REPLY_SUFFIXES) if path.is_dir() else [path]
    return files


def lint_replies(
    replies: Iterable[Reply], guides: Guide | Guides, options: Options, report: Report
) -> None:
    """Each reply with the guide of its locale (its own, else the one its script tells:
    toolkit.lint.language); a reply no guide covers is skipped, and counted, rather than
    judged by rules written for another language."""
    guides = Guides.of(guides)
    for reply in replies:
        guide, locale = guides.for_reply(reply)
        if guide is not None:
            report.add(lint(reply, guide, options), guide)
        else:
            report.skip(reply, locale)


PARALLEL_FILES = 64
"""Below this many files (or replies in one file, times 16) a second process costs more
than it saves."""


def lint_files(
    files: list[tuple[Path, str]],
    guides: Guide | Guides,
    options: Options,
    *,
    locale: str | None = None,
    columns: tuple[str, str] = ("title", "body"),
    keep_results: bool = True,
    jobs: int = 1,
) -> Report:
    """Lints every reply in `files` ((path, display) pairs); unreadable sources become
    diagnostics of their own rather than stopping the run. With `jobs` > 1 and no results
    to keep, a large run is split across processes; its report is the same as one process
    would give."""
    guides = Guides.of(guides)
    work = _Work(files, guides, options, locale, columns)
    # can_fork imports multiprocessing (6 ms): asked only where a second process may serve,
    # never on the one file a pre-commit hook passes.
    if jobs > 1 and not keep_results and len(files) >= PARALLEL_FILES and can_fork():
        return _in_parallel(work, len(files), jobs)
    if jobs > 1 and not keep_results and len(files) == 1:
        try:
            replies = _read(*files[0], locale, columns)
        except LoadError as error:
            return Report(keep_results=False, files=1, problems=list(error.diagnostics))
        return lint_many(replies, guides, options, jobs=jobs)
    report = Report(keep_results=keep_results, files=len(files))
    _lint_part(work, 0, len(files) if work.replies is None else len(work.replies), report)
    return report


def lint_many(
    replies: list[Reply],
    guides: Guide | Guides,
    options: Options,
    *,
    jobs: int = 1,
    keep_results: bool = False,
) -> Report:
    """Replies already read (one large export, --stdin, a benchmark), on `jobs` processes
    when there are enough of them to be worth it and no results need keeping."""
    guides = Guides.of(guides)
    if jobs > 1 and not keep_results and len(replies) >= PARALLEL_FILES * 16 and can_fork():
        work = _Work([], guides, options, None, ("title", "body"), replies)
        report = _in_parallel(work, len(replies), jobs)
    else:
        report = Report(keep_results=keep_results)
        lint_replies(replies, guides, options, report)
    report.files = 1
    return report


def _read(path: Path, display: str, locale: str | None, columns: tuple[str, str]) -> list[Reply]:
    from toolkit.lint.sources import read_replies

    return read_replies(path, display, locale=locale, columns=columns)


@dataclass(slots=True)
class _Work:
    files: list[tuple[Path, str]]
    guides: Guides
    options: Options
    locale: str | None
    columns: tuple[str, str]
    replies: list[Reply] | None = None  # one file's replies, read before the split


def _lint_part(work: _Work, start: int, end: int, report: Report) -> None:
    if work.replies is not None:
        lint_replies(work.replies[start:end], work.guides, work.options, report)
        return
    for path, display in work.files[start:end]:
        try:
            replies = _read(path, display, work.locale, work.columns)
        except LoadError as error:
            report.problems += error.diagnostics
            continue
        lint_replies(replies, work.guides, work.options, report)


_Columns = tuple[list[str], list[int | None], list[int | None], list[str], list[str], list[str]]
"""A worker's findings, column by column in Diagnostic's field order."""


def _pack(diagnostics: list[Diagnostic]) -> _Columns:
    """Findings as columns of plain values, each repeated string (a rule's code, a message
    that recurs from reply to reply) kept as one object, which pickle then sends once.
    The parent unpickles every worker's part alone, while the workers wait or compete with it
    for the cores: as dataclasses, the 31,000 findings of the 10,000-reply benchmark took it
    0.1 s, a sixth of a 2-core run; as columns, a third of that, mostly making the
    Diagnostics again."""
    same: dict[str, str] = {}
    one = same.setdefault
    return (
        [one(d.path, d.path) for d in diagnostics],
        [d.line for d in diagnostics],
        [d.col for d in diagnostics],
        [d.severity for d in diagnostics],
        [one(d.code, d.code) for d in diagnostics],
        [one(d.message, d.message) for d in diagnostics],
    )


def _unpack(columns: _Columns) -> list[Diagnostic]:
    return list(starmap(Diagnostic, zip(*columns, strict=True)))


def _worker(work: _Work, bounds: tuple[int, int]) -> tuple[Report, _Columns]:
    report = Report(keep_results=False)
    _lint_part(work, *bounds, report)
    findings, report.findings = report.findings, []
    return report, _pack(findings)


def _in_parallel(work: _Work, count: int, jobs: int) -> Report:
    """The parts on forked workers, which inherit the compiled guides (RE2) and replies
    (with their closures): those cannot be pickled, and need not be."""
    report = Report(keep_results=False, files=len(work.files))
    for part, findings in in_forks(partial(_worker, work), split(count, jobs), jobs):
        part.findings = _unpack(findings)
        report.merge(part)
    return report


def fixed_text(result: Result) -> str | None:
    """The reply's text with every substitution applied, or None when there is none. Fixes
    are applied from the end so earlier offsets stay valid; overlapping ones are skipped."""
    fixes = sorted((f for f in result.findings if f.replacement is not None), key=lambda f: f.start)
    if not fixes:
        return None
    kept: list[Finding] = []
    for finding in fixes:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    text = result.reply.text
    for finding in reversed(kept):
        text = text[: finding.start] + (finding.replacement or "") + text[finding.end :]
    return text

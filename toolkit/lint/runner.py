"""Linting many replies from many files: what `sxt lint` and the TUI's lint screen share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import LoadError
from toolkit.lint.engine import Finding, Options, Result, lint
from toolkit.lint.guide import Guide, Guides
from toolkit.lint.model import Reply

REPLY_SUFFIXES = (".md", ".yaml", ".yml", ".json", ".csv")


@dataclass(slots=True)
class Report:
    results: list[Result] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # sources that could not be read
    skipped: list[Reply] = field(default_factory=list)  # replies in a locale the guide lacks
    files: int = 0
    guides: Counter[str] = field(default_factory=Counter)  # guide title -> replies linted with it

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.problems, *(d for result in self.results for d in result.diagnostics())]

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """Findings per rule code and per letter, for --statistics and the summary."""
        by_rule: Counter[str] = Counter()
        by_letter: Counter[str] = Counter()
        for result in self.results:
            for finding in result.findings:
                by_rule[finding.rule.code] += 1
                by_letter[finding.rule.letter] += 1
        return by_rule, by_letter


def reply_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; inside folders, every file a reply can live in, hidden ones skipped."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix in REPLY_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    return files


def lint_replies(
    replies: Iterable[Reply], guides: Guide | Guides, options: Options, report: Report
) -> None:
    """Each reply with the guide of its locale; a reply no guide covers is skipped, and
    counted, rather than judged by rules written for another language."""
    guides = Guides.of(guides)
    for reply in replies:
        guide = guides.for_locale(reply.locale)
        if guide is not None:
            report.results.append(lint(reply, guide, options))
            report.guides[guide.title] += 1
        else:
            report.skipped.append(reply)


def lint_files(
    files: list[tuple[Path, str]],
    guides: Guide | Guides,
    options: Options,
    *,
    locale: str | None = None,
    columns: tuple[str, str] = ("title", "body"),
) -> Report:
    """Lints every reply in `files` ((path, display) pairs); unreadable sources become
    diagnostics of their own rather than stopping the run."""
    from toolkit.lint.sources import read_replies

    report = Report(files=len(files))
    guides = Guides.of(guides)
    for path, display in files:
        try:
            replies = read_replies(path, display, locale=locale, columns=columns)
        except LoadError as error:
            report.problems += error.diagnostics
            continue
        lint_replies(replies, guides, options, report)
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

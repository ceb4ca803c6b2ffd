"""The end of the audit wizard: the quarter's maturity index and completion, its warnings, and
how it compares with the quarters before, as a small chart.

Every figure comes from toolkit.audit (scoring.score through files.load, history.trend), the
same functions `sxt audit status` and `sxt audit trend` report from; this module only draws.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from toolkit.audit import figures
from toolkit.audit.files import AuditSet
from toolkit.audit.history import Trend, shown, trend
from toolkit.audit.report import assessed
from toolkit.audit.scoring import MAX_LEVEL, AuditScore
from toolkit.core.diagnostics import plural, printable

SPARKS = "▁▂▃▄▅"
"""Levels 0-4 as bar heights, one character per quarter."""
NO_LEVEL = "·"
"""A quarter where the item has no level (n/a, waived, inconclusive, not assessed)."""
BAR_WIDTH = 20
TITLE_WIDTH = 40

WARNING_STYLES = {
    "foundation": "yellow",
    "stale": "yellow",
    "overdue": "red",
    "waiver-expired": "red",
    "unknown-item": "dim",
}


def index_figure(index: float | None) -> str:
    """`2.25 of 4 (56%)`: the index on the checklist's scale and as a share of the top."""
    if index is None:
        return "- (nothing scored yet)"
    return figures.on_scale(index)


def headline(score: AuditScore) -> Text:
    states = Counter(item.assessment.state for item in score.items)
    answered = assessed(score)
    text = Text.assemble(
        (printable(f"{score.audit.quarter} · {score.checklist.title}") + "\n", "bold")
    )
    text.append("Maturity index ", style="bold")
    text.append(index_figure(score.index), style="bold green")
    text.append(" · completion ", style="bold")
    text.append(figures.percent(score.completion), style="bold")
    text.append(f" ({answered} of {plural(len(score.items), 'item')})")
    parts = [
        f"{states['scored']} scored",
        f"{states['na']} n/a",
        f"{states['waived']} waived",
        f"{states['inconclusive']} inconclusive",
        f"{states['missing']} not answered",
    ]
    text.append("\n" + ", ".join(parts), style="dim")
    return text


def warnings_text(score: AuditScore) -> Text:
    text = Text.assemble(("Warnings", "bold"))
    if not score.warnings:
        text.append("\n✓ none", style="green")
        return text
    for warning in score.warnings:
        text.append("\n! ", style=WARNING_STYLES.get(warning.code, ""))
        text.append(f"{warning.code:<15}", style=WARNING_STYLES.get(warning.code, ""))
        text.append(printable(warning.message))
    return text


def bar(index: float | None, width: int = BAR_WIDTH) -> Text:
    if index is None:
        return Text(NO_LEVEL * width, style="dim")
    filled = round(index / MAX_LEVEL * width)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def sparkline(levels: tuple[int | None, ...]) -> Text:
    text = Text()
    for level in levels:
        if level is None or not 0 <= level < len(SPARKS):
            text.append(NO_LEVEL, style="dim")
        else:
            text.append(SPARKS[level], style="cyan")
    return text


def clipped(title: str, width: int) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def trend_chart(history: Trend) -> Text:
    """Per quarter the index as a bar; per item one character per quarter, its height the
    level, and the latest answer with its change from the quarter before."""
    text = Text.assemble(("Trend", "bold"))
    if not history.quarters:
        text.append("\nno audits yet", style="dim")
        return text
    text.append(f" over {plural(len(history.quarters), 'quarter')}", style="bold")
    for quarter, index, completion in zip(
        history.quarters, history.index, history.completion, strict=True
    ):
        text.append(f"\n{quarter}  ")
        text.append_text(bar(index))
        text.append(
            f" {figures.index(index):>4}  {figures.percent(completion):>4} complete", style="dim"
        )
    width = min(max(len(row.item.title) for row in history.rows), TITLE_WIDTH)
    text.append(f"\n\n{'item':<{width}}  ", style="bold")
    text.append(f"{'levels':<{max(len(history.quarters), 6)}}  now", style="bold")
    for row in history.rows:
        text.append("\n" + printable(clipped(row.item.title, width)).ljust(width) + "  ")
        text.append_text(sparkline(row.levels))
        text.append(" " * (max(len(history.quarters), 6) - len(history.quarters) + 2))
        text.append(shown(row.assessments[-1]))
        delta = row.deltas[-1]
        if delta:
            text.append(f" ({delta:+d})", style="green" if delta > 0 else "red")
    text.append(f"\n{SPARKS[0]} 0 … {SPARKS[-1]} 4, {NO_LEVEL} no level", style="dim")
    return text


class AuditSummaryScreen(Screen[str]):
    """Dismissed with "back" (to the items) or "quit" (to the home screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "close('back')", "Back to the items"),
        Binding("left", "close('back')", "Back to the items", show=False),
        Binding("escape", "close('back')", "Back to the items", show=False),
        Binding("q", "close('quit')", "Done"),
    ]

    def __init__(self, audits: AuditSet, score: AuditScore) -> None:
        super().__init__()
        self.audits = audits
        self.score = score
        self.sub_title = f"Audit {score.audit.quarter}: summary"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(headline(self.score), id="summary-index", markup=False)
            yield Static(warnings_text(self.score), id="summary-warnings", markup=False)
            yield Static(trend_chart(trend(self.audits.scores)), id="summary-trend", markup=False)
        yield Footer()

    def action_close(self, result: str) -> None:
        self.dismiss(result)

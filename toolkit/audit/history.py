"""Quarters compared: the trend of every item, what changed between two quarters, and the
action items across all of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from toolkit.audit.model import Action, Assessment, ChecklistItem, Quarter
from toolkit.audit.scoring import AuditScore


def shown(assessment: Assessment) -> str:
    """A cell of a table: the level, or what stands in its place."""
    if assessment.level is not None:
        return str(assessment.level)
    return {"na": "n/a", "inconclusive": "?", "waived": "waived", "missing": "-"}[assessment.state]


@dataclass(frozen=True, slots=True)
class TrendRow:
    item: ChecklistItem
    assessments: tuple[Assessment, ...]  # one per quarter, oldest first

    @property
    def levels(self) -> tuple[int | None, ...]:
        return tuple(assessment.level for assessment in self.assessments)

    @property
    def deltas(self) -> tuple[int | None, ...]:
        """Change from the quarter before, where both are scored."""
        levels = self.levels
        return (
            None,
            *(
                after - before if after is not None and before is not None else None
                for before, after in pairwise(levels)
            ),
        )

    @property
    def change(self) -> int | None:
        """The movement over the whole span: the last scored level less the first, None
        until two quarters are scored."""
        scored = [level for level in self.levels if level is not None]
        return scored[-1] - scored[0] if len(scored) > 1 else None


@dataclass(frozen=True, slots=True)
class Trend:
    """One column per audit, oldest first. Read from git, a quarter edited in place has a
    column per version, and `dates` holds the day each version was committed; read from the
    workspace, `dates` is empty and every quarter appears once."""

    quarters: tuple[Quarter, ...]
    rows: tuple[TrendRow, ...]
    index: tuple[float | None, ...]
    completion: tuple[float, ...]
    dates: tuple[dt.date, ...] = ()

    def last(self, count: int) -> Trend:
        """Only the last `count` columns; the first of them has no delta, as if it began."""
        keep = slice(-count, None)
        return Trend(
            self.quarters[keep],
            tuple(TrendRow(row.item, row.assessments[keep]) for row in self.rows),
            self.index[keep],
            self.completion[keep],
            self.dates[keep],
        )


def trend(scores: Sequence[AuditScore], dates: Sequence[dt.date] | None = None) -> Trend:
    """Every item's level across the quarters, oldest first; the checklist of the newest
    audit decides the items and their order. `dates`, one per score, orders versions of the
    same quarter and labels them."""
    stamps: Sequence[dt.date | None] = dates if dates is not None else [None] * len(scores)
    columns = sorted(
        zip(scores, stamps, strict=True),
        key=lambda column: (column[0].audit.quarter, column[1] or dt.date.min),
    )
    if not columns:
        return Trend((), (), (), ())
    ordered = [score for score, _ in columns]
    items = ordered[-1].checklist.items
    rows = tuple(
        TrendRow(item, tuple(s.audit.assessment(item.id) for s in ordered)) for item in items
    )
    return Trend(
        quarters=tuple(s.audit.quarter for s in ordered),
        rows=rows,
        index=tuple(s.index for s in ordered),
        completion=tuple(s.completion for s in ordered),
        dates=tuple(date for _, date in columns if date is not None),
    )


@dataclass(frozen=True, slots=True)
class Change:
    item: ChecklistItem
    before: Assessment
    after: Assessment

    @property
    def delta(self) -> int | None:
        if self.before.level is None or self.after.level is None:
            return None
        return self.after.level - self.before.level

    @property
    def describe(self) -> str:
        parts = []
        if shown(self.before) != shown(self.after):
            parts.append(f"{shown(self.before)} -> {shown(self.after)}")
        added = len(self.after.evidence) - len([e for e in self.after.evidence if e.carried_from])
        if added:
            parts.append(f"{added} new evidence")
        opened = {a.title for a in self.after.actions} - {a.title for a in self.before.actions}
        closed = {a.title for a in self.after.actions if a.status != "open"} - {
            a.title for a in self.before.actions if a.status != "open"
        }
        if opened:
            parts.append(f"{len(opened)} new action{'s' * (len(opened) != 1)}")
        if closed:
            parts.append(f"{len(closed)} action{'s' * (len(closed) != 1)} closed")
        if self.before.owner != self.after.owner and self.after.owner:
            parts.append(f"owner {self.after.owner}")
        return ", ".join(parts)


def diff(before: AuditScore, after: AuditScore) -> list[Change]:
    """Items whose assessment differs between two quarters, in checklist order."""
    changes = []
    for item in after.checklist.items:
        change = Change(item, before.audit.assessment(item.id), after.audit.assessment(item.id))
        if change.describe:
            changes.append(change)
    return changes


@dataclass(frozen=True, slots=True)
class ActionItem:
    quarter: Quarter
    item_id: str
    action: Action

    def overdue(self, today: dt.date) -> bool:
        return self.action.overdue(today)


def actions(scores: list[AuditScore]) -> list[ActionItem]:
    """Every action item, as it stands in the latest quarter that lists it: an action carried
    forward from quarter to quarter appears once."""
    latest: dict[tuple[str, str], ActionItem] = {}
    for score in sorted(scores, key=lambda s: s.audit.quarter):
        for item_id, assessment in score.audit.assessments.items():
            for action in assessment.actions:
                latest[(item_id, action.title)] = ActionItem(score.audit.quarter, item_id, action)
    return sorted(
        latest.values(), key=lambda a: (a.action.due or dt.date.max, a.quarter, a.item_id)
    )

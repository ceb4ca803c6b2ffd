"""The quarterly audit as plain data: a checklist, an audit of one quarter, and quarters.

Built from documents the validation pipeline has already accepted, so nothing here re-checks
shapes; every function in toolkit.audit takes these and returns plain results.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path
from typing import Any, Literal

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")

Cadence = Literal["daily", "quarterly", "yearly"]
State = Literal["scored", "na", "inconclusive", "waived", "missing"]
"""`scored` has a level 0-4; `na`, `inconclusive` and `waived` are kept apart from a low score,
as InSpec and OpenSSF Scorecard keep 'not applicable' apart from 'failed'; `missing` is an item
the audit has not reached yet."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text)
        if match is None:
            raise ValueError(f"{text!r} is not a quarter such as '2026-Q4'")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def __lt__(self, other: Quarter) -> bool:
        return (self.year, self.number) < (other.year, other.number)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        following = self.next()
        return following.first_day - dt.timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    title: str
    why: str
    cadence: Cadence
    depends_on: tuple[str, ...]
    weight: float
    levels: dict[int, str]
    evidence_hints: tuple[str, ...]
    questions: tuple[str, ...]

    @property
    def name(self) -> str:
        """How a sentence names the item: 'machine learning', from the id."""
        return self.id.replace("-", " ")


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    scale: dict[int, str]
    items: tuple[ChecklistItem, ...]

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: Literal["link", "path", "note"]
    value: str
    date: dt.date | None = None
    carried_from: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    title: str
    status: Literal["open", "done", "dropped"]
    owner: str | None = None
    due: dt.date | None = None
    carried_from: str | None = None

    def overdue(self, on: dt.date) -> bool:
        """Still open on `on` although it was due before: done and dropped actions never are."""
        return self.status == "open" and self.due is not None and self.due < on


@dataclass(frozen=True, slots=True)
class Assessment:
    item_id: str
    state: State
    level: int | None = None
    reason: str | None = None
    waiver: tuple[str, dt.date] | None = None  # (justification, expires)
    owner: str | None = None
    notes: str | None = None
    evidence: tuple[Evidence, ...] = ()
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True, slots=True)
class Audit:
    quarter: Quarter
    checklist: str
    auditor: str | None
    date: dt.date | None
    assessments: dict[str, Assessment] = field(default_factory=dict)
    path: Path | None = None

    def assessment(self, item_id: str) -> Assessment:
        return self.assessments.get(item_id) or Assessment(item_id, "missing")


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def checklist_from(document_id: str, data: dict[str, Any]) -> Checklist:
    items = tuple(
        ChecklistItem(
            id=item["id"],
            title=item["title"],
            why=" ".join(item["why"].split()),
            cadence=item["cadence"],
            depends_on=tuple(item.get("depends_on", ())),
            weight=float(item.get("weight", 1)),
            levels={int(level): " ".join(text.split()) for level, text in item["levels"].items()},
            evidence_hints=tuple(item.get("evidence", ())),
            questions=tuple(item["questions"]),
        )
        for item in data["items"]
    )
    scale = {int(level): name for level, name in data["scale"].items()}
    return Checklist(document_id, data["title"], scale, items)


def assessment_from(item_id: str, data: dict[str, Any]) -> Assessment:
    level = data.get("level")
    if isinstance(level, int) and not isinstance(level, bool):
        state: State = "scored"
    elif level in ("na", "inconclusive", "waived"):
        state = level
        level = None
    else:
        state, level = "missing", None
    waiver = data.get("waiver")
    evidence = tuple(
        Evidence(
            kind=next(kind for kind in ("link", "path", "note") if kind in entry),
            value=next(entry[kind] for kind in ("link", "path", "note") if kind in entry),
            date=_date(entry.get("date")),
            carried_from=entry.get("carried_from"),
        )
        for entry in data.get("evidence", ())
    )
    actions = tuple(
        Action(
            title=entry["title"],
            status=entry["status"],
            owner=entry.get("owner"),
            due=_date(entry.get("due")),
            carried_from=entry.get("carried_from"),
        )
        for entry in data.get("actions", ())
    )
    return Assessment(
        item_id=item_id,
        state=state,
        level=level,
        reason=data.get("reason"),
        waiver=(waiver["justification"], dt.date.fromisoformat(waiver["expires"]))
        if waiver
        else None,
        owner=data.get("owner"),
        notes=data.get("notes"),
        evidence=evidence,
        actions=actions,
    )


def audit_from(data: dict[str, Any], path: Path | None = None) -> Audit:
    return Audit(
        quarter=Quarter.parse(data["quarter"]),
        checklist=data["checklist"],
        auditor=data.get("auditor"),
        date=_date(data.get("date")),
        assessments={
            item_id: assessment_from(item_id, entry or {})
            for item_id, entry in (data.get("items") or {}).items()
        },
        path=path,
    )

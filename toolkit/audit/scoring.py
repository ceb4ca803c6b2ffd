"""How an audit is scored. The rules, as `sxt audit --help` and the README state them:

- Each item has a level 0-4, or is `na`, `inconclusive` or `waived` (kept apart from a low
  score), or not assessed yet.
- The maturity index is the weighted mean of the scored items' levels (weights from the
  checklist, default 1), on the 0-4 scale; na, inconclusive, waived and unassessed items are
  left out of it. As a percentage: index / 4.
- Completion is the share of the checklist's items that are scored, na or waived under a
  waiver that has not expired (an inconclusive item still needs an answer, and an expired
  waiver counts as not assessed).
- Foundations first: an item scored higher than an item it depends on gets a warning, and
  so does an item scored above 0 whose foundation cannot be confirmed (na, inconclusive,
  waived or not assessed): leaving a weak foundation out must not hide the warning.
- Evidence older than the item's cadence (daily 1 day, quarterly 92, yearly 366), counted
  back from the audit's date (else the end of its quarter, or today if sooner), is stale. A
  waived item is not judged on its evidence: its waiver is what lapses.
- The change from the quarter before is the difference of the two indexes over the items
  scored in both, from exact values; the items that entered or left the scoring are named
  beside it, since comparing different sets of items says nothing about either.
- An open action past its due date is overdue; a waiver past its expiry has expired. Both
  are judged as of today while the audit's quarter runs, and as of its last day once it is
  over: a past quarter's report shows what was overdue then, not what was closed since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from toolkit.audit.model import Assessment, Audit, Checklist, ChecklistItem

MAX_LEVEL = 4
CADENCE_DAYS = {"daily": 1, "quarterly": 92, "yearly": 366}

WarningCode = Literal["foundation", "stale", "overdue", "waiver-expired", "unknown-item"]


@dataclass(frozen=True, slots=True)
class Warning:
    item_id: str
    code: WarningCode
    message: str


@dataclass(frozen=True, slots=True)
class ItemScore:
    item: ChecklistItem
    assessment: Assessment

    @property
    def level(self) -> int | None:
        return self.assessment.level


@dataclass(frozen=True, slots=True)
class AuditScore:
    audit: Audit
    checklist: Checklist
    items: tuple[ItemScore, ...]
    index: float | None  # 0-4, None when nothing is scored yet
    completion: float  # 0-1
    warnings: tuple[Warning, ...]
    as_of: dt.date  # the day waivers and due dates were judged on (`as_of`)

    @property
    def index_percent(self) -> float | None:
        return None if self.index is None else 100 * self.index / MAX_LEVEL

    def item(self, item_id: str) -> ItemScore | None:
        return next((score for score in self.items if score.item.id == item_id), None)


def reference_date(audit: Audit, today: dt.date) -> dt.date:
    """The day the audit speaks for: its own date, else the end of its quarter or today."""
    return audit.date or min(audit.quarter.last_day, today)


def as_of(audit: Audit, today: dt.date) -> dt.date:
    """The day due dates and waivers are judged on: today, or the last day of a past quarter
    (the next quarter's audit says what happened to its actions after that)."""
    return min(today, audit.quarter.last_day)


def maturity_index(scores: tuple[ItemScore, ...]) -> float | None:
    scored = [(score.item.weight, score.level) for score in scores if score.level is not None]
    total = sum(weight for weight, _ in scored)
    if not total:
        return None
    return sum(weight * level for weight, level in scored) / total


def completion(scores: tuple[ItemScore, ...], on: dt.date) -> float:
    if not scores:
        return 0.0
    return sum(is_answered(score.assessment, on) for score in scores) / len(scores)


def is_answered(assessment: Assessment, on: dt.date) -> bool:
    """Whether the item is answered on `on`: scored, na, or waived under a live waiver."""
    if assessment.state == "waived":
        return not waiver_expired(assessment, on)
    return assessment.state in ("scored", "na")


def waiver_expired(assessment: Assessment, on: dt.date) -> bool:
    return (
        assessment.state == "waived" and assessment.waiver is not None and assessment.waiver[1] < on
    )


def score(audit: Audit, checklist: Checklist, today: dt.date) -> AuditScore:
    scores = tuple(ItemScore(item, audit.assessment(item.id)) for item in checklist.items)
    due_on = as_of(audit, today)
    warnings = [
        *_foundations(scores, checklist),
        *_stale(scores, reference_date(audit, today)),
        *_overdue(scores, due_on),
        *_expired(scores, due_on),
        *(
            Warning(item_id, "unknown-item", f"{item_id} is not an item of {checklist.id}")
            for item_id in audit.assessments
            if checklist.item(item_id) is None
        ),
    ]
    return AuditScore(
        audit,
        checklist,
        scores,
        maturity_index(scores),
        completion(scores, due_on),
        tuple(warnings),
        due_on,
    )


_UNCONFIRMED = {
    "na": "not applicable",
    "inconclusive": "inconclusive",
    "waived": "waived",
    "missing": "not assessed",
}
"""How a foundation with no level is named in the warning that it cannot be confirmed."""


def _foundations(scores: tuple[ItemScore, ...], checklist: Checklist) -> list[Warning]:
    by_id = {score.item.id: score for score in scores}
    warnings = []
    for score_ in scores:
        if score_.level is None:
            continue
        for dependency in score_.item.depends_on:
            found = by_id.get(dependency)
            if found is None:
                continue  # not an item of this checklist: the checklist's own check says so
            name = found.item.name
            if found.level is not None and found.level < score_.level:
                why = f"{name} is at {found.level}: build the foundation first"
            elif found.level is None and score_.level > 0:
                state = _UNCONFIRMED[found.assessment.state]
                why = f"{name} is {state}, so the foundation cannot be confirmed: assess it"
            else:
                continue
            warnings.append(
                Warning(
                    score_.item.id,
                    "foundation",
                    f"{score_.item.name} is at {score_.level} while {why}",
                )
            )
    return warnings


def _stale(scores: tuple[ItemScore, ...], on: dt.date) -> list[Warning]:
    warnings = []
    for score_ in scores:
        dates = [evidence.date for evidence in score_.assessment.evidence if evidence.date]
        if not dates or score_.assessment.state == "waived":
            continue
        newest = max(dates)
        limit = CADENCE_DAYS[score_.item.cadence]
        age = (on - newest).days
        if age > limit:
            warnings.append(
                Warning(
                    score_.item.id,
                    "stale",
                    f"{score_.item.name}: the newest evidence is {age} days old ({newest}), "
                    f"older than its {score_.item.cadence} cadence",
                )
            )
    return warnings


def _overdue(scores: tuple[ItemScore, ...], on: dt.date) -> list[Warning]:
    return [
        Warning(
            score_.item.id,
            "overdue",
            f"{score_.item.name}: action {action.title!r}"
            f"{f' ({action.owner})' if action.owner else ''} was due {action.due}",
        )
        for score_ in scores
        for action in score_.assessment.actions
        if action.overdue(on)
    ]


def _expired(scores: tuple[ItemScore, ...], on: dt.date) -> list[Warning]:
    return [
        Warning(
            score_.item.id,
            "waiver-expired",
            f"{score_.item.name}: the waiver expired on {waiver[1]}; assess the item again",
        )
        for score_ in scores
        if (waiver := score_.assessment.waiver) is not None
        and waiver_expired(score_.assessment, on)
    ]


@dataclass(frozen=True, slots=True)
class IndexChange:
    """The index's move between two quarters, like for like."""

    change: float | None  # exact; None when no item is scored in both
    compared: tuple[str, ...]  # the items scored in both quarters
    entered: tuple[str, ...]  # scored now, not before
    left: tuple[str, ...]  # scored before, not now


def index_change(before: AuditScore, after: AuditScore) -> IndexChange:
    scored_before = {s.item.id for s in before.items if s.level is not None}
    scored_after = [s.item.id for s in after.items if s.level is not None]
    compared = tuple(item for item in scored_after if item in scored_before)
    old = maturity_index(tuple(s for s in before.items if s.item.id in compared))
    new = maturity_index(tuple(s for s in after.items if s.item.id in compared))
    return IndexChange(
        None if old is None or new is None else new - old,
        compared,
        tuple(item for item in scored_after if item not in scored_before),
        tuple(s.item.id for s in before.items if s.item.id in scored_before - set(scored_after)),
    )

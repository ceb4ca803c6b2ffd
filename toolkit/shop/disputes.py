"""Disputes: an agent appeals one criterion of a shop's score, a reviewer or arbitrator
settles it, and the history stays in the file.

Each dispute is a file of its own, shops/<shop>/disputes/<criterion>.yaml, so two agents'
appeals, or an appeal and a new scoring, never touch the same file. Its state is its last
event: open (no event yet, or `reopened`), `accepted` (the agent is right: the shop counts the
answer they asked for, by default the criterion's best), `partial` (a new answer in
between, given by the reviewer) or `rejected` (the scorers' answers stand).

An accepted or partly accepted dispute changes what the shop *counts*: `sxt shop report`
and the journey map score the shop with the settled answer in place of every scorer's
answer to that criterion. Calibration never does: it measures how the scorers agreed, and
their answers are what they said.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.shop.model import Answer, Criterion, Dispute, Shop

OUTCOMES = {"accept": "accepted", "partial": "partial", "reject": "rejected"}


class DisputeError(Exception):
    """A dispute or resolution that cannot be recorded as asked; the message says why."""


def dispute_path(shop_path: Path, criterion_id: str) -> Path:
    return shop_path.with_suffix("") / "disputes" / f"{criterion_id}.yaml"


def best(criterion: Criterion) -> Answer:
    return max(criterion.choices(), key=criterion.normalised)


def settled(shop: Shop) -> Shop:
    """The shop with every accepted or partly accepted dispute's answer in place of each
    scorer's answer to that criterion: the shop as a report counts it."""
    changes = {d.criterion: d.answer for d in shop.disputes if d.answer is not None}
    if not changes:
        return shop
    scorings = tuple(
        replace(
            scoring,
            answers={key: changes.get(key, value) for key, value in scoring.answers.items()},
        )
        for scoring in shop.scorings
    )
    return replace(shop, scorings=scorings)


def dispute_text(
    relative: Path, criterion: Criterion, by: str, reason: str, today: dt.date, wants: Answer | None
) -> str:
    from toolkit.core.scaffold import modeline
    from toolkit.shop.files import quoted

    lines = [
        modeline(relative, "dispute").rstrip("\n"),
        f"# A dispute of {' '.join(criterion.title.split())}: resolve it with",
        f"#   sxt shop resolve {relative.parent.parent.name} --criterion {criterion.id} "
        "accept|partial --answer X|reject",
        "sxt: 1",
        "kind: dispute",
        f"criterion: {criterion.id}",
        f"by: {quoted(by)}",
        f"opened: {today.isoformat()}",
        f"reason: {quoted(reason)}",
    ]
    if wants is not None:
        lines.append(f"wants: {wants}")
    return "\n".join(lines) + "\n"


def open_dispute(
    shop: Shop,
    criterion: Criterion,
    by: str,
    reason: str,
    today: dt.date,
    wants: Answer | None,
    root: Path,
) -> Path:
    """Writes a new dispute, or reopens a settled one (its history grows; nothing is
    replaced). An open dispute of the same criterion is an error."""
    from toolkit.core.store import write_text
    from toolkit.shop.files import checked_text

    assert shop.path is not None
    if not reason.strip():
        raise DisputeError("the reason is empty: say what the score got wrong")
    if not criterion.applies_to(shop.channel):
        raise DisputeError(f"{criterion.id} is not scored on {shop.channel} shops")
    existing = next((d for d in shop.disputes if d.criterion == criterion.id), None)
    path = dispute_path(shop.path, criterion.id)
    if existing is None:
        if path.exists():
            raise DisputeError(
                f"{path.relative_to(root).as_posix()} exists but has errors: fix it first "
                "(see `sxt validate`)"
            )
        relative = path.relative_to(root)
        text = dispute_text(relative, criterion, by, reason, today, wants)
        write_text(path, checked_text(text, relative.as_posix(), "dispute"))
        return path
    if existing.state == "open":
        raise DisputeError(
            f"{criterion.id} is disputed already (by {existing.by}, "
            f"{existing.opened.isoformat()}) and not resolved yet"
        )
    _add_event(path, {"date": today, "by": by, "outcome": "reopened", "note": reason})
    return path


def resolve(
    shop: Shop,
    criterion: Criterion,
    outcome: str,
    by: str,
    today: dt.date,
    answer: Answer | None,
    note: str | None,
) -> tuple[Path, Dispute]:
    """Records the outcome of the criterion's open dispute: accept (the answer asked for, or
    `answer`), partial (`answer`, required) or reject. The author of a dispute cannot settle
    it."""
    from toolkit.core.identity import same_person

    dispute = next((d for d in shop.disputes if d.criterion == criterion.id), None)
    if dispute is None or dispute.path is None:
        raise DisputeError(f"nobody disputes {criterion.id} on this shop")
    if dispute.state != "open":
        raise DisputeError(
            f"the dispute of {criterion.id} was {dispute.state} on "
            f"{dispute.resolved.isoformat() if dispute.resolved else '?'}; "
            "`sxt shop dispute` reopens it"
        )
    if same_person(dispute.by, by):
        raise DisputeError(
            f"{by} opened this dispute: a reviewer or arbitrator resolves it (--by NAME)"
        )
    named = OUTCOMES[outcome]
    if named == "partial" and answer is None:
        raise DisputeError("partial needs the new answer: --answer X")
    if named == "rejected" and answer is not None:
        raise DisputeError("reject keeps the scorers' answers: leave out --answer")
    if named == "accepted" and answer is None:
        answer = dispute.wants if dispute.wants is not None else best(criterion)
    event: dict[str, object] = {"date": today, "by": by, "outcome": named}
    if answer is not None:
        event["answer"] = answer
    if note:
        event["note"] = note
    _add_event(dispute.path, event)
    return dispute.path, dispute


def _add_event(path: Path, event: dict[str, object]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from toolkit.core.store import edit
    from toolkit.core.yaml_edit import insert, put

    keys = ("sxt", "kind", "criterion", "by", "opened", "reason", "wants", "history")
    entry = CommentedMap(event)
    with edit(path) as data:
        history = data.get("history")
        if isinstance(history, CommentedSeq) and history:
            insert(history, len(history), None, entry)
        else:
            put(data, "history", CommentedSeq([entry]), keys)


@dataclass(frozen=True, slots=True)
class CriterionDisputes:
    criterion: str
    total: int
    open: int
    accepted: int  # accepted or partly accepted
    rejected: int

    @property
    def accepted_share(self) -> float | None:
        settled_ = self.accepted + self.rejected
        return self.accepted / settled_ if settled_ else None


@dataclass(frozen=True, slots=True)
class DisputeSummary:
    """What the report says of disputes: how many are open, the share upheld per criterion
    (accepted and partial over every settled one), and the days from opening to the last
    outcome of each settled dispute (median and the longest)."""

    disputes: tuple[Dispute, ...]
    by_criterion: tuple[CriterionDisputes, ...]
    median_days: float | None
    longest_days: int | None

    @property
    def open(self) -> int:
        return sum(d.state == "open" for d in self.disputes)


def summary(shops: Sequence[Shop]) -> DisputeSummary:
    disputes = tuple(d for shop in shops for d in shop.disputes)
    by: dict[str, list[Dispute]] = {}
    for dispute in disputes:
        by.setdefault(dispute.criterion, []).append(dispute)
    rows = tuple(
        CriterionDisputes(
            criterion,
            len(found),
            sum(d.state == "open" for d in found),
            sum(d.state in ("accepted", "partial") for d in found),
            sum(d.state == "rejected" for d in found),
        )
        for criterion, found in sorted(by.items())
    )
    days = [(d.resolved - d.opened).days for d in disputes if d.resolved is not None]
    return DisputeSummary(
        disputes,
        rows,
        statistics.median(days) if days else None,
        max(days) if days else None,
    )

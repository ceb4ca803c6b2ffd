"""Calibration sessions: which shops a group scores blind, by when, and who has submitted.

A session is a file, calibration/<id>.yaml, written by whoever runs the round (`sxt shop
session new`) and closed by them (`sxt shop session close`); scorers never edit it, so their
branches never touch it. What blindness means while it is open is in toolkit.shop.blind.
Status is counted from the scoring files, never from the answers in them: anyone may see who
has submitted, nobody sees what they answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from toolkit.core.identity import same_person
from toolkit.shop.files import SESSIONS
from toolkit.shop.model import Scorecard, Session, Shop

Progress = Literal["submitted", "draft", "not started"]


class SessionError(Exception):
    """A session that cannot be written as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class Seat:
    """One scorer's progress on one shop of a session."""

    shop: str
    scorer: str
    progress: Progress
    answered: int
    asked: int
    submitted: dt.date | None
    benchmark: bool


def status(session: Session, shops: dict[str, Shop], cards: dict[str, Scorecard]) -> list[Seat]:
    """Every (shop, scorer) of the session, the benchmark included, in the session's order.
    `shops` must be the shops whole (ShopSet.everything): counting needs every scoring."""
    people = list(session.scorers)
    if session.benchmark and not any(same_person(session.benchmark, p) for p in people):
        people.append(session.benchmark)
    seats = []
    for shop_id in session.shops:
        shop = shops.get(shop_id)
        card = cards.get(shop.scorecard) if shop else None
        asked = sum(c.applies_to(shop.channel) for _, c in card.criteria()) if shop and card else 0
        for person in people:
            scoring = next(
                (s for s in (shop.scorings if shop else ()) if same_person(s.scorer, person)), None
            )
            is_benchmark = bool(session.benchmark and same_person(session.benchmark, person))
            if scoring is None:
                seats.append(Seat(shop_id, person, "not started", 0, asked, None, is_benchmark))
                continue
            progress: Progress = "submitted" if scoring.is_submitted else "draft"
            when = scoring.submitted or (scoring.date if scoring.path is None else None)
            seats.append(
                Seat(
                    shop_id,
                    scoring.scorer,
                    progress,
                    len(scoring.answers),
                    asked,
                    when,
                    is_benchmark,
                )
            )
    return seats


def session_text(session: Session, relative: Path) -> str:
    from toolkit.core.scaffold import modeline
    from toolkit.shop.files import quoted

    lines = [
        modeline(relative, "calibration-session").rstrip("\n"),
        "# A blind calibration round: until it is closed, sxt shows nobody the other scorers'",
        "# answers or the benchmark's score of these shops before they submit their own.",
        f"# Progress: sxt shop session status; close it: sxt shop session close {session.id}",
        "sxt: 1",
        "kind: calibration-session",
    ]
    if session.title:
        lines.append(f"title: {quoted(session.title)}")
    lines.append(f"opened: {session.opened.isoformat()}")
    if session.due:
        lines.append(f"due: {session.due.isoformat()}")
    lines.append("shops:")
    lines += [f"  - {shop}" for shop in session.shops]
    lines.append("scorers:")
    lines += [f"  - {quoted(scorer)}" for scorer in session.scorers]
    if session.benchmark:
        lines.append(f"benchmark: {quoted(session.benchmark)}")
    return "\n".join(lines) + "\n"


def create(root: Path, session: Session, existing: Sequence[Session]) -> Path:
    """Writes calibration/<id>.yaml; never over another session, and never a shop that an
    open session holds already (it would be blind twice, and closing one would unblind it)."""
    from toolkit.core.store import write_text
    from toolkit.shop.files import checked_text

    path = root / SESSIONS / f"{session.id}.yaml"
    if path.exists():
        raise SessionError(f"{SESSIONS}/{session.id}.yaml exists already: choose another --id")
    for other in existing:
        taken = [shop for shop in session.shops if other.is_open and shop in other.shops]
        if taken:
            raise SessionError(
                f"{', '.join(taken)} {'is' if len(taken) == 1 else 'are'} in open session "
                f"{other.id} already: close it first (`sxt shop session close {other.id}`)"
            )
    if session.due is not None and session.due < session.opened:
        raise SessionError(
            f"due {session.due.isoformat()} is before today, {session.opened.isoformat()}"
        )
    relative = path.relative_to(root)
    text = session_text(session, relative)
    write_text(path, checked_text(text, relative.as_posix(), "calibration-session"))
    return path


def close(session: Session, today: dt.date) -> None:
    from toolkit.core.store import edit
    from toolkit.core.yaml_edit import put

    if session.path is None:
        raise SessionError(f"session {session.id} has no file")
    if not session.is_open:
        raise SessionError(
            f"session {session.id} was closed on {session.closed.isoformat()} already"  # type: ignore[union-attr]
        )
    keys = ("sxt", "kind", "title", "opened", "due", "closed", "shops", "scorers", "benchmark")
    with edit(session.path) as data:
        put(data, "closed", today, keys)

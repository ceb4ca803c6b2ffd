"""Blind calibration: what a person may see of a shop while a calibration session is open.

Calibration measures whether scorers agree when each judges alone; a scorer who has seen a
peer's answers or the benchmark's score measures copying instead. So QA tools show peers'
scores only after you submit your own, and so does every sxt view built on
toolkit.shop.files.load (the report, calibrate, the journey map, the terminal app):

- a shop in no open session is shown whole;
- in an open session, a person who has not submitted the shop sees only their own scoring
  (drafts included) and nobody else's, the benchmark's neither;
- a person who has submitted sees their own and every other submitted scoring (a peer's
  unsubmitted draft stays hidden until the session closes: it is not an answer yet);
- once the session is closed, everyone sees everything.

A person unknown to sxt (no --scorer, SXT_SCORER or git user name) has submitted nothing.
This keeps sxt's views blind; it is not secrecy: the files are in git, and anyone who opens
them reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from toolkit.core.identity import same_person
from toolkit.shop.model import Session, Shop


def open_session(shop_id: str, sessions: Sequence[Session]) -> Session | None:
    return next((s for s in sessions if s.is_open and shop_id in s.shops), None)


def visible(
    shop: Shop, sessions: Sequence[Session], viewer: str | None
) -> tuple[Shop, Session | None]:
    """The shop as `viewer` may see it, and the open session that hides part of it from
    them (None when they see every scoring there is to see)."""
    session = open_session(shop.id, sessions)
    if session is None:
        return shop, None
    own = [s for s in shop.scorings if viewer is not None and same_person(s.scorer, viewer)]
    if own and all(s.is_submitted for s in own):
        shown = tuple(s for s in shop.scorings if s in own or s.is_submitted)
        return replace(shop, scorings=shown), None
    return replace(shop, scorings=tuple(own)), session

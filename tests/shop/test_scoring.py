"""The scoring formula on hand-computed shops: every rule, and rules in combination."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.shop.model import Scoring, Shop, scorecard_from
from toolkit.shop.scoring import score

CARD = scorecard_from(
    "test-card",
    {
        "title": "Test card",
        "pass_mark": 80,
        "sections": [
            {
                "id": "a",
                "title": "A",
                "weight": 3,
                "criteria": [
                    {"id": "a1", "title": "yes/no", "type": "yes-no"},
                    {"id": "a2", "title": "partial", "type": "yes-partial-no", "na_allowed": True},
                    {"id": "a3", "title": "scale", "type": "scale", "weight": 2},
                    {"id": "a4", "title": "bonus", "type": "yes-no", "bonus": True},
                ],
            },
            {
                "id": "b",
                "title": "B",
                "weight": 1,
                "criteria": [
                    {"id": "b1", "title": "points", "type": "points", "points": 4},
                    {
                        "id": "b2",
                        "title": "critical section",
                        "type": "yes-no",
                        "critical": "fail-section",
                    },
                    {"id": "b3", "title": "critical all", "type": "yes-no", "critical": "fail-all"},
                    {"id": "b4", "title": "chat only", "type": "yes-no", "channels": ["chat"]},
                ],
            },
        ],
    },
)

BEST = {
    "a1": "yes",
    "a2": "yes",
    "a3": 5,
    "a4": "yes",
    "b1": 4,
    "b2": "yes",
    "b3": "yes",
    "b4": "yes",
}


def scored(answers: dict, channel: str = "email"):
    shop = Shop("s", "test-card", "scenario", channel, dt.date(2026, 11, 2))
    return score(shop, CARD, Scoring("ana", answers))


CASES = [
    # (name, answers, channel, shop score, section A, section B, passed)
    ("all best", BEST, "email", 1.0, 1.0, 1.0, True),
    # A = (0 + 0.5 + 2*(3-1)/4) / (1+1+2) = 1.5/4 = .375 (bonus a4 "no" adds 0)
    # B = (2/4 + 1 + 1) / 3 = .8333 (b4 is for chat: not counted on email)
    # shop = (3*.375 + 1*.8333) / 4 = .48958
    (
        "mixed",
        {**BEST, "a1": "no", "a2": "partial", "a3": 3, "a4": "no", "b1": 2},
        "email",
        (3 * 0.375 + 2.5 / 3) / 4,
        0.375,
        2.5 / 3,
        False,
    ),
    # N/A leaves the denominator: A = (0 + 2*1 + 0) / (1+2) = .6667, not (0+0+2)/4
    (
        "na",
        {**BEST, "a1": "no", "a2": "na", "a4": "no"},
        "email",
        (3 * 2 / 3 + 1) / 4,
        2 / 3,
        1.0,
        False,
    ),
    # bonus adds to the numerator only and the section is capped: (1+1+2+1)/4 = 1.25 -> 1
    ("bonus capped", BEST, "chat", 1.0, 1.0, 1.0, True),
    # bonus lifts a section: A = (0 + 1 + 2 + 1) / 4 = 1.0
    ("bonus lifts", {**BEST, "a1": "no"}, "email", 1.0, 1.0, 1.0, True),
    # a failed fail-section criterion zeroes its section: shop = (3*1 + 1*0) / 4 = .75
    ("fail-section", {**BEST, "b2": "no"}, "email", 0.75, 1.0, 0.0, False),
    # a failed fail-all criterion zeroes the shop, whatever else
    ("fail-all", {**BEST, "b3": "no"}, "email", 0.0, 1.0, 2 / 3, False),
    # both: fail-all wins
    ("fail-section and fail-all", {**BEST, "b2": "no", "b3": "no"}, "email", 0.0, 1.0, 0.0, False),
    # the chat-only criterion counts on chat: B = (1 + 1 + 1 + 0) / 4 = .75; shop = (3 + .75)/4
    ("channel", {**BEST, "b4": "no"}, "chat", 3.75 / 4, 1.0, 0.75, True),
    # unanswered criteria leave the denominator and are listed: A = (1 + 1 + 1)/(1+1) capped 1
    ("unanswered", {k: v for k, v in BEST.items() if k != "a3"}, "email", 1.0, 1.0, 1.0, True),
    # a section with nothing scored drops out of the shop's weights: shop = B = 1
    ("empty section", {"b1": 4, "b2": "yes", "b3": "yes"}, "email", 1.0, None, 1.0, True),
    # the pass mark is 80%: A = (1 + .5 + 2*.5 + 0)/4 = .625, shop = (3*.625 + 1)/4 = .71875: fails
    (
        "under the pass mark",
        {**BEST, "a2": "partial", "a3": 3, "a4": "no"},
        "email",
        0.71875,
        0.625,
        1.0,
        False,
    ),
    # A = (1 + 1 + 2*.5 + 0)/4 = .75, shop = (3*.75 + 1)/4 = .8125: passes
    ("over the pass mark", {**BEST, "a3": 3, "a4": "no"}, "email", 0.8125, 0.75, 1.0, True),
]


@pytest.mark.parametrize(
    ("name", "answers", "channel", "total", "a", "b", "passed"), CASES, ids=[c[0] for c in CASES]
)
def test_hand_computed_shops(name, answers, channel, total, a, b, passed) -> None:
    result = scored(answers, channel)
    assert result.score == pytest.approx(total)
    sections = {s.section.id: s.score for s in result.sections}
    assert sections["a"] == (pytest.approx(a) if a is not None else None)
    assert sections["b"] == pytest.approx(b)
    assert result.passed is passed


def test_unanswered_and_critical_fails_are_listed() -> None:
    result = scored(
        {k: v for k, v in BEST.items() if k not in ("a3", "b4")} | {"b2": "no", "b3": "no"}, "chat"
    )
    assert result.unanswered == ("a3", "b4")
    assert [c.id for c in result.critical_fails] == ["b2", "b3"]


def test_normalisation() -> None:
    scale = CARD.criterion("a3")
    points = CARD.criterion("b1")
    assert [scale.normalised(v) for v in (1, 2, 3, 4, 5)] == [0, 0.25, 0.5, 0.75, 1]
    assert [points.normalised(v) for v in (0, 2, 4)] == [0, 0.5, 1]
    assert [CARD.criterion("a2").normalised(v) for v in ("yes", "partial", "no")] == [1, 0.5, 0]


def test_answers_must_fit_their_criterion(tmp_path) -> None:
    from toolkit.core.validation import validate

    shop = tmp_path / "shop.yaml"
    shop.write_text(
        "sxt: 1\nkind: shop\nscorecard: chat-email\nscenario: x\nchannel: chat\ndate: 2026-11-01\n"
        "scores:\n  - scorer: Ana\n    answers:\n"
        "      first-response-60s: partial\n"
        "      preach: {answer: 9}\n"
        "      personal-greeting: na\n",
        encoding="utf-8",
    )
    found = [(d.location(), d.message) for d in validate([shop], tmp_path).diagnostics]
    assert found == [
        (
            "shop.yaml:10:27",
            "first-response-60s: 'partial' does not answer a yes-no criterion, "
            "expected 'yes' or 'no'",
        ),
        (
            "shop.yaml:11:24",
            "preach: 9 does not answer a points criterion, expected a whole number 0-6",
        ),
        ("shop.yaml:12:26", "personal-greeting: N/A is not allowed here (na_allowed is off)"),
    ]

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.audit import files
from toolkit.audit.history import actions, diff, trend
from toolkit.audit.model import Quarter, audit_from, checklist_from
from toolkit.audit.scoring import score
from toolkit.core.content import shipped_root
from toolkit.core.loader import load_file
from toolkit.core.validation import validate

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def checklist():
    return checklist_from(
        "ten-point", load_file(shipped_root() / "checklists" / "ten-point.yaml").data
    )


def audit(quarter: str, items: dict, date: str | None = None):
    data = {"quarter": quarter, "checklist": "ten-point", "items": items}
    if date:
        data["date"] = date
    return audit_from(data)


@pytest.mark.parametrize(
    ("text", "first", "last", "previous", "following"),
    [
        ("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q3", "2027-Q1"),
        ("2026-Q1", "2026-01-01", "2026-03-31", "2025-Q4", "2026-Q2"),
    ],
)
def test_quarters(text, first, last, previous, following) -> None:
    quarter = Quarter.parse(text)
    assert (str(quarter.first_day), str(quarter.last_day)) == (first, last)
    assert (str(quarter.previous()), str(quarter.next())) == (previous, following)
    assert Quarter.of(dt.date.fromisoformat(last)) == quarter


def test_index_weights_and_completion_keep_na_apart(checklist) -> None:
    scored = score(
        audit(
            "2026-Q4",
            {
                "culture": {"level": 3},
                "platform": {"level": 1},
                "easy-contact": {"level": "na", "reason": "one channel only"},
                "agent-tools": {"level": "inconclusive"},
                "customer-voice": {
                    "level": "waived",
                    "waiver": {"justification": "j", "expires": "2027-01-01"},
                },
            },
        ),
        checklist,
        TODAY,
    )
    assert scored.index == 2.0  # (3 + 1) / 2: na, inconclusive and waived are not zeros
    assert scored.index_percent == 50.0
    assert scored.completion == 0.4  # scored, na, waived: 4 of 10; inconclusive is not an answer


def test_foundations_first_uses_the_checklist_dependencies(checklist) -> None:
    scored = score(
        audit("2026-Q4", {"culture": {"level": 1}, "machine-learning": {"level": 3}}),
        checklist,
        TODAY,
    )
    assert [w.message for w in scored.warnings if w.code == "foundation"] == [
        "machine learning is at 3 while culture is at 1: build the foundation first",
        "machine learning is at 3 while platform is not assessed, so the foundation cannot be "
        "confirmed: assess it",
        "machine learning is at 3 while agent tools is not assessed, so the foundation cannot "
        "be confirmed: assess it",
    ]


@pytest.mark.parametrize("state", ["na", "inconclusive", "waived", None])
def test_a_foundation_that_cannot_be_confirmed_warns(checklist, state: str | None) -> None:
    """Leaving a weak foundation out (na, inconclusive, waived, unassessed) must not remove
    the warning that scoring it would raise; an item at 0 needs no foundation."""
    entry: dict[str, object] = {"level": state} if state else {}
    if state == "na":
        entry["reason"] = "r"
    if state == "waived":
        entry["waiver"] = {"justification": "j", "expires": "2027-01-01"}
    items = {"culture": entry, "platform": {"level": 2}} if state else {"platform": {"level": 2}}
    scored = score(audit("2026-Q4", items), checklist, TODAY)
    foundation = [w for w in scored.warnings if w.code == "foundation"]
    assert [w.item_id for w in foundation] == ["platform"]
    assert "cannot be confirmed" in foundation[0].message
    at_zero = score(audit("2026-Q4", {**items, "platform": {"level": 0}}), checklist, TODAY)
    assert [w for w in at_zero.warnings if w.code == "foundation"] == []


def test_an_expired_waiver_is_not_an_answer_and_its_evidence_is_not_judged(checklist) -> None:
    waived = {
        "level": "waived",
        "waiver": {"justification": "reorg", "expires": "2026-10-01"},
        "evidence": [{"note": "old", "date": "2024-01-01"}],
    }
    expired = score(audit("2026-Q4", {"culture": waived}), checklist, TODAY)
    assert expired.completion == 0.0  # out of completion until assessed again
    assert [w.code for w in expired.warnings] == ["waiver-expired"]  # and no stale warning
    live = {**waived, "waiver": {"justification": "reorg", "expires": "2027-06-30"}}
    assert score(audit("2026-Q4", {"culture": live}), checklist, TODAY).completion == 0.1


def test_stale_evidence_overdue_actions_and_expired_waivers(checklist) -> None:
    items = {
        "culture": {"level": 2, "evidence": [{"note": "survey", "date": "2025-01-10"}]},  # yearly
        "customer-voice": {
            "level": 2,
            "evidence": [{"note": "csat", "date": "2026-10-01"}],
        },  # quarterly
        "platform": {
            "level": 1,
            "actions": [{"title": "Pick a tool", "status": "open", "due": "2026-11-01"}],
        },
        "proactive": {"level": "waived", "waiver": {"justification": "j", "expires": "2026-10-31"}},
    }
    scored = score(audit("2026-Q4", items, date="2026-11-20"), checklist, TODAY)
    assert {(w.item_id, w.code) for w in scored.warnings} == {
        ("culture", "stale"),
        ("platform", "overdue"),
        ("proactive", "waiver-expired"),
        ("customer-voice", "foundation"),  # its foundation easy-contact is not assessed
    }


def test_trend_diff_and_actions(checklist) -> None:
    q3 = score(
        audit(
            "2026-Q3",
            {
                "culture": {
                    "level": 1,
                    "actions": [{"title": "Leaders in the inbox", "status": "open"}],
                }
            },
        ),
        checklist,
        TODAY,
    )
    q4 = score(
        audit(
            "2026-Q4",
            {
                "culture": {
                    "level": 2,
                    "actions": [{"title": "Leaders in the inbox", "status": "done"}],
                },
                "platform": {"level": 1},
            },
        ),
        checklist,
        TODAY,
    )
    history = trend([q4, q3])
    assert [str(q) for q in history.quarters] == ["2026-Q3", "2026-Q4"]
    culture = history.rows[0]
    assert culture.levels == (1, 2) and culture.deltas == (None, 1)
    assert [(c.item.id, c.describe) for c in diff(q3, q4)] == [
        ("culture", "1 -> 2, 1 action closed"),
        ("platform", "- -> 1"),
    ]
    (only,) = actions([q3, q4])
    assert (str(only.quarter), only.action.status) == ("2026-Q4", "done")


def test_start_carries_owners_open_actions_and_evidence_and_never_overwrites(
    workspace: Path,
) -> None:
    q3 = files.audit_path(workspace, Quarter.parse("2026-Q3"))
    q3.write_text(
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q3\nitems:\n"
        "  culture:\n    level: 1\n    owner: Dana\n"
        "    evidence:\n      - {note: staff survey, date: 2026-07-20}\n"
        "    actions:\n      - {title: Inbox days, owner: Dana, due: 2026-12-01, status: open}\n"
        "      - {title: Old thing, status: done}\n",
        encoding="utf-8",
    )
    path = files.start(workspace, Quarter.parse("2026-Q4"), TODAY)
    assert validate([path], workspace).diagnostics == []
    started = audit_from(load_file(path).data)
    culture = started.assessment("culture")
    assert culture.level is None and culture.owner == "Dana"
    assert [(a.title, a.carried_from) for a in culture.actions] == [("Inbox days", "2026-Q3")]
    assert [(e.value, e.carried_from) for e in culture.evidence] == [("staff survey", "2026-Q3")]
    assert "# Build a customer-centric culture (last quarter: 1)" in path.read_text(
        encoding="utf-8"
    )
    before = path.read_text(encoding="utf-8")
    with pytest.raises(files.AuditExists) as refused:
        files.start(workspace, Quarter.parse("2026-Q4"), TODAY)
    # A rule of sxt's, not a refusal of the system's: the CLI reports OSErrors as those.
    assert not isinstance(refused.value, OSError) and refused.value.path == path
    assert path.read_text(encoding="utf-8") == before


def test_the_change_between_quarters_is_like_for_like(checklist) -> None:
    """Q3 culture 1, platform 2; Q4 culture 2, platform na, easy-contact 4. The indexes are
    1.5 and 3.0 (+1.5), but on the one item scored in both the move is 1 -> 2: +1.00."""
    from toolkit.audit.scoring import index_change

    before = score(
        audit("2026-Q3", {"culture": {"level": 1}, "platform": {"level": 2}}), checklist, TODAY
    )
    after = score(
        audit(
            "2026-Q4",
            {
                "culture": {"level": 2},
                "platform": {"level": "na", "reason": "r"},
                "easy-contact": {"level": 4},
            },
        ),
        checklist,
        TODAY,
    )
    assert (before.index, after.index) == (1.5, 3.0)
    moved = index_change(before, after)
    assert moved.change == 1.0
    assert (moved.compared, moved.entered, moved.left) == (
        ("culture",),
        ("easy-contact",),
        ("platform",),
    )
    nothing_shared = score(audit("2026-Q4", {"proactive": {"level": 3}}), checklist, TODAY)
    assert index_change(before, nothing_shared).change is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.125, "+0.13"), (-0.125, "-0.13"), (2.675, "+2.68"), (-0.001, "+0.00"), (0.75, "+0.75")],
)
def test_changes_round_half_away_from_zero_once(value: float, shown: str) -> None:
    from toolkit.audit import figures

    assert figures.signed(value) == shown

"""The shipped content is product: every file validates, and it says what MISSION.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.core.content import shipped_files, shipped_root
from toolkit.core.validation import validate

TEN_POINTS = [
    "culture",
    "platform",
    "easy-contact",
    "agent-tools",
    "customer-voice",
    "self-service",
    "journeys-and-shops",
    "fix-permanently",
    "machine-learning",
    "proactive",
]


@pytest.mark.parametrize("relative", shipped_files(), ids=str)
def test_every_shipped_file_validates(relative: Path) -> None:
    report = validate([shipped_root() / relative], shipped_root())
    assert report.diagnostics == []
    assert report.files[0].kind is not None


def test_there_is_a_dozen_example_replies_and_one_of_each_document() -> None:
    kinds = {}
    for relative in shipped_files():
        report = validate([shipped_root() / relative], shipped_root())
        kinds.setdefault(report.files[0].kind, []).append(relative)
    assert len(kinds["replies"]) >= 12
    assert {"checklist", "scorecard", "journey", "tone-guide"} <= set(kinds)


def checklist() -> dict:
    (checked,) = validate([shipped_root() / "checklists/ten-point.yaml"], shipped_root()).files
    return checked.data


def test_ten_point_checklist_is_in_priority_order_with_culture_as_the_foundation() -> None:
    items = checklist()["items"]
    assert [item["id"] for item in items] == TEN_POINTS
    for item in items[1:]:
        assert "culture" in item["depends_on"], item["id"]
    for item in items:
        assert set(item["levels"]) == {"0", "1", "2", "3", "4"}
        assert 2 <= len(item["questions"]) <= 4
        assert item["evidence"], item["id"]
        assert len(set(item["levels"].values())) == 5, (
            f"{item['id']}: each level says something different"
        )


def test_tone_guide_spells_out_preach() -> None:
    (checked,) = validate([shipped_root() / "tone_guides/preach.yaml"], shipped_root()).files
    guide = checked.data
    assert "".join(guide["letters"]) == "PREACH"
    letters_with_rules = {rule["letter"] for rule in guide["rules"]}
    assert letters_with_rules == set("PREACH")
    assert {"billing", "outage", "complaint", "security", "bereavement", "good-news"} <= set(
        guide["situations"]
    )

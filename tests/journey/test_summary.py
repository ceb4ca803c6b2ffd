"""`sxt journey summary` and the links from journeys to shops and to the audit, on the shipped
journey and on the fixture workspaces (whose shops test two of its steps)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.loader import load_text
from toolkit.journey.links import pain_by_item, shop_coverage
from toolkit.journey.model import journey_from
from toolkit.journey.summary import build, summary_json, summary_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
SHOPS = FIXTURES / "shop-workspace"
AUDITS = FIXTURES / "audit-workspace"


def journey(steps: str, journey_id: str = "j", checklist: str = "") -> object:
    text = (
        f"sxt: 1\nkind: journey\ntitle: T\npersona: P\n{checklist}"
        "stages:\n  - id: s\n    title: S\n    steps:\n" + steps
    )
    return journey_from(load_text(text, f"{journey_id}.yaml", Path(f"{journey_id}.yaml")))


STEPS = """\
      - {id: happy, action: A, emotion: 2, tier: proactive, owner: Web}
      - {id: calm, action: B, emotion: 0, tier: self-service, owner: Web}
      - id: sad
        action: C
        emotion: -2
        tier: human
        owner: Billing
        pain_points:
          - {description: Slow, action: Staff up, impact: 4, effort: 4, checklist_item: culture}
          - {description: Rude, opportunity: Train, impact: 3, effort: 1}
          - {description: Fixed, action: Done it, impact: 5, effort: 1, status: done}
      - {id: unsure, action: D, owner: Billing}
"""


def test_the_figures_of_a_small_journey() -> None:
    found = build([journey(STEPS)], {"j": {}})
    assert found.steps == 4
    assert found.funnel == {"proactive": 1, "self-service": 1, "human": 1, "unset": 1}
    assert (found.with_emotion, found.positive, found.happiness) == (3, 1, 1 / 3)
    assert [p.step.id for p in found.worst] == ["sad"]  # only negative emotions are "worst"
    # The done pain point is left out everywhere; quick wins (impact / effort) come first.
    assert {owner: len(items) for owner, items in found.open_pain.items()} == {"Billing": 2}
    assert [(o.pain.description, o.ratio) for o in found.opportunities] == [
        ("Rude", 3.0),
        ("Slow", 1.0),
    ]
    assert [p.step.id for p in found.untested] == ["happy", "calm", "sad", "unsure"]


def test_no_emotion_anywhere_has_no_happiness_score() -> None:
    found = build([journey("      - {id: a, action: A}\n")], {})
    assert found.happiness is None
    assert "no step records an emotion" in summary_text(found)


def test_shop_coverage_counts_each_step_as_the_shop_report_does() -> None:
    coverage = shop_coverage(SHOPS)
    steps = coverage["first-billing-issue"]
    assert set(steps) == {"agent-takes-over", "receipt"}
    assert steps["agent-takes-over"].count == 2
    assert steps["agent-takes-over"].describe() == "2 shops, avg 90.6%"
    assert steps["receipt"].describe() == "1 shop, avg 61.3%"


def test_summary_command_json_names_tested_and_untested_steps() -> None:
    result = CliRunner().invoke(cli, ["-C", str(SHOPS), "journey", "summary", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["steps"] == 11
    assert data["funnel"]["proactive"] == {"steps": 5, "share": 5 / 11}
    assert data["happiness"] == 3 / 11
    assert [s["step"] for s in data["tested_steps"]] == ["agent-takes-over", "receipt"]
    assert len(data["untested_steps"]) == 9
    assert data["worst_steps"][0] == {
        "journey": "first-billing-issue",
        "step": "update-card",
        "action": data["worst_steps"][0]["action"],
        "emotion": -2,
        "owner": "Product (Billing squad)",
    }
    first = data["opportunities"][0]
    assert (first["ratio"], first["step"]) == (4.0, "reads-dunning-email")


def test_summary_command_text_and_markdown() -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["-C", str(SHOPS), "journey", "summary"])
    assert text.exit_code == 0, text.output
    assert "Happiness score: 27% of 11 steps with an emotion are positive" in text.output
    assert "Shop-tested steps: 2 of 11" in text.output
    assert max(len(line) for line in text.output.splitlines()) <= 120
    markdown = runner.invoke(cli, ["-C", str(SHOPS), "journey", "summary", "--format", "markdown"])
    assert "## Opportunities by impact / effort" in markdown.output
    assert "| first-billing-issue#agent-takes-over |" in markdown.output


def test_summary_keeps_user_text_from_the_terminal() -> None:
    hostile = '      - {id: a, action: "\\e]0;pwned\\a", emotion: -1, owner: "\\e[2J"}\n'
    found = build([journey(hostile)], {})
    text = summary_text(found)
    assert "\x1b" not in text and "\x07" not in text
    assert json.dumps(summary_json(found))  # JSON carries the text as it is, escaped by JSON


def test_pain_points_link_to_checklist_items_of_their_checklist_only() -> None:
    mine = journey(STEPS)
    other = journey(STEPS, "k", checklist="checklist: another\n")
    linked = pain_by_item([mine, other], "ten-point")
    assert list(linked) == ["culture"]
    assert [p.where for p in linked["culture"]] == ["j#sad"]
    assert linked["culture"][0].describe() == "j#sad: Slow To do: Staff up"


def test_audit_report_shows_open_pain_points_under_their_item() -> None:
    runner = CliRunner()
    arguments = ["-C", str(AUDITS), "audit", "report", "--today", "2026-11-29"]
    text = runner.invoke(cli, arguments)
    assert text.exit_code == 0, text.output
    section = text.output.split("8. Fix problems permanently")[1].split("\n9. ")[0]
    assert "Open pain points (journeys):" in section
    assert "- first-billing-issue#opens-billing-page: After sign-in" in section
    data = json.loads(runner.invoke(cli, [*arguments, "--format", "json"]).output)
    items = {item["id"]: item for item in data["items"]}
    assert [p["step"] for p in items["fix-permanently"]["pain_points"]] == [
        "opens-billing-page",
        "update-card",
    ]
    assert items["culture"]["pain_points"] == []
    markdown = runner.invoke(cli, [*arguments, "--format", "markdown"]).output
    assert "**Open pain points (journeys)**" in markdown
    html = runner.invoke(cli, [*arguments, "--format", "html"]).output
    assert "<code>first-billing-issue#update-card</code>" in html

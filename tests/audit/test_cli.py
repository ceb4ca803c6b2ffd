"""`sxt audit` end to end on tests/fixtures/audit-workspace: four quarters of a support team's
audits (2026-Q1..Q4), every expected figure worked out by hand from the YAML files.

The fixture, item by item (levels; `-` not assessed, `?` inconclusive):

    item                Q1   Q2   Q3   Q4
    culture              1    2    2    3
    platform             1    1    2    3
    easy-contact         1    2    2    3
    agent-tools          1    1    2    2
    customer-voice       0    1    2    2      Q4 evidence (2026-08-14) is stale
    self-service         0    1    1    2
    journeys-and-shops   -    0    1    ?
    fix-permanently      0    0    1    1
    machine-learning     0    0    1    3      Q4: above agent-tools (2): foundations first
    proactive           na   na    0  waived   (until 2027-03-31)

Weights are all 1 (the shipped checklist), so the index is the plain mean of scored levels.
Today is fixed at 2026-12-15 with --today.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli.main import cli
from toolkit.core.content import shipped_root
from toolkit.core.validation import validate

LIKE_FOR_LIKE = "on the 8 items scored in both; left: journeys-and-shops, proactive"
"""What the index change between the fixture's quarters rests on."""
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "audit-workspace"
TODAY = "2026-12-15"


@pytest.fixture
def audits(copy_of: Callable[[str], Path]) -> Path:
    """A copy of the fixture workspace, so commands that write never touch the original."""
    return copy_of("audit-workspace")


def sxt(root: Path, *arguments: str, today: str = TODAY) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), "audit", *arguments, "--today", today])


def ok(result: Result, code: int = 0) -> str:
    assert result.exit_code == code, result.output
    return result.stdout


def table_row(output: str, first_cell: str) -> list[str]:
    """The cells of a text table's row, split on runs of two or more spaces."""
    line = next(line for line in output.splitlines() if line.startswith(first_cell + " "))
    return re.split(r"\s{2,}", line.strip())


# --- the fixture ---------------------------------------------------------------------------


def test_the_fixture_is_valid_and_its_checklist_is_the_shipped_one(audits: Path) -> None:
    assert validate([*sorted((audits / "audits").glob("*.yaml"))], audits).diagnostics == []
    shipped = (shipped_root() / "checklists" / "ten-point.yaml").read_text(encoding="utf-8")
    copied = (FIXTURE / "checklists" / "ten-point.yaml").read_text(encoding="utf-8")
    assert copied.split("\n", 1)[1] == shipped.split("\n", 1)[1]  # all but the schema line


# --- status --------------------------------------------------------------------------------


def test_status_shows_the_latest_quarter_at_a_glance(audits: Path) -> None:
    out = ok(sxt(audits, "status"))
    # Q4 scored: 3+3+3+2+2+2+1+3 = 19 over 8 items (journeys inconclusive, proactive
    # waived: left out) = 2.375 -> "2.38"; 2.375 / 4 = 59.4% -> 59%.
    # Q3: 2+2+2+2+2+1+1+1+1+0 = 14 over 10 = 1.40. The change is like for like, over the 8
    # items scored in both: Q3 2+2+2+2+2+1+1+1 = 13 / 8 = 1.625, Q4 2.375: +0.75 (not the
    # +0.98 between indexes over different items).
    assert (f"Maturity index  2.38 of 4 (59%), +0.75 since 2026-Q3 ({LIKE_FOR_LIKE})") in out
    # Answered: 8 scored + 1 waived = 9 of 10; inconclusive still needs an answer.
    assert "Completion      9 of 10 items (90%)" in out
    assert "Warnings        4: 1 foundation, 1 stale, 2 overdue" in out
    assert "To assess       journeys-and-shops (inconclusive)" in out
    assert "File: audits/2026-Q4.yaml" in out
    assert table_row(out, "machine-learning") == [
        "machine-learning",
        "foundation",
        "machine learning is at 3 while agent tools is at 2: build the foundation first",
    ]
    # Newest customer-voice evidence 2026-08-14, audit dated 2026-12-04:
    # 17 (rest of August) + 30 + 31 + 30 + 4 = 112 days > 92 (quarterly).
    assert table_row(out, "customer-voice")[2] == (
        "customer voice: the newest evidence is 112 days old (2026-08-14), "
        "older than its quarterly cadence"
    )
    # Open on 2026-12-15: side panel due 2026-10-31, weekly review due 2026-11-30. The
    # journey map (due 2026-12-31) is not overdue yet; the outage template was dropped.
    assert [row.split()[0] for row in out.splitlines() if " overdue " in row] == [
        "agent-tools",
        "fix-permanently",
    ]


def test_status_fails_on_warnings_only_when_asked(audits: Path) -> None:
    ok(sxt(audits, "status"), 0)
    ok(sxt(audits, "status", "--fail-on-warnings"), 1)
    # Q3 has no warnings; with Q4 gone it is the latest.
    (audits / "audits" / "2026-Q4.yaml").unlink()
    ok(sxt(audits, "status", "--fail-on-warnings"), 0)


def test_status_json(audits: Path) -> None:
    data = json.loads(ok(sxt(audits, "status", "--format", "json")))
    assert data["quarter"] == "2026-Q4"
    assert data["index"] == 19 / 8
    assert data["index_percent"] == 100 * 19 / 8 / 4
    assert data["completion"] == 0.9
    assert (data["assessed"], data["items_total"]) == (9, 10)
    assert [(w["item"], w["code"]) for w in data["warnings"]] == [
        ("machine-learning", "foundation"),
        ("customer-voice", "stale"),
        ("agent-tools", "overdue"),
        ("fix-permanently", "overdue"),
    ]
    assert data["to_assess"] == [{"id": "journeys-and-shops", "state": "inconclusive"}]
    assert data["path"] == "audits/2026-Q4.yaml" and data["quarter_over"] is False


def test_status_flags_an_expired_waiver_and_a_finished_quarter(audits: Path) -> None:
    q4 = audits / "audits" / "2026-Q4.yaml"
    q4.write_text(
        q4.read_text(encoding="utf-8").replace("expires: 2027-03-31", "expires: 2026-12-10"),
        encoding="utf-8",
    )
    out = ok(sxt(audits, "status"))
    # Expired on 2026-12-10, judged on 2026-12-15 (today, within the quarter).
    assert table_row(out, "proactive") == [
        "proactive",
        "waiver-expired",
        "proactive: the waiver expired on 2026-12-10; assess the item again",
    ]
    later = ok(sxt(audits, "status", today="2027-01-10"))
    assert "2026-Q4 is over: `sxt audit start` begins the next one." in later


# --- report --------------------------------------------------------------------------------


def test_report_text_has_summary_items_changes_and_warnings(audits: Path) -> None:
    out = ok(sxt(audits, "report"))
    assert out.startswith("Audit 2026-Q4: Ten-point service-excellence checklist\n")
    assert "Auditor Maya Okafor, dated 2026-12-04" in out
    assert f"Maturity index  2.38 of 4 (59%), +0.75 since 2026-Q3 ({LIKE_FOR_LIKE})" in out
    # The items table: level with the checklist's scale name, change since Q3, owner.
    assert table_row(out, "1") == ["1", "culture", "3 Managed", "+1", "Daniel Brandt"]
    assert table_row(out, "9") == ["9", "machine-learning", "3 Managed", "+2", "Lena Fischer"]
    assert table_row(out, "10") == ["10", "proactive", "waived", "Sam Lee"]
    # Each item: its level's descriptor from the checklist, notes, evidence, actions.
    assert "1. Build a customer-centric culture: 3 Managed\n   Every department has" in out
    assert "          Finance asked for a customer metric of its own: a first." in out
    assert "     - note CSAT 4.2 | NPS 31, reviewed with product every month " in out
    assert (
        "     - [OVERDUE] Roll out the side panel with billing history "
        "(Jonas Weber, due 2026-10-31, carried from 2026-Q3)"
    ) in out
    assert "Waived until 2027-03-31: The status page stands in" in out
    assert "Inconclusive: not enough evidence to choose a level" in out
    assert "Changes since 2026-Q3" in out
    assert table_row(out, "proactive")[:3] == ["proactive", "0", "waived"]
    assert out.rstrip().endswith("(Priya Raman) was due 2026-11-30")


def test_report_of_a_past_quarter_judges_due_dates_as_of_its_end(audits: Path) -> None:
    # Q1's actions fall due in April and May and were closed in Q2: on 2026-03-31 (the day
    # Q1's report speaks for) none was overdue. Q2's custom-fields action, due 2026-05-31,
    # was still open when Q2 ended: overdue in Q2's report.
    q1 = ok(sxt(audits, "report", "2026-Q1"))
    assert "OVERDUE" not in q1 and "Warnings        0" in q1
    assert "Changes: 2026-Q1 is the first audit, nothing to compare with." in q1
    # Q1: 1+1+1+1+0+0+0+0 = 4 over 8 scored (journeys missing, proactive na) = 0.50,
    # 12.5% rounded half up = 13%; answered 8 scored + 1 na = 9 of 10.
    assert "Maturity index  0.50 of 4 (13%)" in q1
    assert "Completion      9 of 10 items (90%)" in q1
    q2 = json.loads(ok(sxt(audits, "report", "2026-Q2", "--format", "json")))
    assert [(w["item"], w["code"]) for w in q2["warnings"]] == [
        ("easy-contact", "foundation"),  # easy-contact 2 while platform 1
        ("platform", "overdue"),
    ]
    # Q2: 2+1+2+1+1+1+0+0+0 = 8 over 9 scored = 0.888...; all 10 answered (na counts).
    assert q2["index"] == 8 / 9 and q2["completion"] == 1.0
    assert q2["previous"]["quarter"] == "2026-Q1"


def test_report_json(audits: Path) -> None:
    data = json.loads(ok(sxt(audits, "report", "2026-Q4", "--format", "json")))
    items = {item["id"]: item for item in data["items"]}
    assert [item["id"] for item in data["items"]][:3] == ["culture", "platform", "easy-contact"]
    culture = items["culture"]
    assert (culture["level"], culture["level_name"]) == (3, "Managed")
    assert culture["descriptor"].startswith("Every department has at least one customer metric")
    assert culture["notes"].splitlines()[1] == (
        "Finance asked for a customer metric of its own: a first."
    )
    assert items["proactive"]["state"] == "waived"
    assert items["proactive"]["waiver"]["expires"] == "2027-03-31"
    assert items["journeys-and-shops"]["state"] == "inconclusive"
    assert items["journeys-and-shops"]["level"] is None
    side_panel = items["agent-tools"]["actions"][0]
    assert (side_panel["overdue"], side_panel["carried_from"]) == (True, "2026-Q3")
    assert data["previous"]["index"] == 1.4
    assert [c["item"] for c in data["changes"]] == [
        "culture",
        "platform",
        "easy-contact",
        "agent-tools",
        "self-service",
        "journeys-and-shops",
        "fix-permanently",
        "machine-learning",
        "proactive",
    ]


def md_table_cells(line: str) -> list[str]:
    """A GFM table row split on its unescaped pipes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_report_markdown_is_pasteable(audits: Path) -> None:
    out = ok(sxt(audits, "report", "--format", "markdown"))
    assert out.startswith("# Service audit 2026-Q4\n")
    lines = out.splitlines()
    assert (
        f"| Maturity index (0-4) | 2.38 of 4 (59%) | 1.40 of 4 (35%) | +0.75 ({LIKE_FOR_LIKE})"
        in re.sub(r" {2,}", " ", out)
    )
    culture = next(line for line in lines if line.startswith("| 1 "))
    assert md_table_cells(culture) == [
        "1",
        "Build a customer-centric culture",
        "3 Managed",
        "+1",
        "Daniel Brandt",
    ]
    # A `|` in user text is escaped, a line break becomes <br>.
    assert "- note: CSAT 4.2 \\| NPS 31, reviewed with product every month" in out
    assert (
        "**Notes:** Leadership reviews CSAT and contact rate every month.<br>"
        "Finance asked for a customer metric of its own: a first."
    ) in out
    assert "- link: <https://help.northwind.example/contact> (2026-11-30)" in out
    assert "- [ ] ~~Draft an outage notification template~~ (dropped, Sam Lee," in out
    assert "(Jonas Weber, due 2026-10-31, **overdue**, carried from 2026-Q3)" in out
    assert "## Changes since 2026-Q3" in out and "## Warnings" in out


def test_markdown_escapes_pipes_and_newlines_in_table_cells(audits: Path) -> None:
    q4 = audits / "audits" / "2026-Q4.yaml"
    text = q4.read_text(encoding="utf-8")
    text = text.replace(
        "    owner: Daniel Brandt\n    notes:",
        '    owner: "Daniel Brandt | COO \\\\| <b>CX</b>"\n    notes:',
    )
    text = text.replace("title: Every new hire spends", "title: Every new hire | spends")
    q4.write_text(text, encoding="utf-8")
    out = ok(sxt(audits, "report", "--format", "markdown"))
    culture = next(line for line in out.splitlines() if line.startswith("| 1 "))
    # Five columns still: the owner's own `|` and `\|` are both escaped.
    assert md_table_cells(culture)[4] == "Daniel Brandt \\| COO \\\\\\| &lt;b>CX&lt;/b>"
    actions = ok(sxt(audits, "actions", "--format", "markdown", "--owner", "daniel"))
    header, _, *rows = actions.splitlines()[:4]
    assert len(md_table_cells(header)) == 6
    assert md_table_cells(rows[1])[5] == "Every new hire \\| spends a week in support"


def test_report_html_or_a_clear_error(audits: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("toolkit.audit.html") is not None:
        out = ok(sxt(audits, "report", "--format", "html"))
        assert out.lstrip().lower().startswith("<!doctype html")
        assert "CSAT 4.2 | NPS 31" in out
    monkeypatch.setitem(sys.modules, "toolkit.audit.html", None)  # as if not written yet
    missing = sxt(audits, "report", "--format", "html")
    assert missing.exit_code == 2
    assert "HTML report not available" in missing.output


# --- trend ---------------------------------------------------------------------------------


def test_trend_table_deltas_and_chart(audits: Path) -> None:
    out = ok(sxt(audits, "trend"))
    assert out.startswith("Trend 2026-Q1 to 2026-Q4 (4 quarters)")
    # Cells: the level, then its change from the column before when there is one;
    # change: last scored level less the first; chart: ▁▂▃▄▅ for 0-4, · for no level.
    expected = {
        "culture": ["1", "2 +1", "2", "3 +1", "+2", "▂▃▃▄"],
        "platform": ["1", "1", "2 +1", "3 +1", "+2", "▂▂▃▄"],
        "customer-voice": ["0", "1 +1", "2 +1", "2", "+2", "▁▂▃▃"],
        "journeys-and-shops": ["-", "0", "1 +1", "?", "+1", "·▁▂·"],
        "machine-learning": ["0", "0", "1 +1", "3 +2", "+3", "▁▁▂▄"],
        "proactive": ["n/a", "n/a", "0", "waived", "··▁·"],
    }
    for item, cells in expected.items():
        assert table_row(out, item) == [item, *cells]
    # Index: Q1 4/8 = 0.50, Q2 8/9 = 0.89, Q3 14/10 = 1.40, Q4 19/8 = 2.38; 2.38 - 0.50.
    assert table_row(out, "index") == ["index", "0.50", "0.89", "1.40", "2.38", "+1.88"]
    assert table_row(out, "completion") == ["completion", "90%", "100%", "100%", "90%"]
    # One bar per quarter, 20 cells for 0-4: 2.375 / 4 * 160 eighths = 95 = 11 full + 7/8.
    assert "2026-Q4  ███████████▉          2.38" in out
    assert "2026-Q1  ██▌                   0.50" in out  # 0.5 / 4 * 160 = 20 = 2 full + 4/8


def test_trend_json_and_last(audits: Path) -> None:
    data = json.loads(ok(sxt(audits, "trend", "--format", "json")))
    assert data["quarters"] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert data["dates"] is None
    rows = {row["id"]: row for row in data["items"]}
    assert rows["machine-learning"]["levels"] == [0, 0, 1, 3]
    assert rows["machine-learning"]["deltas"] == [None, 0, 1, 2]
    assert rows["journeys-and-shops"]["states"] == ["missing", "scored", "scored", "inconclusive"]
    assert rows["proactive"]["change"] is None  # only one quarter scored
    assert data["index"] == [0.5, 8 / 9, 1.4, 19 / 8]
    assert data["completion"] == [0.9, 1.0, 1.0, 0.9]
    last = json.loads(ok(sxt(audits, "trend", "--format", "json", "--last", "2")))
    assert last["quarters"] == ["2026-Q3", "2026-Q4"]
    assert {row["id"]: row["deltas"] for row in last["items"]}["culture"] == [None, 1]


def test_trend_markdown(audits: Path) -> None:
    out = ok(sxt(audits, "trend", "--format", "markdown"))
    culture = next(line for line in out.splitlines() if "customer-centric" in line)
    assert md_table_cells(culture) == [
        "Build a customer-centric culture",
        "1",
        "2",
        "2",
        "3",
        "+2",
        "▂▃▃▄",
    ]
    assert "```text\n2026-Q1  ██▌" in out


# --- diff ----------------------------------------------------------------------------------


def test_diff_item_by_item(audits: Path) -> None:
    out = ok(sxt(audits, "diff", "2026-Q3", "2026-Q4"))
    assert out.splitlines()[:3] == [
        "2026-Q3 -> 2026-Q4",
        f"Maturity index  1.40 -> 2.38 (+0.75, {LIKE_FOR_LIKE})",
        "Completion      100% -> 90%",
    ]
    # culture: 2 -> 3; evidence 2, 1 of them carried = 1 new; "Every new hire" is new.
    assert table_row(out, "culture") == [
        "culture",
        "2",
        "3",
        "+1",
        "2 -> 3, 1 new evidence, 1 new action",
    ]
    # platform: 2 -> 3, two new pieces of evidence; its Q3 action was done already.
    assert table_row(out, "platform")[4] == "2 -> 3, 2 new evidence"
    assert table_row(out, "agent-tools") == ["agent-tools", "2", "2", "+0", "1 new evidence"]
    assert table_row(out, "journeys-and-shops") == ["journeys-and-shops", "1", "?", "1 -> ?"]
    # proactive: the outage template went from open to dropped.
    assert table_row(out, "proactive")[3] == "0 -> waived, 1 action closed"
    # customer-voice: same level, only carried evidence, same (no) actions.
    assert out.rstrip().endswith("Unchanged: customer-voice")


def test_diff_json_across_the_year(audits: Path) -> None:
    data = json.loads(ok(sxt(audits, "diff", "2026-Q1", "2026-Q4", "--format", "json")))
    assert (data["from"], data["to"]) == ("2026-Q1", "2026-Q4")
    assert data["index"] == {"from": 0.5, "to": 2.375}
    changes = {c["item"]: c for c in data["changes"]}
    assert len(changes) == 10
    assert changes["machine-learning"]["delta"] == 3
    assert changes["journeys-and-shops"]["from"] == {"state": "missing", "level": None}
    assert changes["proactive"]["describe"].startswith("n/a -> waived")


def test_diff_of_a_missing_or_malformed_quarter_is_an_input_error(audits: Path) -> None:
    missing = sxt(audits, "diff", "2025-Q4", "2026-Q4")
    assert missing.exit_code == 2
    assert "audits/2025-Q4.yaml does not exist; audits: 2026-Q1, 2026-Q2" in missing.output
    malformed = sxt(audits, "diff", "2026-Q5", "2026-Q4")
    assert malformed.exit_code == 2
    assert "'2026-Q5' is not a quarter such as '2026-Q4'" in malformed.output


# --- actions -------------------------------------------------------------------------------


def test_actions_across_quarters_latest_state_by_due_date(audits: Path) -> None:
    out = ok(sxt(audits, "actions"))
    rows = [line.split("  ")[0] for line in out.splitlines() if re.match(r"\d{4}-", line)]
    # 11 distinct actions (an action carried forward counts once), by due date.
    assert rows == [
        "2026-04-30",
        "2026-05-15",
        "2026-05-31",
        "2026-08-31",
        "2026-09-30",
        "2026-10-31",
        "2026-11-30",
        "2026-12-31",
        "2027-01-31",
        "2027-02-15",
        "2027-03-31",
    ]
    # The OKR action: open in Q1, done in Q2, not listed after: its Q2 state.
    assert table_row(out, "2026-04-30")[1:5] == ["done", "Daniel Brandt", "culture", "2026-Q2"]
    assert table_row(out, "2026-09-30")[1] == "dropped"
    assert out.rstrip().endswith("11 actions: 6 open (2 overdue), 4 done, 1 dropped.")


def test_actions_filters(audits: Path) -> None:
    overdue = json.loads(ok(sxt(audits, "actions", "--overdue", "--format", "json")))
    assert [(a["item"], a["owner"], a["due"]) for a in overdue["actions"]] == [
        ("agent-tools", "Jonas Weber", "2026-10-31"),
        ("fix-permanently", "Priya Raman", "2026-11-30"),
    ]
    sam = json.loads(ok(sxt(audits, "actions", "--owner", "sam lee", "--format", "json")))
    assert [(a["status"], a["title"]) for a in sam["actions"]] == [
        ("done", "Publish support hours and the chat widget on mobile"),
        ("dropped", "Draft an outage notification template"),
        ("open", "Map the first-billing-issue journey"),
    ]
    jonas = ok(sxt(audits, "actions", "--owner", "JONAS"))
    assert jonas.rstrip().endswith("2 actions: 1 open (1 overdue), 1 done.")
    none = ok(sxt(audits, "actions", "--overdue", "--owner", "Sam"))
    assert none.strip() == "No action items."
    # A year on, every open action is overdue.
    later = sxt(audits, "actions", "--overdue", "--format", "json", today="2027-12-01")
    assert len(json.loads(ok(later))["actions"]) == 6


# --- start ---------------------------------------------------------------------------------


def test_start_carries_forward_and_never_overwrites(audits: Path) -> None:
    out = ok(sxt(audits, "start", today="2027-01-05"))  # default: the current quarter
    new = audits / "audits" / "2027-Q1.yaml"
    assert out.startswith(
        "Created audits/2027-Q1.yaml: 10 items of Ten-point service-excellence checklist"
    )
    # From Q4: an owner on all 10 items; evidence 2+2+1+2+1+1+0+1+1+0 = 11; open actions:
    # culture, agent-tools, self-service, journeys, fix-permanently, machine-learning = 6
    # (proactive's was dropped, so it stays behind).
    assert "Carried from 2026-Q4: 10 owners, 11 evidence, 6 open actions" in out
    assert validate([new], audits).diagnostics == []
    text = new.read_text(encoding="utf-8")
    assert "quarter: 2027-Q1" in text and "level:" not in text
    assert "carried_from: 2026-Q3" in text  # evidence first gathered in Q3 keeps its origin
    status = json.loads(ok(sxt(audits, "status", "--format", "json", today="2027-01-05")))
    assert (status["quarter"], status["assessed"], status["index"]) == ("2027-Q1", 0, None)

    again = sxt(audits, "start", "2027-Q1", today="2027-01-05")
    assert again.exit_code == 2
    assert "audits/2027-Q1.yaml exists already, and sxt never overwrites an audit" in again.output
    assert new.read_text(encoding="utf-8") == text


def test_start_in_a_new_workspace_and_as_json(workspace: Path) -> None:
    out = ok(sxt(workspace, "start", "2026-q4"))
    assert "No earlier audit to carry from: every item starts empty." in out
    data = json.loads(ok(sxt(workspace, "start", "2027-Q1", "--format", "json")))
    assert data == {
        "path": "audits/2027-Q1.yaml",
        "quarter": "2027-Q1",
        "carried_from": "2026-Q4",
        "carried": {"owners": 0, "evidence": 0, "open_actions": 0},
    }
    existing = sxt(workspace, "start", "2026-Q4")
    assert existing.exit_code == 2


# --- errors --------------------------------------------------------------------------------


def test_outside_a_workspace_and_without_audits(tmp_path: Path, workspace: Path) -> None:
    outside = sxt(tmp_path, "status")
    assert outside.exit_code == 2 and "not inside an sxt workspace" in outside.output
    empty = sxt(workspace, "report")
    assert empty.exit_code == 2 and "no audits yet" in empty.output
    assert ok(sxt(workspace, "trend")).strip() == "No audits yet: `sxt audit start` begins one."
    assert ok(sxt(workspace, "actions")).strip() == "No action items."


def test_a_broken_audit_is_left_out_and_named_on_stderr(audits: Path) -> None:
    (audits / "audits" / "2026-Q2.yaml").write_text(
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q2\nitems:\n"
        "  culture:\n    level: 9\n",
        encoding="utf-8",
    )
    result = sxt(audits, "trend", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["quarters"] == ["2026-Q1", "2026-Q3", "2026-Q4"]
    assert "sxt: audits/2026-Q2.yaml is left out: it has errors" in result.stderr
    broken = sxt(audits, "report", "2026-Q2")
    assert broken.exit_code == 2 and "audits/2026-Q2.yaml has errors" in broken.output


def test_audit_help_states_the_scoring_and_stays_light() -> None:
    out = ok(CliRunner().invoke(cli, ["audit", "--help"]))
    assert "weighted mean of the scored items' levels" in out
    assert "quarterly 92, yearly 366" in out
    probe = (
        "import sys\nfrom toolkit.cli.main import cli\n"
        "try:\n    cli(['audit', '--help'], prog_name='sxt')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'jsonschema', 'ruamel', 'tabulate', 'textual') or m.startswith('toolkit.audit')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


# --- trend --git ----------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

AUDIT = """\
sxt: 1
kind: audit
checklist: ten-point
quarter: {quarter}
items:
  culture:
    level: {level}
    owner: Dana
"""


def commit(root: Path, when: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / "audits" / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", f"audit {when}"], cwd=root, check=True, env=env)


@pytest.fixture
def repository(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workspace as a git repository, with no user or system git settings in the way."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name, value in (("NAME", "Auditor"), ("EMAIL", "auditor@example.com")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=workspace, check=True)
    return workspace


@needs_git
def test_trend_git_shows_an_audit_edited_in_place(repository: Path) -> None:
    q3 = AUDIT.format(quarter="2026-Q3", level=1)
    commit(
        repository,
        "2026-10-05T09:00:00+00:00",
        {"2026-Q3.yaml": q3, "2026-Q4.yaml": AUDIT.format(quarter="2026-Q4", level=1)},
    )
    # Q4 edited in place twice on one day: the day's last commit stands for it.
    commit(
        repository,
        "2026-11-20T10:00:00+00:00",
        {"2026-Q4.yaml": AUDIT.format(quarter="2026-Q4", level=2)},
    )
    commit(
        repository,
        "2026-11-20T16:30:00+00:00",
        {"2026-Q4.yaml": AUDIT.format(quarter="2026-Q4", level=3)},
    )
    # A broken version in history is left out, not fatal.
    commit(repository, "2026-11-21T09:00:00+00:00", {"2026-Q4.yaml": "sxt: 1\nkind: audit\n"})

    plain = json.loads(ok(sxt(repository, "trend", "--format", "json")))
    assert plain["quarters"] == ["2026-Q3"]  # today's Q4 file is broken: left out

    data = json.loads(ok(sxt(repository, "trend", "--git", "--format", "json")))
    assert data["quarters"] == ["2026-Q3", "2026-Q4", "2026-Q4"]
    assert data["dates"] == ["2026-10-05", "2026-10-05", "2026-11-20"]
    culture = data["items"][0]
    assert (culture["id"], culture["levels"]) == ("culture", [1, 1, 3])
    assert culture["deltas"] == [None, 0, 2]
    assert data["index"] == [1.0, 1.0, 3.0]

    text = ok(sxt(repository, "trend", "--git"))
    assert text.startswith("Trend 2026-Q3 to 2026-Q4 (3 versions)")
    assert "2026-Q4 2026-11-20  ███████████████" in text  # 3 / 4 * 20 = 15 full cells
    assert table_row(text, "culture")[1:4] == ["1", "1", "3 +2"]


@needs_git
def test_trend_git_outside_a_repository_is_an_input_error(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(workspace.parent))
    result = sxt(workspace, "trend", "--git")
    assert result.exit_code == 2
    assert "not a git repository" in result.output


def test_checklist_weights_change_the_index(audits: Path) -> None:
    checklist = audits / "checklists" / "ten-point.yaml"
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(
        text.replace("    cadence: yearly\n", "    cadence: yearly\n    weight: 3\n", 1)
    )
    data = json.loads(ok(sxt(audits, "status", "--format", "json")))
    # culture (3) counts three times: (3*3 + 3+3+2+2+2+1+3) / (3 + 7) = 25 / 10 = 2.5.
    assert data["index"] == 2.5


def test_a_waiver_beside_a_numeric_level_is_an_error_at_the_level(audits: Path) -> None:
    """A level and a waiver say two things; the index would count the level and the waiver
    would read as an excuse. Only `level: waived` takes a waiver."""
    path = audits / "audits" / "2026-Q4.yaml"
    text = path.read_text(encoding="utf-8")
    level = "  culture:\n    level: 3\n"
    assert level in text
    path.write_text(
        text.replace(level, level + "    waiver: {justification: busy, expires: 2027-01-01}\n", 1),
        encoding="utf-8",
    )
    found = validate([path], audits).diagnostics
    assert [(d.severity, d.line, d.message) for d in found] == [
        ("error", 12, "items.culture.level: 3 is not allowed here, expected 'waived'")
    ]


def test_every_face_shows_the_same_audit_figures(audits: Path) -> None:
    """Text, Markdown, HTML and the terminal app's summary print one index, share,
    completion and change for the same audit: one figures module rounds them all."""
    from toolkit.audit.files import load
    from toolkit.tui.audit_summary import headline

    day = dt.date.fromisoformat(TODAY)
    scores = load(audits, day).scores
    app = headline(scores[-1]).plain
    text = ok(sxt(audits, "report"))
    markdown = ok(sxt(audits, "report", "--format", "markdown"))
    page = ok(sxt(audits, "report", "--format", "html"))
    for shown in ("2.38", "59%", "90%"):
        assert shown in app and shown in text and shown in markdown and shown in page, shown
    for face in (text, markdown, page):
        assert "+0.75" in face and LIKE_FOR_LIKE in face

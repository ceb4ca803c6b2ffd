"""A journey step may name a metric, and the journey map shows its latest figure.

The export below holds four contacts: c1 (chat, August) and, in September, c2 (chat, 300 s
talk + 60 s hold), c3 (phone, 500 + 100 s, not resolved) and c4 (email). CSAT answers: c1 5,
c2 2, c3 4, c4 5. So for September, the latest month:

- CSAT on chat: c2 alone, 2 of 5, not satisfied: 0% (1 answer);
- CSAT: c2, c3, c4: two of three satisfied, 67% (3 answers);
- AHT on chat: c2's 360 s, 6:00, beside its CSAT 0%;
- FCR: c2 and c4 resolved, c3 not: 67% (2 of 3);
- solved without a person: nobody but people: 0% of 3 contacts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_import_weight import loaded_modules

from toolkit.cli.main import cli

CONTACTS = """\
id,channel,started,talk_seconds,hold_seconds,acw_seconds,agent,team,handled_by,resolved
c1,chat,2026-08-03 09:00:00,200,0,40,ana,north,human,true
c2,chat,2026-09-01 09:00:00,300,60,0,ana,north,human,true
c3,phone,2026-09-02 09:00:00,500,100,0,bo,north,human,false
c4,email,2026-09-03 09:00:00,,,,bo,north,human,true
"""
CSAT = """\
contact_id,answered_at,score
c1,2026-08-03 12:00:00,5
c2,2026-09-01 12:00:00,2
c3,2026-09-02 12:00:00,4
c4,2026-09-03 12:00:00,5
"""
DEFINITIONS = """\
sxt: 1
kind: metrics
contacts:
  - file: exports/{contacts}
surveys:
  csat: {{file: exports/csat.csv}}
"""
JOURNEY = """\
sxt: 1
kind: journey
title: Tiny
persona: Pat
stages:
  - id: only
    title: Only
    steps:
      - id: chat-csat
        action: Chats.
        metric: {name: csat, channel: chat}
      - id: all-csat
        action: Answers.
        metric: csat
      - id: chat-aht
        action: Waits.
        metric: {name: aht, channel: chat}
      - id: fcr
        action: Comes back.
        metric: fcr
      - id: nps
        action: Recommends.
        metric: nps
      - id: social
        action: Tweets.
        metric: {name: aht, channel: social}
      - id: automated
        action: Reads.
        metric: automated_share
      - id: plain
        action: Leaves.
"""
SOURCE = "metrics/exports/csat.csv"
EXPECTED = {
    "chat-csat": f"CSAT on chat 0% (1 answer) (2026-09, from {SOURCE})",
    "all-csat": f"CSAT 67% (3 answers) (2026-09, from {SOURCE})",
    "chat-aht": "AHT on chat 6:00 per contact, beside CSAT 0% (2026-09, from "
    "metrics/exports/contacts.csv)",
    "fcr": "FCR 67% (2 of 3) (2026-09, from metrics/exports/contacts.csv)",
    "nps": "NPS: not computed: no NPS answers",
    "social": "AHT on social: not computed: no social contacts in the exports",
    "automated": "solved without a person 0% of 3 contacts (2026-09, from "
    "metrics/exports/contacts.csv)",
}


def with_exports(root: Path, contacts: str = CONTACTS, name: str = "contacts.csv") -> Path:
    exports = root / "metrics" / "exports"
    (exports / name).write_text(contacts)
    (exports / "csat.csv").write_text(CSAT)
    (root / "metrics" / "definitions.yaml").write_text(DEFINITIONS.format(contacts=name))
    (root / "journeys" / "tiny.yaml").write_text(JOURNEY)
    return root


@pytest.fixture
def mapped(workspace: Path) -> Path:
    return with_exports(workspace)


def run(runner: CliRunner, root: Path, *arguments: str) -> str:
    result = runner.invoke(cli, ["-C", str(root), "journey", *arguments])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_gives_each_step_its_latest_figure_with_period_and_source(runner, mapped):
    data = json.loads(run(runner, mapped, "export", "tiny", "--format", "json"))
    steps = {step["id"]: step for step in data["stages"][0]["steps"]}
    assert steps["chat-csat"]["metric"] == {"name": "csat", "channel": "chat"}
    assert steps["chat-csat"]["figure"] == {
        "label": "CSAT on chat",
        "value": "0% (1 answer)",
        "period": "2026-09",
        "source": SOURCE,
        "why": None,
    }
    assert steps["plain"]["metric"] is None and steps["plain"]["figure"] is None


def test_markdown_shows_every_figure_or_why_there_is_none(runner, mapped):
    page = run(runner, mapped, "export", "tiny", "--format", "markdown")
    assert "| Metric" in page
    for text in EXPECTED.values():
        assert text in page


def test_html_shows_the_figures_in_a_metric_row(runner, mapped):
    page = run(runner, mapped, "export", "tiny", "--format", "html")
    assert "Metric<small>latest figure, from the metrics document</small>" in page
    for text in EXPECTED.values():
        assert text in page


def test_the_terminal_map_shows_the_figure_and_its_period(runner, mapped):
    page = run(runner, mapped, "show", "tiny", "--width", "300")
    row = page[page.index("\nmetric ") :].splitlines()[1:3]
    assert "CSAT on chat 0% (1 answer)" in row[0] and "(2026-09)" in row[1]


def test_html_escapes_the_figure_text(runner, workspace):
    root = with_exports(workspace, name="<i>contacts.csv")
    page = run(runner, root, "export", "tiny", "--format", "html")
    assert "from metrics/exports/&lt;i&gt;contacts.csv" in page
    assert "<i>contacts" not in page


def test_without_a_metrics_document_the_map_says_so(runner, mapped):
    (mapped / "metrics" / "definitions.yaml").unlink()
    page = run(runner, mapped, "export", "tiny", "--format", "markdown")
    assert "CSAT on chat: no metrics document" in page


def test_exports_with_errors_are_not_computed_and_the_map_says_why(runner, workspace):
    root = with_exports(workspace, CONTACTS.replace("300,60", "-300,60"))
    page = run(runner, root, "export", "tiny", "--format", "markdown")
    assert "CSAT: not computed: the exports have errors (see sxt metrics check)" in page, page


def test_a_map_without_a_metric_has_no_metric_row(runner, mapped):
    (mapped / "journeys" / "tiny.yaml").write_text(
        JOURNEY.split("      - id: chat-csat")[0] + "      - id: plain\n        action: Leaves.\n"
    )
    assert "| Metric" not in run(runner, mapped, "export", "tiny", "--format", "markdown")
    assert "\nmetric " not in run(runner, mapped, "show", "tiny")


def test_an_unknown_metric_is_an_error_at_its_line_and_column(runner, mapped):
    journey = mapped / "journeys" / "tiny.yaml"
    journey.write_text(JOURNEY.replace("metric: csat\n", "metric: cast\n"))
    result = runner.invoke(cli, ["-C", str(mapped), "validate", str(journey)])
    assert result.exit_code == 1
    line = JOURNEY.splitlines().index("        metric: csat") + 1
    assert f"tiny.yaml:{line}:17: error:" in result.output
    assert "'cast' is not one of" in result.output and "did you mean 'csat'?" in result.output


def test_duckdb_is_loaded_only_for_a_map_whose_steps_name_a_metric(mapped):
    plain = JOURNEY.split("      - id: chat-csat")[0] + "      - id: plain\n        action: A.\n"
    (mapped / "journeys" / "tiny.yaml").write_text(plain)
    modules = loaded_modules(["journey", "export", "tiny", "--format", "json"], mapped)
    assert "duckdb" not in modules
    (mapped / "journeys" / "tiny.yaml").write_text(JOURNEY)
    modules = loaded_modules(["journey", "export", "tiny", "--format", "json"], mapped)
    assert "duckdb" in modules

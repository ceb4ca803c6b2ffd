"""`sxt audit report` cites metric evidence for customer voice, self-service and proactive.

The exports below hold four contacts in 2026-Q3: two people's (c1 phone, c2 email), one the
bot solved (c3) and one a proactive notice answered (c4, self-service, tagged proactive).
Two CSAT answers (c1, c2) from the same customer within a week, one NPS answer (c1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

CONTACTS = """\
id,channel,started,talk_seconds,agent,team,handled_by,tags
c1,phone,2026-07-06 09:00:00,300,ana,north,human,billing
c2,email,2026-07-07 09:00:00,,ana,north,human,
c3,chat,2026-08-03 09:00:00,40,,north,bot,faq
c4,web,2026-09-01 09:00:00,,,north,self-service,outage;proactive
"""
CSAT = """\
contact_id,answered_at,score,customer
c1,2026-07-06 12:00:00,5,pat
c2,2026-07-08 12:00:00,2,pat
"""
NPS = "contact_id,answered_at,score,customer\nc1,2026-07-20 12:00:00,9,sam\n"
DEFINITIONS = """\
sxt: 1
kind: metrics
contacts:
  - file: exports/contacts.csv
surveys:
  csat: {file: exports/csat.csv}
  nps: {file: exports/nps.csv}
  max_per_customer: 1
  per_days: 30
"""


@pytest.fixture
def audited(runner: CliRunner, workspace: Path) -> Path:
    exports = workspace / "metrics" / "exports"
    for name, text in (("contacts.csv", CONTACTS), ("csat.csv", CSAT), ("nps.csv", NPS)):
        (exports / name).write_text(text)
    (exports / "enps.csv").unlink()
    (workspace / "metrics" / "definitions.yaml").write_text(DEFINITIONS)
    for quarter in ("2026-Q3", "2026-Q4"):
        result = runner.invoke(cli, ["-C", str(workspace), "audit", "start", quarter])
        assert result.exit_code == 0, result.output
    return workspace


def report(runner: CliRunner, root: Path, *arguments: str) -> str:
    result = runner.invoke(
        cli, ["-C", str(root), "audit", "report", *arguments, "--today", "2026-09-30"]
    )
    assert result.exit_code == 0, result.output
    return result.output


SOURCES = "metrics/exports/csat.csv, metrics/exports/nps.csv"


def test_the_audit_report_cites_each_figure_with_its_period_and_source(runner, audited):
    output = report(runner, audited, "2026-Q3")
    section = output[output.index("Metric evidence") :].splitlines()[1:]
    assert section == [
        # Three answers (two CSAT, one NPS) for four contacts.
        f"  customer-voice: survey cadence: 75 answers per 100 contacts (3 of 4) (2026-Q3, "
        f"from {SOURCES})",
        f"  customer-voice: CSAT response rate: 50% of contacts answered (2026-Q3, from {SOURCES})",
        # pat was asked twice in two days; the rule allows one in 30 days.
        f"  customer-voice: over-surveying: 1 customer surveyed more than 1 in 30 days (2026-Q3, "
        f"from {SOURCES})",
        "  self-service: solved without a person: 50% of contacts (bot and self-service) "
        "(2026-Q3, from metrics/exports/contacts.csv)",
        "  proactive: contacts prevented: 1 contact tagged proactive (2026-Q3, from "
        "metrics/exports/contacts.csv)",
    ]


def test_a_quarter_the_exports_do_not_reach_cites_the_latest_one_and_says_so(runner, audited):
    data = json.loads(report(runner, audited, "2026-Q4", "--format", "json"))
    periods = {e["period"] for e in data["metric_evidence"]}
    assert periods == {"2026-Q3, the latest quarter in the exports"}


def test_markdown_and_html_carry_the_evidence_escaped(runner, audited):
    contacts = audited / "metrics" / "exports" / "contacts.csv"
    (audited / "metrics" / "definitions.yaml").write_text(
        DEFINITIONS + "proactive_tags: [<b>proactive]\n"
    )
    contacts.write_text(CONTACTS.replace("outage;proactive", "<b>proactive"))
    markdown = report(runner, audited, "2026-Q3", "--format", "markdown")
    assert "## Metric evidence" in markdown and "tagged &lt;b>proactive" in markdown
    page = report(runner, audited, "2026-Q3", "--format", "html")
    assert "<h2>Metric evidence</h2>" in page
    assert "1 contact tagged &lt;b&gt;proactive" in page


def test_no_evidence_without_a_metrics_document(runner, audited):
    (audited / "metrics" / "definitions.yaml").unlink()
    assert "Metric evidence" not in report(runner, audited, "2026-Q3")

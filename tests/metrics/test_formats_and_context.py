"""The three contact formats and the context warnings, each figure worked out by hand.

tests/fixtures/metrics/zendesk.json: four tickets in March 2026. Tech (Ana Souza): 101 email,
solved, rated good, first reply 45 min, requester 501; 102 chat, closed but reopened once,
rated bad, first reply 2 min; 103 voice, open, survey offered and not answered. Billing (Tom
Becker): 104 web, solved, first reply 120 min, requester 501 again two days after 101.

tests/fixtures/metrics/calls.csv: three calls. Billing: 0:05:00 + 0:01:00 + 0:01:00 = 420 s
and 4:00 + 0:30 + 90 = 360 s; Tech: 0:10:00 + 0 + 0:02:00 = 720 s.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.metrics.compute import Options, build
from toolkit.metrics.definitions import Definitions, SurveyFile
from toolkit.metrics.figures import QaScore
from toolkit.metrics.sources import Source

HEADER = "id,channel,started,ended,talk_seconds,hold_seconds,acw_seconds,agent,team,handled_by,tags"


def invoke(runner: CliRunner, folder: Path, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["-C", str(folder), "metrics", *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def report_json(runner: CliRunner, folder: Path, *arguments: str) -> dict:
    code, output = invoke(runner, folder, "report", "--format", "json", *arguments)
    assert code == 0, output
    return json.loads(output)


def by(report: dict, name: str, period: str = "2026-03") -> dict:
    key = report["by"]
    return next(r for r in report["figures"] if r[key] == name and r["period"] == period)


def codes(report: dict) -> list[str]:
    return [w["code"] for w in report["warnings"]]


# --- the three formats ----------------------------------------------------------------------


def test_a_zendesk_export_gives_the_hand_computed_figures(runner, files):
    report = report_json(
        runner, files, "--contacts", "zendesk.json", "--contacts-format", "zendesk"
    )
    tech = by(report, "Tech")
    assert tech["contacts"] == 3
    assert tech["csat"] == {
        "percent": 50.0,  # good of good and bad; 103's offered survey is no answer
        "answers": 2,
        "satisfied": 1,
        "response_rate_percent": 66.67,  # 101 and 102 of three
    }
    # 101 solved, but its requester came back (104) within 7 days; 102 reopened; 103 open.
    assert tech["fcr"] == {"percent": 0.0, "resolved": 0, "known": 3}
    assert tech["first_response"] == {"minutes": 23.5, "contacts": 2}  # (45 + 2) / 2
    assert tech["aht"]["seconds"] is None
    assert "no handle times" in tech["aht"]["not_applicable"]
    billing = by(report, "Billing")
    assert (billing["fcr"]["percent"], billing["first_response"]["minutes"]) == (100.0, 120.0)
    agents = report_json(
        runner, files, "--contacts", "zendesk.json", "--contacts-format", "zendesk", "--by", "agent"
    )
    assert {r["agent"] for r in agents["figures"]} == {"Ana Souza", "Tom Becker"}


def test_a_bad_zendesk_ticket_is_an_error_at_its_line_and_key(runner, files):
    text = (files / "zendesk.json").read_text().replace('"2026-03-04T12:00:00Z"', '"soon"', 1)
    (files / "zendesk.json").write_text(text)
    code, output = invoke(
        runner, files, "report", "--contacts", "zendesk.json", "--contacts-format", "zendesk"
    )
    assert code == 1
    line = text.splitlines()[3]
    column = line.index('"created_at"') + 1
    assert f"zendesk.json:4:{column}: error: started is not a date and time: soon" in output


def test_a_call_export_reads_h_mm_ss_and_m_ss_times(runner, files):
    report = report_json(runner, files, "--contacts", "calls.csv", "--contacts-format", "calls")
    assert by(report, "Billing")["aht"]["seconds"] == 390.0  # (420 + 360) / 2
    assert by(report, "Tech")["aht"]["seconds"] == 720.0
    assert by(report, "Billing")["fcr"]["percent"] == 100.0  # Resolved: yes, yes
    channels = report_json(
        runner, files, "--contacts", "calls.csv", "--contacts-format", "calls", "--by", "channel"
    )
    assert [r["channel"] for r in channels["figures"]] == ["phone"]


def test_parquet_gives_the_same_figures_as_its_csv(runner, files):
    import duckdb

    with duckdb.connect() as connection:
        connection.execute(
            f"COPY (SELECT * FROM read_csv('{files / 'contacts.csv'}')) "
            f"TO '{files / 'contacts.parquet'}' (FORMAT parquet)"
        )
    survey = ("--csat", "csat.csv", "--nps", "nps.csv")
    from_csv = report_json(runner, files, "--contacts", "contacts.csv", *survey)
    from_parquet = report_json(runner, files, "--contacts", "contacts.parquet", *survey)
    assert from_parquet["figures"] == from_csv["figures"]


def test_a_mapped_export_and_several_exports_read_together(runner, files, tmp_path):
    text = (files / "contacts.csv").read_text().replace("id,channel,", "ticket_id,medium,", 1)
    (files / "desk.csv").write_text(text)
    (files / "metrics.yaml").write_text(
        "sxt: 1\nkind: metrics\ncontacts:\n"
        "  - file: desk.csv\n    columns: {id: ticket_id, channel: medium}\n"
        "  - file: calls.csv\n    format: calls\n"
        "surveys:\n  csat: {file: csat.csv}\n"
    )
    report = report_json(runner, files, "--definitions", "metrics.yaml", "--by", "channel")
    phone = by(report, "phone", "2026-01")
    assert phone["aht"]["seconds"] == 450.0  # c1 600 s and c6 300 s
    assert by(report, "phone", "2026-03")["contacts"] == 3  # the three calls


def test_errors_in_the_metrics_document_are_shown_at_line_and_column(runner, files):
    (files / "metrics.yaml").write_text("sxt: 1\nkind: metrics\ncontacts: []\nfcr_window_days: x\n")
    code, output = invoke(runner, files, "report", "--definitions", "metrics.yaml")
    assert code == 1
    assert "metrics.yaml:3:11: error: contacts" in output
    assert "metrics.yaml:4:18: error: fcr_window_days" in output


# --- context warnings: each raised by one set of figures and not by another ---------------


def contacts_file(folder: Path, rows: list[str], name: str = "c.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


def human_and_bot(january_seconds: int, february_seconds: int, bots: int) -> list[str]:
    """Ten human phone contacts in January; in February ten minus `bots` human ones and
    `bots` contacts the bot solved."""
    rows = [
        f"j{i},phone,2026-01-{i + 1:02d} 09:00:00,,{january_seconds},0,0,ana,north,human,"
        for i in range(10)
    ]
    rows += [
        f"f{i},phone,2026-02-{i + 1:02d} 09:00:00,,{february_seconds},0,0,ana,north,human,"
        for i in range(10 - bots)
    ]
    rows += [f"b{i},chat,2026-02-{i + 1:02d} 10:00:00,,30,0,0,,north,bot," for i in range(bots)]
    return rows


def test_humans_left_the_harder_contacts_is_warned(runner, files):
    contacts_file(files, human_and_bot(300, 360, bots=2))
    report = report_json(runner, files, "--contacts", "c.csv")
    [warning] = [w for w in report["warnings"] if w["code"] == "metrics/harder-contacts-for-humans"]
    # Human AHT 300 s to 360 s (+20%); bot share 0% to 20%.
    assert warning["message"].startswith(
        "human AHT rose 20% while the bot and self-service share rose 20 points (0% to 20%"
    )
    assert "re-set the human AHT targets rather than flag the agents" in warning["message"]


@pytest.mark.parametrize(("february", "bots"), [(300, 2), (360, 0)])
def test_no_harder_contacts_warning_without_both_moves(runner, files, february, bots):
    contacts_file(files, human_and_bot(300, february, bots))
    report = report_json(runner, files, "--contacts", "c.csv")
    assert "metrics/harder-contacts-for-humans" not in codes(report)


def test_aht_without_csat_is_warned_and_not_when_csat_is_beside_it(runner, files):
    alone = report_json(runner, files, "--contacts", "contacts.csv")
    assert codes(alone).count("metrics/aht-without-csat") == 2  # north and south
    beside = report_json(runner, files, "--contacts", "contacts.csv", "--csat", "csat.csv")
    assert "metrics/aht-without-csat" not in codes(beside)


def complex_contacts(folder: Path, satisfied: int) -> Definitions:
    """Four complex chats by ana in March, three answered, `satisfied` of them 4 or 5."""
    rows = [
        f"x{i},chat,2026-03-0{i + 1} 09:00:00,,300,0,0,ana,north,human,billing;complex"
        for i in range(4)
    ]
    contacts = contacts_file(folder, rows)
    scores = [5] * satisfied + [2] * (3 - satisfied)
    answers = [f"x{i},2026-03-0{i + 1} 12:00:00,{score}" for i, score in enumerate(scores)]
    (folder / "x.csv").write_text("contact_id,answered_at,score\n" + "\n".join(answers) + "\n")
    return Definitions(
        contacts=[Source(contacts, "c.csv")], csat=SurveyFile(folder / "x.csv", "x.csv")
    )


def test_low_csat_on_complex_contacts_is_read_beside_the_qa_score(files):
    definitions = complex_contacts(files, satisfied=1)
    shop = QaScore(dt.date(2026, 3, 20), "ana", "north", "chat", 88.0)
    other = QaScore(dt.date(2026, 2, 20), "ana", "north", "chat", 40.0)  # another month
    report = build(definitions, Options(by="agent"), [shop, other])
    [warning] = [w for w in report.warnings if w.code == "metrics/low-csat-on-complex-contacts"]
    assert warning.message == (
        "CSAT on ana's complex contacts in 2026-03 is 33% (1 of 3 answers satisfied); their "
        "mystery-shop QA score in 2026-03 is 88% (1 shop): read the CSAT beside it"
    )
    assert report.figures is not None and report.figures[0].qa_percent == 88.0
    without = build(definitions, Options(by="agent"))
    [warning] = [w for w in without.warnings if w.code == "metrics/low-csat-on-complex-contacts"]
    assert "no mystery shop of theirs in 2026-03" in warning.message


def test_no_complex_contacts_warning_when_they_are_satisfied(files):
    report = build(complex_contacts(files, satisfied=3), Options(by="agent"))
    assert "metrics/low-csat-on-complex-contacts" not in [w.code for w in report.warnings]


def over_surveyed(folder: Path, customers: tuple[str, str]) -> Definitions:
    rows = [f"s{i},email,2026-03-0{i + 1} 09:00:00,,,,,ana,north,human," for i in range(2)]
    contacts = contacts_file(folder, rows)
    answers = [f"s{i},2026-03-0{i + 2} 09:00:00,5,{c}" for i, c in enumerate(customers)]
    (folder / "s.csv").write_text(
        "contact_id,answered_at,score,customer\n" + "\n".join(answers) + "\n"
    )
    return Definitions(
        contacts=[Source(contacts, "c.csv")],
        csat=SurveyFile(folder / "s.csv", "s.csv"),
        max_surveys=1,
        survey_days=30,
    )


def test_over_surveying_is_warned(files):
    report = build(over_surveyed(files, ("pat", "pat")), Options())
    [warning] = [w for w in report.warnings if w.code == "metrics/over-surveying"]
    assert warning.message == (
        "1 customer was surveyed more than 1 time within 30 days (most: pat (2)): never over-survey"
    )


def test_no_over_surveying_warning_for_different_customers(files):
    report = build(over_surveyed(files, ("pat", "sam")), Options())
    assert "metrics/over-surveying" not in [w.code for w in report.warnings]


def happiness(folder: Path, january: list[int], february: list[int]) -> None:
    lines = [f"2026-01-20 12:00:00,{s},north" for s in january]
    lines += [f"2026-02-20 12:00:00,{s},north" for s in february]
    (folder / "e.csv").write_text("answered_at,score,team\n" + "\n".join(lines) + "\n")


def test_agent_happiness_falling_is_warned_beside_nps(runner, files):
    happiness(files, [10, 9, 9, 7], [9, 7, 5, 3])  # eNPS 75 to -25
    report = report_json(
        runner, files, "--contacts", "contacts.csv", "--nps", "nps.csv", "--enps", "e.csv"
    )
    [warning] = [w for w in report["warnings"] if w["code"] == "metrics/happiness-fell"]
    # north's NPS: January 33.33 (two promoters, one detractor of three), February -50.
    assert warning["message"] == (
        "agent happiness (eNPS) in north fell 100 points (2026-01 +75 to 2026-02 -25) while "
        "NPS went from +33 to -50: happy agents, happy customers"
    )
    assert [(h["period"], h["enps"]) for h in report["happiness"]] == [
        ("2026-01", 75.0),
        ("2026-02", -25.0),
    ]


def test_no_happiness_warning_when_it_holds(runner, files):
    happiness(files, [10, 9, 9, 7], [10, 9, 9, 8])
    report = report_json(runner, files, "--contacts", "contacts.csv", "--enps", "e.csv")
    assert "metrics/happiness-fell" not in codes(report)


# --- faces ------------------------------------------------------------------------------------

ALL = ("--contacts", "contacts.csv", "--csat", "csat.csv", "--nps", "nps.csv")


def test_trend_draws_nps_and_enps_on_one_chart(runner, files):
    happiness(files, [10, 9, 9, 7], [9, 7, 5, 3])
    code, output = invoke(runner, files, "trend", *ALL, "--enps", "e.csv")
    assert code == 0
    chart = output[output.index("NPS and agent happiness (eNPS)") :].splitlines()
    assert chart[0] == "NPS and agent happiness (eNPS)  (scale -100 to +100)"
    # Both lines on one scale of eight blocks from -100 to 100: +50 is 3/4 up (block 7 of 8),
    # -33 a third (block 3), +75 7/8 (block 8), -25 3/8 (block 4).
    assert chart[1].split() == ["NPS", "▇▃", "+50", "→", "-33"]
    assert chart[2].split() == ["eNPS", "█▄", "+75", "→", "-25"]
    assert "AHT (minutes)" in output and "CSAT (%)" in output


def test_html_is_one_page_with_inline_charts_and_escaped_names(runner, files):
    text = (files / "contacts.csv").read_text().replace(",north,", ",<script>alert(1)</script>,")
    (files / "contacts.csv").write_text(text)
    code, page = invoke(runner, files, "report", *ALL, "--format", "html")
    assert code == 0
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 4
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "src=" not in page


def test_markdown_and_csv(runner, files):
    code, markdown = invoke(runner, files, "report", *ALL, "--format", "markdown")
    assert code == 0
    assert "| 2026-01 | north  |          3 | 10:00 | 67% (100% answered)  |" in markdown
    assert "## Read in context" in markdown
    code, text = invoke(runner, files, "report", *ALL, "--format", "csv")
    lines = text.splitlines()
    assert lines[0].startswith("period,team,contacts,aht_seconds,csat_percent")
    assert lines[1].startswith("2026-01,north,3,600.0,66.6666666667")


def test_from_and_to_keep_the_contacts_of_those_days(runner, files):
    report = report_json(runner, files, *ALL, "--from", "2026-02-01", "--to", "2026-02-28")
    assert {r["period"] for r in report["figures"]} == {"2026-02"}
    code, output = invoke(
        runner, files, "report", *ALL, "--from", "2026-03-01", "--to", "2026-02-01"
    )
    assert code == 2 and "--from is after --to" in output


def test_check_fails_on_bad_rows_and_on_warnings_at_the_level_asked(runner, files):
    code, output = invoke(runner, files, "check", "--contacts", "contacts_bad.csv")
    assert code == 1
    assert "contacts_bad.csv:5:2: error: unknown channel fax" in output
    code, output = invoke(runner, files, "check", *ALL)
    assert code == 0
    assert "warning: AHT fell 25% while CSAT fell 17 points" in output
    code, _ = invoke(runner, files, "check", *ALL, "--fail-level", "warning")
    assert code == 1


def test_targets_are_met_or_missed(runner, files):
    report = report_json(runner, files, "--definitions", "definitions.yaml")
    targets = {(t["metric"], t["channel"]): (t["actual"], t["met"]) for t in report["targets"]}
    # phone: (600 + 400 + 300 + 360) / 4 = 415 s against 420; chat: (600 + 500 + 60) / 3.
    assert targets[("aht_seconds", "phone")] == (415.0, True)
    assert targets[("aht_seconds", "chat")] == (386.67, True)
    assert targets[("csat_percent", "all")] == (75.0, False)  # 6 of 8 answers


def test_a_fresh_workspace_reports_on_its_example_exports(runner, workspace):
    result = runner.invoke(cli, ["-C", str(workspace), "metrics", "report"])
    assert result.exit_code == 0, result.output
    assert "2026-09  Billing" in result.output
    for code in (
        "AHT fell",
        "human AHT rose",
        "complex contacts",
        "surveyed more than 2 times",
        "agent happiness (eNPS)",
    ):
        assert code in result.output


def test_the_terminal_app_shows_the_metrics_screen(workspace):
    import asyncio

    from textual.widgets import DataTable

    from toolkit.tui.app import SxtApp
    from toolkit.tui.metrics import MetricsScreen

    app = SxtApp(workspace)
    seen: dict[str, object] = {}

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, MetricsScreen)
            table = app.screen.query_one("#metrics", DataTable)
            seen["teams"] = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
            await pilot.press("b")
            await pilot.pause()
            seen["by"] = app.screen.by
            seen["title"] = app.screen.sub_title
            await pilot.press("escape")
            await pilot.pause()
            seen["back"] = type(app.screen).__name__

    asyncio.run(main())
    assert seen["teams"] == {"Billing", "Tech"}
    assert seen["by"] == "agent" and seen["title"] == "Contact metrics by agent, per month"
    assert seen["back"] == "HomeScreen"

"""`sxt metrics report` on a small fixture whose figures were worked out by hand.

tests/fixtures/metrics/contacts.csv holds nine contacts in January and February 2026:
north (ana): c1 phone 400+100+100 s, c2 chat 500+0+100 s (reopened), c3 email (not live),
c4 phone 300+50+50 s, c5 chat 400+0+100 s (not resolved); south: c6 phone (bob) 200+100+0 s,
c7 chat by the bot 60 s, c8 phone (bob) 240+60+60 s, c9 web self-service.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli


def run(runner: CliRunner, folder: Path, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["-C", str(folder), "metrics", "report", *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def figures(runner: CliRunner, folder: Path, *arguments: str) -> dict[str, object]:
    code, output = run(runner, folder, "--format", "json", *arguments)
    assert code == 0, output
    return json.loads(output)


def row(report: dict, period: str, slice_name: str) -> dict:
    by = report["by"]
    return next(r for r in report["figures"] if r["period"] == period and r[by] == slice_name)


ALL = ("--contacts", "contacts.csv", "--csat", "csat.csv", "--nps", "nps.csv")


def test_figures_by_team_and_month_match_the_hand_computed_ones(runner, files):
    report = figures(runner, files, *ALL)
    north_january = row(report, "2026-01", "north")
    # AHT: (600 + 600) / 2 live contacts; the email contact c3 is not counted.
    assert north_january["aht"] == {
        "seconds": 600.0,
        "live_contacts": 2,
        "timed_contacts": 2,
        "not_applicable": None,
    }
    # CSAT: 5 and 4 of 5, 4, 2; every contact answered.
    assert north_january["csat"] == {
        "percent": 66.67,
        "answers": 3,
        "satisfied": 2,
        "response_rate_percent": 100.0,
    }
    # NPS: promoters 10 and 9, detractor 3: (2 - 1) / 3.
    assert north_january["nps"]["score"] == 33.33
    # FCR: c1 and c3 resolved and not reopened; c2 was reopened.
    assert north_january["fcr"] == {"percent": 66.67, "resolved": 2, "known": 3}

    north_february = row(report, "2026-02", "north")
    assert north_february["aht"]["seconds"] == 450.0  # (400 + 500) / 2
    assert north_february["csat"]["percent"] == 50.0  # 4 of 3, 4
    assert north_february["nps"]["score"] == -50.0  # no promoter, one detractor (6) of two
    assert north_february["fcr"]["percent"] == 50.0

    south_january = row(report, "2026-01", "south")
    assert south_january["aht"]["seconds"] == 180.0  # (300 + 60) / 2
    assert south_january["csat"]["response_rate_percent"] == 50.0  # c6 answered, c7 did not
    south_february = row(report, "2026-02", "south")
    assert south_february["aht"] == {
        "seconds": 360.0,
        "live_contacts": 1,
        "timed_contacts": 1,
        "not_applicable": None,
    }
    assert south_february["nps"]["score"] == 0.0  # a single passive (7)


def test_aht_fell_while_csat_fell_is_warned(runner, files):
    report = figures(runner, files, *ALL)
    assert [w["slice"] for w in report["warnings"]] == ["north"]
    assert report["warnings"][0]["message"].startswith("AHT fell 25% while CSAT fell 17 points")


def test_no_warning_when_aht_rose(runner, files):
    """south's AHT doubled (180 s to 360 s) while CSAT stayed at 100%: nothing to warn."""
    report = figures(runner, files, *ALL)
    assert not [w for w in report["warnings"] if w["slice"] == "south"]


def test_email_aht_is_not_applicable_with_the_reason(runner, files):
    report = figures(runner, files, *ALL, "--by", "channel", "--period", "quarter")
    email = row(report, "2026-Q1", "email")
    assert email["aht"]["seconds"] is None
    assert "email is not a live channel" in email["aht"]["not_applicable"]
    assert row(report, "2026-Q1", "phone")["aht"]["seconds"] == pytest.approx(
        round((600 + 400 + 300 + 360) / 4, 2)
    )


def test_by_tier_and_week(runner, files):
    report = figures(runner, files, *ALL, "--by", "tier", "--period", "week")
    assert row(report, "2026-W03", "bot")["aht"]["seconds"] == 60.0
    self_service = row(report, "2026-W07", "self-service")
    assert self_service["aht"]["not_applicable"] == "no phone or chat contacts in this slice"


def test_answers_for_unknown_contacts_are_a_warning_and_left_out(runner, files):
    report = figures(runner, files, *ALL)
    assert [(d["path"], d["line"], d["col"], d["severity"]) for d in report["diagnostics"]] == [
        ("csat.csv", 10, 1, "warning")
    ]


def test_text_puts_csat_right_beside_aht(runner, files):
    code, output = run(runner, files, *ALL)
    assert code == 0
    header = next(line for line in output.splitlines() if line.startswith("month"))
    assert header.split()[3:5] == ["AHT", "CSAT"]
    assert "2026-01  north            3  10:00  67% (100% answered)" in output
    assert "warning: north, 2026-02: AHT fell 25% while CSAT fell 17 points" in output


def test_without_a_csat_file_the_report_says_aht_needs_it(runner, files):
    code, output = run(runner, files, "--contacts", "contacts.csv")
    assert code == 0
    assert "AHT for north in 2026-01 to 2026-02 has no CSAT beside it" in output


BAD = [
    "contacts_bad.csv:3:5: error: talk_seconds is negative: -5",
    "contacts_bad.csv:4:4: error: ended (2026-01-05 10:00:00) is before started "
    "(2026-01-05 11:00:00)",
    "contacts_bad.csv:5:2: error: unknown channel fax",
    "contacts_bad.csv:6:1: error: contact id b1 is already on line 2",
    "contacts_bad.csv:7:3: error: started is not a date and time: yesterday",
]


def test_bad_rows_are_errors_at_file_row_column_and_give_no_figures(runner, files):
    code, output = run(runner, files, "--contacts", "contacts_bad.csv")
    assert code == 1
    for expected in BAD:
        assert expected in output
    assert "No figures" in output
    assert "Traceback" not in output


def test_skip_bad_computes_from_the_good_rows_and_lists_the_rest(runner, files):
    code, output = run(runner, files, "--contacts", "contacts_bad.csv", "--skip-bad")
    assert code == 0
    assert "Left out 5 rows with errors" in output
    assert "2026-01  north            1  10:00" in output  # only b1 on line 2 is left
    report = figures(runner, files, "--contacts", "contacts_bad.csv", "--skip-bad")
    assert report["left_out_rows"] == 5
    assert [r["contacts"] for r in report["figures"]] == [1]


def test_json_with_errors_has_no_figures(runner, files):
    code, output = run(runner, files, "--contacts", "contacts_bad.csv", "--format", "json")
    assert code == 1
    report = json.loads(output)
    assert report["figures"] is None
    assert [(d["line"], d["col"], d["code"]) for d in report["diagnostics"]] == [
        (3, 5, "metrics/negative-duration"),
        (4, 4, "metrics/ended-before-started"),
        (5, 2, "metrics/unknown-channel"),
        (6, 1, "metrics/duplicate-id"),
        (7, 3, "metrics/bad-time"),
    ]


def test_json_lines_errors_point_at_the_line_and_the_key(runner, files):
    """Line 2 of contacts.jsonl is blank, so the second record is on line 3; its column is
    where "hold_seconds" starts."""
    code, output = run(runner, files, "--contacts", "contacts.jsonl", "--format", "json")
    assert code == 1
    [diagnostic] = json.loads(output)["diagnostics"]
    line = (files / "contacts.jsonl").read_text().splitlines()[2]
    assert (diagnostic["line"], diagnostic["col"]) == (3, line.index('"hold_seconds"') + 1)


def test_json_lines_times_with_offsets_are_read_in_utc(runner, files):
    """j1 starts at 00:30 on 1 April at +02:00: 22:30 UTC on 31 March, so March counts it."""
    report = figures(runner, files, "--contacts", "contacts.jsonl", "--skip-bad")
    assert [(r["period"], r["contacts"], r["aht"]["seconds"]) for r in report["figures"]] == [
        ("2026-03", 1, 300.0)
    ]


def test_bad_survey_scores_are_errors(runner, files):
    (files / "csat_bad.csv").write_text(
        "contact_id,answered_at,score\nc1,2026-01-05 12:00:00,6\nc2,soon,4\n"
    )
    code, output = run(runner, files, "--contacts", "contacts.csv", "--csat", "csat_bad.csv")
    assert code == 1
    assert "csat_bad.csv:2:3: error: score is 6, not good, bad or a whole number 1 to 5" in output
    assert "csat_bad.csv:3:2: error: answered_at is not a date and time: soon" in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--contacts", "missing.csv"), "missing.csv: no such file"),
        (("--contacts", "csat.csv"), "csat.csv: no column id, channel"),
    ],
)
def test_unreadable_input_exits_2_without_a_traceback(runner, files, arguments, message):
    code, output = run(runner, files, *arguments)
    assert code == 2
    assert message in output
    assert "Traceback" not in output


def test_a_row_duckdb_cannot_split_is_an_error_and_later_rows_keep_their_lines(runner, files):
    header, good, *_ = (files / "contacts_bad.csv").read_text().splitlines()
    short = "r2,phone,2026-01-05 09:00:00"
    extra = good.replace("b1,", "r3,") + ",EXTRA"
    negative = good.replace("b1,", "r4,").replace(",400,", ",-1,")
    (files / "ragged.csv").write_text("\n".join([header, good, short, extra, negative]) + "\n")
    code, output = run(runner, files, "--contacts", "ragged.csv", "--format", "json")
    assert code == 1
    found = [(d["line"], d["col"], d["code"]) for d in json.loads(output)["diagnostics"]]
    assert found == [
        (3, 3, "metrics/bad-row"),
        (4, 14, "metrics/bad-row"),
        (5, 5, "metrics/negative-duration"),
    ]


def test_csv_line_counts_refused_lines_above_a_row():
    from toolkit.metrics.compute import csv_line

    assert csv_line(1, []) == 2
    assert csv_line(2, [3, 4]) == 5  # rows kept: line 2, then line 5
    assert csv_line(1, [5]) == 2


def test_an_empty_file_is_an_input_error(runner, files):
    (files / "empty.csv").write_text("")
    code, output = run(runner, files, "--contacts", "empty.csv")
    assert (code, "empty.csv: the file is empty" in output) == (2, True)


def test_a_header_without_rows_says_there_is_nothing_to_count(runner, files):
    (files / "header.csv").write_text((files / "contacts.csv").read_text().splitlines()[0])
    code, output = run(runner, files, "--contacts", "header.csv")
    assert code == 0
    assert "No contacts to report on" in output


def test_names_from_the_file_cannot_drive_the_terminal(runner, files):
    text = (files / "contacts.csv").read_text().replace(",north,", ",no\x1b[31mrth,")
    (files / "contacts.csv").write_text(text)
    code, output = run(runner, files, *ALL)
    assert code == 0
    assert "\x1b" not in output
    assert "warning: no\\x1b[31mrth, 2026-02: AHT fell 25%" in output


def test_a_time_with_an_offset_among_times_without_is_an_error(runner, files):
    lines = (files / "contacts.csv").read_text().splitlines()
    lines[3] = lines[3].replace("2026-01-08 09:00:00", "2026-01-08T09:00:00+01:00")
    (files / "contacts.csv").write_text("\n".join(lines) + "\n")
    code, output = run(runner, files, "--contacts", "contacts.csv")
    assert code == 1
    assert (
        "contacts.csv:4:4: error: mixed time zones: ended has a UTC offset, the first time in "
        "the file (line 2) none; a time without one would be read as UTC"
    ) in output


def test_times_all_with_offsets_are_not_mixed(runner, files):
    """contacts.jsonl gives every time an offset (+02:00 and Z): only its negative hold time
    is an error."""
    _, output = run(runner, files, "--contacts", "contacts.jsonl", "--format", "json")
    assert [d["code"] for d in json.loads(output)["diagnostics"]] == ["metrics/negative-duration"]


def test_an_export_found_clean_is_not_scanned_for_duplicate_ids_again_until_it_changes(
    runner, files, monkeypatch
):
    """The duplicate-id scan is a third of a large report; its answer is kept in the
    workspace's cache for the unchanged file, and a changed file is scanned again."""
    from toolkit.metrics import queries

    (files / "sxt.yaml").write_text("sxt: 1\nkind: workspace\n", encoding="utf-8")
    first = figures(runner, files, *ALL)
    scan = queries.ID_CHECK
    monkeypatch.setattr(queries, "ID_CHECK", "SELECT error('scanned again')")
    assert figures(runner, files, *ALL) == first  # the scan would have failed the command
    monkeypatch.setattr(queries, "ID_CHECK", scan)
    contacts = files / "contacts.csv"
    lines = contacts.read_text(encoding="utf-8").splitlines()
    contacts.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    code, output = run(runner, files, *ALL, "--format", "json")
    assert code == 1
    assert "metrics/duplicate-id" in {d["code"] for d in json.loads(output)["diagnostics"]}

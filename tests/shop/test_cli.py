"""`sxt shop` end to end on tests/fixtures/shop-workspace: eight mystery shops over 2026-Q3
and 2026-Q4 against the shipped chat/email scorecard, every expected figure worked out by hand
from the YAML files.

The scorecard's sections (weights): opening 15, understanding 20, resolution 35, tone 20,
closing 10 (sum 100); pass mark 80%. Normalised answers: yes 1, partial .5, no 0; a 1-5
scale (v - 1) / 4; PREACH points v / 6. Section scores below are the weighted means of their
criteria (correct-answer weighs 2; root-cause-flagged is a bonus; N/A leaves the denominator).

    shop (date, channel, agent / team)      scorer  open  under  resol  tone   close  score
    1 07-08 chat  Leila Haddad / Billing    Maya *  .75   2/3    1 (a)  .8958  .5     82.5
                                            Jonas   1     .6875  1      .7292  2/3    85.0
    2 08-12 email Tom Becker / Billing      Maya *  .75   1      0 (b)  1      1      61.25
                                            Priya   1     1      .875   .875   .75    90.625
    3 09-03 chat  Ana Souza / Tech          Jonas   .5    .875   .6     .4375  0      0 (c)
    4 09-21 email Ravi Menon / Tech         Priya   .75   2/3    1      2/3    2/3    79.583
    5 10-06 chat  Tom Becker / Billing      Maya *  1     1      1 (a)  .9375  1      98.75
                                            Jonas   1     .8125  .9     .8958  1      90.667
                                            Priya   1     1      1 (a)  1      1      100
    6 10-20 email Leila Haddad / Billing    Jonas   1     1      1      .8333  .75    94.167
                                            Priya   .75   .8333  1      .9375  1      91.667
    7 11-10 chat  Ana Souza / Tech          Maya *  .5    .875   1      .7083  1      84.167
                                            Jonas   .5    .8125  .7     .6667  .75    69.083
                                            Priya   1     .9375  1      .8958  1      96.667
    8 12-01 email Ravi Menon / Tech         Maya    1     .9375  1      .9375  2/3    94.167

    *   the benchmark (Maya Okafor); Jonas Weber and Priya Raman are the other scorers.
    (a) the bonus lifts the section over 1: capped at 1.
    (b) correct-answer "no" is critical: fail-section zeroes the resolution section.
    (c) data-protected "no" is critical: fail-all; the sections alone would give 54.75.

For example shop 1 as Maya: (15 x .75 + 20 x 2/3 + 35 x 1 + 20 x .8958 + 10 x .5) / 100 =
(11.25 + 13.333 + 35 + 17.917 + 5) / 100 = 82.5%.

A report counts a shop with its benchmark's score, else the mean of its scorers (shop 6:
(94.167 + 91.667) / 2 = 92.917), so the report's shop scores are 82.5, 61.25, 0, 79.583,
98.75, 92.917, 84.167, 94.167; they pass (>= 80, no fail-all): 1, 5, 6, 7, 8.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli.main import cli
from toolkit.core.content import shipped_root
from toolkit.core.loader import load_file
from toolkit.core.validation import validate
from toolkit.core.workspace import expand
from toolkit.shop import agreement
from toolkit.shop.calibration import calibrate
from toolkit.shop.model import Scoring, Shop, scorecard_from

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "shop-workspace"
TODAY = "2026-12-15"

SHOP_1 = "2026-07-08-card-declined-at-renewal"
SHOP_2 = "2026-08-12-refund-for-a-double-charge"
SHOP_3 = "2026-09-03-password-reset-loop"
SHOP_6 = "2026-10-20-invoice-address-change"
SHOP_8 = "2026-12-01-cancel-and-get-a-prorated-refund"
FIXTURE_FILES = {p.name for p in (FIXTURE / "shops").glob("*.yaml")}

# The report's shop scores (see the module docstring), in date order.
SCORES = [82.5, 61.25, 0.0, 955 / 12, 98.75, (1130 / 12 + 1100 / 12) / 2, 1010 / 12, 1130 / 12]


@pytest.fixture
def shops(copy_of: Callable[[str], Path]) -> Path:
    """A copy of the fixture workspace, so commands that write never touch the original."""
    return copy_of("shop-workspace")


def sxt(root: Path, *arguments: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), "shop", *arguments], input=input)


def ok(result: Result, code: int = 0) -> str:
    """stdout, once the command exited with `code` (else the whole output, to see why)."""
    assert result.exit_code == code, result.output
    return result.stdout


def table_row(output: str, first_cell: str) -> list[str]:
    """The cells of a text table's row, cut where the dashes under its header are (a cell
    may hold two spaces, and an empty cell stays a cell)."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(first_cell + " "))
    rule = next(line for line in lines[at::-1] if line and set(line) <= {"-", " "})
    spans = [match.span() for match in re.finditer(r"-+", rule)]
    return [lines[at][start:end].strip() for start, end in spans]


def value_note(statistic: dict) -> dict:
    """A statistic's figure and note, without its units, interval and reading."""
    return {key: statistic[key] for key in ("value", "note")}


def report_json(root: Path, *arguments: str) -> dict:
    return json.loads(ok(sxt(root, "report", "--format", "json", *arguments)))


# --- the fixture ---------------------------------------------------------------------------


def test_the_fixture_is_valid_and_its_scorecard_is_the_shipped_one(shops: Path) -> None:
    files = sorted((shops / "shops").glob("*.yaml"))
    assert len(files) == 8
    assert validate(expand([shops]), shops).diagnostics == []
    shipped = (shipped_root() / "checklists" / "chat-email.yaml").read_text(encoding="utf-8")
    copied = (FIXTURE / "checklists" / "chat-email.yaml").read_text(encoding="utf-8")
    assert copied.split("\n", 1)[1] == shipped.split("\n", 1)[1]  # all but the schema line


# --- report --------------------------------------------------------------------------------


def test_report_text(shops: Path) -> None:
    out = ok(sxt(shops, "report"))
    assert out.startswith(
        "Mystery shops against Chat and email mystery shop (checklists/chat-email.yaml)\n"
        "8 shops (2026-07-08 to 2026-12-01), 15 scorings by 3 scorers; pass mark 80%.\n"
    )
    # (82.5 + 61.25 + 0 + 79.583 + 98.75 + 92.917 + 84.167 + 94.167) / 8 = 593.333 / 8
    # = 74.167 -> 74.2%; passed: shops 1, 5, 6, 7, 8 = 5 of 8 = 62.5%.
    assert "Average score   74.2% over 8 scored shops" in out
    assert "Passed          5 of 8 (62.5%)" in out
    # Shop 3 (fail-all, Jonas) and shop 2 (fail-section, Maya the benchmark).
    assert "Critical fails  2 shops (1 fail-all, 1 fail-section)" in out
    # Q3: (82.5 + 61.25 + 0 + 79.583) / 4 = 55.833; Q4: (98.75 + 92.917 + 84.167 + 94.167)
    # / 4 = 92.5; change +36.667 points.
    assert table_row(out, "2026-Q3") == ["2026-Q3", "4", "55.8%", "", "1 of 4 (25%)", "2"]
    assert table_row(out, "2026-Q4") == ["2026-Q4", "4", "92.5%", "+36.7", "4 of 4 (100%)", "0"]
    # Sections, as the report counts each shop: opening (.75 + .75 + .5 + .75 + 1
    # + (1 + .75)/2 + .5 + 1) / 8 = 6.125 / 8 = 76.6%.
    assert table_row(out, "Opening") == ["Opening", "15", "76.6%", "8"]
    critical = out.split("Critical fails\n", 1)[1]
    assert table_row(critical, "2026-09-03")[2:] == [
        "Customer data was protected",
        "fail-all",
        "Jonas Weber",
    ]
    assert table_row(critical, "2026-08-12")[2:] == [
        "The answer was correct",
        "fail-section",
        "Maya Okafor (benchmark)",
    ]
    listed = out.split("\nShops\n", 1)[1]
    # 61.25 rounds half up to 61.3; shop 6 is the mean of its two scorers.
    assert table_row(listed, "2026-08-12")[5:] == ["61.3%", "no", "Maya Okafor (benchmark)"]
    assert table_row(listed, "2026-10-20")[5:] == [
        "92.9%",
        "yes",
        "mean of 2: Jonas Weber, Priya Raman",
    ]
    assert table_row(listed, "2026-09-21")[5:] == ["79.6%", "no", "Priya Raman"]
    assert (
        "\nShops\nA shop's score is its benchmark scorer's when it has one, else the mean of "
        "its scorers' scores.\n" in out
    )


def test_report_json(shops: Path) -> None:
    data = report_json(shops)
    assert [s["score"] for s in data["shops"]] == pytest.approx(SCORES)
    assert [s["basis"] for s in data["shops"]] == [
        "benchmark",
        "benchmark",
        "single",
        "single",
        "benchmark",
        "mean",
        "benchmark",
        "single",
    ]
    summary = data["summary"]
    assert summary["average"] == pytest.approx(sum(SCORES) / 8)
    assert (summary["passed"], summary["judged"], summary["pass_rate"]) == (5, 8, 0.625)
    assert (summary["critical_fails"], summary["fail_all"]) == (2, 1)
    assert (summary["lowest"], summary["highest"]) == (0.0, 98.75)
    assert [q["name"] for q in data["trend"]] == ["2026-Q3", "2026-Q4"]
    assert data["trend"][1]["change"] == pytest.approx(92.5 - sum(SCORES[:4]) / 4)
    shop_2 = data["shops"][1]
    assert shop_2["critical_fails"] == [{"id": "correct-answer", "critical": "fail-section"}]
    assert shop_2["scorers"] == {
        "Maya Okafor": {"score": pytest.approx(61.25), "benchmark": True},
        "Priya Raman": {"score": pytest.approx(90.625), "benchmark": False},
    }
    # Resolution: (1 + 0 + 1 + .6 + 1 + (1 + 1)/2 + 1 + 1) / 8 = 6.6 / 8 = .825
    resolution = next(s for s in data["sections"] if s["id"] == "resolution")
    assert resolution["average"] == pytest.approx(82.5)


# Each grouping, by hand from the report's shop scores (SCORES, shops 1-8):
GROUPS = {
    "agent": {
        "Ana Souza": (2, (0 + 1010 / 12) / 2),  # shops 3, 7
        "Leila Haddad": (2, (82.5 + SCORES[5]) / 2),  # shops 1, 6
        "Ravi Menon": (2, (955 / 12 + 1130 / 12) / 2),  # shops 4, 8
        "Tom Becker": (2, (61.25 + 98.75) / 2),  # shops 2, 5: 80.0
    },
    "team": {
        "Billing": (4, (82.5 + 61.25 + 98.75 + SCORES[5]) / 4),  # 83.854
        "Tech": (4, (0 + 955 / 12 + 1010 / 12 + 1130 / 12) / 4),  # 64.479
    },
    "channel": {
        "chat": (4, (82.5 + 0 + 98.75 + 1010 / 12) / 4),  # shops 1, 3, 5, 7: 66.354
        "email": (4, (61.25 + 955 / 12 + SCORES[5] + 1130 / 12) / 4),  # 81.979
    },
    "scenario": {
        "Cancel and get a prorated refund": (1, 1130 / 12),
        "Card declined at renewal": (2, (82.5 + 98.75) / 2),  # shops 1, 5: 90.625
        "Export to CSV fails": (1, 955 / 12),
        "Invoice address change": (1, SCORES[5]),
        "Password reset loop": (1, 0.0),
        "Refund for a double charge": (1, 61.25),
        "Two-factor codes not arriving": (1, 1010 / 12),
    },
    "quarter": {
        "2026-Q3": (4, sum(SCORES[:4]) / 4),  # 55.833
        "2026-Q4": (4, sum(SCORES[4:]) / 4),  # 92.5
    },
    "journey-step": {
        "first-billing-issue#agent-takes-over": (2, (82.5 + 98.75) / 2),
        "first-billing-issue#receipt": (1, 61.25),
        "(none)": (5, (0 + 955 / 12 + SCORES[5] + 1010 / 12 + 1130 / 12) / 5),  # 70.167
    },
}


@pytest.mark.parametrize("by", list(GROUPS))
def test_report_by_each_grouping(shops: Path, by: str) -> None:
    data = report_json(shops, "--by", by)
    found = {g["name"]: (g["shops"], g["average"]) for g in data["groups"]}
    assert list(found) == list(GROUPS[by])  # the order: by name, quarters in time, (none) last
    assert found == {name: (n, pytest.approx(a)) for name, (n, a) in GROUPS[by].items()}
    text = ok(sxt(shops, "report", "--by", by))
    assert f"\nBy {by}\n" in text
    first, (count, average) = next(iter(GROUPS[by].items()))
    cells = table_row(text.split(f"\nBy {by}\n", 1)[1], first)
    assert cells[:3] == [first, str(count), f"{average:.1f}%"]


def test_report_by_team_counts_passes_and_critical_fails(shops: Path) -> None:
    out = ok(sxt(shops, "report", "--by", "team"))
    groups = out.split("\nBy team\n", 1)[1]
    # Billing: 1, 2, 5, 6; passed 1, 5, 6; shop 2 failed a fail-section criterion.
    assert table_row(groups, "Billing") == [
        "Billing",
        "4",
        "83.9%",
        "61.3%",
        "98.8%",
        "3 of 4 (75%)",
        "1",
    ]
    # Tech: 3, 4, 7, 8; passed 7, 8; shop 3 failed a fail-all criterion (0%).
    assert table_row(groups, "Tech") == ["Tech", "4", "64.5%", "0.0%", "94.2%", "2 of 4 (50%)", "1"]


def test_report_csv_parses(shops: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(sxt(shops, "report", "--format", "csv")))))
    assert [row["shop"] for row in rows][:2] == [SHOP_1, SHOP_2]
    assert [float(row["score"]) for row in rows] == pytest.approx(SCORES)
    assert rows[2]["critical_fails"] == "data-protected" and rows[2]["passed"] == "no"
    assert rows[5]["scored_by"] == "mean of 2: Jonas Weber, Priya Raman"
    assert rows[0]["journey_step"] == "first-billing-issue#agent-takes-over"
    assert rows[0]["quarter"] == "2026-Q3" and rows[7]["quarter"] == "2026-Q4"
    grouped = ok(sxt(shops, "report", "--by", "channel", "--format", "csv"))
    table = list(csv.DictReader(io.StringIO(grouped)))
    assert [(r["channel"], r["shops"], r["passed"], r["judged"]) for r in table] == [
        ("chat", "4", "3", "4"),  # shops 1, 5, 7 pass; 3 fails all
        ("email", "4", "2", "4"),  # shops 6, 8 pass; 2 and 4 do not
    ]
    assert float(table[0]["average"]) == pytest.approx(GROUPS["channel"]["chat"][1])
    assert float(table[0]["pass_rate"]) == 0.75


def test_report_markdown(shops: Path) -> None:
    out = ok(sxt(shops, "report", "--by", "agent", "--format", "markdown", "--today", TODAY))
    assert out.startswith("# Mystery shops: Chat and email mystery shop\n")
    assert "Report of 2026-12-15." in out
    assert "- **Passed:** 5 of 8 (62.5%)" in out
    assert "## By agent" in out and "## Trend by quarter" in out
    assert "| Tom Becker   |       2 |     80.0% |" in out


def test_report_html_is_one_escaped_page(shops: Path) -> None:
    shop = shops / "shops" / f"{SHOP_8}.yaml"
    text = shop.read_text(encoding="utf-8")
    shop.write_text(text.replace("agent: Ravi Menon", 'agent: "<script>x()</script>"'), "utf-8")
    page = ok(sxt(shops, "report", "--format", "html", "--today", TODAY))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<h2>Trend by quarter</h2>" in page and "74.2%" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)  # nothing fetched


def test_report_fails_on_critical_only_when_asked(shops: Path) -> None:
    ok(sxt(shops, "report"), 0)
    ok(sxt(shops, "report", "--fail-on-critical"), 1)
    for name in (SHOP_2, SHOP_3):  # the two shops with critical fails
        (shops / "shops" / f"{name}.yaml").unlink()
    ok(sxt(shops, "report", "--fail-on-critical"), 0)


def test_a_broken_shop_is_left_out_and_named_on_stderr(shops: Path) -> None:
    broken = shops / "shops" / f"{SHOP_3}.yaml"
    broken.write_text(broken.read_text("utf-8").replace("preach: 3", "preach: 9"), "utf-8")
    result = sxt(shops, "report", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["shops"]) == 7
    assert f"shops/{SHOP_3}.yaml is left out: it has errors" in result.stderr


def test_report_of_an_empty_workspace(workspace: Path) -> None:
    out = ok(sxt(workspace, "report"))
    assert "No shops to report yet" in out
    result = sxt(workspace, "report", "--scorecard", "chat-emial")
    assert result.exit_code == 2
    assert "no valid scorecard 'chat-emial'" in result.output
    assert "did you mean 'chat-email'?" in result.output


# --- new -----------------------------------------------------------------------------------


def test_new_writes_a_valid_shop_and_never_overwrites(shops: Path) -> None:
    arguments = [
        "new",
        "--channel",
        "chat",
        "--scenario",
        'Cancel my plan: "now" #urgent',
        "--agent",
        "Leila Haddad",
        "--team",
        "Billing",
        "--persona",
        "yes",
        "--journey-step",
        "first-billing-issue#chat-bot",
        "--today",
        "2026-12-14",
    ]
    out = ok(sxt(shops, *arguments))
    path = shops / "shops" / "2026-12-14-cancel-my-plan-now-urgent.yaml"
    assert out.startswith(f"Created shops/{path.name}: ")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.sxt/schemas/shop.schema.json\n")
    assert 'scenario: "Cancel my plan: \\"now\\" #urgent"\n' in text
    assert 'persona: "yes"\n' in text  # a string, never the word read as anything else
    assert validate([path], shops).diagnostics == []
    again = json.loads(ok(sxt(shops, *arguments, "--format", "json")))
    assert again == {
        "path": "shops/2026-12-14-cancel-my-plan-now-urgent-2.yaml",
        "id": "2026-12-14-cancel-my-plan-now-urgent-2",
        "scorecard": "chat-email",
        "date": "2026-12-14",
    }
    assert path.read_text(encoding="utf-8") == text


def test_new_checks_channel_journey_step_and_scorecard(shops: Path) -> None:
    base = ["new", "--scenario", "Where is my refund"]
    result = sxt(shops, *base, "--channel", "phone")
    assert result.exit_code == 2
    assert "'phone' is not a channel of scorecard 'chat-email': use chat, email" in result.output
    result = sxt(shops, *base, "--channel", "email", "--journey-step", "first-billing-issue#recipt")
    assert result.exit_code == 2
    assert "unknown step 'recipt' in journey 'first-billing-issue'; did you mean 'receipt'?" in (
        result.output
    )
    result = sxt(shops, *base, "--channel", "email", "--scorecard", "chat-mail")
    assert result.exit_code == 2 and "did you mean 'chat-email'?" in result.output
    assert len(list((shops / "shops").glob("*.yaml"))) == 8
    out = ok(sxt(shops, *base, "--channel", "EMAIL", "--date", "2026-12-02"))
    assert "shops/2026-12-02-where-is-my-refund.yaml" in out


# --- score ---------------------------------------------------------------------------------

EMAIL_ANSWERS = [
    # criterion (email shop: first-response-60s is for chat and not asked), answer, comment
    ("email-response-time", "y", ""),
    ("personal-greeting", "p", "Hi there, no name"),
    ("restated-problem", "yes", ""),
    ("clarifying-questions", "x", ""),
    ("no-repeat-asks", "y", ""),
    ("identity-verified", "y", ""),
    ("data-protected", "y", ""),
    ("correct-answer", "y", ""),
    ("complete-answer", "partial", "The second question was ignored"),
    ("resolved-first-contact", "na", ""),
    ("root-cause-flagged", "n", ""),
    ("preach", "5", ""),
    ("empathy", "4", ""),
    ("plain-language", "y", ""),
    ("no-blame", "y", ""),
    ("next-steps-clear", "y", ""),
    ("checked-resolved", "n", ""),
    ("survey-appropriate", "x", ""),
]


def typed(answers: list[tuple[str, str, str]]) -> str:
    return "".join(f"{answer}\n{comment}\n" for _, answer, comment in answers)


def test_score_asks_criterion_by_criterion_and_saves(shops: Path) -> None:
    ok(
        sxt(
            shops,
            *("new", "--channel", "email", "--scenario", "Where is my refund"),
            *("--agent", "Tom Becker", "--today", "2026-12-02"),
        )
    )
    shop = "shops/2026-12-02-where-is-my-refund.yaml"
    result = sxt(
        shops,
        *("score", shop, "--scorer", "Ana Lima", "--benchmark", "--today", "2026-12-03"),
        input=typed(EMAIL_ANSWERS),
    )
    out = ok(result)
    # The guidance is shown (on stderr), with an example of each answer and N/A where allowed.
    assert "1/18  The email reply arrived within the published response time  [yes-partial-no]" in (
        result.stderr
    )
    assert "A person answered the chat within 60 seconds" not in result.stderr
    assert "Answer (1-5, na)" in result.stderr  # clarifying questions: a scale with N/A
    assert "[yes-no, critical: fail-all]" in result.stderr
    assert "partial: Promise of 24 hours; the reply came after 30 hours" in result.stderr
    # opening (1 + .5)/2 = .75; understanding (1 + 1 + 1)/3 = 1 (clarifying N/A);
    # resolution (1 + 2 + .5)/4 = .875 (resolved N/A, bonus no); tone (5/6 + .75 + 1 + 1)/4
    # = .8958; closing (1 + 0)/2 = .5 (survey N/A).
    # (15 x .75 + 20 x 1 + 35 x .875 + 20 x .8958 + 10 x .5) / 100
    # = (11.25 + 20 + 30.625 + 17.917 + 5) / 100 = 84.79%
    assert (
        "Score  (15 x 75.0% + 20 x 100.0% + 35 x 87.5% + 20 x 89.6% + 10 x 50.0%) / 100 = 84.8%"
        in out
    )
    assert "passed: at least the pass mark of 80%" in out
    assert table_row(out, "Closing") == ["Closing", "10", "50.0%", "2 of 3, 1 N/A"]
    assert table_row(out, "Opening") == ["Opening", "15", "75.0%", "2 of 2, 1 other channel"]
    assert table_row(out, "Resolution") == [
        "Resolution",
        "35",
        "87.5%",
        "3 of 4, 1 N/A, bonus not earned",
    ]
    # The answers go to Ana's own file; the shop's file is not touched.
    assert "scores:" not in (shops / shop).read_text(encoding="utf-8")
    own = shops / "shops" / "2026-12-02-where-is-my-refund" / "ana-lima.yaml"
    assert "shops/2026-12-02-where-is-my-refund/ana-lima.yaml" in out
    text = own.read_text(encoding="utf-8")
    assert 'kind: scoring\nscorer: "Ana Lima"\nbenchmark: true\ndate: 2026-12-03\n' in text
    assert '  personal-greeting:\n    answer: partial\n    comment: "Hi there, no name"\n' in (text)
    assert "  clarifying-questions: na\n" in text and "first-response-60s" not in text
    assert "submitted" not in text
    assert validate([shops / shop, own], shops).diagnostics == []


def test_score_again_replaces_the_scorer_and_keeps_the_file_around_it(shops: Path) -> None:
    assert "Migrated 1 shop, 2 scorings." in ok(sxt(shops, "migrate", SHOP_1))
    path = shops / "shops" / SHOP_1 / "jonas-weber.yaml"
    before = path.read_text(encoding="utf-8")
    # Jonas scores shop 1 again: Enter keeps each earlier answer and comment (the
    # defaults), except plain-language, now yes, with a new comment.
    chat = ["first-response-60s", *(criterion for criterion, _, _ in EMAIL_ANSWERS[1:])]
    lines = ["yes\nClear now\n" if c == "plain-language" else "\n\n" for c in chat]
    out = ok(
        sxt(
            shops,
            *("score", SHOP_1, "--scorer", "jonas  weber", "--today", "2026-12-15"),
            input="".join(lines),
        )
    )
    # Jonas before: tone (4/6 + .75 + .5 + 1)/4 = .7292, shop 85.0; with plain-language yes:
    # tone (4/6 + .75 + 1 + 1)/4 = .8542 -> (15 + 13.75 + 35 + 17.083 + 6.667) / 100 = 87.5%
    assert "= 87.5%" in out
    after = path.read_text(encoding="utf-8")
    assert after.count("scorer: Jonas Weber") == 1  # replaced, name as written
    assert "  # Tone\n  preach: 4\n" in after  # the comments between criteria stay
    jonas = load_file(path).data
    assert jonas["answers"]["plain-language"] == {"answer": "yes", "comment": "Clear now"}
    assert jonas["answers"]["preach"] == 4
    # Migrated scorings count as submitted (as they did in the shop's file): the change is
    # kept as a revision, and only the lines of the change differ.
    assert "date: 2026-12-15\n" in after and "*id" not in after
    assert jonas["revisions"] == [
        {"date": "2026-12-15", "criterion": "plain-language", "before": "partial", "after": "yes"}
    ]
    kept = after.split("revisions:\n")[0]
    changed = [
        (a, b) for a, b in zip(before.splitlines(), kept.splitlines(), strict=True) if a != b
    ]
    assert changed == [
        ("date: 2026-07-10", "date: 2026-12-15"),
        ("    answer: partial", "    answer: yes"),
        (
            '    comment: "\\"Re-auth\\" and \\"T2\\" without explanation."',
            '    comment: "Clear now"',
        ),
    ]
    assert validate([path], shops).diagnostics == []


def test_score_rejects_a_bad_answer_and_asks_again(shops: Path) -> None:
    answers = [("first-response-60s", "maybe\ny", "")] + [
        (c, a, m) for c, a, m in EMAIL_ANSWERS[1:]
    ]
    result = sxt(
        shops,
        *("new", "--channel", "chat", "--scenario", "Plan change", "--today", "2026-12-02"),
    )
    ok(result)
    result = sxt(shops, "score", "2026-12-02-plan-change", "--scorer", "Ana", input=typed(answers))
    ok(result)
    assert "Error: 'maybe' does not answer it, expected 'yes' or 'no'" in result.stderr


def test_score_from_an_answers_file(shops: Path) -> None:
    answers = shops / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "email-response-time": "yes",
                "personal-greeting": {"answer": "partial", "comment": "No name"},
                "data-protected": "yes",
                "correct-answer": "no",
                "preach": 3,
            }
        ),
        encoding="utf-8",
    )
    data = json.loads(
        ok(
            sxt(
                shops,
                *("score", f"shops/{SHOP_8}.yaml", "--scorer", "Priya Raman"),
                *("--answers", "answers.json", "--format", "json", "--today", "2026-12-20"),
            )
        )
    )
    # opening (1 + .5)/2 = .75; resolution (1 + 0)/3 -> correct-answer failed: fail-section,
    # 0; tone 3/6 = .5; understanding and closing unanswered, left out:
    # (15 x .75 + 35 x 0 + 20 x .5) / (15 + 35 + 20) = 21.25 / 70 = 30.357%
    assert data["score"] == pytest.approx(2125 / 70)
    assert data["critical_fails"] == [{"id": "correct-answer", "critical": "fail-section"}]
    assert data["passed"] is False and data["benchmark"] is False
    assert data["formula"] == "(15 x 75.0% + 35 x 0.0% + 20 x 50.0%) / 70 = 30.4%"
    assert "restated-problem" in data["unanswered"]
    assert data["path"] == f"shops/{SHOP_8}/priya-raman.yaml"
    text = (shops / "shops" / SHOP_8 / "priya-raman.yaml").read_text(encoding="utf-8")
    assert 'scorer: "Priya Raman"' in text and 'comment: "No name"' in text


def test_score_answers_file_problems_are_reported_at_their_place(shops: Path) -> None:
    (shops / "answers.yaml").write_text(
        "personal-greeting: maybe\n"
        "first-response-60s: yes\n"
        "personal-greting: yes\n"
        "restated-problem: {answer: 7, comment: x}\n",
        encoding="utf-8",
    )
    before = (shops / "shops" / f"{SHOP_8}.yaml").read_text(encoding="utf-8")
    result = sxt(shops, "score", SHOP_8, "--scorer", "Ana", "--answers", "answers.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "answers.yaml:1:20: error: personal-greeting: 'maybe' does not answer it, expected "
        "'yes', 'partial' or 'no'",
        "answers.yaml:2:1: error: first-response-60s: only scored on chat shops; this one is email",
        "answers.yaml:3:1: error: unknown criterion 'personal-greting' in scorecard 'chat-email'; "
        "did you mean 'personal-greeting'?",
        "answers.yaml:4:28: error: restated-problem: 7 does not answer it, expected 'yes', "
        "'partial' or 'no'",
        "Found 4 errors in 1 of 1 file.",
    ]
    assert (shops / "shops" / f"{SHOP_8}.yaml").read_text(encoding="utf-8") == before


def test_score_input_errors(shops: Path) -> None:
    result = sxt(shops, "score", SHOP_1, "--scorer", "Priya Raman", "--benchmark")
    assert result.exit_code == 2
    assert "Maya Okafor is the benchmark of this shop already" in result.output
    result = sxt(shops, "score", "2026-07-08-card-declined", "--scorer", "Ana")
    assert result.exit_code == 2
    assert f"did you mean '{SHOP_1}'?" in result.output
    result = sxt(shops, "score", SHOP_1, "--scorer", "Ana", "--answers", "nowhere.yaml")
    assert result.exit_code == 2 and "nowhere.yaml: no such file" in result.output


def test_score_help_states_the_formula() -> None:
    from toolkit.shop import scoring

    out = ok(CliRunner().invoke(cli, ["shop", "score", "--help"]))
    assert "How a shop is scored:" in out
    for line in (scoring.__doc__ or "").splitlines()[2:]:
        assert line.strip() in out


def test_the_readme_states_the_formula_of_the_code() -> None:
    from toolkit.shop import scoring

    readme = " ".join((FIXTURE.parents[2] / "README.md").read_text(encoding="utf-8").split())
    formula = (scoring.__doc__ or "").split("\n\n", 1)[1]
    assert " ".join(formula.split()) in readme
    assert "`sxt shop score --help`" in (scoring.__doc__ or "")


# --- calibrate -----------------------------------------------------------------------------


def test_calibrate_text(shops: Path) -> None:
    out = ok(sxt(shops, "calibrate"))
    # Shops 1, 2, 5, 6, 7 have two or more scorers; Maya is the benchmark of 1, 2, 5 and 7.
    assert (
        "5 shops scored by two or more of 3 scorers (Jonas Weber, Maya Okafor, Priya Raman).\n"
        "Benchmark: Maya Okafor on 4 shops." in out
    )
    # Score gaps against Maya: Jonas (85 - 82.5) + (90.667 - 98.75) + (69.083 - 84.167)
    # = -20.667 / 3 = -6.9; Priya (90.625 - 61.25) + (100 - 98.75) + (96.667 - 84.167)
    # = 43.125 / 3 = +14.4.
    assert table_row(out, "Jonas Weber")[:2] + table_row(out, "Jonas Weber")[4:5] == [
        "Jonas Weber",
        "3",
        "-6.9",
    ]
    assert table_row(out, "Priya Raman")[4] == "+14.4"
    criteria = out.split("Criteria, widest gap first\n", 1)[1]
    names = [line.split()[0] for line in criteria.splitlines()[2:21]]
    # email-response-time: shops 2 (partial / yes) and 6 (yes / partial): gap .5, the widest.
    # complete-answer: gaps 1 (shop 1: .5), 2 (.5), 5 (.5, 0, .5), 6 (0), 7 (.5, 0, .5)
    # = 3 / 9 pairs = .33; Fleiss on shops 1, 2, 6 (two ratings each):
    # P = (0 + 0 + 1)/3, p_partial 2/6, p_yes 4/6, Pe = 20/36: (1/3 - 5/9)/(4/9) = -.5.
    assert names[:2] == ["email-response-time", "complete-answer"]
    assert table_row(criteria, "complete-answer")[:7] == [
        "complete-answer",
        "ordinal",
        "5",
        "0.33",
        "66.7%",
        "33.3%",
        "-0.500",
    ]
    # clarifying-questions: Maya N/A against Jonas 4 (shop 1) and Priya 5 (shop 2).
    assert table_row(criteria, "clarifying-questions")[-1] == "2"


def test_calibrate_json_against_the_statistics(shops: Path) -> None:
    data = json.loads(ok(sxt(shops, "calibrate", "--format", "json")))
    assert data["scorers"] == ["Jonas Weber", "Maya Okafor", "Priya Raman"]
    complete = next(c for c in data["criteria"] if c["id"] == "complete-answer")
    # complete-answer by hand from the files, scorers x shops 1, 2, 5, 6, 7 (None: not scored)
    ratings = [
        ["yes", None, "partial", "yes", "partial"],  # Jonas
        ["partial", "yes", "yes", None, "yes"],  # Maya
        [None, "partial", "yes", "yes", "yes"],  # Priya
    ]
    order = ["no", "partial", "yes"]
    assert complete["percent_agreement"]["value"] == pytest.approx(
        agreement.percent_agreement(ratings)
    )
    assert complete["percent_agreement"]["value"] == pytest.approx(3 / 9)
    assert complete["krippendorff_alpha"]["value"] == pytest.approx(
        agreement.krippendorff_alpha(ratings, "ordinal", categories=order)
    )
    assert value_note(complete["fleiss_kappa"]) == {
        "value": pytest.approx(-0.5),
        "note": "on 3 of 5 shops (2 ratings each)",
    }
    # Three shops are too few to read a kappa against Landis and Koch's bands: said so.
    assert complete["fleiss_kappa"]["units"] == 3 and complete["fleiss_kappa"]["few_units"]
    assert complete["fleiss_kappa"]["reading"] == "(poor: few units)"
    assert value_note(complete["cohens_kappa"]) == {
        "value": None,
        "note": "needs exactly two scorers",
    }
    assert complete["na_splits"] == 0 and complete["gap"] == pytest.approx(1 / 3)
    data_protected = next(c for c in data["criteria"] if c["id"] == "data-protected")
    assert value_note(data_protected["krippendorff_alpha"]) == {
        "value": None,
        "note": "no variation",
    }
    scores = {row["shop"]: row["scores"] for row in data["scores"]}
    assert scores[SHOP_6] == {
        "Jonas Weber": pytest.approx(1130 / 12),
        "Maya Okafor": None,
        "Priya Raman": pytest.approx(1100 / 12),
    }
    # The shops were not all scored by the same scorers: ICC(1,1) over the three shops with
    # two scores each (1, 2 and 6).
    two = [[82.5, 85.0], [61.25, 90.625], [1130 / 12, 1100 / 12]]
    assert data["overall"]["icc"]["value"] == pytest.approx(agreement.icc(two, "ICC(1,1)"))
    assert data["overall"]["icc"]["note"].startswith("ICC(1,1) on 3 of 5 shops (2 scorers each)")


def test_calibrate_named_shops_alignment_by_hand(shops: Path) -> None:
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_1, "--format", "json")))
    (jonas,) = data["alignment"]
    # Shop 1, Jonas against Maya; weight = criterion weight x section weight, N/A skipped:
    #   opening: first-response 1 (15), greeting |.5 - 1| -> .5 (15)
    #   understanding: restated 1, no-repeat 1, identity 1 (20 each); clarifying: Maya N/A
    #   resolution: data 1 (35), correct 1 (70), complete .5 (35), resolved 1 (35),
    #     root-cause yes / no -> 0 (35)
    #   tone: preach |5/6 - 4/6| -> 5/6 (20), empathy 1, plain .5, no-blame 1 (20 each)
    #   closing: next-steps 1, checked 1 (10 each); survey: Maya N/A
    # weights 30 + 60 + 210 + 80 + 20 = 400; sum 22.5 + 60 + 157.5 + 66.667 + 20 = 326.667
    assert jonas["alignment"] == pytest.approx(326 / 400 + 2 / 3 / 400)
    assert (jonas["shops"], jonas["answers"]) == (1, 16)
    assert jonas["score_gap"] == pytest.approx(2.5)  # 85 - 82.5
    # One shop is too few for a statistic per criterion (the overall ones pool 16 answers).
    greeting = next(c for c in data["criteria"] if c["id"] == "personal-greeting")
    assert value_note(greeting["percent_agreement"]) == {
        "value": None,
        "note": "too few shops scored by two scorers",
    }


def test_calibrate_input_errors(shops: Path) -> None:
    result = sxt(shops, "calibrate", SHOP_1, SHOP_3)
    assert result.exit_code == 2
    assert f"shops/{SHOP_3}.yaml: scored by fewer than two scorers" in result.output
    for name in (SHOP_1, SHOP_2, "2026-10-06-card-declined-at-renewal", SHOP_6):
        (shops / "shops" / f"{name}.yaml").unlink()
    (shops / "shops" / "2026-11-10-two-factor-codes-not-arriving.yaml").unlink()
    result = sxt(shops, "calibrate")
    assert result.exit_code == 2
    assert "no shop of scorecard 'chat-email' was scored by two or more scorers" in result.output


def test_calibrate_markdown(shops: Path) -> None:
    out = ok(sxt(shops, "calibrate", "--format", "markdown"))
    assert out.startswith("# Calibration: Chat and email mystery shop\n")
    assert re.search(r"\| The answer was complete \(complete-answer\) +\| ordinal +\|", out)


# A tiny scorecard for calibration worked out entirely by hand: section S (weight 1) holds
# c1 (yes/no) and c2 (scale 1-5); section T (weight 3) holds c3 (points 0-4).
TINY = scorecard_from(
    "tiny",
    {
        "title": "Tiny",
        "pass_mark": 80,
        "sections": [
            {
                "id": "s",
                "title": "S",
                "weight": 1,
                "criteria": [
                    {"id": "c1", "title": "C1", "type": "yes-no"},
                    {"id": "c2", "title": "C2", "type": "scale"},
                ],
            },
            {
                "id": "t",
                "title": "T",
                "weight": 3,
                "criteria": [{"id": "c3", "title": "C3", "type": "points", "points": 4}],
            },
        ],
    },
)
#            A (benchmark)   B
#   shop 1   yes 5 4         yes 4 4
#   shop 2   no  2 1         yes 2 2
#   shop 3   yes 3 2         yes 3 2
#   shop 4   no  1 0         no  2 0
TINY_ANSWERS = [
    (("yes", 5, 4), ("yes", 4, 4)),
    (("no", 2, 1), ("yes", 2, 2)),
    (("yes", 3, 2), ("yes", 3, 2)),
    (("no", 1, 0), ("no", 2, 0)),
]


def tiny_shops() -> list[Shop]:
    import datetime as dt

    return [
        Shop(
            f"shop-{n}",
            "tiny",
            "scenario",
            "chat",
            dt.date(2026, 11, n),
            scorings=(
                Scoring("A", dict(zip(("c1", "c2", "c3"), a, strict=True)), benchmark=True),
                Scoring("B", dict(zip(("c1", "c2", "c3"), b, strict=True))),
            ),
        )
        for n, (a, b) in enumerate(TINY_ANSWERS, start=1)
    ]


def test_calibration_of_a_tiny_hand_case() -> None:
    result = calibrate(tiny_shops(), TINY)
    by_id = {c.criterion.id: c for c in result.criteria}
    (b,) = result.alignments
    # Alignment of B with A, weights c1 1, c2 1, c3 3 (criterion weight x section weight):
    #   shop 1: 1 + (1 - |1 - .75|) + 3 x 1 = 4.75     shop 2: 0 + 1 + 3 x (1 - .25) = 3.25
    #   shop 3: 1 + 1 + 3 = 5                          shop 4: 1 + .75 + 3 = 4.75
    # (4.75 + 3.25 + 5 + 4.75) / (4 x 5) = 17.75 / 20
    assert b.alignment == pytest.approx(17.75 / 20)
    # Shop scores (S = (c1 + c2) / 2, shop = (S + 3 T) / 4), A then B:
    #   1: 100 / 96.875   2: 21.875 / 53.125   3: 56.25 / 56.25   4: 0 / 3.125
    assert [score for row in result.scores for score in row] == pytest.approx(
        [100, 96.875, 21.875, 53.125, 56.25, 56.25, 0, 3.125]
    )
    assert b.score_gap == pytest.approx((-3.125 + 31.25 + 0 + 3.125) / 4)
    # c1: A yes no yes no, B yes yes yes no: agree on 3 of 4. Cohen: p_o = .75; A's
    # marginals yes .5 no .5, B's yes .75 no .25, p_e = .5 x .75 + .5 x .25 = .5;
    # kappa = (.75 - .5) / (1 - .5) = .5 (linear weights are the same with two categories).
    c1 = by_id["c1"]
    assert (c1.percent.value, c1.cohen.value, c1.cohen_linear.value) == pytest.approx(
        (0.75, 0.5, 0.5)
    )
    assert (c1.gap, c1.alignment, c1.level) == (0.25, 0.75, "nominal")
    # c2 (A 5 2 3 1, B 4 2 3 2): p_o = .5; p_e = .25 x .5 (at 2) + .25 x .25 (at 3) = .1875;
    # kappa = .3125 / .8125 = .3846. Linear, d = |i - j| / 4: observed (1 + 1) / 4 / 4 = .125;
    # expected E|i - j| over A's and B's marginals = (1.75 + .75 + .75 + 2.25) / 4 = 1.375,
    # / 4 = .34375; kappa = 1 - .125 / .34375 = .6364.
    c2 = by_id["c2"]
    assert c2.cohen.value == pytest.approx(0.3125 / 0.8125)
    assert c2.cohen_linear.value == pytest.approx(1 - 0.125 / 0.34375)
    a2, b2 = [5, 2, 3, 1], [4, 2, 3, 2]
    assert c2.cohen.value == pytest.approx(agreement.cohens_kappa(a2, b2, categories=range(1, 6)))
    assert c2.alpha.value == pytest.approx(
        agreement.krippendorff_alpha([a2, b2], "ordinal", categories=range(1, 6))
    )
    assert c2.fleiss.value == pytest.approx(
        agreement.fleiss_kappa(agreement.category_counts([a2, b2]))
    )
    assert (c2.gap, c2.alignment, c2.level) == (0.125, 0.875, "ordinal")
    c3 = by_id["c3"]
    assert c3.alpha.value == pytest.approx(
        agreement.krippendorff_alpha([[4, 1, 2, 0], [4, 2, 2, 0]], "interval")
    )
    assert (c3.gap, c3.level) == (0.0625, "interval")
    # Widest gap first: c1 .25, c2 .125, c3 .0625.
    assert [c.criterion.id for c in result.criteria] == ["c1", "c2", "c3"]
    # Overall: every answer on a grid of lcm(1, 4, 4) = 4 steps (c1 yes 4 / no 0, c2 v - 1,
    # c3 v), units in criterion order: c1 shops 1-4, c2 shops 1-4, c3 shops 1-4.
    a = [4, 0, 4, 0, 4, 1, 2, 0, 4, 1, 2, 0]
    bb = [4, 4, 4, 0, 3, 1, 2, 1, 4, 2, 2, 0]
    assert result.percent.value == pytest.approx(8 / 12)  # 3 + 2 + 3 answers agree
    grid = range(5)
    assert result.cohen.value == pytest.approx(agreement.cohens_kappa(a, bb, categories=grid))
    assert result.cohen_linear.value == pytest.approx(
        agreement.cohens_kappa(a, bb, weights="linear", categories=grid)
    )
    assert result.alpha.value == pytest.approx(agreement.krippendorff_alpha([a, bb], "interval"))
    assert result.fleiss.value == pytest.approx(
        agreement.fleiss_kappa(agreement.category_counts([a, bb]))
    )
    # The same two scorers on every shop: ICC(2,1), absolute agreement.
    assert result.icc.value == pytest.approx(agreement.icc(result.scores, "ICC(2,1)"))
    assert result.icc.note == "ICC(2,1)"
    assert b.cohen.value == pytest.approx(agreement.cohens_kappa(bb, a, categories=grid))


def test_calibration_without_a_benchmark_or_variation() -> None:
    plain = [
        replace(s, scorings=tuple(Scoring(x.scorer, x.answers) for x in s.scorings))
        for s in tiny_shops()
    ]
    result = calibrate(plain, TINY)
    assert result.alignments == () and result.benchmarks == ()
    assert all(c.alignment is None for c in result.criteria)
    same = [
        replace(s, scorings=(Scoring("A", {"c1": "yes"}), Scoring("B", {"c1": "yes"})))
        for s in tiny_shops()
    ]
    c1 = next(c for c in calibrate(same, TINY).criteria if c.criterion.id == "c1")
    assert c1.percent.value == 1.0
    assert (c1.alpha.value, c1.alpha.note) == (None, "no variation")
    with pytest.raises(ValueError, match="two or more scorers"):
        calibrate([Shop("x", "tiny", "s", "chat", plain[0].date)], TINY)


# --- import --------------------------------------------------------------------------------

HEADER = (
    "date,channel,scenario,agent,team,scorer,benchmark,first-response-60s,email-response-time,"
    "personal-greeting,personal-greeting comment,restated-problem,data-protected,"
    "correct-answer,preach"
)
# columns: 1 date, 2 channel, 3 scenario, 4 agent, 5 team, 6 scorer, 7 benchmark,
# 8 first-response-60s, 9 email-response-time, 10 personal-greeting, 11 its comment,
# 12 restated-problem, 13 data-protected, 14 correct-answer, 15 preach
GOOD_ROWS = [
    "2026-12-03,chat,Upgrade to annual billing,Leila Haddad,Billing,Maya Okafor,yes,y,,p,"
    '"No name, no intro",yes,yes,yes,5',
    "2026-12-03,chat,Upgrade to annual billing,Leila Haddad,Billing,Jonas Weber,,yes,,yes,,yes,"
    "yes,no,4",
    "2026-12-04,email,Where is my invoice,Tom Becker,Billing,Priya Raman,no,,yes,yes,,yes,yes,"
    "yes,6",
]
BAD_ROWS = [
    "12/03/2026,email,Lost parcel,Tom Becker,Billing,Priya Raman,no,,yes,yes,,maybe,yes,yes,9",
    "2026-12-05,email,Lost parcel,Tom Becker,Billing,Priya Raman,no,yes,yes,yes,,yes,yes,yes,6",
    "2026-12-03,chat,Upgrade to annual billing,Leila Haddad,Billing,jonas weber,,y,,y,,y,y,y,4",
]
BAD_ROW_ERRORS = [
    "orders.csv:5:1: error: date: '12/03/2026' is not a date like 2026-11-02",
    "orders.csv:5:12: error: restated-problem: 'maybe' does not answer it, expected 'yes', "
    "'partial' or 'no'",
    "orders.csv:5:15: error: preach: '9' does not answer it, expected a whole number 0-6",
    "orders.csv:6:8: error: first-response-60s: only scored on 'chat' shops, this one is "
    "email: leave it empty",
    "orders.csv:7:6: error: scorer: jonas weber scored this shop already in row 3",
]


def write_csv(root: Path, rows: list[str]) -> None:
    (root / "orders.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")


def new_files(root: Path) -> list[str]:
    """The shop files an import wrote: any beyond the fixture's eight."""
    return sorted({p.name for p in (root / "shops").glob("*.yaml")} - FIXTURE_FILES)


def test_import_groups_rows_into_shops(shops: Path) -> None:
    write_csv(shops, GOOD_ROWS)
    out = ok(sxt(shops, "import", "orders.csv"))
    assert out.splitlines() == [
        "Imported 3 rows of orders.csv: 2 new shops, 3 scorings:",
        "  shops/2026-12-03-upgrade-to-annual-billing.yaml",
        "  shops/2026-12-03-upgrade-to-annual-billing/maya-okafor.yaml",
        "  shops/2026-12-03-upgrade-to-annual-billing/jonas-weber.yaml",
        "  shops/2026-12-04-where-is-my-invoice.yaml",
        "  shops/2026-12-04-where-is-my-invoice/priya-raman.yaml",
    ]
    path = shops / "shops" / "2026-12-03-upgrade-to-annual-billing.yaml"
    assert "scores:" not in path.read_text(encoding="utf-8")
    text = (path.with_suffix("") / "maya-okafor.yaml").read_text(encoding="utf-8")
    assert "\nbenchmark: true\n" in text
    assert '  personal-greeting:\n    answer: partial\n    comment: "No name, no intro"' in text
    assert validate(expand([shops / "shops"]), shops).diagnostics == []
    data = report_json(shops)
    upgrade = next(s for s in data["shops"] if s["id"] == path.stem)
    # Maya's scoring (the benchmark): opening (1 + .5)/2 = .75, understanding 1,
    # resolution (1 + 2)/3 = 1, tone 5/6; closing unanswered:
    # (15 x .75 + 20 x 1 + 35 x 1 + 20 x 5/6) / 90 = 82.917 / 90 = 92.13%
    assert upgrade["score"] == pytest.approx((11.25 + 20 + 35 + 50 / 3) / 90 * 100)
    assert upgrade["scorers"]["Jonas Weber"]["score"] == pytest.approx(
        (15 + 20 + 0 + 20 * 4 / 6) / 90 * 100  # correct-answer no: fail-section
    )


def test_import_writes_nothing_unless_every_row_is_good(shops: Path) -> None:
    write_csv(shops, [*GOOD_ROWS, *BAD_ROWS])
    result = sxt(shops, "import", "orders.csv")
    assert result.exit_code == 1
    # Rows are numbered as a spreadsheet shows them: the header is row 1.
    assert result.stdout.splitlines() == [
        *BAD_ROW_ERRORS,
        "Found 5 errors in 1 of 1 file.",
        "Nothing written: 3 of 6 rows have errors (5, 6, 7). Fix them, or write the good rows "
        "with --skip-bad.",
    ]
    assert new_files(shops) == []


def test_import_skip_bad_writes_the_good_rows(shops: Path) -> None:
    write_csv(shops, [*GOOD_ROWS, *BAD_ROWS])
    result = sxt(shops, "import", "orders.csv", "--skip-bad", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f"orders.csv:{d['line']}:{d['col']}" for d in data["diagnostics"]] == [
        e.split(": error")[0] for e in BAD_ROW_ERRORS
    ]
    assert data["bad_rows"] == [5, 6, 7] and data["rows"] == 6
    assert data["written"] == [
        "shops/2026-12-03-upgrade-to-annual-billing.yaml",
        "shops/2026-12-03-upgrade-to-annual-billing/maya-okafor.yaml",
        "shops/2026-12-03-upgrade-to-annual-billing/jonas-weber.yaml",
        "shops/2026-12-04-where-is-my-invoice.yaml",
        "shops/2026-12-04-where-is-my-invoice/priya-raman.yaml",
    ]
    assert data["new_shops"] == 2 and data["scorings"] == 3
    # Run again: the shops exist and these scorers scored them, so every good row is now
    # bad, and nothing is changed.
    again = sxt(shops, "import", "orders.csv", "--skip-bad")
    assert again.exit_code == 1
    assert (
        "orders.csv:2:6: error: scorer: Maya Okafor scored this shop already in "
        "shops/2026-12-03-upgrade-to-annual-billing" in again.stdout
    )
    assert "Nothing written: no good rows (6 bad rows)." in again.stdout


def test_import_adds_scorers_to_a_shop_that_exists(shops: Path) -> None:
    write_csv(shops, GOOD_ROWS[:1])
    ok(sxt(shops, "import", "orders.csv"))
    # A second export, from the other scorer's form: the same shop, a new scorer.
    write_csv(shops, [GOOD_ROWS[0].replace("Maya Okafor", "Sam Lee").replace(",yes,", ",no,", 1)])
    out = ok(sxt(shops, "import", "orders.csv"))
    assert out.splitlines() == [
        "Imported 1 row of orders.csv: 0 new shops, 1 scoring:",
        "  shops/2026-12-03-upgrade-to-annual-billing/sam-lee.yaml",
    ]
    data = report_json(shops)
    upgrade = next(s for s in data["shops"] if s["id"] == "2026-12-03-upgrade-to-annual-billing")
    assert sorted(upgrade["scorers"]) == ["Maya Okafor", "Sam Lee"]
    assert validate(expand([shops]), shops).diagnostics == []


def test_import_reads_semicolons_and_a_byte_order_mark(shops: Path) -> None:
    # As a spreadsheet in a German or French locale saves it.
    (shops / "orders.csv").write_text(
        "\ufeffDate;Channel;Scenario;Scorer;Journey step;preach;preach comment\n"
        "2026-12-05;chat;Plan change;Ana Lima;first-billing-issue#chat-bot;6;All six; well done\n",
        encoding="utf-8",
    )
    result = sxt(shops, "import", "orders.csv")
    assert result.exit_code == 1  # the comment holds a semicolon: one cell too many
    assert "orders.csv:2:8: error: a value beyond the last column" in result.stdout
    (shops / "orders.csv").write_text(
        "Date;Channel;Scenario;Scorer;Journey step;preach;preach comment\n"
        "2026-12-05;chat;Plan change;Ana Lima;first-billing-issue#chat-bot;6;"
        '"All six; well done"\n',
        encoding="utf-8",
    )
    ok(sxt(shops, "import", "orders.csv"))
    shop = load_file(shops / "shops" / "2026-12-05-plan-change.yaml").data
    assert shop["journey_step"] == "first-billing-issue#chat-bot"
    scoring = load_file(shops / "shops" / "2026-12-05-plan-change" / "ana-lima.yaml").data
    assert scoring == {
        "sxt": 1,
        "kind": "scoring",
        "scorer": "Ana Lima",
        "answers": {"preach": {"answer": 6, "comment": "All six; well done"}},
    }


def test_import_header_problems(shops: Path) -> None:
    (shops / "orders.csv").write_text(
        "date,chanel,scenario,scorer,preach,preach\n2026-12-03,chat,x,Ana,5,5\n", encoding="utf-8"
    )
    result = sxt(shops, "import", "orders.csv", "--skip-bad")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        "orders.csv:1:2: error: unknown column 'chanel'; did you mean 'channel'?",
        "orders.csv:1:6: error: column 'preach' appears twice (first in column 5)",
        "orders.csv:1:1: error: missing column 'channel'",
    ]
    assert new_files(shops) == []
    missing = sxt(shops, "import", "nowhere.csv")
    assert missing.exit_code == 2 and "nowhere.csv: no such file" in missing.output


# --- staying light -------------------------------------------------------------------------


def test_shop_help_loads_no_domain_or_yaml() -> None:
    code = (
        "import sys\nfrom toolkit.cli.main import cli\n"
        "try:\n    cli(['shop', '--help'], prog_name='sxt')\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('yaml', 'ruamel', 'jsonschema', "
        "'tabulate') or m.startswith('toolkit.shop')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"

"""Choice criteria: nominal answers (which way the agent sent the customer) with a score per
option, from the scorecard's YAML to the scoring formula, calibration and the terminal app.

The scorecard below has two choice criteria. `handoff` has four options of which two score
the same (self-service and phone, 0.5): per criterion, calibration must still count them as a
disagreement, because a choice is nominal. `escalation` is critical (fail-all): its option
`none` scores 0 and fails the shop. Every expected figure is worked out by hand next to it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from toolkit.cli.main import cli
from toolkit.core.loader import load_text
from toolkit.core.scaffold import create_workspace
from toolkit.core.validation import validate
from toolkit.core.workspace import expand
from toolkit.shop import agreement
from toolkit.shop.calibration import UNORDERED, calibrate, grid
from toolkit.shop.figures import pct as percent
from toolkit.shop.files import load, parse_answer
from toolkit.shop.model import Option, Scoring, Shop, scorecard_from
from toolkit.shop.scoring import score
from toolkit.tui.app import SxtApp
from toolkit.tui.forms import FormScreen
from toolkit.tui.shop import ScoringScreen, ShopsScreen, answer_for

CARD_FILE = "checklists/tone-card.yaml"
CARD = """\
sxt: 1
kind: scorecard
title: Tone check
pass_mark: 70
sections:
  - id: opening
    title: Opening
    weight: 1
    criteria:
      - id: greeted
        title: Greeted the customer
        type: yes-no
      - id: handoff
        title: Where the agent sent the customer
        type: choice
        options:
          - id: solved
            title: Solved it in the chat
            score: 1
          - id: self-service
            title: Sent to the help centre
            score: 0.5
          - id: phone
            title: Asked them to phone
            score: 0.5
          - id: dropped
            title: Left without a way on
            score: 0
        examples:
          phone: Please call us on 0800 123 456.
  - id: safety
    title: Safety
    weight: 1
    criteria:
      - id: escalation
        title: Offered a way to escalate
        type: choice
        critical: fail-all
        options:
          - {id: supervisor, title: A supervisor on the line, score: 1}
          - {id: ticket, title: A ticket number, score: 0.25}
          - {id: none, title: Nothing, score: 0}
"""

SHOP = """\
sxt: 1
kind: shop
scorecard: tone-card
scenario: Refund by chat
channel: chat
date: 2026-11-0{day}
"""


def scoring_file(
    scorer: str,
    handoff: str,
    *,
    benchmark: bool = False,
    greeted: str = "yes",
    escalation: str = "supervisor",
) -> str:
    """A submitted scoring; the answers are on lines 8, 9 and 10 (7 without a benchmark)."""
    return (
        f"sxt: 1\nkind: scoring\nscorer: {scorer}\n"
        + ("benchmark: true\n" if benchmark else "")
        + "date: 2026-11-03\nsubmitted: 2026-11-03\nanswers:\n"
        + f"  greeted: {greeted}\n  handoff: {handoff}\n  escalation: {escalation}\n"
    )


def workspace(tmp_path: Path, card: str = CARD) -> Path:
    root = tmp_path / "workspace"
    create_workspace(root, "Acme support")
    (root / CARD_FILE).write_text(card, "utf-8")
    return root


def add_shop(root: Path, day: int, scorings: dict[str, str]) -> str:
    shop_id = f"2026-11-0{day}-refund"
    (root / "shops").mkdir(exist_ok=True)
    (root / "shops" / f"{shop_id}.yaml").write_text(SHOP.format(day=day), "utf-8")
    if scorings:
        (root / "shops" / shop_id).mkdir()
    for name, text in scorings.items():
        (root / "shops" / shop_id / f"{name}.yaml").write_text(text, "utf-8")
    return shop_id


def findings(root: Path) -> list[tuple[str, str]]:
    """Every finding of `sxt validate` on the workspace, as (path:line:col, message)."""
    return [(d.location(), d.message) for d in validate(expand([root]), root).diagnostics]


def card_model():
    return scorecard_from("tone-card", load_text(CARD, "tone-card.yaml").data)


# --- the scorecard and the answers: errors at their line and column ------------------------


def test_a_valid_workspace_with_choice_criteria_has_no_findings(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    add_shop(root, 2, {"ana": scoring_file("Ana", "phone", benchmark=True)})
    assert findings(root) == []


def test_the_model_reads_options_in_scorecard_order() -> None:
    handoff = card_model().criterion("handoff")
    assert handoff is not None
    assert handoff.options[1] == Option("self-service", "Sent to the help centre", 0.5)
    assert handoff.choices() == ("solved", "self-service", "phone", "dropped")
    assert [handoff.normalised(a) for a in handoff.choices()] == [1, 0.5, 0.5, 0]
    with pytest.raises(KeyError):
        handoff.normalised("yes")


def test_an_unknown_option_is_an_error_with_the_nearest_id(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    add_shop(root, 2, {"ana": scoring_file("Ana", "phnoe", escalation="2")})
    assert findings(root) == [
        (
            "shops/2026-11-02-refund/ana.yaml:8:12",
            "handoff: unknown option 'phnoe'; did you mean 'phone'?",
        ),
        (
            "shops/2026-11-02-refund/ana.yaml:9:15",
            "escalation: 2 does not answer a choice criterion, expected 'supervisor', "
            "'ticket' or 'none'",
        ),
    ]


def test_an_option_far_from_every_id_lists_them(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    add_shop(root, 2, {"ana": scoring_file("Ana", "solved", escalation="manager")})
    assert findings(root) == [
        (
            "shops/2026-11-02-refund/ana.yaml:9:15",
            "escalation: unknown option 'manager'; expected one of 'supervisor', 'ticket' or "
            "'none'",
        )
    ]


def test_an_option_id_does_not_answer_another_type(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    add_shop(root, 2, {"ana": scoring_file("Ana", "solved", greeted="phone")})
    assert findings(root) == [
        (
            "shops/2026-11-02-refund/ana.yaml:7:12",
            "greeted: 'phone' does not answer a yes-no criterion, expected 'yes' or 'no'",
        )
    ]


def test_a_word_that_is_no_id_is_still_the_schemas_to_report(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    add_shop(root, 2, {"ana": scoring_file("Ana", "Phone")})
    assert findings(root) == [
        (
            "shops/2026-11-02-refund/ana.yaml:8:12",
            "answers.handoff: 'Phone' is not one of 'yes', 'partial', 'no' or 'na'",
        )
    ]


def test_a_duplicate_option_id_is_an_error(tmp_path: Path) -> None:
    # Line 26 holds `- id: dropped`; the value starts at column 17.
    root = workspace(tmp_path, CARD.replace("- id: dropped", "- id: phone"))
    assert findings(root) == [
        (
            CARD_FILE + ":26:17",
            "option id 'phone' is used twice (first at line 23), expected unique ids: "
            "answers name options by id",
        )
    ]


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        # An example is keyed by an option id (line 30, the key at column 11).
        (
            ("phone: Please", "phnoe: Please"),
            "30:11",
            "unknown option 'phnoe' in criterion 'handoff'; did you mean 'phone'?",
        ),
        (
            ("{id: none,", "{id: na,"),
            "42:18",
            "option id 'na' is the N/A answer, expected another id (na_allowed: true allows N/A)",
        ),
        (
            ("{id: none,", "{id: '007',"),
            "42:18",
            "option id '007' is not text to YAML (`answer: 2` is a number, `true` a boolean), "
            "expected an id that reads as text, e.g. with a letter in it",
        ),
        (
            (
                "type: yes-no",
                "type: yes-no\n        options: [{id: a, title: A, score: 1}, "
                "{id: b, title: B, score: 0}]",
            ),
            "13:9",
            "greeted is a yes-no criterion and has options, expected options only on a choice "
            "criterion (type: choice)",
        ),
    ],
    ids=["example-key", "na-id", "numeric-id", "options-on-yes-no"],
)
def test_option_mistakes(tmp_path: Path, change: tuple[str, str], where: str, message: str) -> None:
    root = workspace(tmp_path, CARD.replace(*change))
    assert findings(root) == [(f"{CARD_FILE}:{where}", message)]


def test_the_schema_asks_for_options(tmp_path: Path) -> None:
    # A choice criterion without options; one with a single option; a score above 1.
    without = CARD.replace(
        "        critical: fail-all\n        options:\n"
        "          - {id: supervisor, title: A supervisor on the line, score: 1}\n"
        "          - {id: ticket, title: A ticket number, score: 0.25}\n"
        "          - {id: none, title: Nothing, score: 0}\n",
        "        critical: fail-all\n",
    )
    found = findings(workspace(tmp_path / "a", without))
    assert [(w.split(":", 1)[1], m) for w, m in found] == [
        ("35:9", "sections[1].criteria[0]: missing required key 'options'")
    ]
    single = CARD.replace(
        "          - {id: ticket, title: A ticket number, score: 0.25}\n"
        "          - {id: none, title: Nothing, score: 0}\n",
        "",
    )
    found = findings(workspace(tmp_path / "b", single))
    assert [(w.split(":", 1)[1], m) for w, m in found] == [
        ("40:11", "sections[1].criteria[0].options: has 1 entries, expected at least 2")
    ]
    high = CARD.replace("title: A ticket number, score: 0.25", "title: A ticket, score: 2")
    found = findings(workspace(tmp_path / "c", high))
    assert [(w.split(":", 1)[1], m) for w, m in found] == [
        ("41:50", "sections[1].criteria[0].options[1].score: 2 is greater than the maximum 1")
    ]


# --- scoring -------------------------------------------------------------------------------


def scored(answers: dict[str, str]):
    shop = Shop("s", "tone-card", "scenario", "chat", dt.date(2026, 11, 2))
    return score(shop, card_model(), Scoring("Ana", answers))


def test_a_choice_counts_its_options_score() -> None:
    # Opening (1 + 0.5) / 2 = 0.75; safety 1; the shop (0.75 + 1) / 2 = 0.875.
    result = scored({"greeted": "yes", "handoff": "phone", "escalation": "supervisor"})
    assert [s.score for s in result.sections] == [0.75, 1.0]
    assert result.score == 0.875 and result.passed is True
    # A ticket (0.25) is no fail, though it scores low: (0.75 + 0.25) / 2 = 0.5.
    result = scored({"greeted": "yes", "handoff": "phone", "escalation": "ticket"})
    assert result.score == 0.5 and result.critical_fails == () and result.passed is False


def test_a_critical_choice_fails_on_an_option_scoring_zero() -> None:
    # The sections alone would give (1 + 0) / 2 = 0.5; `none` scores 0 and is fail-all.
    result = scored({"greeted": "yes", "handoff": "solved", "escalation": "none"})
    assert [c.id for c in result.critical_fails] == ["escalation"]
    assert result.score == 0.0 and result.passed is False
    # `dropped` scores 0 too, but handoff is not critical: (0.5 + 1) / 2.
    result = scored({"greeted": "yes", "handoff": "dropped", "escalation": "supervisor"})
    assert result.critical_fails == () and result.score == 0.75


# --- calibration ---------------------------------------------------------------------------

# handoff as three scorers answered it on four shops (Ana the benchmark of each):
#   shop 1: solved solved solved; shop 2: phone phone self-service;
#   shop 3: dropped dropped dropped; shop 4: self-service phone self-service.
HANDOFF = {
    "ana": ["solved", "phone", "dropped", "self-service"],
    "ben": ["solved", "phone", "dropped", "phone"],
    "cy": ["solved", "self-service", "dropped", "self-service"],
}
ORDER = ["solved", "self-service", "phone", "dropped"]


def calibration_workspace(tmp_path: Path) -> Path:
    root = workspace(tmp_path)
    for shop in range(4):
        add_shop(
            root,
            shop + 2,
            {
                name: scoring_file(name.capitalize(), answers[shop], benchmark=name == "ana")
                for name, answers in HANDOFF.items()
            },
        )
    assert findings(root) == []
    return root


def test_nominal_alpha_and_fleiss_kappa_over_four_categories(tmp_path: Path) -> None:
    root = calibration_workspace(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["-C", str(root), "shop", "calibrate", "--scorecard", "tone-card", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    criteria = {c["id"]: c for c in json.loads(result.stdout)["criteria"]}
    handoff = criteria["handoff"]
    assert handoff["type"] == "choice" and handoff["level"] == "nominal"

    # The same table straight into toolkit.shop.agreement.
    table = [HANDOFF[name] for name in ("ana", "ben", "cy")]
    alpha = agreement.krippendorff_alpha(table, "nominal")
    counts = [[column.count(c) for c in ORDER] for column in zip(*table, strict=True)]
    fleiss = agreement.fleiss_kappa(counts)
    assert handoff["krippendorff_alpha"]["value"] == pytest.approx(alpha, abs=1e-12)
    assert handoff["fleiss_kappa"]["value"] == pytest.approx(fleiss, abs=1e-12)

    # By hand. Alpha: every value occurs 3 times (n = 12); shops 2 and 4 each hold 2 of the
    # 6 ordered pairs that differ, over m - 1 = 2: 4 disagreeing coincidences in all, and
    # n^2 - sum n_c^2 = 144 - 36 = 108 expected: 1 - 11 x 4 / 108 = 16/27.
    assert alpha == pytest.approx(16 / 27)
    # Fleiss: P_i = 1, 1/3, 1, 1/3 (mean 2/3); p_j = 1/4 each, P_e = 1/4;
    # (2/3 - 1/4) / (3/4) = 5/9.
    assert fleiss == pytest.approx(5 / 9)

    # Phone and self-service both score 0.5, yet they are two answers: of the 12 pairs of
    # two scorers, 4 differ (gap 1/3, not 0), and 6 of the 8 answers against Ana's match.
    assert handoff["gap"] == pytest.approx(1 / 3)
    assert handoff["alignment"] == pytest.approx(0.75)
    # Every scorer said supervisor: nothing to correct for chance with.
    assert criteria["escalation"]["krippendorff_alpha"]["note"] == "no variation"


def test_calibration_in_python_agrees_with_the_files(tmp_path: Path) -> None:
    shops = load(calibration_workspace(tmp_path))
    card = shops.scorecards["tone-card"]
    found = calibrate(list(shops.everything.values()), card)
    handoff = next(c for c in found.criteria if c.criterion.id == "handoff")
    assert handoff.answers == tuple(tuple(HANDOFF[n]) for n in ("ana", "ben", "cy"))
    assert handoff.alpha.value == pytest.approx(16 / 27)
    assert handoff.fleiss.value == pytest.approx(5 / 9)
    # Ben against Ana: handoff differs on shop 4 only, weight 1 of the 12 answers he and Ana
    # both gave (3 criteria x 4 shops, each weight 1 x section weight 1): 11/12.
    ben = next(a for a in found.alignments if a.scorer == "Ben")
    assert ben.alignment == pytest.approx(11 / 12)


def test_two_scorers_get_an_unweighted_kappa_only() -> None:
    card = card_model()
    day = dt.date(2026, 11, 2)
    shops = [
        Shop(
            f"s{i}",
            "tone-card",
            "x",
            "chat",
            day,
            scorings=(
                Scoring("Ana", {"handoff": a}, benchmark=True),
                Scoring("Ben", {"handoff": b}),
            ),
        )
        for i, (a, b) in enumerate(zip(HANDOFF["ana"], HANDOFF["cy"], strict=True))
    ]
    handoff = next(c for c in calibrate(shops, card).criteria if c.criterion.id == "handoff")
    expected = agreement.cohens_kappa(HANDOFF["ana"], HANDOFF["cy"], categories=ORDER)
    assert handoff.cohen.value == pytest.approx(expected)
    # Linear weights need an order; four options have none.
    assert handoff.cohen_linear.value is None and handoff.cohen_linear.note == UNORDERED


def test_choice_answers_sit_on_the_pooled_grid_at_their_scores() -> None:
    # yes/no 1, handoff (0, 0.5, 1) 2, escalation (0, 0.25, 1) 4: lcm 4.
    assert grid(card_model()) == 4

    def card_with(*scores: float):
        options = [{"id": f"o{i}", "title": "o", "score": s} for i, s in enumerate(scores)]
        criterion = {"id": "c", "title": "c", "type": "choice", "options": options}
        data = {
            "title": "t",
            "sections": [{"id": "s", "title": "s", "weight": 1, "criteria": [criterion]}],
        }
        return scorecard_from("t", data)

    assert grid(card_with(0, 0.3, 0.7, 1)) == 10
    assert grid(card_with(0, 0.2, 0.35)) == 20
    assert grid(card_with(0, 1 / 3)) == 3  # 1/3 x 3 is 1 up to a float's rounding
    assert grid(card_with(0, 0.123)) == 100  # no grid up to 100 holds it: hundredths


# --- input paths ---------------------------------------------------------------------------


def test_typed_answers_take_an_option_id_or_its_number() -> None:
    handoff = card_model().criterion("handoff")
    assert handoff is not None
    choices = handoff.choices()
    assert parse_answer("Phone", choices, False, numbered=True) == "phone"
    assert parse_answer(" 2 ", choices, False, numbered=True) == "self-service"
    assert parse_answer("5", choices, False, numbered=True) == (
        "!does not answer it, expected one of 'solved', 'self-service', 'phone' or 'dropped' "
        "(or its number 1-4)"
    )
    assert parse_answer("phnoe", choices, True, numbered=True).endswith(
        "(or its number 1-4) or na; did you mean 'phone'?"
    )
    # A yes/no criterion keeps its own reading: a number is no answer there.
    assert parse_answer("1", ("yes", "no"), False) == "!does not answer it, expected 'yes' or 'no'"


def test_the_keys_of_a_choice_criterion() -> None:
    escalation = card_model().criterion("escalation")
    assert escalation is not None
    assert answer_for(escalation, "1") == ("supervisor", None)
    assert answer_for(escalation, "3") == ("none", None)
    assert answer_for(escalation, "4") == (
        None,
        "no option 4: 1 supervisor · 2 ticket · 3 none",
    )
    assert answer_for(escalation, "y") == (
        None,
        "a choice criterion takes a number: 1 supervisor · 2 ticket · 3 none",
    )


# --- the terminal app ----------------------------------------------------------------------


def test_score_a_choice_criterion_with_a_digit_key(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    shop_id = add_shop(root, 2, {})
    ana_file = root / "shops" / shop_id / "ana.yaml"

    def shown(app: SxtApp, selector: str) -> str:
        content = app.screen.query_one(selector, Static).content
        return content.plain if isinstance(content, Text) else str(content)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ShopsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # the name offered is Ana's own
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScoringScreen)

        await pilot.press("y")  # greeted: yes, and on to handoff
        await pilot.pause()
        side = shown(app, "#scoring-criterion")
        assert "choice of 4 options" in side
        # Each option with the digit that picks it and what it scores.
        assert "1 solved        Solved it in the chat · scores 1" in side
        assert "3 phone         Asked them to phone · scores 0.5" in side
        assert "keys: 1 solved · 2 self-service · 3 phone · 4 dropped" in side

        await pilot.press("3")
        await pilot.pause()
        assert load(root).everything[shop_id].scorings[0].answers == {
            "greeted": "yes",
            "handoff": "phone",
        }
        assert "handoff: phone\n" in ana_file.read_text("utf-8")
        criteria = screen.query_one("#scoring-criteria", OptionList)
        prompt = criteria.get_option("criterion-handoff").prompt
        assert isinstance(prompt, Text) and prompt.plain.startswith("  phone")
        # The answer column fits the longest option id, 12 cells, so titles line up.
        assert prompt.plain == "  phone         Where the agent sent the customer"

        # On escalation: a letter and a digit past the last option answer nothing.
        before = ana_file.read_text("utf-8")
        await pilot.press("y", "4")
        await pilot.pause()
        assert ana_file.read_text("utf-8") == before
        await pilot.press("3")  # none: scores 0, and escalation is fail-all
        await pilot.pause()
        shop = load(root).everything[shop_id]
        result = score(shop, load(root).scorecards["tone-card"], shop.scorings[0])
        assert result.score == 0.0
        running = shown(app, "#scoring-score")
        assert running.startswith(f"Score {percent(0.0)}")
        assert "Offered a way to escalate" in running.split("Critical fails:", 1)[1]

    async def main() -> None:
        # As tests/tui/app_for_tests.py's drive: an event loop of its own, the home table
        # filled before the scenario starts (tests/shop is a package apart from tests/tui).
        app = SxtApp(root, today=dt.date(2026, 11, 5), scorer="Ana")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#documents", DataTable)
            for _ in range(200):
                if table.row_count:
                    break
                await pilot.pause(0.01)
            await scenario(app, pilot)

    asyncio.run(main())

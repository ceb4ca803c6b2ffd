"""Pilot tests of the mystery-shop screens on a workspace made by `sxt init`'s own scaffold,
with a hand-written shop (comments, two scorers, one benchmark) and "today" fixed. Expected
figures come from toolkit.shop (model, scoring) on the file as read back from disk, and the
file is compared line by line with what it was, so a write that moved a comment or touched
another scorer's answers fails here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from toolkit.core.loader import load_file, load_text
from toolkit.core.store import edit
from toolkit.shop.answers import set_answer, set_comment
from toolkit.shop.figures import pct as percent
from toolkit.shop.files import load
from toolkit.shop.model import Scorecard, Scoring, Shop, scorecard_from, scoring_from, shop_from
from toolkit.shop.scoring import score
from toolkit.tui.app import SxtApp
from toolkit.tui.forms import ConfirmScreen, FormScreen
from toolkit.tui.home import HomeScreen
from toolkit.tui.shop import ScoringScreen, ShopsScreen, answer_for, score_text
from toolkit.tui.shop_calibration import (
    DIFFERS_MARK,
    DIFFERS_STYLE,
    CalibrationScreen,
    calibration_of,
    rows,
)
from toolkit.tui.shop_disputes import DisputesScreen

from .app_for_tests import Scenario, drive, loaded, new_workspace

TODAY = dt.date(2026, 11, 5)
SIZE = (120, 40)
RELATIVE = "shops/2026-11-02-refund.yaml"

SHOP = """\
# yaml-language-server: $schema=../.sxt/schemas/shop.schema.json
# Mystery shop: a refund asked for by chat. Written by hand: keep these comments.
sxt: 1
kind: shop
scorecard: chat-email
scenario: Refund for a double charge
channel: chat
date: 2026-11-02
persona: Busy parent, second contact
agent: Sam
team: Billing
"""

DANA = """\
# The calibrator scores first.
sxt: 1
kind: scoring
scorer: Dana
benchmark: true
date: 2026-11-03
answers:
  first-response-60s: yes   # 0:42 after the bot
  personal-greeting: yes
  restated-problem: partial
  clarifying-questions: 4
  no-repeat-asks: yes
  identity-verified: na
  data-protected: yes
  correct-answer: yes
  complete-answer:
    answer: partial
    comment: The invoice question went unanswered.
  resolved-first-contact: yes
  root-cause-flagged: no
  preach: 6
  empathy: 4
  plain-language: yes
  no-blame: yes
  next-steps-clear: yes
  checked-resolved: no
  survey-appropriate: na
# Scores end here.
"""

LEE = """\
# A second opinion, scored from the transcript only.
sxt: 1
kind: scoring
scorer: Lee
date: 2026-11-04
answers:
  first-response-60s: yes
  personal-greeting:
    answer: partial
    comment: No name used.
  correct-answer: yes
  preach: 3
  empathy: 4
"""

ANA = [
    # (criterion, key, answer written): every criterion chat scores, in scorecard order;
    # email-response-time is email only and skipped.
    ("first-response-60s", "y", "yes"),
    ("personal-greeting", "p", "partial"),
    ("restated-problem", "y", "yes"),
    ("clarifying-questions", "x", "na"),  # na_allowed
    ("no-repeat-asks", "y", "yes"),
    ("identity-verified", "n", "no"),
    ("data-protected", "y", "yes"),
    ("correct-answer", "y", "yes"),
    ("complete-answer", "p", "partial"),
    ("resolved-first-contact", "y", "yes"),
    ("root-cause-flagged", "n", "no"),
    ("preach", "5", 5),  # points 0-6
    ("empathy", "4", 4),  # scale 1-5
    ("plain-language", "y", "yes"),
    ("no-blame", "y", "yes"),
    ("next-steps-clear", "p", "partial"),
    ("checked-resolved", "y", "yes"),
    ("survey-appropriate", "x", "na"),
]

ANA_FILE = """\
# yaml-language-server: $schema=../../.sxt/schemas/scoring.schema.json
# Ana's answers to the mystery shop shops/2026-11-02-refund.yaml.
sxt: 1
kind: scoring
scorer: "Ana"
date: 2026-11-05
answers:
  first-response-60s: yes
  personal-greeting: partial
  restated-problem: yes
  clarifying-questions: na
  no-repeat-asks: yes
  identity-verified: no
  data-protected: yes
  correct-answer: yes
  complete-answer: partial
  resolved-first-contact: yes
  root-cause-flagged: no
  preach: 5
  empathy: 4
  plain-language: yes
  no-blame: yes
  next-steps-clear: partial
  checked-resolved:
    answer: yes
    comment: Waited for the answer.
  survey-appropriate: na
"""


FOLDER = "shops/2026-11-02-refund"


def workspace(tmp_path: Path, text: str = SHOP, lee: str = LEE) -> Path:
    root = new_workspace(tmp_path)
    (root / RELATIVE).write_text(text, "utf-8")
    (root / FOLDER).mkdir()
    (root / FOLDER / "dana.yaml").write_text(DANA, "utf-8")
    (root / FOLDER / "lee.yaml").write_text(lee, "utf-8")
    return root


def run(
    root: Path, scenario: Scenario, size: tuple[int, int] = SIZE, scorer: str = "Ana"
) -> SxtApp:
    """One event loop per test, as in test_app; the app's today and its person are fixed
    (else they would be this machine's git user)."""
    return drive(SxtApp(root, today=TODAY, scorer=scorer), scenario, size)


def on_disk(root: Path) -> tuple[Shop, Scorecard]:
    """The shop and its scorecard as the domain reads them, independently of the screens."""
    shops = load(root)
    return shops.everything["2026-11-02-refund"], shops.scorecards["chat-email"]


def legacy_shop(dana: str = DANA) -> Shop:
    """The shop with Dana's and Lee's scorings, read without a workspace."""
    scorings = tuple(scoring_from(load_text(text, "x.yaml").data) for text in (dana, LEE))
    return shop_from("shop", load_text(SHOP, "shop.yaml").data, scorings=scorings)


def shipped_card() -> Scorecard:
    shipped = Path(__file__).parents[2] / "checklists" / "chat-email.yaml"
    return scorecard_from("chat-email", load_file(shipped).data)


def scoring_of(shop: Shop, scorer: str) -> Scoring:
    return next(s for s in shop.scorings if s.scorer == scorer)


def shown(app: SxtApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def current_id(screen: ScoringScreen) -> str | None:
    current = screen.current
    return current[1].id if current else None


async def fill(pilot: Pilot[None], value: str) -> None:
    await pilot.press("ctrl+u", *value, "enter")
    await pilot.pause()


async def open_as(app: SxtApp, pilot: Pilot[None], scorer: str) -> ScoringScreen:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, ShopsScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, FormScreen)
    await fill(pilot, scorer)
    assert isinstance(app.screen, ScoringScreen)
    return app.screen


def test_score_a_shop_as_a_new_scorer_then_calibrate(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    path = root / RELATIVE
    ana_file = root / FOLDER / "ana.yaml"
    shop, card = on_disk(root)
    dana = score(shop, card, scoring_of(shop, "Dana"))

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ShopsScreen)
        table = app.screen.query_one("#shops", DataTable)
        row = [str(cell) for cell in table.get_row(RELATIVE)]
        assert row[:6] == [
            "2026-11-02-refund",
            "2026-11-02",
            "Refund for a double charge",
            "chat",
            "Sam",
            "2",
        ]
        assert row[6] == f"{percent(dana.score)} benchmark"  # the benchmark's word is the shop's

        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)
        # The name offered is the person's own (never whoever scored last).
        assert app.screen.query_one("#form-scorer", Input).value == "Ana"
        await fill(pilot, "Ana")
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert screen.sub_title == "2026-11-02-refund · scoring as Ana"
        criteria = screen.query_one("#scoring-criteria", OptionList)
        assert criteria.get_option("criterion-email-response-time").disabled  # email only

        # A new scorer starts at the first criterion, its guidance beside the list.
        assert current_id(screen) == "first-response-60s"
        first = card.criterion("first-response-60s")
        assert first is not None
        assert first.guidance in shown(app, "#scoring-criterion").replace("\n", " ")
        # Keys that do not answer this criterion say so and write nothing.
        await pilot.press("x", "p", "3")
        await pilot.pause()
        assert path.read_text("utf-8") == SHOP and not ana_file.exists()
        assert current_id(screen) == "first-response-60s"

        for criterion_id, key, _ in ANA:
            assert current_id(screen) == criterion_id  # each answer moves on to the next
            await pilot.press(key)
            await pilot.pause()
        # Every answer is on disk the moment it is given.
        shop_now, _ = on_disk(root)
        assert scoring_of(shop_now, "Ana").answers == {c: answer for c, _, answer in ANA}

        # Back up one (k) to comment on it: a comment needs the answer it goes with.
        await pilot.press("k")
        assert current_id(screen) == "checked-resolved"
        await pilot.press("c")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "Waited for the answer.")
        assert app.screen is screen

        shop_now, _ = on_disk(root)
        ana = score(shop_now, card, scoring_of(shop_now, "Ana"))
        assert ana.score is not None and not ana.unanswered
        running = shown(app, "#scoring-score")
        assert running.startswith(f"Score {percent(ana.score)}")
        for section in ana.sections:
            assert f"{section.section.title}" in running
            assert percent(section.score) in running
        assert "All 18 criteria answered" in running

        await pilot.press("escape")
        assert isinstance(app.screen, ShopsScreen)
        table = app.screen.query_one("#shops", DataTable)
        assert str(table.get_row(RELATIVE)[5]) == "3"

        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        table = app.screen.query_one("#calibration", DataTable)
        headers = [str(column.label) for column in table.ordered_columns]
        assert headers == ["criterion", "Ana", "Dana ★", "Lee", "gap"]  # by file name
        # Dana (benchmark) said yes to the personal greeting, Lee and Ana partial.
        greeting = [table.get_cell("criterion-personal-greeting", f"scorer-{i}") for i in range(3)]
        assert [cell.plain for cell in greeting] == [
            f"partial{DIFFERS_MARK}",
            "yes",
            f"partial{DIFFERS_MARK}",
        ]
        assert [str(greeting[i].style) for i in (0, 2)] == [DIFFERS_STYLE] * 2
        assert str(greeting[1].style) != DIFFERS_STYLE
        # The gap is the mean over the three pairs, (.5 + .5 + 0) / 3, as `sxt shop calibrate`
        # prints it.
        assert str(table.get_cell("criterion-personal-greeting", "gap")) == "0.33"
        # All three said yes to the first response: nothing highlighted.
        agreed = [table.get_cell("criterion-first-response-60s", f"scorer-{i}") for i in range(3)]
        assert [cell.plain for cell in agreed] == ["yes"] * 3

        # Alignment with Dana: 1 - |difference| of the normalised answers, each criterion
        # weighted criterion weight x section weight, over the criteria both answered, N/A
        # left out on either side (toolkit.shop.calibration's definition).
        # Lee answered five: first response 1 x 15 (same), greeting 1 x 15 (yes against
        # partial: .5 apart), correct answer 2 x 35 (same), PREACH 1 x 20 (3 against 6 of 6:
        # .5), empathy 1 x 20 (same).
        lee = 1 - (15 * 0.5 + 20 * 0.5) / (15 + 15 + 70 + 20 + 20)
        # Ana and Dana both answered 15 (clarifying, identity and survey are N/A on one side
        # or both): opening 15 + 15, understanding 20 + 20, resolution 35 + 70 + 35 + 35 + 35,
        # tone 4 x 20, closing 10 + 10 = 380; apart on greeting 15 (.5), restated 20 (.5),
        # PREACH 20 (5 against 6: 1/6), next steps 10 (.5) and checked 10 (1).
        apart = 15 * 0.5 + 20 * 0.5 + 20 / 6 + 10 * 0.5 + 10
        ana_alignment = 1 - apart / 380
        aligned = [str(table.get_cell("alignment", f"scorer-{i}")) for i in range(3)]
        assert aligned == [percent(ana_alignment), "benchmark", percent(lee)]
        assert [aligned[0], aligned[2]] == ["90.6%", "87.5%"]
        lee_score = score(shop_now, card, scoring_of(shop_now, "Lee"))
        scores = [str(table.get_cell("score", f"scorer-{i}")) for i in range(3)]
        assert scores == [percent(ana.score), percent(dana.score), percent(lee_score.score)]

        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)

    run(root, scenario)

    # Ana's answers are in a file of her own; the shop's, Dana's and Lee's are untouched.
    assert ana_file.read_text("utf-8") == ANA_FILE
    assert path.read_text("utf-8") == SHOP
    assert (root / FOLDER / "dana.yaml").read_text("utf-8") == DANA
    assert (root / FOLDER / "lee.yaml").read_text("utf-8") == LEE


def test_an_existing_scorer_resumes_with_their_answers_and_edits_one_line(
    tmp_path: Path,
) -> None:
    root = workspace(tmp_path)
    path = root / FOLDER / "lee.yaml"

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        # A name is a person's, however it is typed: "lee" is Lee.
        screen = await open_as(app, pilot, "lee")
        assert screen.scorer == "Lee"
        # Lee's first unanswered criterion, after first-response-60s and personal-greeting.
        assert current_id(screen) == "restated-problem"
        prompt = screen.query_one("#scoring-criteria", OptionList).get_option(
            "criterion-personal-greeting"
        )
        assert "partial" in str(prompt.prompt) and "✎" in str(prompt.prompt)

        await pilot.press("k", "k")  # up past the email-only criterion
        assert current_id(screen) == "first-response-60s"
        side = shown(app, "#scoring-criterion")
        assert "Answer: yes" in side
        await pilot.press("n")
        await pilot.press("up")
        assert current_id(screen) == "first-response-60s"
        await pilot.press("delete")  # and cleared again
        await pilot.press("j")
        assert current_id(screen) == "personal-greeting"
        await pilot.press("y")  # the answer changes, its comment stays
        await pilot.pause()

    run(root, scenario, scorer="Lee")
    text = path.read_text("utf-8")
    assert text == LEE.replace("date: 2026-11-04", f"date: {TODAY.isoformat()}").replace(
        "  first-response-60s: yes\n  personal-greeting:\n    answer: partial\n",
        "  personal-greeting:\n    answer: yes\n",
    )


def test_unreadable_shop_is_listed_with_its_problem_and_not_opened(tmp_path: Path) -> None:
    root = workspace(tmp_path, SHOP.replace("channel: chat", "channel: pigeon"))

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one("#shops", DataTable)
        row = [str(cell) for cell in table.get_row(RELATIVE)]
        assert row[2].startswith("✗ channel: 'pigeon' is not one of")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ShopsScreen)  # no form, no scoring screen

    run(root, scenario)
    assert (root / RELATIVE).read_text("utf-8") == SHOP.replace("channel: chat", "channel: pigeon")


def test_a_broken_scoring_is_listed_and_the_shop_still_opens(tmp_path: Path) -> None:
    root = workspace(tmp_path, lee=LEE.replace("preach: 3", "preach: 9"))

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one("#shops", DataTable)
        row = [str(cell) for cell in table.get_row(f"{FOLDER}/lee.yaml")]
        assert row[2].startswith("✗ preach: 9 does not answer a points criterion")
        assert [str(c) for c in table.get_row(RELATIVE)][5] == "1"  # Dana's still counts

    run(root, scenario)


def test_comments_come_and_go_without_disturbing_the_file(tmp_path: Path) -> None:
    """The writer alone: a comment turns an answer into its two-line form and back, and the
    comment lines around it stay where they were."""
    path = tmp_path / "dana.yaml"
    path.write_text(DANA, "utf-8")
    card = shipped_card()
    order = [criterion.id for _, criterion in card.criteria()]
    with edit(path) as data:
        set_comment(data, "survey-appropriate", "No survey arrived.", order=order)
    assert path.read_text("utf-8") == DANA.replace(
        "  survey-appropriate: na\n",
        "  survey-appropriate:\n    answer: na\n    comment: No survey arrived.\n",
    )
    with edit(path) as data:
        set_comment(data, "survey-appropriate", None, order=order)
    assert path.read_text("utf-8") == DANA
    lee = tmp_path / "lee.yaml"
    lee.write_text(LEE, "utf-8")
    with edit(lee) as data:
        set_answer(data, "no-repeat-asks", "no", order=order)
    # In scorecard order, after the greeting's comment and before the correct answer.
    assert lee.read_text("utf-8") == LEE.replace(
        "    comment: No name used.\n",
        "    comment: No name used.\n  no-repeat-asks: no\n",
    )


def test_a_change_after_submitting_is_kept_as_a_revision(tmp_path: Path) -> None:
    path = tmp_path / "lee.yaml"
    path.write_text(LEE.replace("date: 2026-11-04\n", "date: 2026-11-04\nsubmitted: 2026-11-04\n"))
    order = [criterion.id for _, criterion in shipped_card().criteria()]
    with edit(path) as data:
        set_answer(data, "preach", 5, order=order, today=TODAY)
        set_answer(data, "no-blame", "yes", order=order, today=TODAY)
    found = load_file(path).data
    assert found["answers"]["preach"] == 5 and found["date"] == TODAY.isoformat()
    assert found["revisions"] == [
        {"date": "2026-11-05", "criterion": "preach", "before": 3, "after": 5},
        {"date": "2026-11-05", "criterion": "no-blame", "before": None, "after": "yes"},
    ]


def test_keys_answer_only_what_the_criterion_takes() -> None:
    card = scorecard_from(
        "card",
        {
            "title": "Card",
            "sections": [
                {
                    "id": "s",
                    "title": "S",
                    "weight": 1,
                    "criteria": [
                        {"id": "yn", "title": "yn", "type": "yes-no"},
                        {"id": "ypn", "title": "ypn", "type": "yes-partial-no", "na_allowed": True},
                        {"id": "big", "title": "big", "type": "points", "points": 12},
                    ],
                }
            ],
        },
    )
    yn, ypn, big = (card.criterion(i) for i in ("yn", "ypn", "big"))
    assert yn is not None and ypn is not None and big is not None
    assert answer_for(yn, "y") == ("yes", None)
    assert answer_for(yn, "p")[0] is None and answer_for(yn, "x")[0] is None
    assert answer_for(ypn, "p") == ("partial", None)
    assert answer_for(ypn, "x") == ("na", None)
    assert answer_for(ypn, "3")[0] is None
    # Twelve points take more than one key: the screen asks for the number.
    assert answer_for(big, "1") == (None, None)


def test_running_score_names_critical_fails() -> None:
    """A failed fail-all criterion zeroes the shop and says so; a fail-section one its
    section; the figures are toolkit.shop.scoring's."""
    shop, card = legacy_shop(), shipped_card()
    answers = dict(scoring_of(shop, "Dana").answers, **{"data-protected": "no"})
    answers["correct-answer"] = "no"
    result = score(shop, card, Scoring("Dana", answers))
    text = score_text(result, card, shop.channel).plain
    assert text.startswith("Score 0.0%  pass mark 80% · fails")
    assert "✗ Customer data was protected (shop scores 0)" in text
    assert "✗ The answer was correct (section scores 0)" in text
    resolution = next(line for line in text.splitlines() if line.strip().startswith("Resolution"))
    assert resolution.split()[-1] == "0.0%"
    assert text.endswith("All 18 criteria answered")


def test_without_a_benchmark_the_majority_is_the_reference() -> None:
    shop = legacy_shop(DANA.replace("benchmark: true\n", ""))
    card = shipped_card()
    found = {row.criterion.id: row for row in rows(shop, card, calibration_of(shop, card))}
    # Two scorers, yes against partial: no majority, both in question.
    assert found["personal-greeting"].differs == {"Dana", "Lee"}
    assert found["first-response-60s"].differs == frozenset()
    assert found["personal-greeting"].gap == 0.5
    # Dana alone answered the restated problem: nothing to disagree with.
    assert found["restated-problem"].differs == frozenset()
    assert found["restated-problem"].gap is None


def test_scoring_snapshot(tmp_path: Path, snap_compare) -> None:
    """The scoring screen part-way: Ana has answered the opening, the cursor is on the first
    understanding criterion with its guidance and examples, the running score below."""
    root = workspace(tmp_path)

    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await open_as(pilot.app, pilot, "Ana")  # type: ignore[arg-type]
        await pilot.press("y", "p")
        await pilot.pause()

    assert snap_compare(
        SxtApp(root, today=TODAY, scorer="Ana"), terminal_size=SIZE, run_before=run_before
    )


def test_titles_from_files_are_text_not_markup(tmp_path: Path) -> None:
    """A border title given as a string is read as Textual markup; a scorecard title or a
    scorer's name must show as written."""
    root = workspace(tmp_path)
    card = root / "checklists" / "chat-email.yaml"
    text = card.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    card.write_text(text.replace(title, 'title: "Chat [bold red]QA[/]"', 1), "utf-8")

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_as(app, pilot, "Ana")
        criteria = screen.query_one("#scoring-criteria", OptionList)
        drawn = criteria._border_title  # what is drawn; the property gives it back as markup
        assert drawn is not None and drawn.plain == "Chat [bold red]QA[/]"

    run(root, scenario)


SESSION = """\
sxt: 1
kind: calibration-session
opened: 2026-11-03
shops: [2026-11-02-refund]
scorers: [Ana, Lee]
benchmark: Dana
"""


def blind_workspace(tmp_path: Path) -> Path:
    root = workspace(
        tmp_path, lee=LEE.replace("date: 2026-11-04\n", "date: 2026-11-04\nsubmitted: 2026-11-04\n")
    )
    dana = root / FOLDER / "dana.yaml"
    dana.write_text(DANA.replace("date: 2026-11-03\n", "date: 2026-11-03\nsubmitted: 2026-11-03\n"))
    (root / "calibration").mkdir(exist_ok=True)
    (root / "calibration" / "round.yaml").write_text(SESSION, "utf-8")
    return root


def test_blind_calibration_until_you_submit(tmp_path: Path) -> None:
    """Ana sees neither Dana's (the benchmark's) score nor anyone's answers until she
    submits; after that she sees every submitted scoring; a change after submitting is a
    revision; when the session closes everyone sees everything."""
    root = blind_workspace(tmp_path)
    ana_file = root / FOLDER / "ana.yaml"

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        table = app.screen.query_one("#shops", DataTable)
        row = [str(cell) for cell in table.get_row(RELATIVE)]
        assert row[6] == "hidden · session round"
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        heading = shown(app, "#calibration-heading")
        assert "Hidden: calibration session round is open and Ana has not submitted" in heading
        assert not app.screen.query_one("#calibration", DataTable).display
        await pilot.press("escape")

        # Ana tries Lee's name: the app asks before opening someone else's scoring.
        await pilot.press("enter")
        await fill(pilot, "Lee")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ShopsScreen)

        screen = await open_as(app, pilot, "Ana")
        assert "scoring as Ana" in screen.sub_title
        for _, key, _ in ANA:
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("S")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert load_file(ana_file).data["submitted"] == TODAY.isoformat()
        assert "submitted 2026-11-05" in screen.sub_title
        # A change after submitting is kept as a revision, never silently replaced.
        await pilot.press("k", "k")  # up to next-steps-clear, answered partial
        assert current_id(screen) == "next-steps-clear"
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#shops", DataTable)
        shop, card = on_disk(root)
        assert (
            str(table.get_row(RELATIVE)[6])
            == f"{percent(score(shop, card, scoring_of(shop, 'Dana')).score)} benchmark"
        )
        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one("#calibration", DataTable)
        headers = [str(column.label) for column in table.ordered_columns]
        assert headers == ["criterion", "Ana", "Dana ★", "Lee", "gap"]

    run(root, scenario, scorer="Ana")
    revisions = load_file(ana_file).data["revisions"]
    assert revisions == [
        {"date": "2026-11-05", "criterion": "next-steps-clear", "before": "partial", "after": "yes"}
    ]

    # Zed never scored: blind while the session is open, everything once it is closed.
    async def as_zed(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        row = [str(c) for c in app.screen.query_one("#shops", DataTable).get_row(RELATIVE)]
        assert row[6] == "hidden · session round"

    run(root, as_zed, scorer="Zed")
    (root / "calibration" / "round.yaml").write_text(SESSION + "closed: 2026-11-05\n")

    async def closed(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        row = [str(c) for c in app.screen.query_one("#shops", DataTable).get_row(RELATIVE)]
        assert row[6].endswith("benchmark")

    run(root, closed, scorer="Zed")


def test_disputes_from_both_sides(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    dispute = root / FOLDER / "disputes" / "empathy.yaml"

    async def agent(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DisputesScreen)
        assert "No disputes of this shop" in shown(app, "#disputes-detail")
        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "empathy")
        await fill(pilot, "The customer thanked me twice")
        await fill(pilot, "")
        assert isinstance(app.screen, DisputesScreen)
        table = app.screen.query_one("#disputes", DataTable)
        assert [str(c) for c in table.get_row("empathy")][:4] == [
            "empathy",
            "Sam",
            "2026-11-05",
            "open",
        ]
        # The agent cannot settle their own dispute: a notice, nothing written.
        await pilot.press("a")
        await fill(pilot, "")
        await pilot.pause()
        assert "history" not in dispute.read_text("utf-8")

    run(root, agent, scorer="Sam")

    async def reviewer(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("p")
        await fill(pilot, "5")
        await fill(pilot, "Fair point")
        table = app.screen.query_one("#disputes", DataTable)
        assert [str(c) for c in table.get_row("empathy")][3:5] == ["partial", "5"]
        assert "partial by Dana, answer 5: Fair point" in shown(app, "#disputes-detail")

    run(root, reviewer, scorer="Dana")
    history = load_file(dispute).data["history"]
    assert history == [
        {
            "date": "2026-11-05",
            "by": "Dana",
            "outcome": "partial",
            "answer": 5,
            "note": "Fair point",
        }
    ]

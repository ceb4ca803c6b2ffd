"""Pilot tests of the journey screen on workspaces made by `sxt init`'s own scaffold (which
ships the first-billing-issue journey) and on a small hand-written journey with comments.
Findings are `sxt journey check`'s own (toolkit.journey.checks), and every write is compared
with the file as it was, line by line, so an edit that moved a comment or touched another
line fails here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from toolkit.tui.app import SxtApp
from toolkit.tui.forms import ConfirmScreen, FormScreen
from toolkit.tui.help import HelpScreen
from toolkit.tui.home import HomeScreen
from toolkit.tui.journey import JourneyScreen
from toolkit.tui.journey_picker import JourneyPicker
from toolkit.tui.journey_view import EmotionCurve

from .app_for_tests import Scenario, drive, loaded, new_workspace

TODAY = dt.date(2026, 11, 5)
SIZE = (120, 40)
SHIPPED = "journeys/first-billing-issue.yaml"
RELATIVE = "journeys/password-reset.yaml"

JOURNEY = """\
# yaml-language-server: $schema=../.sxt/schemas/journey.schema.json
# A hand-written journey: keep these comments.
sxt: 1
kind: journey
title: Password reset
persona: A customer locked out of her account.
validated: 2026-10-01

stages:
  # The customer notices she is locked out.
  - id: locked-out
    title: Locked out
    steps:
      - id: sign-in-fails
        action: Types her password three times and is locked out.
        channel: web
        emotion: -1  # annoyed, not yet angry
        tier: self-service
        escalation: A "Contact us" link under the form.
        evidence: observed
        pain_points:
          - description: The lock-out message gives no way forward.
            opportunity: Link to the reset page from the message.
        # Written after the pain points: stays with them.

      - id: reset-email
        action: Asks for a reset email and waits for it.
        channel: email
        emotion: 0
        owner: Identity team
        tier: proactive
        evidence: observed

  # She is back in.
  - id: back-in
    title: Back in
    steps:
      - id: signs-in
        action: Signs in with the new password.
        channel: web
        emotion: 1
        owner: Identity team
        tier: self-service
        evidence: inferred
"""


def journey_workspace(tmp_path: Path, text: str = JOURNEY) -> Path:
    """The scaffold with the shipped journey swapped for `text`, so `j` opens it directly."""
    root = new_workspace(tmp_path)
    (root / SHIPPED).unlink()
    (root / RELATIVE).write_text(text, "utf-8")
    return root


def run(root: Path, scenario: Scenario) -> SxtApp:
    return drive(SxtApp(root, today=TODAY), scenario, SIZE)


def shown(app: SxtApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def cells(app: SxtApp, step: str) -> list[str]:
    table = app.screen.query_one("#journey-map", DataTable)
    return [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row(step)]


def curve_row(app: SxtApp, label: str) -> str:
    """One level of the emotion curve as drawn, e.g. `-2 angry`."""
    drawn = app.screen.query_one("#journey-curve", EmotionCurve).render().plain
    return next(line for line in drawn.splitlines() if line.startswith(label))


async def open_map(app: SxtApp, pilot: Pilot[None]) -> JourneyScreen:
    await pilot.press("j")
    await pilot.pause()
    assert isinstance(app.screen, JourneyScreen)
    return app.screen


async def fill(pilot: Pilot[None], value: str) -> None:
    await pilot.press("ctrl+u", *value, "enter")
    await pilot.pause()


def test_opens_from_home_and_moving_selects_steps(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_map(app, pilot)
        assert screen.sub_title == SHIPPED
        assert screen.selected == "renewal-declined"
        assert shown(app, "#journey-step").startswith("renewal-declined")
        await pilot.press("down")
        assert screen.selected == "reads-dunning-email"
        detail = shown(app, "#journey-step")
        assert detail.startswith("reads-dunning-email  The payment fails")
        assert "Payment-failed email" in detail and "-1 frustrated" in detail
        await pilot.press("j", "j")  # vim keys move too
        assert screen.selected == "update-card"
        # The map's bot-loop error, in the grid, the step's details and the panel, marked.
        assert cells(app, "update-card")[-1] == "✗ 1"
        detail = shown(app, "#journey-step")
        assert "error journey/bot-loop: step 'update-card' (sensitive)" in detail
        assert "Escalation  none: no way to a person" in detail
        panel = shown(app, "#journey-findings")
        assert panel.startswith("▶ 142:9 error journey/bot-loop\nstep 'update-card'")
        # The curve points at the fourth step, on the angry row.
        drawn = app.screen.query_one("#journey-curve", EmotionCurve)
        assert drawn.selected == 3
        await pilot.press("up")
        assert not shown(app, "#journey-findings").startswith("▶")
        await pilot.press("n")  # next finding: back to update-card
        assert screen.selected == "update-card"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = shown(app, "#keys")
        assert "e  Emotion" in keys and "x  Drop pain" in keys and "r  Reload" in keys
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    run(root, scenario)


def test_editing_owner_and_emotion_writes_through_the_store(tmp_path: Path) -> None:
    root = journey_workspace(tmp_path)
    path = root / RELATIVE

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_map(app, pilot)
        assert screen.selected == "sign-in-fails"
        assert cells(app, "sign-in-fails")[4:] == ["no owner", "! 1"]
        assert "journey/step-owner" in shown(app, "#journey-findings")
        await pilot.press("o")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "Identity  team")  # one line, single spaces
        assert app.screen is screen
        # Read back and checked again: the finding is gone from grid, details and panel.
        assert cells(app, "sign-in-fails")[4:] == ["Identity team", "✓"]
        assert "✓ no findings on this step" in shown(app, "#journey-step")
        assert shown(app, "#journey-findings") == "✓ no findings"
        assert "●" in curve_row(app, "-1 frustrated")
        await pilot.press("e")
        await fill(pilot, "-2")
        assert cells(app, "sign-in-fails")[2] == "-2"
        assert "-2 angry" in shown(app, "#journey-step")
        assert "●" in curve_row(app, "-2 angry")
        assert "●" not in curve_row(app, "-1 frustrated")
        await pilot.press("t")
        await fill(pilot, "Human")  # a choice is a word from a short list
        await pilot.pause()

    run(root, scenario)
    assert path.read_text("utf-8") == JOURNEY.replace(
        "        emotion: -1  # annoyed, not yet angry\n        tier: self-service\n",
        "        emotion: -2  # annoyed, not yet angry\n        owner: Identity team\n"
        "        tier: human\n",
    )


def test_invalid_input_writes_nothing(tmp_path: Path) -> None:
    root = journey_workspace(tmp_path)
    path = root / RELATIVE
    before = path.stat().st_mtime_ns

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_map(app, pilot)
        await pilot.press("down")  # reset-email, which has an owner
        for key, typed, problem in (
            ("e", "3", "Emotion (-2 to +2): a whole number from -2 (angry) to +2 (delighted)"),
            ("e", "-1.5", "Emotion (-2 to +2): a whole number from -2 (angry) to +2"),
            ("e", "", "Emotion (-2 to +2): a whole number"),
            ("o", "  ", "Owner: required"),
            ("t", "robot", "Tier (proactive, self-service, human): one of proactive"),
        ):
            await pilot.press(key)
            await fill(pilot, typed)
            assert isinstance(app.screen, FormScreen), (key, typed)
            assert shown(app, "#form-problem").startswith(problem)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
        assert cells(app, "reset-email")[2:5] == ["0", "proactive", "Identity team"]

    run(root, scenario)
    assert path.read_text("utf-8") == JOURNEY
    assert path.stat().st_mtime_ns == before


def test_pain_points_are_added_edited_and_removed_keeping_comments(tmp_path: Path) -> None:
    root = journey_workspace(tmp_path)
    path = root / RELATIVE
    added = (
        "          - description: Reset emails land in spam.\n"
        "        # Written after the pain points: stays with them.\n"
    )
    texts: list[str] = []

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await open_map(app, pilot)
        await pilot.press("a")
        await fill(pilot, "Reset emails land in spam.")
        await fill(pilot, "")  # no opportunity yet: the check says so
        texts.append(path.read_text("utf-8"))
        detail = shown(app, "#journey-step")
        assert "2 pain points" in detail and "2. Reset emails land in spam." in detail
        assert "warning journey/pain-action" in detail
        await pilot.press("p")  # which one: the second
        await fill(pilot, "2")
        await pilot.press("enter")  # the description stays
        await fill(pilot, "Send from our own domain.")
        texts.append(path.read_text("utf-8"))
        assert "journey/pain-action" not in shown(app, "#journey-findings")
        await pilot.press("x")
        await fill(pilot, "2")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "1 pain point" in shown(app, "#journey-step")

    run(root, scenario)
    marker = "        # Written after the pain points: stays with them.\n"
    assert texts[0] == JOURNEY.replace(marker, added)
    assert texts[1] == JOURNEY.replace(
        marker,
        added.replace("spam.\n", "spam.\n            opportunity: Send from our own domain.\n"),
    )
    assert path.read_text("utf-8") == JOURNEY


def test_user_text_is_shown_as_text_never_markup(tmp_path: Path) -> None:
    root = journey_workspace(
        tmp_path,
        JOURNEY.replace("title: Password reset", "title: '[bold]Reset[/]'")
        .replace(
            "action: Types her password three times and is locked out.",
            "action: '[bold red]x[/] locked out'",
        )
        .replace(
            "owner: Identity team\n        tier: proactive",
            "owner: '[i]Ops[/i]'\n        tier: proactive",
        ),
    )

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await open_map(app, pilot)
        heading = shown(app, "#journey-heading")
        assert heading.startswith("[bold]Reset[/] · 2 stages · 3 steps · validated 2026-10-01")
        assert "[bold red]x[/] locked out" in shown(app, "#journey-step")
        await pilot.press("down")
        assert cells(app, "reset-email")[4] == "[i]Ops[/i]"
        assert "Owner       [i]Ops[/i]" in shown(app, "#journey-step")
        await pilot.press("o")
        await fill(pilot, "[b]Team[/b]")
        assert cells(app, "reset-email")[4] == "[b]Team[/b]"

    run(root, scenario)
    assert "        owner: '[b]Team[/b]'\n" in (root / RELATIVE).read_text("utf-8")


def test_changes_made_elsewhere_are_read_again_not_overwritten(tmp_path: Path) -> None:
    root = journey_workspace(tmp_path)
    path = root / RELATIVE
    renamed = JOURNEY.replace("- id: sign-in-fails", "- id: login-fails")

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_map(app, pilot)
        path.write_text(renamed, "utf-8")  # an editor renames the selected step meanwhile
        await pilot.press("o")
        await fill(pilot, "Identity team")
        assert path.read_text("utf-8") == renamed
        assert screen.selected == "login-fails"  # read again, on the first step
        path.write_text("sxt: 1\nkind: journey\ntitle: Half written\n", "utf-8")
        await pilot.press("r")
        heading = shown(app, "#journey-heading")
        assert heading.startswith("password-reset.yaml cannot be opened: fix it, then press r")
        await pilot.press("e")
        assert app.screen is screen  # nothing to edit
        path.write_text(JOURNEY, "utf-8")
        await pilot.press("r")
        assert cells(app, "sign-in-fails")[1] == "sign-in-fails"
        # The forms only let valid values through; should a change still break the schema,
        # the file is put back as it was.
        screen.save(lambda step: step.__setitem__("emotion", 7), "emotion 7")
        await pilot.pause()
        assert path.read_text("utf-8") == JOURNEY
        assert cells(app, "sign-in-fails")[2] == "-1"

    run(root, scenario)


def test_several_journeys_are_chosen_from_a_list(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    (root / RELATIVE).write_text(JOURNEY, "utf-8")
    (root / "journeys" / "broken.yaml").write_text("sxt: 1\nkind: journey\ntitle: Broken\n")

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JourneyPicker)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0].startswith("First billing issue")
        assert prompts[1] == f"Password reset  {RELATIVE}"
        assert prompts[2].startswith("✗ journeys/broken.yaml:")
        assert options.get_option_at_index(2).disabled
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JourneyScreen)
        assert app.screen.selected == "sign-in-fails"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    run(root, scenario)


def test_journey_snapshot(tmp_path: Path, snap_compare) -> None:
    """The shipped journey on its flawed step: the bot-loop error in the grid, the step's
    details and the checks panel, the curve pointing at the angry dip."""
    root = new_workspace(tmp_path)

    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("j", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(SxtApp(root, today=TODAY), terminal_size=SIZE, run_before=run_before)

"""Pilot tests of the audit wizard on workspaces made by `sxt init`'s own scaffold, with "today"
fixed so the quarter, the carried-forward entries and the overdue actions never depend on the
day the suite runs. Expected figures come from toolkit.audit (files.load, scoring), the code
`sxt audit status` reports from, and the file is checked on disk after every step that wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from toolkit.audit.answers import put_action, put_evidence, remove_entry, set_answer, set_owner
from toolkit.audit.files import audit_path, load, start
from toolkit.audit.model import Action, Assessment, Evidence, Quarter
from toolkit.audit.scoring import AuditScore
from toolkit.core.store import edit
from toolkit.tui.app import SxtApp
from toolkit.tui.audit import AuditScreen
from toolkit.tui.audit_summary import AuditSummaryScreen, index_figure
from toolkit.tui.forms import ConfirmScreen, FormScreen
from toolkit.tui.home import HomeScreen

from .app_for_tests import Scenario, drive, loaded, new_workspace

TODAY = dt.date(2026, 5, 12)
QUARTER = Quarter.of(TODAY)  # 2026-Q2
SIZE = (100, 32)

PREVIOUS = """\
# Last quarter's audit, written by hand: these comments must survive the wizard.
sxt: 1
kind: audit
checklist: ten-point
quarter: 2026-Q1
auditor: Robin
date: 2026-03-20
items:
  # The foundation.
  culture:
    level: 2
    owner: Dana
    evidence:
      - link: https://wiki.example.com/okrs
        date: 2026-03-01
    actions:
      - title: Shadowing rota for engineers
        owner: Sam
        due: 2026-04-30
        status: open
      - title: An idea we dropped
        status: dropped
  platform:
    level: 1  # one shared inbox
    owner: Lee
"""


def workspace(tmp_path: Path, previous: bool = True) -> Path:
    root = new_workspace(tmp_path)
    if previous:
        (root / "audits").mkdir(exist_ok=True)
        (root / "audits" / "2026-Q1.yaml").write_text(PREVIOUS, "utf-8")
    return root


def run(root: Path, scenario: Scenario, size: tuple[int, int] = SIZE) -> SxtApp:
    """One event loop per test, as in test_app; the app's today is fixed."""
    return drive(SxtApp(root, today=TODAY), scenario, size)


def shown(app: SxtApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def current(root: Path) -> AuditScore:
    score = load(root, TODAY).quarter(QUARTER)
    assert score is not None, "the quarter's audit no longer validates"
    return score


def assessment(root: Path, item_id: str) -> Assessment:
    return current(root).audit.assessment(item_id)


async def open_wizard(app: SxtApp, pilot: Pilot[None]) -> AuditScreen:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, AuditScreen)
    return app.screen


async def fill(pilot: Pilot[None], *values: str | None) -> None:
    """Types into a form's fields in order (None keeps what the field holds) and submits:
    enter moves on and saves on the last field, as a person would go through it."""
    for value in values:
        if value is not None:
            await pilot.press("ctrl+u", *value)
        await pilot.press("enter")
    await pilot.pause()


def in_order(lines: list[str], text: str) -> bool:
    """True when every line appears in `text`, in this order (other lines may come between)."""
    remaining = iter(text.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in lines)


def test_start_score_quit_resume_finish(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    path = audit_path(root, QUARTER)
    previous_text = (root / "audits" / "2026-Q1.yaml").read_text("utf-8")
    checklist = load(root, TODAY).checklist
    items = checklist.items
    started: list[str] = []

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        assert not path.exists()
        await open_wizard(app, pilot)
        # `a` started the quarter from the checklist and last quarter's audit.
        started.extend(path.read_text("utf-8").splitlines())
        assert f"  # {items[0].title} (last quarter: 2)" in started
        assert shown(app, "#audit-progress").startswith(f"Item 1 of {len(items)}")
        assert shown(app, "#audit-title") == items[0].title

        await pilot.press("2", "n", "1", "n", "3")
        # Every answer is on disk the moment it is given.
        assert [assessment(root, item.id).level for item in items[:4]] == [2, 1, 3, None]
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)

        await open_wizard(app, pilot)
        assert shown(app, "#audit-progress").startswith(f"Item 4 of {len(items)}")
        assert shown(app, "#audit-title") == items[3].title
        await pilot.press("2", "n")
        await pilot.press("x")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "Handled by the product team")
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("n", "w")
        await fill(pilot, "Replatforming the help centre", "2026-09-30")
        await pilot.press("n", "1", "n", "0", "n", "i", "n", "1")
        # Nine answered and one inconclusive: 90% complete, as `sxt audit status` counts it,
        # never ten answered.
        assert shown(app, "#audit-progress") == (
            f"Item {len(items)} of {len(items)} · 9 answered (90% complete) · 1 inconclusive "
        )
        await pilot.press("n")
        assert isinstance(app.screen, AuditSummaryScreen)

        score = current(root)
        assert score.index is not None
        headline = shown(app, "#summary-index")
        assert index_figure(score.index) in headline
        assert f"completion {score.completion:.0%}" in headline
        warnings = shown(app, "#summary-warnings")
        assert score.warnings, "easy contact at 3 over culture at 2 is a foundation warning"
        for warning in score.warnings:
            assert warning.message in warnings
        assert {w.code for w in score.warnings} >= {"foundation", "overdue"}
        trend = shown(app, "#summary-trend")
        assert "2026-Q1" in trend and "2026-Q2" in trend
        # Culture was 2 last quarter and is 2 now: two bars of the same height.
        culture_row = next(line for line in trend.splitlines() if line.startswith(items[0].title))
        assert "▃▃" in culture_row

        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)
        assert "audits/2026-Q2.yaml" in [c.display for c in app.report.files]  # type: ignore[union-attr]

    run(root, scenario)

    score = current(root)
    answers = {s.item.id: s.assessment for s in score.items}
    levels = [answers[item.id].level for item in items]
    assert levels == [2, 1, 3, 2, None, None, 1, 0, None, 1]
    states = [answers[item.id].state for item in items]
    assert states[4:6] == ["na", "waived"] and states[8] == "inconclusive"
    assert answers[items[4].id].reason == "Handled by the product team"
    assert answers[items[5].id].waiver == ("Replatforming the help centre", dt.date(2026, 9, 30))
    assert score.completion == 0.9
    # Carried forward by `start` and untouched since: owners, evidence, the open action only.
    culture = answers["culture"]
    assert culture.owner == "Dana" and answers["platform"].owner == "Lee"
    assert [(e.value, e.carried_from) for e in culture.evidence] == [
        ("https://wiki.example.com/okrs", "2026-Q1")
    ]
    assert [(a.title, a.status, a.carried_from) for a in culture.actions] == [
        ("Shadowing rota for engineers", "open", "2026-Q1")
    ]
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.sxt/schemas/audit.schema.json\n")
    assert f"# Audit of {QUARTER} against {checklist.title}." in text
    # Every line `start` wrote is still there, in order ("x: {}" became "x:" and its answers);
    # in particular each item's title comment still sits right above the item.
    assert in_order([line.removesuffix(" {}") for line in started], text)
    lines = text.splitlines()
    for item in items:
        at = lines.index(f"  {item.id}:")
        assert lines[at - 1].startswith(f"  # {item.title}"), (item.id, lines[at - 1])
    assert (
        "  # Build a customer-centric culture (last quarter: 2)\n  culture:\n    level: 2\n" in text
    )
    assert (
        "    level: waived\n    waiver:\n      justification: Replatforming the help centre\n"
        "      expires: 2026-09-30\n" in text
    )
    # Last quarter is history: not a byte of it changed.
    assert (root / "audits" / "2026-Q1.yaml").read_text("utf-8") == previous_text


def test_evidence_and_actions_are_added_edited_and_removed_through_the_forms(
    tmp_path: Path,
) -> None:
    root = workspace(tmp_path)
    path = audit_path(root, QUARTER)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_wizard(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        # A link must be a link: the form says so and stays open.
        await fill(pilot, "link", "wiki page", None)
        assert isinstance(app.screen, FormScreen)
        assert "http" in shown(app, "#form-problem")
        await pilot.press("ctrl+u", *"https://wiki.example.com/culture-2026", "enter")
        await pilot.press("enter")  # the date field: today, as offered
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        evidence = assessment(root, "culture").evidence
        assert [(e.kind, e.value, e.date, e.carried_from) for e in evidence] == [
            ("link", "https://wiki.example.com/okrs", dt.date(2026, 3, 1), "2026-Q1"),
            ("link", "https://wiki.example.com/culture-2026", TODAY, None),
        ]

        await pilot.press("c")
        # Title, owner (the item's owner is offered), due date, status (open is offered).
        await fill(pilot, "Customer metric for billing", None, "2026-06-30", None)
        assert isinstance(app.screen, AuditScreen)
        actions = assessment(root, "culture").actions
        assert [(a.title, a.owner, a.due, a.status) for a in actions][-1] == (
            "Customer metric for billing",
            "Dana",
            dt.date(2026, 6, 30),
            "open",
        )

        # The carried action is done: edit it from the list (enter), status last.
        entries = screen.query_one("#audit-entries", OptionList)
        entries.focus()
        entries.highlighted = next(
            i for i, option in enumerate(entries.options) if option.id == "actions-0"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, None, None, None, "done")
        actions = assessment(root, "culture").actions
        assert (actions[0].title, actions[0].status, actions[0].carried_from) == (
            "Shadowing rota for engineers",
            "done",
            "2026-Q1",
        )

        # Last quarter's evidence no longer holds: remove it (delete, then y to confirm).
        entries.highlighted = next(
            i for i, option in enumerate(entries.options) if option.id == "evidence-0"
        )
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        evidence = assessment(root, "culture").evidence
        assert [e.value for e in evidence] == ["https://wiki.example.com/culture-2026"]

        await pilot.press("o")
        await fill(pilot, "Robin")
        assert assessment(root, "culture").owner == "Robin"

    run(root, scenario)
    text = path.read_text("utf-8")
    # Appended after the last action of the item, yet still above the next item's title.
    assert (
        "      - title: Customer metric for billing\n"
        "        owner: Dana\n"
        "        due: 2026-06-30\n"
        "        status: open\n"
        "  # Use a customer-service platform you can customise (last quarter: 1)\n"
        "  platform:\n"
    ) in text
    assert "  # Build a customer-centric culture (last quarter: 2)\n  culture:\n" in text
    assert '    owner: "Robin"\n' in text  # the quoting `start` chose stays


HAND_WRITTEN = """\
# Header comment.
sxt: 1
kind: audit
checklist: ten-point
quarter: 2026-Q2
items:
  # Culture heading
  culture:
  # Platform heading
  platform:
    level: 1  # one shared inbox
    evidence:
      - note: "Inbox export"
        # about the export
    # still platform
  # Agent tools heading
  agent-tools:
    level: na
    reason: No agents yet
# End of file.
"""


def test_writes_keep_comments_where_they_belong(tmp_path: Path) -> None:
    """The comment lines after an item belong to the next one (its title), deeper ones to the
    item itself: adding, answering and removing keep each where a reader expects it."""
    order = ["culture", "platform", "easy-contact", "agent-tools"]
    path = tmp_path / "audit.yaml"
    path.write_text(HAND_WRITTEN, "utf-8")
    with edit(path) as data:
        set_answer(data, "culture", 2, order=order)
        set_answer(data, "platform", 3, order=order)
        # Not in the file yet: it goes in checklist order, below platform's own comments.
        set_answer(
            data,
            "easy-contact",
            "waived",
            waiver=("Replatforming", dt.date(2026, 9, 30)),
            order=order,
        )
        set_answer(data, "agent-tools", 1, order=order)  # the reason goes, the end stays
        put_evidence(data, "platform", Evidence("link", "https://x.example/a"), order=order)
        put_action(data, "agent-tools", Action("Hire", "open", "Sam"), order=order)
        set_owner(data, "culture", "Dana", order)
    assert (
        path.read_text("utf-8")
        == """\
# Header comment.
sxt: 1
kind: audit
checklist: ten-point
quarter: 2026-Q2
items:
  # Culture heading
  culture:
    level: 2
    owner: Dana
  # Platform heading
  platform:
    level: 3  # one shared inbox
    evidence:
      - note: "Inbox export"
        # about the export
      - link: https://x.example/a
    # still platform
  easy-contact:
    level: waived
    waiver:
      justification: Replatforming
      expires: 2026-09-30
  # Agent tools heading
  agent-tools:
    level: 1
    actions:
      - title: Hire
        owner: Sam
        status: open
# End of file.
"""
    )
    with edit(path) as data:
        remove_entry(data, "platform", "evidence", 0, order)  # its inner comment goes with it
        remove_entry(data, "agent-tools", "actions", 0, order)  # the last: the list goes too
        set_answer(data, "easy-contact", 0, order=order)
    text = path.read_text("utf-8")
    assert "# about the export" not in text
    assert (
        "    evidence:\n"
        "      - link: https://x.example/a\n"
        "    # still platform\n"
        "  easy-contact:\n"
        "    level: 0\n"
        "  # Agent tools heading\n"
        "  agent-tools:\n"
        "    level: 1\n"
        "# End of file.\n"
    ) in text


def test_a_fully_answered_audit_opens_on_its_summary(tmp_path: Path) -> None:
    root = workspace(tmp_path, previous=False)
    path = start(root, QUARTER, TODAY)
    checklist = load(root, TODAY).checklist
    with edit(path) as data:
        for item in checklist.items:
            set_answer(data, item.id, 1, order=[i.id for i in checklist.items])

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditSummaryScreen)
        assert index_figure(1.0) in shown(app, "#summary-index")
        await pilot.press("p")
        assert isinstance(app.screen, AuditScreen)
        count = len(checklist.items)
        assert shown(app, "#audit-progress").startswith(f"Item {count} of {count}")

    run(root, scenario)


def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    root = workspace(tmp_path, previous=False)
    path = start(root, QUARTER, TODAY)
    with edit(path) as data:
        set_answer(data, "culture", "na", reason="[bold red]not us[/] \x1b[31m", order=["culture"])

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await open_wizard(app, pilot)
        await pilot.press("p")  # resumed at item 2: go back to the first
        answer = shown(app, "#audit-answer")
        assert "[bold red]not us[/] \\x1b[31m" in answer
        assert "\x1b" not in answer

    run(root, scenario)


def test_an_invalid_audit_is_shown_not_edited(tmp_path: Path) -> None:
    root = workspace(tmp_path, previous=False)
    path = start(root, QUARTER, TODAY)
    broken = path.read_text("utf-8").replace("  culture: {}", "  culture:\n    level: 7")
    path.write_text(broken, "utf-8")

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await open_wizard(app, pilot)
        problem = shown(app, "#audit-problem")
        assert "cannot be audited here" in problem and "greater than the maximum" in problem
        await pilot.press("2", "x", "e")
        assert isinstance(app.screen, AuditScreen)

    run(root, scenario)
    assert path.read_text("utf-8") == broken


def test_item_snapshot(tmp_path: Path, snap_compare) -> None:
    """Item 1 with level 3 chosen, carried evidence and an overdue carried action shown; the
    audit is started beforehand so no 'started' notice covers the picture."""
    root = workspace(tmp_path)
    start(root, QUARTER, TODAY)

    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(SxtApp(root, today=TODAY), terminal_size=SIZE, run_before=run_before)


def test_open_pain_points_of_the_journeys_show_beside_their_item(tmp_path: Path) -> None:
    """The shipped journey links two pain points to fix-permanently (item 8) and none to
    culture (item 1): the panel shows them on item 8 and is hidden on item 1."""
    root = workspace(tmp_path, previous=False)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await open_wizard(app, pilot)
        pains = screen.query_one("#audit-pains", Static)
        assert screen.item is not None and screen.item.id == "culture"
        assert not pains.display
        await pilot.press(*"n" * 7)
        assert screen.item is not None and screen.item.id == "fix-permanently"
        assert pains.display
        text = shown(app, "#audit-pains")
        assert "Open pain points for this item (journeys)" in text
        assert "first-billing-issue#opens-billing-page" in text
        assert "first-billing-issue#update-card: The 3-D Secure challenge" in text

    run(root, scenario)

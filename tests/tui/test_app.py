"""Pilot tests of the TUI shell on workspaces made by `sxt init`'s own scaffold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from toolkit.cli.main import cli
from toolkit.tui.app import SxtApp
from toolkit.tui.document import DocumentScreen
from toolkit.tui.help import HelpScreen
from toolkit.tui.home import KINDS, HomeScreen

from .app_for_tests import (
    BROKEN,
    NAME,
    Scenario,
    break_checklist,
    build_app,
    drive,
    loaded,
    new_workspace,
)


def run(root: Path, scenario: Scenario, size: tuple[int, int] = (100, 30)) -> SxtApp:
    """Drives the app without an async test plugin: the suite has none, and one loop per test
    keeps tests independent."""
    return drive(build_app(root), scenario, size)


def rows(app: SxtApp) -> dict[str, str]:
    """Document path -> state, as the table shows them; headings keyed by their own text."""
    table = app.screen.query_one("#documents", DataTable)
    shown = {}
    for row in table.ordered_rows:
        document, state = (str(cell) for cell in table.get_row(row.key))
        shown[document.strip()] = state
    return shown


def shown_text(static: Static) -> str:
    content = static.content
    return content.plain if isinstance(content, Text) else str(content)


def cli_states(root: Path) -> dict[str, str]:
    """Document -> the state its findings in `sxt validate`, `sxt lint` and `sxt journey
    check` give it, in the home screen's words: what the app must show."""
    found: dict[str, Counter[str]] = {}
    for command in (["validate"], ["lint"], ["journey", "check"]):
        result = CliRunner().invoke(cli, ["-C", str(root), *command, "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        for diagnostic in json.loads(result.output)["diagnostics"]:
            found.setdefault(diagnostic["path"], Counter())[diagnostic["severity"]] += 1
    states = {}
    for path, counts in found.items():
        errors, warnings = counts["error"], counts["warning"]
        words = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        words += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
        if words:
            states[path] = ("✗ " if errors else "! ") + ", ".join(words)
    return states


def test_fresh_workspace_lists_each_document_as_the_cli_finds_it(tmp_path: Path) -> None:
    """Valid unless a job finds something: the shipped example replies that show the lint's
    findings, and the shipped journey's bot loop, are not "valid" in the app either."""
    root = new_workspace(tmp_path)
    seen: dict[str, str] = {}

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, HomeScreen)
        assert (app.title, app.sub_title) == ("sxt", NAME)
        seen.update(rows(app))

    app = run(root, scenario)
    assert app.report is not None
    documents = [checked.display for checked in app.report.files]
    assert "sxt.yaml" in documents and BROKEN in documents
    expected = cli_states(root)
    assert "journeys/first-billing-issue.yaml" in expected
    assert any(path.startswith("replies/") for path in expected)
    for document in documents:
        assert seen[document] == expected.get(document, "✓ valid"), document
    for kind in KINDS:
        assert kind in seen
    # No audit or shop yet in a fresh workspace: the kind is still listed, and says so.
    assert "none yet" in seen
    assert not any(key.startswith("/") for key in seen), "paths are relative to the workspace"


def test_broken_file_shows_errors_and_opens_on_enter(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    break_checklist(root)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        assert rows(app)[BROKEN] == "✗ 2 errors"
        table = app.screen.query_one("#documents", DataTable)
        table.move_cursor(row=table.get_row_index(BROKEN))
        await pilot.press("enter")
        assert isinstance(app.screen, DocumentScreen)
        assert app.screen.sub_title == BROKEN
        diagnostics = shown_text(app.screen.query_one("#diagnostics", Static))
        assert "23:1 error unknown key 'level'" in diagnostics
        assert "24:1 error unknown key 'weight'" in diagnostics
        syntax = app.screen.query_one("#text", Static).content
        assert syntax.highlight_lines == {23, 24}  # type: ignore[union-attr]
        await pilot.pause()
        # The first finding is scrolled into view, a few lines of context above it.
        assert app.screen.query_one("#source").scroll_y == 19
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        # The cursor is still on the file that was opened.
        assert table.get_row_at(table.cursor_row)[0].plain.strip() == BROKEN

    run(root, scenario)


def test_backspace_also_goes_back(tmp_path: Path) -> None:
    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, DocumentScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)

    run(new_workspace(tmp_path), scenario)


def test_untrusted_text_is_shown_not_interpreted(tmp_path: Path) -> None:
    """Markup and terminal escapes in a file, or quoted back in a message, stay literal."""
    root = new_workspace(tmp_path)
    (root / "replies" / "evil.md").write_text(
        "---\nsxt: 1\n\x1b[31mred: 1\n---\n[bold red]shout[/] \x1b]0;pwned\x07\n", "utf-8"
    )
    (root / "journeys" / "dup.yaml").write_text(
        'sxt: 1\nkind: journey\n"[b]x[/b]": 1\n"[b]x[/b]": 2\n', "utf-8"
    )

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        table = app.screen.query_one("#documents", DataTable)
        table.move_cursor(row=table.get_row_index("journeys/dup.yaml"))
        await pilot.press("enter")
        diagnostics = shown_text(app.screen.query_one("#diagnostics", Static))
        assert "duplicate key '[b]x[/b]'" in diagnostics
        await pilot.press("escape")
        table.move_cursor(row=table.get_row_index("replies/evil.md"))
        await pilot.press("enter")
        code = app.screen.query_one("#text", Static).content.code  # type: ignore[union-attr]
        assert "\x1b" not in code and "\\x1b[31mred" in code
        assert "[bold red]shout[/]" in code
        assert "\x07" not in code

    run(root, scenario)


def test_help_lists_the_keys_of_the_screen_and_closes(tmp_path: Path) -> None:
    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = shown_text(app.screen.query_one("#keys", Static)).lower()
        for description in ("quit", "keys", "re-validate", "open"):
            assert description in listed
        await pilot.press("question_mark")
        assert isinstance(app.screen, HomeScreen)
        # On the document view the help follows the screen: back instead of open.
        await pilot.press("enter", "question_mark")
        listed = shown_text(app.screen.query_one("#keys", Static)).lower()
        assert "back" in listed and "open" not in listed
        await pilot.press("escape")
        assert isinstance(app.screen, DocumentScreen)

    run(new_workspace(tmp_path), scenario)


def test_revalidate_picks_up_edits(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        assert rows(app)[BROKEN] == "✓ valid"
        break_checklist(root)
        await pilot.press("r")
        assert rows(app)[BROKEN] == "✗ 2 errors"

    run(root, scenario)


def test_q_quits(tmp_path: Path) -> None:
    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    run(new_workspace(tmp_path), scenario)


@pytest.mark.parametrize("key", ["enter", "l", "j", "a", "m", "c", "question_mark"])
def test_q_on_any_screen_goes_back_and_only_home_quits(tmp_path: Path, key: str) -> None:
    """One meaning on every screen: q leaves it, as escape does; only the home screen's q
    ends the app, so a q pressed to close a job never throws the session away."""

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen), key
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen), type(app.screen).__name__

    run(new_workspace(tmp_path), scenario)


def test_home_snapshot(tmp_path: Path, snap_compare) -> None:
    assert snap_compare(
        build_app(new_workspace(tmp_path)), terminal_size=(100, 30), run_before=loaded
    )

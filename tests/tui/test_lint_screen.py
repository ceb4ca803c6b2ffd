"""Pilot tests of the lint screen on workspaces made by `sxt init`'s own scaffold. Expected
counts and messages are computed with toolkit.lint.runner, the code `sxt lint` runs, so the
tests hold the screen to the CLI's results rather than to numbers copied from today's guide."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from toolkit.lint.engine import Options
from toolkit.lint.guide import Guide, load_guide
from toolkit.lint.runner import Report, lint_files, reply_files
from toolkit.tui.app import SxtApp
from toolkit.tui.home import HomeScreen
from toolkit.tui.lint import LintScreen, ReplyText, row_starts

from .app_for_tests import build_app, loaded, new_workspace

Scenario = Callable[[SxtApp, LintScreen, Pilot[None]], Awaitable[None]]

JARGON = "replies/jargon-bad.md"
PAYMENT = "replies/payment-failed-bad.md"
SIZE = (120, 36)


def run(root: Path, scenario: Scenario, size: tuple[int, int] = SIZE) -> SxtApp:
    """Opens the lint screen from home with `l`, as a person would, then runs the scenario;
    one event loop per test, as in test_app."""
    app = build_app(root)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LintScreen)
            await scenario(app, app.screen, pilot)

    asyncio.run(main())
    return app


def guide(root: Path) -> Guide:
    return load_guide(root / "tone_guides" / "preach.yaml", root)


def expected(root: Path, display: str, situation: str | None = None) -> Report:
    """What `sxt lint [--situation ...]` reports for one reply file of the workspace."""
    return lint_files([(root / display, display)], guide(root), Options(situation=situation))


def shown_counts(screen: LintScreen, display: str) -> Counter[str]:
    """Letter -> count as the table shows them for one reply."""
    table = screen.query_one("#lint-replies", DataTable)
    keys = [column.key.value for column in table.ordered_columns]
    cells = dict(zip(keys, table.get_row(display), strict=True))
    assert screen.guide is not None
    return Counter({letter: int(str(cells[letter])) for letter in screen.guide.letters})


def shown(static: Static) -> str:
    content = static.content
    return content.plain if isinstance(content, Text) else str(content)


def finding_line(screen: LintScreen) -> str:
    return shown(screen.query_one("#finding", Static))


async def select(pilot: Pilot[None], screen: LintScreen, display: str) -> None:
    """Moves the table's cursor the way the arrow keys do; the screen follows the cursor."""
    table = screen.query_one("#lint-replies", DataTable)
    table.move_cursor(row=table.get_row_index(display))
    await pilot.pause()
    assert screen.selected == display


def test_l_opens_the_replies_with_the_clis_counts(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    files = reply_files([root / "replies"])

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        table = screen.query_one("#lint-replies", DataTable)
        # One row per reply file (all Markdown, one reply each), in the CLI's order.
        assert [row.key.value for row in table.ordered_rows] == [
            f"replies/{path.name}" for path in files
        ]
        columns = [str(column.label) for column in table.ordered_columns]
        assert columns == ["replies/", "P", "R", "E", "A", "C", "H", "situation"]
        assert shown_counts(screen, JARGON) == Counter(expected(root, JARGON).by_letter)
        # Eight plain-words findings in the shipped jargon example (and one long sentence).
        rules: Counter[str] = Counter()
        for (code, _), count in expected(root, JARGON).by_rule.items():
            rules[code] += count
        assert rules["C/jargon"] == 8
        assert shown_counts(screen, JARGON)["C"] == rules["C/jargon"] + rules["C/readability"]

    run(root, scenario)
    # The screen lints the same files the CLI finds in replies/ (today's scaffold ships twelve
    # English replies; locale examples may add more).
    assert len(files) >= 12


def test_selected_reply_shows_its_findings_and_n_p_move_between_them(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    report = expected(root, PAYMENT)
    (result,) = report.results
    diagnostics = result.diagnostics()
    assert len(diagnostics) >= 2

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        await select(pilot, screen, PAYMENT)
        first = diagnostics[0]
        assert finding_line(screen).startswith(
            f"{first.line}:{first.col} {first.severity} [{first.code}] {first.message}"
        )
        box = screen.query_one("#finding-box")
        assert box.border_title == f"finding 1 of {len(diagnostics)}"
        # Every finding with a span is marked in the text, in its level's colour.
        text = screen.query_one("#reply-text", ReplyText).view().text
        playful = next(f for f in result.findings if f.rule.id == "playful-words")
        word = result.reply.text[playful.start : playful.end]
        at = text.plain.index(word)
        styles = [str(span.style) for span in text.spans if span.start <= at < span.end]
        assert any("red" in style for style in styles), styles

        await pilot.press("n")
        second = diagnostics[1]
        assert finding_line(screen).startswith(f"{second.line}:{second.col} {second.severity}")
        assert box.border_title == f"finding 2 of {len(diagnostics)}"
        await pilot.press("p")
        assert box.border_title == f"finding 1 of {len(diagnostics)}"
        # Past the last finding, `n` goes on to the next reply that has any.
        await pilot.press(*["n"] * len(diagnostics))
        assert screen.selected not in (None, PAYMENT)
        assert screen.selected is not None
        assert expected(root, screen.selected).results[0].findings
        assert box.border_title.startswith("finding 1 of ")

    run(root, scenario)


def test_s_forces_a_situation_and_relints(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    before = expected(root, PAYMENT).by_letter
    good_news = expected(root, PAYMENT, "good-news").by_letter
    # The shipped guide allows playful words in good news: the E finding goes away.
    assert before["E"] == 1 and good_news["E"] == 0

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        assert screen.guide is not None
        assert shown_counts(screen, PAYMENT) == Counter(before)
        situations = list(screen.guide.situations)
        await pilot.press("s")
        assert screen.situation == situations[0]
        for _ in range(situations.index("good-news")):
            await pilot.press("s")
        assert screen.situation == "good-news"
        assert "situation: good-news" in screen.sub_title
        assert shown_counts(screen, PAYMENT) == Counter(good_news)
        table = screen.query_one("#lint-replies", DataTable)
        assert str(table.get_cell(PAYMENT, "situation")) == "good-news"
        # Through every situation and back to detection: the counts are the first ones again.
        await pilot.press(*["s"] * (len(situations) - situations.index("good-news")))
        assert screen.situation is None
        assert shown_counts(screen, PAYMENT) == Counter(before)

    run(root, scenario)


def test_f_applies_one_fix_on_disk_and_relints(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    path = root / JARGON
    original = path.read_bytes().decode("utf-8")
    before = expected(root, JARGON).by_letter

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        await select(pilot, screen, JARGON)
        for _ in range(20):
            if '"utilize"' in finding_line(screen):
                break
            await pilot.press("n")
        assert "[C/jargon]" in finding_line(screen)
        index = screen.index
        await pilot.press("f")
        await pilot.pause()
        # Exactly the one word, nothing else in the file (front matter included).
        assert path.read_bytes().decode("utf-8") == original.replace(" utilize ", " use ", 1)
        after = expected(root, JARGON).by_letter
        assert after == before - Counter({"C": 1})
        assert shown_counts(screen, JARGON) == Counter(after)
        # Still on the same reply, at the finding that followed the fixed one.
        assert screen.selected == JARGON and screen.index == index
        assert '"utilize"' not in finding_line(screen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

    run(root, scenario)


def test_f_without_a_fix_or_on_an_export_changes_nothing(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    export = root / "replies" / "macros.csv"
    export.write_text("title,body\nExport,Kindly revert back with the details.\n", "utf-8")
    reply = root / PAYMENT
    original = reply.read_bytes()
    notices: list[str] = []

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        recorded = app.notify

        def notify(message: str, **options: Any) -> None:
            notices.append(message)
            recorded(message, **options)

        app.notify = notify  # type: ignore[method-assign]
        # The first finding of the playful reply ("no next step") has nothing to write.
        await select(pilot, screen, PAYMENT)
        await pilot.press("f")
        assert "no automatic fix" in notices[-1]
        assert reply.read_bytes() == original
        # A help-desk export is the help desk's to change: the writer refuses, politely.
        key = next(key for key in screen.rows if key.startswith("replies/macros.csv"))
        await select(pilot, screen, key)
        assert "Kindly" in finding_line(screen)
        await pilot.press("f")
        assert "cannot fix" in notices[-1]
        assert export.read_text("utf-8").endswith("Kindly revert back with the details.\n")

    run(root, scenario)


def test_untrusted_text_is_shown_literally_and_marked_in_place(tmp_path: Path) -> None:
    """Markup stays text, control characters are escaped, and a finding after an escaped
    character is still marked on its own word."""
    root = new_workspace(tmp_path)
    (root / "replies" / "evil.md").write_text(
        "---\nsxt: 1\n---\n[bold red]Hi[/] \x1b[31m there, kindly revert back soon.\n", "utf-8"
    )

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        await select(pilot, screen, "replies/evil.md")
        await pilot.press("n")
        text = screen.query_one("#reply-text", ReplyText).view().text
        assert "[bold red]Hi[/] \\x1b[31m there" in text.plain
        assert "\x1b" not in text.plain
        marked = {
            text.plain[span.start : span.end] for span in text.spans if "yellow" in str(span.style)
        }
        assert "revert back" in marked or "kindly" in marked

    run(root, scenario)


def test_long_lines_wrap_and_the_current_finding_is_scrolled_into_view(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    filler = "\n".join(f"Line {number} says nothing much at all." for number in range(60))
    (root / "replies" / "long.md").write_text(
        f"---\nsxt: 1\n---\n{filler}\nPlease revert back when you can.\n", "utf-8"
    )

    async def scenario(app: SxtApp, screen: LintScreen, pilot: Pilot[None]) -> None:
        await select(pilot, screen, "replies/long.md")
        for _ in range(10):
            if "revert back" in finding_line(screen):
                break
            await pilot.press("n")
        await pilot.pause()
        source = screen.query_one("#reply-source")
        reply = screen.query_one("#reply-text", ReplyText)
        spot = reply.view().spot
        assert spot is not None and spot.y >= 60
        assert source.scroll_y <= spot.y < source.scroll_y + source.scrollable_content_region.height
        # No row is wider than the pane: the text wraps instead of scrolling sideways.
        width = reply.size.width
        assert all(len(line) <= width for line in reply.view().text.plain.split("\n"))

    run(root, scenario)


def test_row_starts_wraps_at_spaces_and_folds_long_words() -> None:
    assert row_starts("aaa bbb ccc", 6) == [4, 8]
    assert row_starts("aaaaaaaaaa", 4) == [4, 8]
    assert row_starts("short", 10) == []
    # Spaces at a break stay on the row above, so every character belongs to one row.
    assert row_starts("aaa    bbb", 4) == [7]


def test_lint_snapshot(tmp_path: Path, snap_compare) -> None:
    """Two replies only, so the picture does not change whenever an example reply is added."""
    root = new_workspace(tmp_path)
    for path in (root / "replies").iterdir():
        if path.name not in ("jargon-bad.md", "payment-failed-bad.md"):
            path.unlink()

    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("l")
        await pilot.pause()
        await select(pilot, pilot.app.screen, PAYMENT)  # type: ignore[arg-type]
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(build_app(root), terminal_size=SIZE, run_before=run_before)

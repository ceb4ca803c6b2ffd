"""The lint screen: the workspace's replies linted against its tone guide exactly as `sxt lint`
lints them (toolkit.lint.runner), one row per reply with its findings counted per letter, and
the selected reply's text with every finding marked where it is.

The screen holds no rules: counts, situations, messages and fixes all come from the lint
package. What it adds is a cursor over findings and the ability to apply one fix at a time,
which the CLI's all-or-nothing `--fix` cannot offer. Reply text is untrusted, so it goes into
Rich `Text` objects (never markup) with control characters escaped first.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region, Size, Spacing
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static

from toolkit.core.diagnostics import SEVERITIES, Diagnostic, plural, printable
from toolkit.core.loader import LoadError
from toolkit.core.workspace import display_path
from toolkit.lint.engine import Finding, Options, Result
from toolkit.lint.guide import Guide, GuideError, Guides, guides_beside, locate_guide
from toolkit.lint.model import Reply
from toolkit.lint.runner import lint_files, reply_files
from toolkit.lint.sources import FixUnsupported, read_replies, write_fixes
from toolkit.tui.document import diagnostics_text

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

LEVEL_STYLES = {"error": "bold red", "warning": "yellow", "suggestion": "cyan underline"}
CURRENT_STYLE = "reverse"
"""Added on top of the level's style, so the finding under the cursor keeps its colour."""

SITUATION_COLUMN = "situation"
REPLIES = "replies"
"""The workspace folder `sxt lint` lints when given no paths."""


@dataclass(slots=True)
class Row:
    """One line of the table: a reply that was linted, a reply skipped for its locale, or a
    file that could not be read as replies at all (its problems say why)."""

    key: str
    path: Path
    display: str
    result: Result | None = None
    skipped: Reply | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result is not None else []


def lint_file(path: Path, display: str, guides: Guides, options: Options) -> list[Row]:
    """One file through the CLI's runner: linting file by file keeps the table in file order
    and lets a fix re-lint only the file it wrote. Replies of a file that holds several are
    told apart by their key, which is also how write_fixes finds them again."""
    report = lint_files([(path, display)], guides, options)
    if report.problems:
        return [Row(display, path, display, problems=report.problems)]
    replies = [result.reply for result in report.results] + report.skipped
    several = len(replies) > 1

    def key(reply: Reply) -> str:
        return f"{display}#{reply.key}" if several else display

    rows = [Row(key(result.reply), path, display, result=result) for result in report.results]
    rows += [Row(key(reply), path, display, skipped=reply) for reply in report.skipped]
    return rows


def by_letter(findings: list[Finding], letter: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule.letter == letter]


def count_cell(findings: list[Finding]) -> Text:
    """A letter's count coloured by its worst finding: one error outweighs any number of
    suggestions when deciding which reply to open first."""
    if not findings:
        return Text("0", style="dim", justify="right")
    worst = min((finding.level for finding in findings), key=SEVERITIES.index)
    return Text(str(len(findings)), style=LEVEL_STYLES[worst], justify="right")


def situation_cell(row: Row) -> Text:
    if row.problems:
        return Text("unreadable", style="bold red")
    if row.skipped is not None:
        return Text(f"skipped ({printable(row.skipped.locale or '?')})", style="dim")
    situations = row.result.situations if row.result is not None else ()
    if not situations:
        return Text("-", style="dim")
    return Text(printable(", ".join(situations)))


@dataclass(frozen=True, slots=True)
class View:
    """A reply's text as drawn at one width, and where the current finding is in it (in the
    widget's cells, gutter included) so the pane can scroll it into view."""

    text: Text
    spot: Region | None


def row_starts(line: str, width: int) -> list[int]:
    """Where each screen row after the first starts when `line` is word-wrapped to `width`
    cells: after the last space that fits, or mid-word when a word is wider than a row.

    Wrapped here rather than by Textual so that an offset in the reply maps to exactly one
    screen row, which is what scrolling to a finding needs. Spaces at a break end the row
    above (they are cropped when drawn), so every character belongs to one row.
    """
    starts: list[int] = []
    start = used = 0
    after_space: int | None = None
    for index, character in enumerate(line):
        cells = cell_len(character)
        if character == " ":
            used += cells
            after_space = index + 1
            continue
        if used + cells > width and index > start:
            start = after_space if after_space is not None and after_space > start else index
            starts.append(start)
            used = cell_len(line[start:index])
            after_space = None
        used += cells
    return starts


def reply_view(reply: Reply, findings: list[Finding], current: int | None, width: int) -> View:
    """The reply's text wrapped to `width`, each line numbered as in the file (so `12:13` in
    the finding below is found by eye), each finding's span styled by its level.

    Spans are placed on offsets mapped through `printable`, because escaping a control
    character makes it longer and would otherwise shift every highlight after it. Milder
    levels are applied first so an error wins where spans overlap; the current finding is
    drawn last, reversed.
    """
    lines = reply.text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the final line break ends the last line; it does not start another
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    numbers = [reply.locate(start).line for start in starts]
    digits = len(str(max(numbers, default=1)))
    gutter_cells = digits + 2
    wrap = max(width - gutter_cells, 8)
    focus = findings[current] if current is not None else None
    focus_line = bisect_right(starts, focus.start) - 1 if focus is not None else None
    order = sorted(
        range(len(findings)), key=lambda i: (i == current, -SEVERITIES.index(findings[i].level))
    )
    shown = Text(no_wrap=True, overflow="crop")
    spot: Region | None = None
    y = 0
    for number, (line, start) in enumerate(zip(lines, starts, strict=True)):
        end = start + len(line)

        def shown_at(at: int, line: str = line, start: int = start) -> int:
            return len(printable(line[: at - start]))

        # A tab is drawn as one space, so that one character stays one cell.
        body = Text(printable(line).replace("\t", " "))
        for index in order:
            finding = findings[index]
            first, last = max(finding.start, start), min(finding.end, end)
            if first >= last:
                continue  # not on this line, or about the whole reply (no span to mark)
            style = LEVEL_STYLES[finding.level]
            if index == current:
                style = f"{style} {CURRENT_STYLE}"
            body.stylize(style, shown_at(first), shown_at(last))
        breaks = row_starts(body.plain, wrap)
        focused = number == focus_line
        if focused and focus is not None:
            first = shown_at(max(focus.start, start))
            last = shown_at(max(min(focus.end, end), focus.start))
            top, bottom = bisect_right(breaks, first), bisect_right(breaks, max(last - 1, first))
            row_start = breaks[top - 1] if top else 0
            column = gutter_cells + cell_len(body.plain[row_start:first])
            spot = Region(column, y + top, max(cell_len(body.plain[first:last]), 1), 1)
            spot = spot.union(Region(column, y + bottom, 1, 1))
        for row_index, row in enumerate(body.divide(breaks)):
            if y:
                shown.append("\n")
            if row_index:
                shown.append(" " * gutter_cells)
            else:
                marker = "▶" if focused else " "
                shown.append(f"{marker}{numbers[number]:>{digits}} ", "bold" if focused else "dim")
            row.truncate(wrap, overflow="crop")
            shown.append_text(row)
            y += 1
    return View(shown, spot)


class ReplyText(Widget):
    """The selected reply, wrapped to the widget's own width each time it is drawn: a
    custom widget because scrolling to a finding needs to know which row it landed on."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reply: Reply | None = None
        self.findings: list[Finding] = []
        self.current: int | None = None
        self._views: dict[int, View] = {}

    def set_reply(self, reply: Reply | None, findings: list[Finding], current: int | None) -> None:
        self.reply, self.findings, self.current = reply, findings, current
        self._views.clear()
        self.refresh(layout=True)

    def view(self, width: int | None = None) -> View:
        width = self.size.width if width is None else width
        if self.reply is None:
            return View(Text(""), None)
        if width not in self._views:
            self._views[width] = reply_view(self.reply, self.findings, self.current, width)
        return self._views[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.view(width).text.plain.split("\n"))

    def render(self) -> Text:
        return self.view().text


def finding_text(result: Result, index: int) -> Text:
    """`line:col level [L/rule-id] message`, from the same Diagnostic the CLI prints, and what
    `f` would write when the finding has a fix."""
    diagnostic = result.diagnostics()[index]
    finding = result.findings[index]
    text = Text()
    text.append(diagnostic.place(), style="bold")
    text.append(" ")
    text.append(diagnostic.severity, style=LEVEL_STYLES[diagnostic.severity])
    text.append(" ")
    text.append(f"[{printable(diagnostic.code)}]", style="dim")
    text.append(" ")
    text.append(printable(diagnostic.message))
    if finding.replacement is not None:
        before = result.reply.text[finding.start : finding.end]
        text.append("\nf: ", style="bold")
        text.append(f"{printable(before)!r} → {printable(finding.replacement)!r}", style="dim")
    return text


class LintScreen(Screen[None]):
    """Lints on open, synchronously: a workspace of replies lints in milliseconds, and a
    screen that is complete once mounted needs no waiting in tests."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_finding", "Next"),
        Binding("p", "previous_finding", "Previous"),
        Binding("f", "fix", "Fix"),
        Binding("s", "situation", "Situation"),
        Binding("r", "relint", "Re-lint"),
        Binding("q", "back", "Back"),
        Binding("escape", "back", "Back", show=False),
        Binding("backspace", "back", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.guides: Guides | None = None
        self.guide_problem: Text | None = None
        """Why nothing could be linted: no guide, or a guide with errors."""
        self.situation: str | None = None
        """The situation forced on every reply, as `--situation` does; None lets each reply's
        own `situation:`, tags or words decide."""
        self.rows: dict[str, Row] = {}
        self.selected: str | None = None
        self.index = 0
        """The current finding of the selected reply."""

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def guide(self) -> Guide | None:
        """The workspace's own guide: its letters are the columns, its situations the ones
        `s` cycles through."""
        return self.guides.default if self.guides is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lint"):
            yield DataTable(id="lint-replies", cursor_type="row")
            with Vertical(id="lint-reply"):
                with VerticalScroll(id="reply-source"):
                    yield ReplyText(id="reply-text")
                with VerticalScroll(id="finding-box"):
                    yield Static(id="finding", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load_guides()
        self.lint_all()

    # --- linting --------------------------------------------------------------------------

    def load_guides(self) -> None:
        """(Re)reads the guides, so `r` picks up an edited guide. A broken guide is not
        linted with: the screen says why, as `sxt lint` refuses to run."""
        root = self.sxt.root
        read = self.sxt.workspace.check
        path, _ = locate_guide(None, root, root, read)
        self.guides = None
        if path is None:
            self.guide_problem = Text("no tone guide found (sxt.yaml defaults.tone_guide)", "red")
            return
        try:
            self.guides = guides_beside(path, root, read)
        except GuideError as error:
            self.broken_guide(error)
            return
        self.guide_problem = None
        if self.situation not in (None, *self.guides.default.situations):
            self.situation = None

    def broken_guide(self, error: GuideError) -> None:
        self.guides, self.rows = None, {}
        self.guide_problem = Text("a tone guide has errors; fix them first, then press r\n")
        self.guide_problem.append_text(diagnostics_text(error.diagnostics))

    @property
    def options(self) -> Options:
        return Options(situation=self.situation)

    def lint_all(self) -> None:
        self.rows = {}
        if self.guides is not None:
            root = self.sxt.root
            try:
                # Other locales' guides load on first use, so a broken one shows up here.
                self.rows = {
                    row.key: row
                    for path in reply_files([root / REPLIES])
                    for row in lint_file(path, display_path(path, root), self.guides, self.options)
                }
            except GuideError as error:
                self.broken_guide(error)
        self.fill_table()

    def relint_file(self, path: Path, display: str) -> None:
        """Replaces one file's rows in place, keeping the others (and their order) as they are."""
        if self.guides is None:
            return
        try:
            fresh = lint_file(path, display, self.guides, self.options)
        except GuideError as error:
            self.broken_guide(error)
            self.fill_table()
            return
        rows: dict[str, Row] = {}
        for row in self.rows.values():
            if row.display != display:
                rows[row.key] = row
            elif fresh:
                rows.update((new.key, new) for new in fresh)
                fresh = []
        self.rows = rows
        self.fill_table()

    # --- showing --------------------------------------------------------------------------

    def fill_table(self) -> None:
        """Rebuilds the table and keeps the cursor on the selected reply (and its finding, as
        far as it still exists), so a fix or a re-lint does not lose the place."""
        table = self.query_one("#lint-replies", DataTable)
        table.clear(columns=True)
        letters = list(self.guide.letters) if self.guide is not None else []
        # A guide for another locale may use a letter the workspace's guide does not have.
        letters += dict.fromkeys(
            f.rule.letter
            for row in self.rows.values()
            for f in row.findings
            if f.rule.letter not in letters
        )
        # Every row is under replies/: said once in the heading, it leaves room for the text.
        table.add_column(f"{REPLIES}/", key="reply")
        for letter in letters:
            table.add_column(letter, key=letter)
        table.add_column(SITUATION_COLUMN, key=SITUATION_COLUMN)
        for row in self.rows.values():
            table.add_row(
                Text(printable(row.key.removeprefix(f"{REPLIES}/"))),
                *(count_cell(by_letter(row.findings, letter)) for letter in letters),
                situation_cell(row),
                key=row.key,
            )
        if self.selected not in self.rows:
            self.selected = next(iter(self.rows), None)
            self.index = 0
        if self.selected is not None:
            table.move_cursor(row=table.get_row_index(self.selected), animate=False)
        self.sub_title = self.summary()
        self.show_selected()

    def summary(self) -> str:
        if self.guide is None:
            return "no tone guide"
        replies = [row for row in self.rows.values() if row.result is not None]
        findings = sum(len(row.findings) for row in replies)
        forced = f"situation: {self.situation}" if self.situation else "situations: detected"
        return printable(
            f"{self.guide.title} · {plural(len(replies), 'reply')}, "
            f"{plural(findings, 'finding')} · {forced}"
        )

    def current(self) -> tuple[Row | None, Finding | None]:
        row = self.rows.get(self.selected or "")
        if row is None or not row.findings:
            return row, None
        self.index = min(max(self.index, 0), len(row.findings) - 1)
        return row, row.findings[self.index]

    def show_selected(self) -> None:
        text = self.query_one("#reply-text", ReplyText)
        finding = self.query_one("#finding", Static)
        box = self.query_one("#finding-box", VerticalScroll)
        row, current = self.current()
        box.border_title = None
        text.set_reply(None, [], None)
        if row is None:
            finding.update(self.guide_problem or Text("no replies in replies/", style="dim"))
        elif row.problems:
            finding.update(diagnostics_text(row.problems))
        elif row.skipped is not None:
            text.set_reply(row.skipped, [], None)
            locale = printable(row.skipped.locale or "?")
            finding.update(Text(f"not linted: no tone guide covers locale {locale}", style="dim"))
        elif row.result is not None:
            text.set_reply(
                row.result.reply, row.findings, self.index if current is not None else None
            )
            if current is None:
                finding.update(Text("✓ no findings", style="green"))
            else:
                finding.update(finding_text(row.result, self.index))
                box.border_title = f"finding {self.index + 1} of {len(row.findings)}"
        self.call_after_refresh(self.scroll_to_finding)

    def scroll_to_finding(self) -> None:
        """Brings the current finding into view with two rows of context; back to the top
        when there is none. After a refresh, so the text has been laid out at its width."""
        text = self.query_one("#reply-text", ReplyText)
        source = self.query_one("#reply-source", VerticalScroll)
        spot = text.view().spot
        if spot is None:
            source.scroll_to(0, 0, animate=False, immediate=True)
        else:
            region = spot.translate(text.virtual_region.offset)
            source.scroll_to_region(
                region, spacing=Spacing(2, 0, 2, 0), animate=False, immediate=True
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Highlight messages arrive after the fact (a rebuild moves the cursor twice), so the
        # cursor as it is now decides, and staying on the same reply keeps its finding.
        table = self.query_one("#lint-replies", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key != self.selected:
            self.selected, self.index = key, 0
            self.show_selected()

    # --- actions --------------------------------------------------------------------------

    def action_next_finding(self) -> None:
        self.step(1)

    def action_previous_finding(self) -> None:
        self.step(-1)

    def step(self, delta: int) -> None:
        """The next finding in the reply, then on into the next reply that has findings, so
        `n` alone walks the whole workspace."""
        row, _ = self.current()
        if row is not None and 0 <= self.index + delta < len(row.findings):
            self.index += delta
            self.show_selected()
            return
        keys = list(self.rows)
        position = keys.index(self.selected) + delta if self.selected in keys else 0
        while 0 <= position < len(keys):
            findings = self.rows[keys[position]].findings
            if findings:
                self.selected = keys[position]
                self.index = 0 if delta > 0 else len(findings) - 1
                table = self.query_one("#lint-replies", DataTable)
                table.move_cursor(row=position, animate=False)
                self.show_selected()
                return
            position += delta
        self.app.bell()

    def action_fix(self) -> None:
        """Writes this one finding's replacement through the same writer as `--fix`, then
        lints the file again: the counts shown are always those of the file on disk."""
        row, finding = self.current()
        if row is None or row.result is None or finding is None:
            self.notify("No finding here to fix.", severity="warning", markup=False)
            return
        if finding.replacement is None:
            self.notify(
                f"[{finding.rule.code}] has no automatic fix; edit the reply.",
                severity="warning",
                markup=False,
            )
            return
        reply = row.result.reply
        try:
            # The fix rewrites the whole reply, so it must be the reply that was linted.
            on_disk = {r.key: r.text for r in read_replies(row.path, row.display)}
            if on_disk.get(reply.key) != reply.text:
                self.relint_file(row.path, row.display)
                self.notify(
                    f"{row.display} changed since it was linted; linted it again.",
                    severity="warning",
                    markup=False,
                )
                return
            fixed = reply.text[: finding.start] + finding.replacement + reply.text[finding.end :]
            write_fixes(row.path, {reply.key: fixed})
        except FixUnsupported as error:
            self.notify(
                f"{row.display}: cannot fix: {error}", severity="error", markup=False, timeout=8
            )
            return
        except (LoadError, OSError) as error:
            self.notify(f"{row.display}: {error}", severity="error", markup=False, timeout=8)
            return
        before = reply.text[finding.start : finding.end]
        self.relint_file(row.path, row.display)
        self.notify(
            f"{printable(before)!r} → {printable(finding.replacement)!r}",
            title=f"Fixed {printable(row.display)}",
            markup=False,
        )

    def action_situation(self) -> None:
        """None, then each of the guide's situations in order, then None again."""
        if self.guide is None:
            return
        choices: list[str | None] = [None, *self.guide.situations]
        position = choices.index(self.situation) if self.situation in choices else 0
        self.situation = choices[(position + 1) % len(choices)]
        self.lint_all()
        shown = self.situation or "detected per reply"
        self.notify(f"Situation: {shown}", title="Linted again", markup=False)

    def action_relint(self) -> None:
        self.load_guides()
        self.lint_all()
        if self.guides is None:
            self.notify(
                "Nothing linted: see the tone guide's errors.", severity="error", markup=False
            )
        else:
            self.notify(self.summary(), title="Linted again", markup=False)

    def action_back(self) -> None:
        self.dismiss()

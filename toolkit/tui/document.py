"""A read-only view of one document: its text with the lines in error marked, and what is wrong
with it in the same `line:col severity message` shape the CLI prints.

Everything shown here comes from the user's files, so nothing is ever parsed as markup: the
text goes into Rich `Text`/`Syntax` objects, and control characters are escaped first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.core.loader import LoadError, read_text
from toolkit.core.validation import Checked, Report

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def source(checked: Checked) -> Syntax:
    """The file as it is on disk, through the loader's reader so that an unreadable file (too
    large, binary, not UTF-8) shows as empty here and its reason shows below."""
    try:
        text = read_text(checked.path, checked.display)
    except LoadError:
        text = ""
    # CRLF is one line break to YAML; without this every line would end in a visible `\r`.
    text = printable(text.replace("\r\n", "\n"))
    error_lines = {d.line for d in checked.diagnostics if d.severity == "error" and d.line}
    return Syntax(
        text,
        "markdown" if checked.path.suffix == ".md" else "yaml",
        theme="ansi_dark",
        line_numbers=True,
        word_wrap=False,  # one screen row per line, so a diagnostic's line is a scroll offset
        highlight_lines=error_lines,
    )


def diagnostics_text(diagnostics: list[Diagnostic]) -> Text:
    if not diagnostics:
        return Text("✓ no problems found", style="green")
    text = Text()
    for index, diagnostic in enumerate(diagnostics):
        if index:
            text.append("\n")
        text.append(diagnostic.place(), style="bold")
        text.append(" ")
        text.append(diagnostic.severity, style=SEVERITY_STYLES.get(diagnostic.severity, ""))
        text.append(" ")
        text.append(printable(diagnostic.message))
    return text


class DocumentScreen(Screen[None]):
    """Shows one file by its workspace-relative path, looked up in every new report, so that
    `r` after an edit elsewhere shows the file and its findings as they are now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "back", "Back"),
        Binding("escape", "back", "Back", show=False),
        Binding("backspace", "back", "Back", show=False),
    ]

    def __init__(self, document: str) -> None:
        super().__init__()
        self.document = document
        self.sub_title = printable(document)

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with ScrollableContainer(id="source"):
            yield Static(id="text", markup=False)
        with VerticalScroll(id="problems"):
            yield Static(id="diagnostics", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.sxt, "report", self.show_report)

    def show_report(self, report: Report | None) -> None:
        if report is None:
            return
        checked = next((c for c in report.files if c.display == self.document), None)
        text = self.query_one("#text", Static)
        diagnostics = self.query_one("#diagnostics", Static)
        if checked is None:
            text.update(Text(""))
            diagnostics.update(Text("this file is no longer in the workspace", style="yellow"))
            return
        text.update(source(checked))
        diagnostics.update(diagnostics_text(checked.diagnostics))
        lines = [d.line for d in checked.diagnostics if d.line]
        if lines:
            self.call_after_refresh(self.scroll_to_line, min(lines))

    def scroll_to_line(self, line: int) -> None:
        """Brings the first finding into view with a little context above it."""
        self.query_one("#source", ScrollableContainer).scroll_to(
            y=max(0, line - 4), animate=False, immediate=True
        )

    def action_back(self) -> None:
        self.dismiss()

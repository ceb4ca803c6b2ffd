"""The home screen: every document of the workspace under its kind, with its validation state,
so the first thing a person sees is what is broken and where."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from toolkit.core.diagnostics import Diagnostic, count_by_severity, plural, printable
from toolkit.core.names import KINDS
from toolkit.core.validation import Checked, Report
from toolkit.tui.document import DocumentScreen

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

UNREADABLE = "unreadable"
"""Where files go whose kind could not be told (syntax errors, missing `kind:`, newer format)."""


def grouped(files: Iterable[Checked]) -> list[tuple[str, list[Checked]]]:
    """Every kind, even empty ones (an empty kind is a hint of what is still to do); the
    unreadable group only when something is in it."""
    groups: dict[str, list[Checked]] = {kind: [] for kind in KINDS}
    for checked in files:
        groups.setdefault(checked.kind or UNREADABLE, []).append(checked)
    return [(kind, found) for kind, found in groups.items() if found or kind in KINDS]


def state(diagnostics: Iterable[Diagnostic]) -> Text:
    """Errors first: a file with one error and ten warnings is broken, not noisy."""
    counts = count_by_severity(diagnostics)
    errors, warnings = counts["error"], counts["warning"]
    if errors:
        text = Text(f"✗ {plural(errors, 'error')}", style="bold red")
        if warnings:
            text.append(f", {plural(warnings, 'warning')}", style="yellow")
        return text
    if warnings:
        return Text(f"! {plural(warnings, 'warning')}", style="yellow")
    return Text("✓ valid", style="green")


class HomeScreen(Screen[None]):
    """A table rather than a tree: one row per file keeps the state column aligned, and
    the kind headings are rows the cursor simply passes over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, or the table's own (hidden) enter binding would shadow it in the footer.
        Binding("enter", "open", "Open", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._documents: dict[str, Checked] = {}

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="documents", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#documents", DataTable)
        table.add_column("document", key="document")
        table.add_column("state", key="state")
        self.watch(self.sxt, "report", self.show_report)

    def show_report(self, report: Report | None) -> None:
        if report is None:
            return
        table = self.query_one("#documents", DataTable)
        current, row = self.selected(), table.cursor_row if table.row_count else None
        table.clear()
        self._documents.clear()
        for kind, files in grouped(report.files):
            table.add_row(Text(kind, style="bold"), Text(""))
            if not files:
                table.add_row(Text("  none yet", style="dim italic"), Text(""))
            for checked in files:
                # Row keys are the workspace-relative paths: stable across re-validations.
                table.add_row(
                    Text("  " + printable(checked.display)),
                    state(checked.diagnostics),
                    key=checked.display,
                )
                self._documents[checked.display] = checked
        # Stay on the same document (or row) across re-validations; start on the first file.
        if current is not None and current.display in self._documents:
            row = table.get_row_index(current.display)
        elif row is None and self._documents:
            row = table.get_row_index(next(iter(self._documents)))
        table.move_cursor(row=min(row or 0, table.row_count - 1), animate=False)

    def selected(self) -> Checked | None:
        """The document under the cursor; None on a kind heading or an empty table."""
        table = self.query_one("#documents", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self._documents.get(row_key.value or "")

    def action_open(self) -> None:
        checked = self.selected()
        if checked is not None:
            self.app.push_screen(DocumentScreen(checked.display))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Reached by mouse only: the keyboard's enter is taken by the priority binding.
        checked = self._documents.get(event.row_key.value or "")
        if checked is not None:
            self.app.push_screen(DocumentScreen(checked.display))

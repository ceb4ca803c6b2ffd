"""The contact-metrics screen: the same report as `sxt metrics report`, from the workspace's
metrics document, with AHT beside CSAT and QA in one table, the trend charts and the context
warnings under it. `b` and `p` change the slice and the period; nothing here computes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from toolkit.core.diagnostics import printable

if TYPE_CHECKING:
    from toolkit.metrics.compute import Report
    from toolkit.tui.app import SxtApp

SLICES = ("team", "agent", "channel", "tier")
PERIODS = ("month", "week", "quarter")


def build_report(sxt: SxtApp, by: str, period: str) -> tuple[Report | None, str]:
    """The report, or None and the one line that says why there is none."""
    from toolkit.metrics import inputs
    from toolkit.metrics.compute import MetricsInputError, Options, build

    document = inputs.find_definitions(sxt.workspace)
    if document is None:
        return None, "No metrics document: add metrics/definitions.yaml (kind: metrics)."
    try:
        definitions = inputs.load_definitions(document, sxt.workspace)
        qa = inputs.qa_scores(sxt.workspace)
        report = build(definitions, Options(by=by, period=period), qa, sxt.workspace.root)
    except inputs.DefinitionsError as error:
        first = error.diagnostics[0]
        return None, f"{first.location()}: {first.message}"
    except MetricsInputError as error:
        return None, str(error)
    return report, ""


class MetricsScreen(Screen[None]):
    """Contact metrics read in context."""

    DEFAULT_CSS = """
    #metrics { height: 1fr; }
    #metrics-context { height: 1fr; border-top: solid $primary; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "next_slice", "By"),
        Binding("p", "next_period", "Period"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by = SLICES[0]
        self.period = PERIODS[0]
        self.report: Report | None = None
        self.sub_title = "Contact metrics"

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="metrics", cursor_type="row")
        with VerticalScroll(id="metrics-context"):
            yield Static(id="metrics-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        from toolkit.metrics import render

        report, problem = build_report(self.sxt, self.by, self.period)
        self.report = report
        table = self.query_one("#metrics", DataTable)
        table.clear(columns=True)
        notes = self.query_one("#metrics-notes", Static)
        self.sub_title = f"Contact metrics by {self.by}, per {self.period}"
        if report is None:
            notes.update(printable(problem))
            return
        if report.figures is None:
            notes.update(render.report_text(report))
            return
        main = render.report_tables(report)[0]
        for header in main.headers:
            table.add_column(header, key=header)
        for row in main.rows:
            table.add_row(*(Text(printable(cell)) for cell in row))
        notes.update(render.trend_text(report))

    def action_next_slice(self) -> None:
        self.by = SLICES[(SLICES.index(self.by) + 1) % len(SLICES)]
        self.reload()

    def action_next_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.reload()

    def action_leave(self) -> None:
        self.app.pop_screen()

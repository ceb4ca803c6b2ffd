"""Which journey to open, when a workspace has several: a small list over the home screen
that also names the journeys that cannot be opened, and why, so none silently goes missing."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.journey.model import Journey


class JourneyPicker(ModalScreen[Path | None]):
    """One line per journey; a file with errors is listed, disabled, with its first error."""

    DEFAULT_CSS = """
    JourneyPicker { align: center middle; }
    #journey-picker {
        width: 70%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "cancel", "Cancel", show=False),
    ]

    def __init__(self, journeys: list[Journey], problems: list[Diagnostic]) -> None:
        super().__init__()
        self.paths = {journey.display: journey.path for journey in journeys if journey.path}
        self.journeys = journeys
        self.problems = problems

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Text.assemble(
                    (printable(journey.title), "bold"), (f"  {printable(journey.display)}", "dim")
                ),
                id=journey.display,
            )
            for journey in self.journeys
        ]
        broken: dict[str, Diagnostic] = {}
        for problem in self.problems:
            broken.setdefault(problem.path, problem)
        options += [
            Option(
                Text(f"✗ {printable(path)}: {printable(problem.message)}", style="red"),
                id=f"broken:{path}",
                disabled=True,
            )
            for path, problem in broken.items()
        ]
        yield OptionList(*options, id="journey-picker")

    def on_mount(self) -> None:
        picker = self.query_one("#journey-picker", OptionList)
        picker.border_title = "Journeys"
        picker.border_subtitle = "enter: open · escape: cancel"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths.get(event.option.id or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)

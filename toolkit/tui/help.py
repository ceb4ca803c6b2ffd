"""The `?` panel: the keys that work on the screen underneath, read from the live bindings so it
can never drift from what the keys actually do."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class Key(NamedTuple):
    key: str
    description: str
    shown: bool


def keys_of(screen: Screen[object]) -> list[Key]:
    """The screen's and the app's bindings that would fire now, as the footer would label them.

    Read from `active_bindings`, so a key a focused widget takes over is not promised, a key an
    action disables is left out, and the footer and this panel agree. Footer keys come first;
    the hidden ones (focus moves, copy) follow.
    """
    app = screen.app
    keys = [
        Key(app.get_key_display(active.binding), active.binding.description, active.binding.show)
        for active in screen.active_bindings.values()
        if active.node in (screen, app) and active.binding.description and not active.binding.system
    ]
    return sorted(keys, key=lambda key: not key.shown)


def keys_text(keys: list[Key]) -> Text:
    width = max((len(key.key) for key in keys), default=0)
    text = Text()
    for index, key in enumerate(keys):
        if index:
            text.append("\n")
        text.append(key.key.rjust(width), style="bold")
        text.append("  ")
        text.append(key.description, style="" if key.shown else "dim")
    return text


class HelpScreen(ModalScreen[None]):
    """Closed by the key that opened it as well as escape, so `?` toggles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
        Binding("q", "close", "Close"),
    ]

    def __init__(self, keys: list[Key]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(keys_text(self.keys), id="keys", markup=False)

    def on_mount(self) -> None:
        panel = self.query_one("#help", Vertical)
        panel.border_title = "Keys"
        own = Binding.make_bindings(self.BINDINGS)
        closing = ", ".join(self.app.get_key_display(binding) for binding in own)
        panel.border_subtitle = f"{closing}: close"

    def action_close(self) -> None:
        self.dismiss()

"""Small keyboard forms for the TUI: fields that are checked as they are filled in, so a form
only closes with values the schema accepts, and a yes/no confirmation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from toolkit.core.diagnostics import printable


def required(value: str) -> str | None:
    return None if value else "required"


def optional_date(value: str) -> str | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return "a date as YYYY-MM-DD"


def required_date(value: str) -> str | None:
    return required(value) or optional_date(value)


def one_of(choices: Sequence[str]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in choices else f"one of {', '.join(choices)}"

    return check


def date_or_none(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Field:
    """One line of a form: what it asks, what it starts with, and what it accepts (a check
    returns the problem, or None when the value will do)."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    check: Callable[[str], str | None] = lambda _: None
    choices: tuple[str, ...] = ()


FormCheck = Callable[[dict[str, str]], tuple[str, str] | None]
"""A check across fields: (field, problem) or None."""


class FormScreen(ModalScreen[dict[str, str] | None]):
    """A few labelled inputs. Enter moves to the next one and saves on the last, escape
    cancels; nothing is returned until every field passes its check, so what reaches the
    file is always valid for the schema."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], check: FormCheck | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.fields = tuple(fields)
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            for field in self.fields:
                yield Label(field.label, markup=False)
                yield Input(
                    field.value,
                    placeholder=field.placeholder,
                    id=f"form-{field.name}",
                    suggester=SuggestFromList(field.choices) if field.choices else None,
                )
            yield Static(id="form-problem", markup=False)

    def on_mount(self) -> None:
        form = self.query_one("#form", Vertical)
        form.border_title = Text(printable(self.title_text))  # a str would be read as markup
        form.border_subtitle = "enter: next, save on the last · escape: cancel"

    def input_of(self, field: Field) -> Input:
        return self.query_one(f"#form-{field.name}", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        names = [f"form-{field.name}" for field in self.fields]
        position = names.index(event.input.id or "")
        field = self.fields[position]
        value = event.value.strip()
        problem = field.check(value.lower() if field.choices else value)
        if problem is not None:
            self.show_problem(field, problem)
        elif position + 1 < len(self.fields):
            self.input_of(self.fields[position + 1]).focus()
        else:
            self.action_save()

    def show_problem(self, field: Field, problem: str) -> None:
        self.query_one("#form-problem", Static).update(
            Text(f"{field.label.rstrip(':')}: {problem}", style="bold red")
        )
        self.input_of(field).focus()

    def action_save(self) -> None:
        values = {
            # A choice is a word from a short list: `Note` means note.
            field.name: self.input_of(field).value.strip().lower()
            if field.choices
            else self.input_of(field).value.strip()
            for field in self.fields
        }
        for field in self.fields:
            problem = field.check(values[field.name])
            if problem is not None:
                self.show_problem(field, problem)
                return
        if self.check is not None:
            found = self.check(values)
            if found is not None:
                name, problem = found
                self.show_problem(next(f for f in self.fields if f.name == name), problem)
                return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """y or enter confirms; n or escape keeps things as they are."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm", Vertical).border_subtitle = "y: yes · n: no"

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def evidence_check(values: dict[str, str]) -> tuple[str, str] | None:
    """The schema's rule for links, said while the person can still fix it."""
    if values["kind"] == "link" and not values["value"].startswith(("http://", "https://")):
        return "value", "a link starts with http:// or https://"
    return None

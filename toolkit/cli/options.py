"""Options and errors shared by every command, so each behaves the same way."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit.core.names import SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])


class InputError(click.ClickException):
    """Bad input that is not a finding (no workspace, a missing file): exit 2, like a usage
    error, so CI can tell 'your documents have problems' (1) from 'sxt could not run' (2)."""

    exit_code = 2


FORMAT_USES = {
    "text": "for people",
    "markdown": "to paste into a document",
    "html": "one self-contained page",
    "json": "for scripts",
    "csv": "for spreadsheets",
    "github": "for Actions annotations",
    "sarif": "for code scanning",
    "junit": "for CI test results",
    "mermaid": "for diagrams in Markdown and wikis",
}


def format_option(formats: Sequence[str], default: str = "text") -> Callable[[F], F]:
    """--format, its help naming what each of this command's formats is for."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(formats),
        default=default,
        show_default=True,
        help="Output format: " + ", ".join(f"{name} {FORMAT_USES[name]}" for name in formats) + ".",
    )


def today_option(function: F) -> F:
    """--today: commands that date things or judge due dates can be pinned to a day, for
    scripts, tests and reports written after the fact."""
    return click.option(
        "--today",
        type=click.DateTime(["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help="Take this day as today (new dates, due dates, the current quarter).  "
        "[default: today]",
    )(function)


def day_of(option: dt.datetime | None) -> dt.date:
    """The day a --today option stands for: the one given, else today."""
    return option.date() if option else dt.date.today()


def workspace_root(base: Path) -> Path:
    from toolkit.core.workspace import find_root

    root = find_root(base)
    if root is None:
        raise InputError(
            f"{base} is not inside an sxt workspace (no sxt.yaml here or above); "
            "run `sxt init` to create one"
        )
    return root


def print_json(data: object) -> None:
    import json

    from toolkit.core.diagnostics import printable_json

    click.echo(printable_json(json.dumps(data, indent=2, ensure_ascii=False)))


class InOrder(click.Group):
    """Lists a group's subcommands in the order they were added (the order of the work),
    not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def fail_level_option(default: str = "error") -> Callable[[F], F]:
    return click.option(
        "--fail-level",
        type=click.Choice(SEVERITIES),
        default=default,
        show_default=True,
        help="Exit 1 when a finding is at this level or above.",
    )


def resolve(base: Path, path: Path) -> Path:
    """Paths on the command line are relative to the -C folder, as in git."""
    return path if path.is_absolute() else base / path


def colour() -> bool:
    """Whether what is printed may be coloured: standard output is a terminal and NO_COLOR
    is unset. Renderers asked for colour otherwise style every line only for click to strip
    it all again."""
    import sys

    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def echo(text: str) -> None:
    """Prints, with colour only on a terminal and never under NO_COLOR (no-color.org). Text
    with no escape in it has no colour to take out: it is written as it is, where click
    would run its ANSI-stripping expression over every byte (15 ms on a large lint run)."""
    if "\x1b" not in text:
        click.echo(text, color=True)
        return
    click.echo(text, color=False if os.environ.get("NO_COLOR") else None)

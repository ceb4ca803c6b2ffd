"""Options and errors shared by every command, so each behaves the same way."""

from __future__ import annotations

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


def format_option(formats: Sequence[str], default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(formats),
        default=default,
        show_default=True,
        help="Output format: text for people, json for scripts, github for Actions annotations, "
        "sarif for code scanning.",
    )


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


def echo(text: str) -> None:
    """Prints, with colour only on a terminal and never under NO_COLOR (no-color.org)."""
    click.echo(text, color=False if os.environ.get("NO_COLOR") else None)

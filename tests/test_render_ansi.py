"""The plain ANSI colours of toolkit.render.ansi write what Click would, byte for byte: the
journey map and the findings look the same as when they were painted with click.style."""

from __future__ import annotations

import typing

import click
import pytest

from toolkit.render.ansi import Colour, style

COLOURS: tuple[Colour, ...] = typing.get_args(Colour)


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("fg", [None, *COLOURS])
def test_style_writes_what_click_writes(fg: Colour | None, bold: bool) -> None:
    # Click's bold=False would write "not bold" (22); sxt's callers leave bold unset instead.
    expected = click.style("-2 angry ●", fg=fg, bold=True if bold else None)
    assert style("-2 angry ●", fg=fg, bold=bold) == expected

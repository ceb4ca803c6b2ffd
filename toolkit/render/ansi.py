"""Colour for plain-text output, as ANSI escape codes, without Click: the domain packages draw
their own terminal text (a journey map, a list of findings) and may not import a face's library.

The bytes are the ones `click.style(text, fg=..., bold=...)` writes (tests compare them), so
output reads the same whichever draws it; whether colour is wanted at all (a terminal, NO_COLOR,
--color) is for the caller to decide, and `click.echo` still strips the codes off a pipe.
"""

from __future__ import annotations

from typing import Literal

Colour = Literal["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

_CODES: dict[Colour, int] = {
    "black": 30,
    "red": 31,
    "green": 32,
    "yellow": 33,
    "blue": 34,
    "magenta": 35,
    "cyan": 36,
    "white": 37,
}
RESET = "\x1b[0m"


def style(text: str, *, fg: Colour | None = None, bold: bool = False) -> str:
    """`text` in the colour `fg` and/or bold, then a reset, so nothing carries over."""
    start = (f"\x1b[{_CODES[fg]}m" if fg else "") + ("\x1b[1m" if bold else "")
    return f"{start}{text}{RESET}"

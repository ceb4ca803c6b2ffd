"""The shapes the lint package passes around: a reply as the linter sees it, and a finding."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.core.loader import Position

Locate = Callable[[int], Position]
"""Maps an offset in a reply's `text` to the line:col in the source file where that character
is written, so a finding lands on the right spot even inside a JSON export or HTML body."""


@dataclass(slots=True)
class Reply:
    """One canned reply: plain text to lint, plus what a situation is detected from.

    `key` is unique within its source file (a Markdown file's stem, a macro's id, a YAML
    reply's id or position) and is how --fix finds the reply again when it writes back.
    `disabled` holds rule ids or letters switched off for this reply (`sxt-disable:`).
    `excerpt` marks text that is only the start of the reply (a list's preview): a rule
    that judges the reply as a whole cannot tell what the rest would have given.
    """

    source: str
    key: str
    title: str
    text: str
    locate: Locate
    tags: tuple[str, ...] = ()
    situation: str | None = None
    channel: str | None = None
    locale: str | None = None
    disabled: frozenset[str] = field(default_factory=frozenset)
    excerpt: bool = False


_LONG = 4096
"""Texts at least this long find a line by bisection: a 900 KB reply with 48,000 findings
spent 18 s counting newlines."""


def line_locator(text: str, first_line: int, first_col: int = 1, indent: int = 0) -> Locate:
    """A Locate for text copied verbatim from a file: it starts at `first_line:first_col`, and
    every later line is indented by `indent` characters in the file (a YAML block scalar)."""

    starts: list[int] = []  # where each line begins, built on first use in a long text

    def locate(offset: int) -> Position:
        if len(text) < _LONG:
            line = text.count("\n", 0, offset)
            line_start = text.rfind("\n", 0, offset) + 1
        else:  # counting from the start for every finding of a long text is quadratic
            if not starts:
                starts.append(0)
                starts.extend(match.end() for match in re.finditer("\n", text))
            line = bisect.bisect_right(starts, offset) - 1
            line_start = starts[line]
        col = offset - line_start + 1
        if line == 0:
            return Position(first_line, first_col + col - 1)
        return Position(first_line + line, indent + col)

    return locate

"""Several replies in one Markdown file: the front matter says `kind: replies`, and each
`## ` heading starts a reply that runs to the next `#` or `## ` heading.

Only the front matter decides. A reply may have headings of its own ("## What happens
next"), and telling a library from a reply by its shape would split such a reply in two
without a word, each half then judged as a reply (a next step missing from the first).
Level 2, whatever else the file holds, because reply libraries are written that way: a
`# Saved replies` title and an introduction above the replies, `###` inside one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Section:
    """One reply of a Markdown library: its heading's text and where its body is."""

    title: str
    start: int  # offset of the line after the heading
    end: int  # offset of the heading line that ends it, or the end of the text
    line: int  # 1-based line of `start`


def sections(text: str, start: int) -> list[Section]:
    """Each `## ` heading after offset `start` (the end of the front matter) with the body
    under it, up to the next heading of level 1 or 2; deeper headings are part of the reply,
    and a line inside fenced code is never a heading. What comes before the first `## `, or
    under a `# ` heading, is not a reply: a title, an introduction."""
    headings: list[tuple[int, int, int, str, int]] = []  # line start, next, level, title, line
    fence: str | None = None
    number = text.count("\n", 0, start) + 1
    position = start
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end].rstrip("\r")
        fence, is_fence = _fenced(line, fence)
        heading = None if fence is not None or is_fence else _ATX.fullmatch(line)
        if heading is not None and len(heading.group(1)) <= 2:
            title = _CLOSING.sub("", heading.group(2) or "").strip()
            headings.append((position, end + 1, len(heading.group(1)), title, number + 1))
        position, number = end + 1, number + 1
    found = []
    for index, (_, body, level, title, first_line) in enumerate(headings):
        if level == 2:
            until = headings[index + 1][0] if index + 1 < len(headings) else len(text)
            found.append(Section(title, min(body, len(text)), until, first_line))
    return found


def _fenced(line: str, fence: str | None) -> tuple[str | None, bool]:
    """The open code fence after `line` (None outside one), and whether the line is a fence:
    a fence closes on a line of the same character, at least as long, with nothing after."""
    match = _FENCE.match(line)
    if match is None:
        return fence, False
    marker = match.group(1)
    if fence is None:
        return marker, True
    closes = marker[0] == fence[0] and len(marker) >= len(fence) and not line[match.end() :].strip()
    return (None, True) if closes else (fence, False)

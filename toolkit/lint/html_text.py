"""Text as a customer reads it, with a way back to where each character is written.

Help desks store reply bodies as HTML, inside JSON strings with escapes, inside CSV fields
with doubled quotes. The linter works on plain text, but a finding must land on the line and
column a person edits. Each step that derives text keeps an `OffsetMap` (derived offset to
source offset, stored as runs, not per character) and the steps compose; `SourceLines` turns
the final file offset into a 1-based line:col.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape

from toolkit.core.loader import Position


class OffsetMap:
    """Maps an offset in derived text to the offset in its source it was taken from.

    Stored as runs: from `starts[i]` on, derived characters map one-to-one onto source
    characters from `targets[i]` on. A run is added only where the correspondence jumps
    (an escape, a tag, collapsed white space), so plain text costs one run however long.
    """

    __slots__ = ("_starts", "_targets")

    def __init__(self, start: int = 0, target: int = 0) -> None:
        self._starts = [start]
        self._targets = [target]

    def add(self, start: int, target: int) -> None:
        """From derived offset `start` on, characters come from source offset `target` on."""
        starts, targets = self._starts, self._targets
        if targets[-1] + (start - starts[-1]) == target:
            return  # the current run already says so
        if starts[-1] == start:
            targets[-1] = target
        else:
            starts.append(start)
            targets.append(target)

    def truncate(self, length: int) -> None:
        """Forgets runs that start at or after `length` (derived text was cut back)."""
        while len(self._starts) > 1 and self._starts[-1] >= length:
            self._starts.pop()
            self._targets.pop()

    def __call__(self, offset: int) -> int:
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return self._targets[0]
        return self._targets[index] + offset - self._starts[index]


class SourceLines:
    """A file's text with its line starts, computed once on first use and shared by every
    reply in the file, so locating a finding is a binary search, not a scan."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in re.finditer("\n", self.text))]
        return self._starts

    def position(self, offset: int) -> Position:
        """1-based line:col of the character at `offset`; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        starts = self._line_starts()
        line = bisect_right(starts, offset) - 1
        return Position(line + 1, offset - starts[line] + 1)

    def offset(self, position: Position) -> int:
        """The offset of a 1-based line:col, the inverse of `position`."""
        starts = self._line_starts()
        line = min(max(position.line, 1), len(starts)) - 1
        return starts[line] + position.col - 1


def normalize_newlines(text: str) -> tuple[str, OffsetMap | None]:
    """CRLF and CR become LF so rules see one kind of line break; the map points each
    character back to where it was (None when nothing changed)."""
    if "\r" not in text:
        return text, None
    mapping = OffsetMap()
    for removed, match in enumerate(re.finditer("\r\n", text), start=1):
        mapping.add(match.end() - removed, match.end())
    return text.replace("\r\n", "\n").replace("\r", "\n"), mapping


# Elements that start a new line when rendered; a paragraph also leaves a blank line.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"),
        *("tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_PARAGRAPHS = frozenset(("p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"))
_CELLS = frozenset(("td", "th"))
_HIDDEN = frozenset(("script", "style", "head", "title", "template"))

_TOKEN = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
    |(?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>)
    |(?P<other><[!?][^>]*>)
    |(?P<entity>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?)
    |(?P<text>[^<&]+|[<&])
    """,
    re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")


class _Out:
    """Text being built, with its OffsetMap; knows how it ends so white space and line
    breaks collapse the way a browser renders them."""

    __slots__ = ("length", "map", "newlines", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.newlines = 0  # how many line breaks the text ends with
        self.map = OffsetMap()

    def emit(self, text: str, source: int) -> None:
        if not text:
            return
        self.map.add(self.length, source)
        self.parts.append(text)
        self.length += len(text)
        stripped = text.rstrip("\n")
        self.newlines = self.newlines + len(text) if not stripped else len(text) - len(stripped)

    def ends_blank(self) -> bool:
        return not self.length or self.newlines > 0 or self.parts[-1].endswith(" ")

    def spaced(self, text: str, source: int) -> None:
        """Emits text whose single spaces are already collapsed; drops a leading space where
        the text already ends in white space."""
        if text.startswith(" ") and self.ends_blank():
            text, source = text[1:], source + 1
        self.emit(text, source)

    def trim_space(self) -> None:
        if self.length and not self.newlines and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
            self.map.truncate(self.length)

    def line_break(self, source: int, count: int) -> None:
        """Ends the current line (and leaves `count - 1` blank lines), never at the start
        and never more than one blank line in a row."""
        if not self.length:
            return
        self.trim_space()
        while self.newlines < min(count, 2):
            self.emit("\n", source)

    def finish(self) -> str:
        text = "".join(self.parts)
        stripped = text.rstrip(" \n")
        self.map.truncate(len(stripped))
        return stripped


def html_to_text(html: str) -> tuple[str, OffsetMap]:
    """The text of an HTML fragment as it reads: tags removed, entities decoded, white space
    collapsed, block elements (<p>, <div>, <li>, <br>, ...) ending lines, a paragraph
    followed by a blank line. `&nbsp;` becomes a plain space. HTML comments are dropped,
    except sxt directives (`<!-- sxt-disable ... -->`), which stay as written for the engine.
    Intercom's `<attribute key="user.name" default="there"/>` placeholder reads as
    `{{user.name | fallback: "there"}}`, the form the placeholder rules know.

    The map sends each text offset to the HTML offset it came from, so a word inside
    `<p>Hello&nbsp;there</p>` points at its own column in the source."""
    out = _Out()
    position = 0
    length = len(html)
    preformatted = 0
    while position < length:
        match = _TOKEN.match(html, position)
        assert match is not None  # the text alternative matches any single character
        start, position = match.start(), match.end()
        kind = match.lastgroup
        if kind == "text":
            text = match.group().replace("\xa0", " ")
            if preformatted:
                out.emit(text, start)
            else:
                _collapsed(out, text, start)
        elif kind == "entity":
            decoded = unescape(match.group()).replace("\xa0", " ")
            out.emit(decoded, start)
        elif kind == "comment":
            if match.group()[4:].lstrip().startswith("sxt-"):
                out.emit(match.group(), start)
        elif kind == "tag":
            name = match.group("name").lower()
            closing = match.group().startswith("</")
            if name in _HIDDEN and not closing and not match.group().endswith("/>"):
                end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, position)
                position = end.end() if end else length
            elif name == "br":
                if out.length:
                    out.trim_space()
                    if out.newlines < 2:
                        out.emit("\n", start)
            elif name in _BLOCKS:
                out.line_break(start, 2 if name in _PARAGRAPHS else 1)
                if name == "pre":
                    preformatted = max(0, preformatted + (-1 if closing else 1))
            elif name in _CELLS and closing:
                out.spaced(" ", start)
            elif name == "attribute" and not closing:
                out.emit(_placeholder(match.group("attrs")), start)
    return out.finish(), out.map


def _collapsed(out: _Out, text: str, source: int) -> None:
    """Emits a text run with white-space runs collapsed to one space; single spaces, by far
    the most common, pass through without breaking the current offset run."""
    index = 0
    for match in _COLLAPSE.finditer(text):
        out.spaced(text[index : match.start()], source + index)
        out.spaced(" ", source + match.start())
        index = match.end()
    out.spaced(text[index:], source + index)


def _placeholder(attributes: str) -> str:
    values = {
        match.group(1).lower(): unescape(next(v for v in match.groups()[1:] if v is not None))
        for match in _ATTRIBUTE.finditer(attributes)
    }
    key = values.get("key", "")
    if not key:
        return ""
    default = values.get("default")
    return f'{{{{{key} | fallback: "{default}"}}}}' if default else f"{{{{{key}}}}}"


_HTML_HINT = re.compile(
    r"<(?:p|div|br|span|ul|ol|li|strong|em|b|i|u|a|h[1-6]|table|blockquote)\b[^>]*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True for a body written as HTML (a CSV column can hold either): it has at least one
    of the tags rich-text editors write."""
    return "<" in text and _HTML_HINT.search(text) is not None


def readable_text(value: str, html: bool = False) -> tuple[str, OffsetMap | None]:
    """A body's text as the customer reads it, with the map back to `value` (None when the
    text is `value` itself). HTML is read as HTML when the field says so (`html`) or when the
    value is written as HTML whatever its field: exports and hand-made files put `<p>` markup
    in fields meant for plain text, and a tag linted as words would count in every length
    and readability rule."""
    if html or looks_like_html(value):
        return html_to_text(value)
    return value, None

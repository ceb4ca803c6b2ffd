"""A reader for the plain block YAML that sxt writes and people mostly write, ~15x faster than
composing libyaml's node graph; on anything else it gives up and the full loader reads the file.

Composing a 25-line scoring file with libyaml costs ~300 µs: a Python object per event, node
and mark. sxt reads 40,000 such files for a calibration. `parse` reads them line by line with
a few string operations, for the subset of YAML where that is exact: block mappings and
sequences indented with spaces, plain one-line scalars, one-line quoted scalars with JSON's
escapes, `|` and `|-` literal blocks, `{}` and `[]`, comments, an opening `---`.

The one rule: when `parse` returns data, it is exactly what loader.py's full path builds
(same values, same types, same key order), and that path would have raised no error. Anything
doubtful returns None instead: tabs, CR alone, control or odd line-break characters, anchors,
aliases, tags, flow collections, quoted keys, multi-line scalars, duplicate keys, indentation
that is not clearly right, `key:value`, a value with `: ` in it. Those files take the full
path, which also explains their errors. Positions are not kept: a Document built from this
data re-reads the text with the full loader the first time a position is asked for.
"""

from __future__ import annotations

import functools
import re
from typing import Any, cast

ENABLED = True
"""Off, every file takes the full path: for benchmarks and the equivalence tests."""

MAX_DEPTH = 40
"""Deeper documents take the full path, whose limits and messages then apply."""

# YAML 1.2 core schema scalars, shared with loader.py: only true/false are booleans, so
# `answer: no` stays the word "no"; dates stay text.
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT = re.compile(r"^[-+]?[0-9]+$")
OCT = re.compile(r"^0o[0-7]+$")
HEX = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_WORDS: dict[str, Any] = {"~": None, "null": None, "Null": None, "NULL": None, **BOOL}
_NUMERIC_START = frozenset("+-.0123456789")


@functools.cache
def _odd() -> re.Pattern[str]:
    """Anything but LF, printable ASCII and the printable Unicode that libyaml reads as text,
    not as a line break (NEL, LS, PS) or a byte-order mark: such text takes the full path.
    Compiled on the first text that is not ASCII: its ranges cost 6 ms to compile, on every
    start, where most files are ASCII."""
    return re.compile(
        r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )


_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\n"
# `key:` or `key: rest`, with a key of plain id characters, nothing YAML reads otherwise.
_ENTRY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]{0,199}):(?: +(.*))?$")
_AFTER = re.compile(r" *(?: #.*)?$")  # what may follow a quoted scalar or `|` on its line
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,199}")
_MEMO_SIZE = 20_000
_MEMO_LINE = 120
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


_SKIP = object()  # a blank line or a comment
_FRESH = object()  # a value to read each time: `{}`, `[]` (new objects), `|`, or nothing
_ROWS: dict[str, Any] = {}
"""Each line read so far, as _SKIP or (indent, key or None, value or _FRESH, value text).
Lines recur from file to file (`sxt: 1`, `  empathy: 4`, `  # Opening`), so most lines of
a calibration's 40,000 files cost one lookup. Bounded; long lines are not kept."""


def _row(line: str) -> Any:
    stripped = line.lstrip(" ")
    if not stripped or stripped[0] == "#":
        row: Any = _SKIP
    else:
        row = (len(line) - len(stripped), None, None, "")
        key, colon, text = stripped.partition(":")
        if colon and _KEY.fullmatch(key) and (not text or text[0] == " "):
            text = text.lstrip(" ")
            try:
                value = _value(text)
            except _Decline:
                value = _FRESH  # read again in place, to decline there
            if value is _EMPTY or value is _LITERAL or type(value) not in _IMMUTABLE:
                value = _FRESH
            row = (row[0], key, value, text)
    if len(line) <= _MEMO_LINE and len(_ROWS) < _MEMO_SIZE:
        _ROWS[line] = row
    return row


class _Decline(Exception):
    """This text is not in the subset: the full loader reads it."""


_EMPTY = object()  # `key:` with nothing after it: a nested block follows, or null
_LITERAL = object()  # `key: |`


def parse(text: str) -> dict[str, Any] | None:
    """The data of a one-mapping document in the subset, or None to say "use the loader"."""
    if not ENABLED:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if text.isascii():
        if text.encode().translate(None, _PRINTABLE):  # control characters, tabs
            return None
    elif _odd().search(text):
        return None
    try:
        return _Reader(text).read()
    except _Decline:
        return None


def plain_scalar(text: str) -> Any:
    """A one-line plain scalar as loader.py's `_scalar` reads it (YAML 1.2 core schema), with
    the regular expressions tried only for text that could be a number."""
    if not text:
        return None
    if text[0] in _NUMERIC_START:
        if INT.match(text):
            return int(text)
        if OCT.match(text):
            return int(text[2:], 8)
        if HEX.match(text):
            return int(text[2:], 16)
        if FLOAT.match(text):
            return float(text)
        if INF.match(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if NAN.match(text):
            return float("nan")
        return text
    return _WORDS.get(text, text)


class _Frame:
    """An open mapping or sequence: the column its entries start at, and a key waiting for
    the nested block under it."""

    __slots__ = ("container", "indent", "indentless", "pending")

    def __init__(self, container: dict | list, indent: int, indentless: bool = False) -> None:
        self.container = container
        self.indent = indent
        self.indentless = indentless  # `key:` then `- item` at the key's own column
        self.pending: str | None = None


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.index = 0
        self.root: dict[str, Any] = {}
        self.stack = [_Frame(self.root, 0)]
        self.scalar_indent = -1  # the last entry held a scalar: nothing may nest under it
        self.opened = False  # an opening `---` was read

    def read(self) -> dict[str, Any]:
        """A `key: value` line is read here, from its row in the memo; every other line by
        `line`. `mapping` is the open mapping such a line goes into, at column `column`
        (None while a key waits for its nested block, or while a list is open); `scalar`
        the column of the last entry, when it held a scalar, else -1."""
        lines, stack, memo = self.lines, self.stack, _ROWS
        mapping: dict[str, Any] | None = self.root
        column, scalar = 0, -1
        count = len(lines)
        index = 0
        while index < count:
            line = lines[index]
            index += 1
            row = memo.get(line)
            if row is None:
                row = _row(line)
            if row is _SKIP:
                continue  # blank, or a comment
            indent, key, value, text = row
            if key is not None:
                if indent != column or mapping is None:
                    mapping = self.enter(indent, scalar)
                    column = indent
                if key in mapping:
                    raise _Decline  # the loader names both lines
                if value is _FRESH:
                    value = _value(text)
                    if value is _LITERAL:
                        self.index = index
                        value = self.literal(text, indent)
                        index = self.index
                    elif value is _EMPTY:
                        mapping[key] = None  # holds the key's place for a nested block
                        stack[-1].pending = key
                        scalar = -1
                        mapping = None
                        continue
                mapping[key] = value
                scalar = indent
                continue
            stripped = line.lstrip(" ")
            if indent == 0 and stripped.startswith(("---", "...")):
                if self.root or self.opened or not _AFTER.fullmatch(stripped[3:]):
                    raise _Decline
                if stripped[0] == ".":
                    raise _Decline
                self.opened = True
                continue
            self.index, self.scalar_indent = index, scalar
            self.line(stripped, indent)
            index, scalar = self.index, self.scalar_indent
            top = stack[-1]
            column = top.indent
            container = top.container
            mapping = container if type(container) is dict and top.pending is None else None
        if not self.root:
            raise _Decline  # empty, or not a mapping: the loader says which
        return self.root

    def enter(self, indent: int, scalar: int) -> dict[str, Any]:
        """The mapping a `key:` line at column `indent` goes into, when it is not the one
        the line before went into: a new one under a waiting key, or an enclosing one."""
        if indent > scalar >= 0:
            raise _Decline  # a continuation line, or an error the loader explains
        stack = self.stack
        top = stack[-1]
        if top.pending is not None:
            key, top.pending = top.pending, None
            if indent > top.indent:
                nested: dict[str, Any] = {}
                cast(dict, top.container)[key] = nested  # a key waits only in a mapping
                self.push(_Frame(nested, indent))
                return nested
        while indent < top.indent or (top.indentless and indent == top.indent and len(stack) > 1):
            stack.pop()
            top = stack[-1]
        if indent != top.indent or type(top.container) is not dict:
            raise _Decline
        return top.container

    def line(self, stripped: str, indent: int) -> None:
        if indent > self.scalar_indent >= 0:
            raise _Decline  # a continuation line, or an error the loader explains
        self.scalar_indent = -1
        item = stripped[:2] == "- " or stripped == "-"
        top = self.stack[-1]
        if top.pending is not None:
            key, top.pending = top.pending, None
            if indent > top.indent or (indent == top.indent and item):
                nested: dict | list = [] if item else {}
                cast(dict, top.container)[key] = nested  # a key waits only in a mapping
                self.push(_Frame(nested, indent, indentless=indent == top.indent))
                top = self.stack[-1]
        while indent < top.indent or (
            top.indentless and indent == top.indent and not item and len(self.stack) > 1
        ):
            self.stack.pop()
            top = self.stack[-1]
        if indent != top.indent:
            raise _Decline
        if isinstance(top.container, dict):
            if item:
                raise _Decline
            self.entry(top, stripped)
            return
        if not item or stripped == "-":
            raise _Decline
        rest = stripped[2:]
        content = rest.lstrip(" ")
        entry = _ENTRY.match(content)
        if entry:
            mapping: dict[str, Any] = {}
            top.container.append(mapping)
            frame = _Frame(mapping, indent + len(stripped) - len(content))
            self.push(frame)
            self.entry(frame, content, entry)
            return
        value = _value(content)
        if value is _EMPTY or value is _LITERAL:
            raise _Decline
        top.container.append(value)
        self.scalar_indent = indent

    def push(self, frame: _Frame) -> None:
        self.stack.append(frame)
        if len(self.stack) > MAX_DEPTH:
            raise _Decline

    def entry(self, frame: _Frame, text: str, match: re.Match[str] | None = None) -> None:
        match = match or _ENTRY.match(text)
        if match is None:
            raise _Decline
        key, rest = match.group(1), match.group(2)
        mapping: dict[str, Any] = frame.container  # type: ignore[assignment]
        if key in mapping:
            raise _Decline  # the loader names both lines
        value = _value(rest or "")
        if value is _EMPTY:
            mapping[key] = None  # holds the key's place; a nested block replaces it
            frame.pending = key
            return
        if value is _LITERAL:
            value = self.literal(rest or "", frame.indent)
        mapping[key] = value
        self.scalar_indent = frame.indent

    def literal(self, header: str, parent: int) -> str:
        """A `|` or `|-` block under a key at column `parent`: its lines, as libyaml keeps them.
        Lines of spaces only and a last line with no line break take the full path."""
        if header[:2] == "|-":
            keep_last, after = False, 2
        else:
            keep_last, after = True, 1
        if not _AFTER.fullmatch(header, after):
            raise _Decline  # `|+`, `|2`, or text after the indicator
        lines, index = self.lines, self.index
        leading = 0
        while index < len(lines) and lines[index] == "":
            leading += 1
            index += 1
        if index >= len(lines):
            raise _Decline
        first = lines[index]
        content = first.lstrip(" ")
        indent = len(first) - len(content)
        if not content or indent <= parent:
            raise _Decline  # an empty block, or spaces only
        body: list[str] = []
        last = index
        while index < len(lines):
            line = lines[index]
            if line:
                stripped = line.lstrip(" ")
                if not stripped:
                    raise _Decline
                if len(line) - len(stripped) < indent:
                    break
                last = index
            body.append(line[indent:])
            index += 1
        if last == len(lines) - 1:
            raise _Decline  # the text ends inside the block, with no final line break
        del body[last - self.index - leading + 1 :]
        self.index = last + 1
        return "\n" * leading + "\n".join(body) + ("\n" if keep_last else "")


def _value(text: str) -> Any:
    """What the text after `key: ` or `- ` reads as: a scalar, `{}`, `[]`, _EMPTY (nothing:
    a nested block follows, or null) or _LITERAL (`|`); _Decline for anything else."""
    if not text or text[0] == "#":
        return _EMPTY
    first = text[0]
    if first == '"':
        match = _DOUBLE.match(text)
        if match is None or not _AFTER.fullmatch(text, match.end()):
            raise _Decline
        return _ESCAPE.sub(_unescape, match.group(1)) if "\\" in text else match.group(1)
    if first == "'":
        match = _SINGLE.match(text)
        if match is None or not _AFTER.fullmatch(text, match.end()):
            raise _Decline
        return match.group(1).replace("''", "'")
    if first == "|":
        return _LITERAL
    if first in _INDICATORS:
        if text[:2] in ("{}", "[]") and _AFTER.fullmatch(text, 2):
            return {} if first == "{" else []
        if first != "-" or len(text) < 2 or text[1] not in "0123456789.":
            raise _Decline
    if " #" in text:
        text = text[: text.index(" #")]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Decline
    return plain_scalar(text)


def _unescape(match: re.Match[str]) -> str:
    code, letter = match.groups()
    if code is not None:
        point = int(code, 16)
        if 0xD800 <= point <= 0xDFFF:
            raise _Decline
        return chr(point)
    if letter not in _ESCAPES:
        raise _Decline
    return _ESCAPES[letter]

"""Safe YAML loading that remembers where every key and value came from.

PyYAML's own loaders lose positions, silently keep the last of two duplicate keys, read `no` as
false (YAML 1.1), and expand aliases without limit. sxt composes the node graph with libyaml
(fast, C) and builds plain Python data itself, so that it can refuse each of those with a
one-line `path:line:col:` error and keep a position for every node for later diagnostics.

Most files are plain block YAML and valid: fastyaml.py reads those ~15x faster, to the same
data, and their positions come from this full path only when something asks for one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR
from typing import Any, cast

import yaml

from toolkit.core import fastyaml
from toolkit.core.diagnostics import Diagnostic, Severity

try:
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 8 * 1024 * 1024
"""Largest document sxt reads: far above any real checklist, below what could stall a hook."""
MAX_ALIAS_NODES = 10_000
"""Nodes that aliases may add by expansion: plenty for reuse, far too few for a billion laughs."""
MAX_DEPTH = 100

JsonPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SAFE_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_TIMESTAMP = _TAG + "timestamp"

# YAML 1.2 core schema: only true/false are booleans, so `answer: no` stays the word "no".
# One definition, in fastyaml.py, so that both readers resolve scalars alike.
_NULL, _BOOL, _INT, _OCT = fastyaml.NULL, fastyaml.BOOL, fastyaml.INT, fastyaml.OCT
_HEX, _FLOAT, _INF, _NAN = fastyaml.HEX, fastyaml.FLOAT, fastyaml.INF, fastyaml.NAN


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    col: int


@dataclass(slots=True)
class Document:
    """A loaded YAML mapping plus the 1-based position of every key and value in it.

    Paths are JSON-pointer-like tuples, e.g. ("items", 2, "level"), the same shape jsonschema
    reports, so a schema error maps straight back to the line a person has to edit.

    A document fastyaml.py read has no positions yet, only its text: most valid files are
    never asked where anything is, so the full loader reads the text again the first time
    one is (`key_positions`, `value_positions`, `position`, `diagnostic`, `==`).
    """

    path: Path
    display: str
    data: dict[str, Any]
    _key_positions: dict[JsonPath, Position] | None = field(default=None, repr=False)
    _value_positions: dict[JsonPath, Position] | None = field(default=None, repr=False)
    _source: str | None = field(default=None, repr=False)
    _line_offset: int = field(default=0, repr=False)

    @property
    def key_positions(self) -> dict[JsonPath, Position]:
        if self._key_positions is None:
            self._read_positions()
        return self._key_positions  # type: ignore[return-value]

    @property
    def value_positions(self) -> dict[JsonPath, Position]:
        if self._value_positions is None:
            self._read_positions()
        return self._value_positions  # type: ignore[return-value]

    def _read_positions(self) -> None:
        keys: dict[JsonPath, Position] = {}
        values: dict[JsonPath, Position] = {}
        if self._source is not None:
            try:
                full = _load_full(self._source, self.display, self.path, self._line_offset)
            except LoadError:  # pragma: no cover - fastyaml only takes what the loader reads
                pass
            else:
                keys, values = full.key_positions, full.value_positions
        self._key_positions, self._value_positions, self._source = keys, values, None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.path, self.display, self.data, self.key_positions, self.value_positions) == (
            other.path,
            other.display,
            other.data,
            other.key_positions,
            other.value_positions,
        )

    def position(self, path: Sequence[str | int], *, key: bool = False) -> Position:
        """Where `path` is written; falls back to the nearest ancestor that exists, so a
        diagnostic about a missing key points at the mapping that should hold it."""
        path = tuple(path)
        while path:
            table = self.key_positions if key else self.value_positions
            if path in table:
                return table[path]
            if key and path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
            key = True  # an ancestor is best shown at its key: that is the line to look at
        return self.value_positions.get((), Position(1, 1))

    def diagnostic(
        self,
        path: Sequence[str | int],
        severity: Severity,
        code: str,
        message: str,
        *,
        key: bool = False,
    ) -> Diagnostic:
        where = self.position(path, key=key)
        return Diagnostic(self.display, where.line, where.col, severity, code, message)


class LoadError(Exception):
    """A file that cannot be read as an sxt document; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(f"{d.location()}: {d.message}" for d in diagnostics))
        self.diagnostics = diagnostics


def _fail(display: str, line: int | None, col: int | None, code: str, message: str) -> LoadError:
    return LoadError([Diagnostic(display, line, col, "error", code, message)])


def read_text(path: Path, display: str, status: os.stat_result | None = None) -> str:
    """Reads a file as UTF-8 text, turning every way that can fail into a one-line error.
    `status` is the file's os.stat() when the caller has just taken it: a system call is
    a good part of the cost of a small valid file."""
    try:
        status = status if status is not None else os.stat(path)
        size = status.st_size
        if S_ISDIR(status.st_mode):
            raise _fail(display, None, None, "not-a-file", "is a directory, expected a file")
        if size > MAX_BYTES:
            raise _fail(
                display,
                None,
                None,
                "too-large",
                f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte ({MAX_BYTES // 1_048_576} "
                "MiB) limit for an sxt document",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(display, None, None, "not-found", "no such file") from None
    except PermissionError:
        raise _fail(display, None, None, "unreadable", "cannot read: permission denied") from None
    except IsADirectoryError:
        raise _fail(display, None, None, "not-a-file", "is a directory, expected a file") from None
    except OSError as error:
        raise _fail(display, None, None, "unreadable", f"cannot read: {error.strerror}") from None
    return decode(raw, display)


_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def decode(raw: bytes, display: str) -> str:
    if raw.startswith(_UTF16_32_BOMS) or (len(raw) > 1 and b"\x00" in raw[:2]):
        raise _fail(
            display,
            None,
            None,
            "encoding",
            "file is UTF-16 or UTF-32, expected UTF-8 text: re-save the file as UTF-8",
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, col = _byte_position(raw, offset)
        raise _fail(display, line, col, "binary", "binary data (NUL byte), expected UTF-8 text")
    try:
        if not raw.startswith(b"\xef\xbb\xbf"):  # the C codec; utf-8-sig is Python code
            return raw.decode("utf-8")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _byte_position(raw, error.start)
        byte = raw[error.start]
        raise _fail(
            display,
            line,
            col,
            "encoding",
            f"not valid UTF-8 (byte 0x{byte:02x}), expected UTF-8 text: re-save the file as UTF-8",
        ) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def load_file(
    path: Path, display: str | None = None, status: os.stat_result | None = None
) -> Document:
    """Loads one YAML document that must be a mapping; raises LoadError with every problem."""
    display = display if display is not None else str(path)
    return load_text(read_text(path, display, status), display, path)


def load_text(text: str, display: str, path: Path | None = None, line_offset: int = 0) -> Document:
    """Loads YAML text; `line_offset` shifts positions for YAML embedded in another file
    (Markdown front matter), so diagnostics still point into the file the user edits.

    Plain block YAML, the common case, is read by fastyaml.py with positions left for
    later; anything else, and every file with a problem, by the full loader below."""
    data = fastyaml.parse(text)
    if data is not None:
        where = path if path is not None else Path(display)
        return Document(where, display, data, _source=text, _line_offset=line_offset)
    return _load_full(text, display, path, line_offset)


def _load_full(text: str, display: str, path: Path | None, line_offset: int) -> Document:
    """libyaml's node graph, built into data with every position and every refusal."""
    try:
        _refuse_deep_nesting(text, display, line_offset)
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, display, line_offset) from None
    except yaml.reader.ReaderError as error:
        raise _unreadable_character(error, text, display, line_offset) from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives a mark
        raise _fail(display, None, None, "syntax", f"YAML syntax error: {error}") from None
    if root is None:
        what = "file is empty" if not text.strip() else "file holds only comments"
        raise _fail(
            display,
            None,
            None,
            "empty",
            f"{what}, expected a mapping that starts with `sxt: 1` and `kind:`",
        )
    builder = _Builder(display, line_offset)
    if not isinstance(root, yaml.MappingNode):
        found = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        where = builder.position(root)
        raise _fail(
            display,
            where.line,
            where.col,
            "not-a-mapping",
            f"found {found} at the top level, expected a mapping (`sxt: 1`, `kind: ...`)",
        )
    data = builder.build(root, (), 0)
    if builder.problems:
        raise LoadError(builder.problems)
    return Document(
        path=path if path is not None else Path(display),
        display=display,
        data=data,
        _key_positions=builder.key_positions,
        _value_positions=builder.value_positions,
    )


def _refuse_deep_nesting(text: str, display: str, line_offset: int) -> None:
    """libyaml's composer recurses in C once per nesting level and crashes the interpreter
    (SIGSEGV, no message) somewhere past 30,000 levels. Its parser keeps an explicit stack, so
    walking the events first finds a too-deep document safely, for about the cost of one
    more parse."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark  # None only for events made by hand, not parsed ones
                line = (mark.line if mark else 0) + 1 + line_offset
                raise _fail(
                    display,
                    line,
                    (mark.column if mark else 0) + 1,
                    "too-deep",
                    f"nested more than {MAX_DEPTH} levels deep, expected a flatter document",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _unreadable_character(
    error: yaml.reader.ReaderError, text: str, display: str, line_offset: int
) -> LoadError:
    """libyaml refuses a control character (or U+FFFE/FFFF) anywhere in the text with no
    mark, only a byte offset into the UTF-8 it read and a message over two lines; said at
    its line:col like every other refusal, with the way to write one that is wanted."""
    line, col = _byte_position(text.encode("utf-8", "surrogatepass"), error.position)
    code = f"\\x{error.character:02x}" if error.character < 0x100 else f"\\u{error.character:04x}"
    return _fail(
        display,
        line + line_offset,
        col,
        "control-character",
        f"control character U+{error.character:04X}, expected printable text: YAML allows "
        f"none in a file (write it as {code} inside double quotes)",
    )


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, display: str, line_offset: int
) -> LoadError:
    mark = error.problem_mark or error.context_mark
    line_index = mark.line if mark else 0
    lines = text.splitlines()
    source_line = lines[line_index] if line_index < len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indent:
        return _fail(
            display,
            line_index + 1 + line_offset,
            indent.index("\t") + 1,
            "tab-indent",
            "tab in indentation, expected spaces: YAML indents with spaces only",
        )
    problem = error.problem or "invalid YAML"
    if problem.startswith("exceeded maximum nesting depth"):
        # libyaml 0.2.5+ stops at 1,000 levels while scanning, before the event walk that
        # would have said it plainly; the one fix is the same.
        line = line_index + 1 + line_offset
        col = (mark.column + 1) if mark else 1
        return _fail(
            display,
            line,
            col,
            "too-deep",
            f"nested more than {MAX_DEPTH} levels deep, expected a flatter document",
        )
    if problem.startswith("but found another document"):
        line = line_index + 1 + line_offset
        return _fail(display, line, 1, "syntax", "a second document (`---`), expected one per file")
    if problem == "found undefined alias" and mark is not None:
        name = re.match(r"\*([^\s,\]}]*)", source_line[mark.column :])
        problem = f"alias *{name.group(1) if name else ''} refers to no anchor (&name) above it"
    if (
        problem.startswith("found unexpected end of stream")
        and error.context_mark
        and error.context
    ):
        mark = error.context_mark  # the end of the file is not where anything can be fixed
        problem = f"{error.context.removeprefix('while scanning a ')} is never closed"
        context = ""
    else:
        context = f" {error.context}" if error.context else ""
        if error.context_mark and mark is not error.context_mark:
            context += f" started at line {error.context_mark.line + 1 + line_offset}"
    hint = next((text for start, text in _SYNTAX_HINTS.items() if problem.startswith(start)), "")
    line = mark.line + 1 + line_offset if mark else 1
    col = (mark.column + 1) if mark else 1
    return _fail(display, line, col, "syntax", f"YAML syntax error: {problem}{context}{hint}")


_SYNTAX_HINTS = {
    "mapping values are not allowed": "; if the value contains ': ', put it in quotes",
    "did not find expected '-' indicator": "; check the indentation of this line",
    "did not find expected key": "; check the indentation, or quote a value that starts with "
    "a special character",
    "found character that cannot start any token": "; a value that starts with @ or ` must be "
    "quoted",
}


class _Builder:
    """Turns composed nodes into plain data, recording positions and collecting problems."""

    def __init__(self, display: str, line_offset: int) -> None:
        self.display = display
        self.line_offset = line_offset
        self.key_positions: dict[JsonPath, Position] = {}
        self.value_positions: dict[JsonPath, Position] = {}
        self.problems: list[Diagnostic] = []
        self._seen: set[int] = set()
        self._active: set[int] = set()
        self._alias_nodes = 0

    def position(self, node: yaml.Node) -> Position:
        return Position(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        where = self.position(node)
        self.problems.append(
            Diagnostic(self.display, where.line, where.col, "error", code, message)
        )

    def build(self, node: yaml.Node, path: JsonPath, depth: int, via_alias: bool = False) -> Any:
        identity = id(node)
        if identity in self._active:
            raise self._fatal(node, "alias", "recursive alias: an anchor refers to itself")
        if identity in self._seen:
            via_alias = True
        self._seen.add(identity)
        if via_alias:
            self._alias_nodes += 1
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise self._fatal(
                    node,
                    "alias-bomb",
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                    "(a 'billion laughs' document?), expected plain data",
                )
        if depth > MAX_DEPTH:  # aliases chained inside each other nest deeper than any event run
            raise self._fatal(
                node,
                "too-deep",
                f"nested more than {MAX_DEPTH} levels deep, expected a flatter document",
            )
        self.value_positions.setdefault(path, self.position(node))
        if node.tag not in _SAFE_TAGS and node.tag != _TIMESTAMP:
            self.problem(
                node,
                "unsafe-tag",
                f"tag {node.tag.replace(_TAG, '!!')!r} is not allowed, expected plain YAML data "
                "(no tags)",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self._active.add(identity)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [
                    self.build(item, (*path, index), depth + 1, via_alias)
                    for index, item in enumerate(node.value)
                ]
            # The composer makes scalar, sequence and mapping nodes only.
            return self._mapping(cast(yaml.MappingNode, node), path, depth, via_alias)
        finally:
            self._active.discard(identity)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int, via_alias: bool) -> dict:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node, "complex-key", "a list or mapping used as a key, expected text"
                )
                continue
            key = key_node.value
            if key == "<<" and key_node.style == "":
                self.problem(
                    key_node,
                    "merge-key",
                    "merge keys (<<) are not supported, expected the keys written out: "
                    "every value should be visible where it applies",
                )
                continue
            if key in first_seen:
                first = self.position(first_seen[key])
                self.problem(
                    key_node,
                    "duplicate-key",
                    f"duplicate key {key!r} (first at line {first.line}), expected each key once: "
                    "YAML would silently keep only the last value",
                )
                continue
            first_seen[key] = key_node
            self.key_positions[(*path, key)] = self.position(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1, via_alias)
        return result

    def _fatal(self, node: yaml.Node, code: str, message: str) -> LoadError:
        where = self.position(node)
        return LoadError([Diagnostic(self.display, where.line, where.col, "error", code, message)])


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == _TIMESTAMP:
        return value  # dates stay text; the schema checks their shape
    if node.style and tag == _TAG + "str":
        return value  # quoted or block scalar: always text
    if tag in (_TAG + "str", _TAG + "null") and _NULL.match(value):
        return None
    if tag in (_TAG + "str", _TAG + "bool") and value in _BOOL:
        return _BOOL[value]
    if tag in (_TAG + "str", _TAG + "int"):
        if _INT.match(value):
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
    if tag in (_TAG + "str", _TAG + "float"):
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.match(value):
            return float("nan")
    return value


FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE
)


@dataclass(slots=True)
class MarkdownFile:
    """A Markdown file with optional YAML front matter; `body_line` is where the body starts."""

    front_matter: Document
    body: str
    body_line: int


def load_markdown(path: Path, display: str | None = None) -> MarkdownFile:
    display = display if display is not None else str(path)
    return load_markdown_text(read_text(path, display), path, display)


def load_markdown_text(text: str, path: Path, display: str) -> MarkdownFile:
    """load_markdown for text that is not (yet) on disk: an editor's unsaved buffer."""
    match = FRONT_MATTER.match(text)
    if not match:
        if re.match(r"---[ \t]*\r?\n", text):
            raise _fail(
                display,
                1,
                1,
                "front-matter",
                "front matter opened with `---` is never closed, expected a closing `---` line",
            )
        return MarkdownFile(Document(path, display, {}), text, 1)
    front = match.group(1)
    if front.strip():
        try:
            document = load_text(front, display, path, line_offset=1)
        except LoadError as error:
            if error.diagnostics[0].code == "empty":  # only comments
                document = Document(path, display, {})
            else:
                raise
    else:
        document = Document(path, display, {})
    body_line = text.count("\n", 0, match.end()) + 1
    return MarkdownFile(document, text[match.end() :], body_line)

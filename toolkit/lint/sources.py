"""Where replies come from: Markdown files with front matter, YAML `kind: replies` files and
help-desk exports (toolkit.lint.exports), each turned into `Reply` objects whose `locate`
points back at the line:col of the file a person edits; and where --fix writes them back.

Positions are worked out lazily: a reply carries a closure that does the mapping only when a
finding is located, because most replies in a large run have no finding at all.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

from toolkit.core.loader import (
    FRONT_MATTER,
    MAX_BYTES,
    Document,
    LoadError,
    Position,
    decode,
    load_text,
    read_text,
)
from toolkit.lint.exports import fail, read_csv, read_export, unique_key
from toolkit.lint.html_text import OffsetMap, SourceLines, normalize_newlines
from toolkit.lint.model import Locate, Reply, line_locator
from toolkit.lint.sections import Section, sections

__all__ = [
    "FixUnsupported",
    "fixed_source",
    "read_replies",
    "read_replies_from_text",
    "write_fixes",
]

EXPORT_MAX_BYTES = 64 * 1024 * 1024
"""Help-desk exports may be larger than any hand-written sxt document (10,000 macros run to
tens of MiB), so they get a higher limit than toolkit.core.loader.MAX_BYTES."""

_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",  # plain text is a Markdown reply with no markup
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
}


def is_markdown(name: str) -> bool:
    """Whether a reply file of this name is read as Markdown (front matter, `<!-- -->`
    directives), as a .txt reply is too."""
    return _FORMATS.get(PurePath(name).suffix.lower()) == "markdown"


class FixUnsupported(Exception):
    """--fix was asked to write to a source it does not write: a help-desk export belongs to
    the help desk, where the change has to be made (and an export is regenerated anyway)."""


def read_replies(
    path: Path,
    display: str,
    *,
    locale: str | None = None,
    columns: tuple[str, str] = ("title", "body"),
) -> list[Reply]:
    """Every reply in the file at `path`: Markdown (.md), YAML (.yaml/.yml, `kind: replies`),
    a help-desk JSON export (.json, the help desk told by content) or CSV or TSV (.csv, .tsv;
    `columns` names the title and body columns). `locale` is used where a reply names none.
    Raises LoadError with a `display:line:col` diagnostic when the file cannot be read as
    replies."""
    fmt = _format(path.suffix, display)
    exported = fmt in ("json", "csv", "tsv")
    text = _read_export(path, display) if exported else read_text(path, display)
    return _read(text, display, fmt, locale, columns)


def _format(suffix: str, display: str) -> str | None:
    """The reply format a file's extension names; None for no extension (the text decides).
    An extension sxt does not read is an error: reading a .rtf or .docx as Markdown would
    lint its markup as words."""
    if not suffix:
        return None
    fmt = _FORMATS.get(suffix.lower())
    if fmt is None:
        raise fail(
            display,
            None,
            "format",
            f"{suffix}: not a reply format sxt reads, expected one of {', '.join(_FORMATS)} "
            "(--stdin-filename names the format of standard input)",
        )
    return fmt


def read_replies_from_text(
    text: str,
    display: str,
    *,
    locale: str | None = None,
    columns: tuple[str, str] = ("title", "body"),
) -> list[Reply]:
    """Like read_replies, for text from standard input: the format comes from `display`'s
    suffix (`--stdin-filename`); without a known suffix, JSON if the text starts with `{` or
    `[`, YAML if it says `kind: replies`, otherwise a Markdown reply (plain text is one)."""
    fmt = _format(PurePath(display).suffix, display)
    return _read(text.removeprefix("\ufeff"), display, fmt, locale, columns)


def _read(
    text: str, display: str, fmt: str | None, locale: str | None, columns: tuple[str, str]
) -> list[Reply]:
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "json":
        return read_export(text, display, locale)
    if fmt in ("csv", "tsv"):
        return read_csv(text, display, locale, columns, "\t" if fmt == "tsv" else None)
    if fmt == "yaml":
        return _read_yaml(text, display, locale)
    return _read_markdown(text, display, locale)


def _sniff(text: str) -> str:
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return "json"
    if re.search(r"^kind:[ \t]*['\"]?replies['\"]?[ \t]*(?:#.*)?$", text, re.MULTILINE):
        return "yaml"
    return "markdown"


def _read_export(path: Path, display: str) -> str:
    """read_text with the higher limit for exports; every other failure reads as usual."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size <= MAX_BYTES or size > EXPORT_MAX_BYTES or not path.is_file():
        return read_text(path, display)  # reports a missing file, a folder, a huge file
    try:
        return decode(path.read_bytes(), display)
    except OSError as error:
        raise fail(display, None, "unreadable", f"cannot read: {error.strerror}") from None


# --- fields shared by front matter and YAML replies ------------------------------------------


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value).strip() else None


def _names(value: Any, separators: str) -> tuple[str, ...]:
    """A list, or a single string separated by `separators` (a regex class), as names."""
    if isinstance(value, str):
        value = re.split(separators, value)
    if not isinstance(value, list):
        return ()
    return tuple(str(item).strip() for item in value if _text(item))


def _reply(
    display: str,
    key: str,
    title: str,
    text: str,
    locate: Locate,
    fields: dict[str, Any],
    locale: str | None,
) -> Reply:
    return Reply(
        source=display,
        key=key,
        title=_text(fields.get("title")) or title,
        text=text,
        locate=locate,
        tags=_names(fields.get("tags"), r","),
        situation=_text(fields.get("situation")),
        channel=_text(fields.get("channel")),
        locale=_text(fields.get("locale")) or locale,
        disabled=frozenset(_names(fields.get("sxt-disable"), r"[,\s]+")),
    )


# --- Markdown ---------------------------------------------------------------------------------


def _split_markdown(text: str, display: str) -> tuple[int, dict[str, Any]]:
    """Where the body starts and the front matter's data; the same rules (and messages) as
    toolkit.core.loader.load_markdown, which reads only from a path."""
    match = FRONT_MATTER.match(text)
    if not match:
        if re.match(r"---[ \t]*\r?\n", text):
            raise fail(
                display,
                Position(1, 1),
                "front-matter",
                "front matter opened with `---` is never closed, expected a closing `---` line",
            )
        return 0, {}
    front = match.group(1)
    data: dict[str, Any] = {}
    if front.strip():
        try:
            data = load_text(front, display, Path(display), line_offset=1).data
        except LoadError as error:
            if error.diagnostics[0].code != "empty":  # a front matter of only comments is fine
                raise
    return match.end(), data


def _read_markdown(text: str, display: str, locale: str | None) -> list[Reply]:
    """The body is linted exactly as written, HTML comments (sxt directives) and entities
    included, so a fix can be written back without touching anything else. A file whose
    front matter says `kind: replies` holds one reply under each `## ` heading."""
    body_start, fields = _split_markdown(text, display)
    if _is_library(fields):
        return _read_sections(text, display, body_start, fields, locale)
    body, _ = normalize_newlines(text[body_start:])
    body_line = text.count("\n", 0, body_start) + 1
    stem = PurePath(display).stem or display
    return [_reply(display, stem, stem, body, line_locator(body, body_line), fields, locale)]


def _is_library(fields: dict[str, Any]) -> bool:
    return fields.get("kind") == "replies"


def _read_sections(
    text: str, display: str, body_start: int, fields: dict[str, Any], locale: str | None
) -> list[Reply]:
    """One reply a `## ` heading, titled and keyed by the heading's text. The front matter
    is the file's, not a reply's: its `title` names the library, and its tags, situation,
    channel, locale and `sxt-disable` apply to every reply."""
    shared = {name: value for name, value in fields.items() if name != "title"}
    replies = []
    for key, section in _keyed_sections(text, display, body_start):
        body, _ = normalize_newlines(text[section.start : section.end])
        locate = line_locator(body, section.line)
        replies.append(_reply(display, key, section.title or key, body, locate, shared, locale))
    return replies


def _keyed_sections(text: str, display: str, body_start: int) -> list[tuple[str, Section]]:
    """The replies of a Markdown library with their keys: the heading's text, or `#<n>`
    (the n-th `## ` heading) for an empty or repeated one. A heading with no text under it
    has nothing to lint. None at all is an error: the front matter promised replies."""
    found = sections(text, body_start)
    if not found:
        where = Position(text.count("\n", 0, body_start) + 1, 1)
        message = (
            "front matter says `kind: replies`, expected a `## ` heading to start each reply "
            "(without `kind: replies` the file is one reply)"
        )
        raise fail(display, where, "no-replies", message)
    seen: set[str] = set()
    keyed = []
    for index, section in enumerate(found):
        key = unique_key(section.title or f"#{index + 1}", index, seen)
        if text[section.start : section.end].strip():
            keyed.append((key, section))
    return keyed


# --- YAML replies -----------------------------------------------------------------------------


def _yaml_keys(items: Sequence[Any]) -> list[str]:
    """A reply's key is its `id`, or `#<n>` (1-based) without one; the same rule on the
    loader's data and on ruamel's round-trip data, so --fix finds the reply it linted."""
    seen: set[str] = set()
    keys = []
    for index, item in enumerate(items):
        identity = item.get("id") if isinstance(item, dict) else None
        key = str(identity) if isinstance(identity, str) and identity else f"#{index + 1}"
        keys.append(unique_key(key, index, seen))
    return keys


_BARE_LIST = re.compile(
    r"(?P<head>(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:---[ \t]*(?:#[^\n]*)?\r?\n)?)"
    r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*-(?:[ \t]|\r?\n|$)"
)
"""A YAML file whose first entry, after comments and a `---`, is a list item."""


def _load_yaml(text: str, display: str) -> tuple[Document, bool]:
    """The YAML document, and whether it is a bare list of replies (`- title: ...` with no
    `kind:`), as reply libraries kept by hand or written by other tools often are. The
    loader reads only a mapping, so a bare list is read as the value of a `replies:` line
    put before it: a block list may stand at its key's indentation, and with the positions
    shifted back a line every line:col is the file's own."""
    match = _BARE_LIST.match(text)
    if match is None:
        return load_text(text, display, Path(display)), False
    at = match.end("head")
    wrapped = f"{text[:at]}replies:\n{text[at:]}"
    try:
        return load_text(wrapped, display, Path(display), line_offset=-1), True
    except LoadError as error:
        raise _own_error(text, display, error) from None


def _own_error(text: str, display: str, wrapped: LoadError) -> LoadError:
    """A broken bare list's error as the file itself gives it: a syntax error said of the
    wrapped text may name the added line ("a block mapping started at line 0"). Only when
    the file is sound YAML (a list, which the loader refuses as such) is the wrapped text's
    error its own: a duplicate key in a reply, an unsafe tag."""
    try:
        load_text(text, display, Path(display))
    except LoadError as error:
        if error.diagnostics[0].code != "not-a-mapping":
            return error
    return wrapped


def _load_yaml_replies(text: str, display: str) -> tuple[Document, list[dict[str, Any]]]:
    """The document and its replies, refused with a positioned error unless every reply has
    a text body: a file half of which cannot be linted is reported, not half linted."""
    document, bare = _load_yaml(text, display)
    data = document.data
    if bare:
        _nothing_after_the_list(document)
    elif data.get("kind") != "replies":
        found = f"kind: {data['kind']!r}" if "kind" in data else "no `kind:`"
        message = f"found {found}, expected `kind: replies`: only replies are linted"
        raise LoadError([document.diagnostic(("kind",), "error", "not-replies", message)])
    items = data.get("replies")
    if not isinstance(items, list):
        message = "expected `replies:` to be a list of replies (title, body)"
        raise LoadError(
            [document.diagnostic(("replies",), "error", "not-replies", message, key=True)]
        )
    problems = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            message = "expected a reply (title, body)"
            problems.append(document.diagnostic(("replies", index), "error", "reply", message))
        elif not isinstance(item.get("body"), str):
            what = "has no `body`" if "body" not in item else "has a `body` that is not text"
            message = f"reply #{index + 1} {what}, expected the reply text"
            path = ("replies", index, "body")
            problems.append(document.diagnostic(path, "error", "reply", message, key=True))
    if problems:
        raise LoadError(problems)
    return document, items


def _nothing_after_the_list(document: Document) -> None:
    """A key after a bare list (`- ...` then `title: x`) is a broken file, though read under
    the added `replies:` line it would load: refused at the key."""
    extra = next((key for key in document.data if key != "replies"), None)
    if extra is not None:
        message = (
            f"found `{extra}:` after the list of replies, expected only the list "
            "(or `kind: replies` with the list under `replies:`)"
        )
        raise LoadError([document.diagnostic((extra,), "error", "not-replies", message, key=True)])


def _read_yaml(text: str, display: str, locale: str | None) -> list[Reply]:
    document, items = _load_yaml_replies(text, display)
    lines = SourceLines(text)
    replies = []
    for index, (item, key) in enumerate(zip(items, _yaml_keys(items), strict=True)):
        locate = _lazy_locate(lines, _body_offsets(document, lines, index, item["body"]))
        replies.append(_reply(display, key, key, item["body"], locate, item, locale))
    return replies


def _body_offsets(
    document: Document, lines: SourceLines, index: int, value: str
) -> Callable[[], OffsetMap]:
    path = ("replies", index, "body")
    where, key = document.position(path), document.position(path, key=True)
    return lambda: _scalar_offsets(lines, where, key.col - 1, value)


def _lazy_locate(lines: SourceLines, build: Callable[[], OffsetMap]) -> Locate:
    """A Locate whose offset map is built on first use: most replies have no finding."""
    built: list[OffsetMap] = []

    def locate(offset: int) -> Position:
        if not built:
            built.append(build())
        return lines.position(built[0](offset))

    return locate


def _scalar_offsets(
    lines: SourceLines, where: Position, parent_indent: int, value: str
) -> OffsetMap:
    """Value offsets to file offsets for a YAML scalar written at `where`: exact for literal
    blocks and for one-line plain or quoted scalars (escapes included); for folded blocks
    and multi-line flow scalars each source line is found in the value, so line and column
    are exact up to the first escape on a line."""
    raw = lines.text
    start = _scalar_start(raw, lines.offset(where))
    indicator = raw[start : start + 1]
    if indicator in ("|", ">"):
        header_end = _line_end(raw, start)
        if indicator == "|":
            indent = _block_indent(raw, start, header_end, parent_indent)
            return _literal(raw, header_end + 1, value, indent)
        return _aligned(raw, header_end + 1, value, first_exact=False, cuts=())
    if indicator == '"':
        return _quoted(raw, start, _DOUBLE_QUOTED) or _aligned(
            raw, start + 1, value, first_exact=True, cuts=("\\", '"')
        )
    if indicator == "'":
        return _quoted(raw, start, _SINGLE_QUOTED) or _aligned(
            raw, start + 1, value, first_exact=True, cuts=("'",)
        )
    if "\n" not in value and raw.startswith(value, start):
        return OffsetMap(0, start)
    return _aligned(raw, start, value, first_exact=True, cuts=(" #", "\t#"))


_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")


def _scalar_start(raw: str, offset: int) -> int:
    """Where the scalar itself starts: past an anchor (`&greeting`) or a tag (`!!str`),
    which the loader's position includes."""
    match = _PROPERTIES.match(raw, offset)
    return match.end() if match else offset


def _line_end(raw: str, offset: int) -> int:
    end = raw.find("\n", offset)
    return len(raw) if end < 0 else end


def _block_indent(raw: str, indicator: int, header_end: int, parent_indent: int) -> int:
    """The indentation of a block scalar's content: its explicit indicator (`|2`) on top of
    the parent's, or else that of its first non-blank line, as YAML decides it."""
    header = re.match(r"[|>](?:([1-9])[+-]?|[+-]([1-9])?)?", raw[indicator:header_end])
    digit = header and (header.group(1) or header.group(2))
    if digit:
        return parent_indent + int(digit)
    position = header_end + 1
    while position < len(raw):
        end = _line_end(raw, position)
        line = raw[position:end].rstrip("\r")
        if line.strip(" "):
            return len(line) - len(line.lstrip(" "))
        position = end + 1
    return parent_indent + 1


def _literal(raw: str, first: int, value: str, indent: int) -> OffsetMap:
    """A literal block keeps every line: line k of the value is line k of the block, less
    its indentation."""
    mapping = OffsetMap(0, first + indent)
    position, length = first, 0
    for line in value.split("\n"):
        end = _line_end(raw, position)
        mapping.add(length, min(position + indent, end))
        length += len(line) + 1
        position = end + 1
    return mapping


_DOUBLE_QUOTED = re.compile(
    r'\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n|.)|"|\n', re.DOTALL
)
_SINGLE_QUOTED = re.compile(r"''|'|\n")


def _quoted(raw: str, quote: int, special: re.Pattern[str]) -> OffsetMap | None:
    """The exact map for a one-line quoted scalar, each escape (`\\u00e9`, `''`) being one
    character of value; None when the scalar goes on over more lines."""
    mapping = OffsetMap(0, quote + 1)
    position = quote + 1
    length = 0
    while (match := special.search(raw, position)) is not None:
        length += match.start() - position
        token = match.group()
        if token in ('"', "'"):
            return mapping
        if token.endswith("\n"):
            return None
        mapping.add(length, match.start())
        length += 1
        position = match.end()
        mapping.add(length, position)
    return None


def _aligned(
    raw: str, first: int, value: str, *, first_exact: bool, cuts: tuple[str, ...]
) -> OffsetMap:
    """Maps a value whose line breaks YAML folded onto its source lines: each line's text,
    up to the first of `cuts` (an escape, a closing quote, a comment), is found in the value
    after the previous one, with only white space between."""
    mapping = OffsetMap(0, first)
    cursor = 0
    position = first
    exact = first_exact
    while cursor < len(value) and position <= len(raw):
        end = _line_end(raw, position)
        line = raw[position:end]
        content = position if exact else position + len(line) - len(line.lstrip(" \t"))
        probe = raw[content:end].rstrip(" \t\r")
        for cut in cuts:
            probe = probe.split(cut, 1)[0]
        if probe:
            found = value.find(probe, cursor)
            if found < 0 or value[cursor:found].strip(" \t\n"):
                break
            mapping.add(found, content)
            cursor = found + len(probe)
        position = end + 1
        exact = False
    return mapping


# --- --fix ------------------------------------------------------------------------------------


def fixed_source(path: Path, fixed: dict[str, str]) -> str:
    """The file's text as write_fixes would write it (for --diff); nothing is written.
    `fixed` maps a reply's key to its new text."""
    if _fix_format(path) == "markdown":
        return _fixed_markdown(path, fixed)
    bom, text = _read_keeping_bom(path)
    in_place = _fixed_in_place(text, str(path), fixed)
    if in_place is not None:
        return bom + in_place
    return bom + _round_tripped(text, str(path), fixed)


def _round_tripped(text: str, display: str, fixed: dict[str, str]) -> str:
    """The YAML text with the fixes made through a ruamel round trip, for what cannot be
    made in place; the text itself when nothing changes. Read back as replies before it is
    returned, so a broken result raises LoadError rather than being written.

    What comes before a bare list (comments, a `---` line) is kept as written: ruamel drops
    comments that stand before a `---`."""
    import io

    from toolkit.core.store import round_trip

    bare = _BARE_LIST.match(text)
    head = text[: bare.end("head")] if bare else ""
    rest = text[len(head) :]
    yaml = round_trip(rest)
    data = yaml.load(rest)
    if not _apply_yaml(data, fixed, display):
        return text
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    after = head + buffer.getvalue()
    _load_yaml_replies(after, display)
    return after


def write_fixes(path: Path, fixed: dict[str, str]) -> None:
    """Writes each reply's new text (`fixed`: key -> text) into its file, atomically, and
    only when something changes; anything but Markdown or YAML raises FixUnsupported.

    Markdown: the body is replaced; the front matter, a byte-order mark and CRLF line ends
    stay byte for byte. YAML: each change is made where it is written (changed lines of a
    literal block, changed characters of any other scalar, escapes elsewhere untouched),
    and the result is loaded again and compared before anything is written, so the diff is
    the fix and nothing else. What cannot be done that way (a line break added to a folded
    or quoted scalar, a literal block's final line break) goes through
    toolkit.core.store.edit: a ruamel round trip that keeps comments and quoting and keeps a
    literal block literal, though it may re-indent a block or rewrite an escape."""
    from toolkit.core.store import edit, write_text

    if _fix_format(path) == "markdown":
        after = _fixed_markdown(path, fixed)
        if after.encode("utf-8") != path.read_bytes():
            write_text(path, after)
        return
    bom, text = _read_keeping_bom(path)
    in_place = _fixed_in_place(text, str(path), fixed)
    if in_place is not None:
        if in_place != text:
            write_text(path, bom + in_place)
        return
    if _BARE_LIST.match(text):  # no sxt document, so no schema for store.edit to keep
        after = _round_tripped(text, str(path), fixed)
        if after != text:
            write_text(path, bom + after)
        return
    try:
        with edit(path) as data:
            if not _apply_yaml(data, fixed, str(path)):
                raise _Unchanged
    except _Unchanged:
        pass


class _Unchanged(Exception):
    """Leaves store.edit without writing: a rewrite that changes nothing is still churn."""


def _fix_format(path: Path) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt in ("markdown", "yaml"):
        return fmt
    what = {"json": "a help-desk export", "csv": "a CSV file", "tsv": "a TSV file"}.get(
        fmt or "", "not a reply file"
    )
    raise FixUnsupported(
        f"fixes are applied only to Markdown and YAML replies, and this is {what}: "
        "make the change in the help desk or the file's own tool"
    )


def _read_keeping_bom(path: Path) -> tuple[str, str]:
    text = read_text(path, str(path))
    with path.open("rb") as handle:
        bom = "\ufeff" if handle.read(3) == codecs.BOM_UTF8 else ""
    return bom, text


def _fixed_markdown(path: Path, fixed: dict[str, str]) -> str:
    display = str(path)
    bom, text = _read_keeping_bom(path)
    body_start, fields = _split_markdown(text, display)
    if _is_library(fields):
        return bom + _fixed_sections(text, display, body_start, fields, fixed)
    _unknown_keys(fixed, [path.stem], display)
    if path.stem not in fixed:
        return bom + text
    return bom + text[:body_start] + _line_ends_of(text[body_start:], fixed[path.stem])


def _line_ends_of(written: str, new: str) -> str:
    """`new` (LF only, as linted) with CRLF line ends where `written` has them."""
    return new.replace("\n", "\r\n") if "\r\n" in written else new


def _fixed_sections(
    text: str, display: str, body_start: int, fields: dict[str, Any], fixed: dict[str, str]
) -> str:
    """A Markdown library with each fixed reply's body replaced under its heading, every
    other byte as it was. Read back before it is returned: a new text that would move where
    replies start or end (a `## ` line or a code fence of its own) is refused, not written."""
    keyed = _keyed_sections(text, display, body_start)
    _unknown_keys(fixed, [key for key, _ in keyed], display)
    result = text
    for key, section in reversed(keyed):
        if key in fixed:
            written = text[section.start : section.end]
            new = _line_ends_of(written, fixed[key])
            result = result[: section.start] + new + result[section.end :]
    before = {
        reply.key: reply.text for reply in _read_sections(text, display, body_start, fields, None)
    }
    after = {
        reply.key: reply.text for reply in _read_sections(result, display, body_start, fields, None)
    }
    if after != before | fixed:
        raise FixUnsupported(
            "the fix would move where this file's replies start or end (a `## ` heading or a "
            "code fence in the new text): make the change by hand"
        )
    return result


def _unknown_keys(fixed: dict[str, str], keys: Sequence[str], display: str) -> None:
    unknown = sorted(set(fixed) - set(keys))
    if unknown:
        raise fail(
            display,
            None,
            "fix-target",
            f"no reply {unknown[0]!r} in this file (did it change since it was linted?), "
            f"expected one of: {', '.join(keys)}",
        )


def _fixed_in_place(text: str, display: str, fixed: dict[str, str]) -> str | None:
    """The YAML text with each change made where it is written, so the diff is the edit and
    nothing else: changed lines of a literal block are rewritten at the block's indentation;
    in any other scalar the changed characters are replaced, its escapes left as they are.
    None when that cannot be done (a line break added to a folded or flow scalar, a literal
    block's final line break changed) or the result does not load back to exactly the
    intended data: the caller then goes through the ruamel round trip."""
    document, items = _load_yaml_replies(text, display)
    keys = _yaml_keys(items)
    _unknown_keys(fixed, keys, display)
    lines = SourceLines(text)
    edits: list[tuple[int, int, str]] = []
    for index, key in enumerate(keys):
        old, new = items[index]["body"], fixed.get(key)
        if new is None or new == old:
            continue
        path = ("replies", index, "body")
        where = document.position(path)
        start = _scalar_start(text, lines.offset(where))
        indicator = text[start]
        if indicator == "|":
            parent_indent = document.position(path, key=True).col - 1
            changed = _literal_edits(text, start, parent_indent, old, new)
        else:
            changed = _character_edits(_body_offsets(document, lines, index, old)(), old, new)
        if changed is None:
            return None
        edits += [
            (start, end, _escaped(replacement, indicator)) for start, end, replacement in changed
        ]
    if not edits:
        return text
    result = text
    for start, end, replacement in sorted(set(edits), reverse=True):  # an alias: one edit
        result = result[:start] + replacement + result[end:]
    expected = dict(document.data, replies=[dict(item) for item in items])
    for index, key in enumerate(keys):
        if key in fixed:
            expected["replies"][index]["body"] = fixed[key]
    try:
        return result if _load_yaml(result, display)[0].data == expected else None
    except LoadError:
        return None


Edits = list[tuple[int, int, str]]


def _character_edits(offsets: OffsetMap, old: str, new: str) -> Edits | None:
    edits = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if "\n" in old[i1:i2] or "\n" in new[j1:j2]:
            return None
        start = offsets(i1)
        end = offsets(i2) if i2 > i1 else start  # after an escape, not inside it
        edits.append((start, end, new[j1:j2]))
    return edits


def _literal_edits(
    raw: str, indicator: int, parent_indent: int, old: str, new: str
) -> Edits | None:
    """Whole changed lines of a literal block, written at its indentation (a blank line
    without trailing spaces)."""
    if old.endswith("\n") != new.endswith("\n"):
        return None  # the chomping indicator would have to change
    header_end = _line_end(raw, indicator)
    indent = " " * _block_indent(raw, indicator, header_end, parent_indent)
    old_lines = old.removesuffix("\n").split("\n")
    new_lines = new.removesuffix("\n").split("\n")
    starts = [header_end + 1]
    for _ in old_lines:
        starts.append(min(_line_end(raw, starts[-1]) + 1, len(raw)))
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            written = "".join(f"{indent}{line}\n" if line else "\n" for line in new_lines[j1:j2])
            edits.append((starts[i1], starts[i2], written))
    return edits


def _escaped(text: str, indicator: str) -> str:
    """Text as written inside a scalar that starts with `indicator`: a quoted scalar escapes
    its quote; plain and block scalars need nothing (the reload check catches a plain scalar
    that would stop being one)."""
    if indicator == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    if indicator == "'":
        return text.replace("'", "''")
    return text


def _apply_yaml(data: Any, fixed: dict[str, str], display: str) -> bool:
    """Sets each fixed reply's body in ruamel round-trip data (a `kind: replies` mapping or
    a bare list); True when anything changed."""
    items = (
        data if isinstance(data, list) else data.get("replies") if isinstance(data, dict) else None
    )
    if not isinstance(items, list):
        raise fail(display, None, "not-replies", "expected `replies:` to be a list of replies")
    keys = _yaml_keys(items)
    _unknown_keys(fixed, keys, display)
    changed = False
    for index, key in enumerate(keys):
        if key in fixed and str(items[index]["body"]) != fixed[key]:
            items[index]["body"] = _restyled(items[index]["body"], fixed[key])
            changed = True
    return changed


def _restyled(old: Any, new: str) -> Any:
    """`new` written the way `old` was: literal stays literal, folded stays folded (folding
    at the same places), quoted keeps its quotes. An anchor stays with the old value, which
    ruamel writes wherever an alias still refers to it."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString

    result: Any
    if isinstance(old, FoldedScalarString):
        result = FoldedScalarString(new)
        result.fold_pos = _moved_folds(str(old), new, getattr(old, "fold_pos", []))
    elif isinstance(old, ScalarString):
        result = type(old)(new)
    elif "\n" in new:
        result = LiteralScalarString(new)  # a plain scalar cannot keep line breaks as written
    else:
        return new
    comment = getattr(old, "comment", None)
    if comment is not None:
        result.comment = comment
    return result


def _moved_folds(old: str, new: str, folds: Sequence[int]) -> list[int]:
    """Where a folded block broke its lines, moved along by the edit, so the block is
    re-written with the same lines; a fold inside the changed words is dropped."""
    moved = []
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for fold in folds:
        for tag, i1, i2, j1, _ in opcodes:
            if i1 <= fold < i2:
                if tag == "equal":
                    moved.append(j1 + fold - i1)
                break
    return [fold for fold in moved if new[fold : fold + 1] == " "]

"""Help-desk exports read as they are: JSON from Zendesk, Gorgias, Freshdesk, Help Scout and
Intercom, told apart by content, and CSV with a title and a body column.

People lint what their help desk already holds, so nothing has to be converted first, and
every finding points into the export itself: through the JSON string's escapes, the CSV
field's doubled quotes and the HTML body's tags to the line:col of the word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import LoadError, Position
from toolkit.lint.html_text import OffsetMap, SourceLines, normalize_newlines, readable_text
from toolkit.lint.model import Locate, Reply


def fail(display: str, where: Position | None, code: str, message: str) -> LoadError:
    line, col = (where.line, where.col) if where else (None, None)
    return LoadError([Diagnostic(display, line, col, "error", code, message)])


def unique_key(key: str, index: int, seen: set[str]) -> str:
    """Keys must be unique within a file (--fix finds a reply by key); a repeated one falls
    back to the reply's 1-based position, `#<n>`."""
    if key in seen:
        key = f"#{index + 1}"
    seen.add(key)
    return key


def text_locator(
    lines: SourceLines,
    text: str,
    first: Callable[[], Callable[[int], int]] | int,
    *layers: OffsetMap | None,
) -> tuple[str, Locate]:
    """Normalizes `text`'s line breaks and returns it with a Locate that undoes, last first,
    each step that derived the text (`layers`: OffsetMaps in the order they were applied;
    None where a step changed nothing), then maps to the file and to line:col. `first` is
    the file offset the source string starts at, or a factory for the map from source-string
    offset to file offset, built only when a finding is first located."""
    text, newline_map = normalize_newlines(text)
    maps = [m for m in (*layers, newline_map) if m is not None][::-1]
    base: list[Callable[[int], int]] = []

    def locate(offset: int) -> Position:
        for step in maps:
            offset = step(offset)
        if isinstance(first, int):
            return lines.position(first + offset)
        if not base:
            base.append(first())
        return lines.position(base[0](offset))

    return text, locate


# --- JSON -----------------------------------------------------------------------------------

JsonPath = tuple[str | int, ...]


def parse_json(text: str, display: str) -> Any:
    """Parses JSON with the standard library (C speed; positions are found later, and only
    for a reply that has a finding).

    Not through toolkit.core.loader (JSON is YAML): libyaml refuses the surrogate-pair
    escapes (`\\ud83d\\ude00`) that exports written with ASCII-only JSON use for emoji, and
    the loader wants a mapping at the top, where Help Scout and Freshdesk write a list."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = Position(error.lineno, error.colno)
        raise fail(display, where, "syntax", f"JSON syntax error: {error.msg}") from None
    except RecursionError:
        raise fail(display, None, "too-deep", "JSON nested too deeply to read") from None


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its (key, value) pairs in file order, repeated keys included."""


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


class JsonPositions:
    """Where each string value of a JSON file is written, worked out on first use.

    In JSON every string literal, key or value, appears in the same order as a walk of the
    parsed document, so one regex pass over the file, walked along with the document, gives
    each value's opening quote. Only a file with at least one finding pays for it (about a
    fifth of a second for 10,000 Zendesk macros)."""

    def __init__(self, text: str, data: Any) -> None:
        self.text = text
        self._data = data
        self._quotes: dict[JsonPath, int] | None = None

    def quote(self, path: JsonPath) -> int:
        """The offset of the opening quote of the string value at `path`."""
        if self._quotes is None:
            self._quotes = self._index(self._data)
            if self._quotes is None:  # a repeated key: walk the objects as pairs instead
                self._quotes = self._index(json.loads(self.text, object_pairs_hook=_Pairs))
            self._data = None
        return self._quotes.get(path, 0) if self._quotes else 0

    def _index(self, tree: Any) -> dict[JsonPath, int] | None:
        """Quote offsets by path; None when the file holds more literals than the document
        (an object with a repeated key, of which json keeps only the last)."""
        literal = map(re.Match.start, _JSON_STRING.finditer(self.text)).__next__
        quotes: dict[JsonPath, int] = {}

        def walk(node: Any, path: JsonPath) -> None:
            # The hot loop of a file with findings: scalars are handled inline, not by a call.
            is_object = type(node) is dict or type(node) is _Pairs
            items = (node.items() if type(node) is dict else node) if is_object else enumerate(node)
            for key, value in items:
                if is_object:
                    literal()  # the key's own literal
                kind = type(value)
                if kind is str:
                    quotes[(*path, key)] = literal()  # a repeated key: the last wins, as in json
                elif kind is dict or kind is list or kind is _Pairs:
                    walk(value, (*path, key))

        if isinstance(tree, dict | list):
            walk(tree, ())
        try:
            literal()
        except StopIteration:
            return quotes
        return None


_JSON_ESCAPE = re.compile(
    r'\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)|"'
)


def json_string_map(raw: str, quote: int) -> OffsetMap:
    """Offsets in a JSON string's value to offsets in the file: each escape (`\\n`, `\\"`,
    `\\u00e9`, a surrogate pair) is one character of value written as several."""
    mapping = OffsetMap(0, quote + 1)
    position = quote + 1
    length = 0
    while (match := _JSON_ESCAPE.search(raw, position)) is not None:
        length += match.start() - position
        if match.group() == '"':
            break
        mapping.add(length, match.start())
        length += 1
        position = match.end()
        mapping.add(length, position)
    return mapping


def _json_text(
    lines: SourceLines, positions: JsonPositions, value: str, path: JsonPath, html: bool
) -> tuple[str, Locate]:
    def base() -> Callable[[int], int]:
        return json_string_map(lines.text, positions.quote(path))

    text, html_map = readable_text(value, html)
    return text_locator(lines, text, base, html_map)


@dataclass(slots=True)
class _Macro:
    """What one export item gives the linter, before positions are worked out: the body
    and its path inside the item."""

    key: Any
    title: Any
    body: str
    path: JsonPath
    html: bool
    tags: tuple[str, ...] = ()
    locale: Any = None
    channel: str | None = None
    excerpt: bool = False


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _pick(
    item: dict, plain: str, html: str, *, prefer_html: bool = False, at: JsonPath = ()
) -> _Macro | None:
    """The body from the plain-text field when it has text, else from the HTML field (or
    the other way round): one body per reply, never both, so nothing is reported twice."""
    order = [(html, True), (plain, False)] if prefer_html else [(plain, False), (html, True)]
    for name, is_html in order:
        value = _text(item.get(name))
        if value is not None:
            title = item.get("title") or item.get("name")
            return _Macro(item.get("id"), title, value, (*at, name), is_html, locale=_locale(item))
    return None


def _preview(item: dict) -> _Macro | None:
    """Help Scout's saved-replies list (GET /v2/mailboxes/{id}/saved-replies) gives each
    reply only as a preview: plain text, line breaks gone, cut short after a sentence or two
    (GET of one saved reply gives `text` and `chatText`). The email preview is read, else the
    chat one, as an excerpt: what is written there is linted, and nothing is said of what
    the cut may have taken away (`Reply.excerpt`)."""
    macro = _pick(item, "preview", "chatPreview")
    if macro is not None:
        macro.html, macro.excerpt = False, True  # both are plain text
    return macro


def _locale(item: dict) -> Any:
    return item.get("locale") or item.get("language")


_CHANNEL = re.compile(r"(?:channel:)?(all|web|chat|email)")


def _zendesk(item: dict) -> _Macro | None:
    """Zendesk macro: the reply is the `comment_value_html` action (what the agent workspace
    inserts today) or else `comment_value`; a value may be `[channel, text]`."""
    found: dict[str, tuple[str, JsonPath, str | None]] = {}
    tags: list[str] = []
    for number, action in enumerate(item.get("actions") or ()):
        if not isinstance(action, dict):
            continue
        field, value = action.get("field"), action.get("value")
        path: JsonPath = ("actions", number, "value")
        if field in ("comment_value_html", "comment_value") and field not in found:
            channel = None
            if isinstance(value, list):
                parts = [(i, v) for i, v in enumerate(value) if isinstance(v, str)]
                marker = next((m for _, v in parts if (m := _CHANNEL.fullmatch(v))), None)
                channel = marker.group(1) if marker else None
                text = [(i, v) for i, v in parts if not _CHANNEL.fullmatch(v)]
                path, value = ((*path, text[-1][0]), text[-1][1]) if text else (path, None)
            body = _text(value)
            if body is not None:
                found[field] = (body, path, "chat" if channel == "chat" else None)
        elif field in ("set_tags", "current_tags") and isinstance(value, str):
            tags += value.split()
    for field in ("comment_value_html", "comment_value"):
        if field in found:
            body, path, channel = found[field]
            title = item.get("title") or item.get("raw_title")
            html = field == "comment_value_html"
            return _Macro(
                item.get("id"), title, body, path, html, tuple(tags), _locale(item), channel
            )
    return None


def _gorgias(item: dict) -> _Macro | None:
    """Gorgias macro: the reply is the `setResponseText` action's `body_text`/`body_html`."""
    tags: list[str] = []
    macro = None
    for number, action in enumerate(item.get("actions") or ()):
        if not isinstance(action, dict) or not isinstance(action.get("arguments"), dict):
            continue
        arguments = action["arguments"]
        if action.get("name") == "setResponseText" and macro is None:
            at = ("actions", number, "arguments")
            macro = _pick(arguments, "body_text", "body_html", at=at)
        elif action.get("name") == "addTags" and isinstance(arguments.get("tags"), str):
            tags += [tag.strip() for tag in arguments["tags"].split(",") if tag.strip()]
    if macro is not None:
        macro.key, macro.title, macro.locale = item.get("id"), item.get("name"), _locale(item)
        macro.tags = tuple(tags)
    return macro


def _actions(item: dict, key: str) -> bool:
    actions = item.get("actions")
    return isinstance(actions, list) and any(isinstance(a, dict) and key in a for a in actions)


@dataclass(frozen=True, slots=True)
class _Desk:
    name: str
    matches: Callable[[dict], bool]
    extract: Callable[[dict], list[_Macro]]


def _one(extract: Callable[[dict], _Macro | None]) -> Callable[[dict], list[_Macro]]:
    """An item that holds one reply, as the list of replies an item may hold (a dynamic
    content item holds one a language)."""

    def replies(item: dict) -> list[_Macro]:
        macro = extract(item)
        return [] if macro is None else [macro]

    return replies


_ZENDESK_LOCALES = {1: "en-US", 2: "es", 8: "de", 9: "zh-tw", 10: "zh-cn", 13: "pl", 16: "fr"}
"""A Zendesk variant names its language only by `locale_id`, an id that is the same in every
account. These are the ids Zendesk's public locale list (GET /api/v2/locales/public) and its
dynamic content examples show; a variant of any other id takes --locale, or is told by its
script, rather than a guessed language."""


def _dynamic_content(item: dict) -> list[_Macro]:
    """Zendesk dynamic content item (GET /api/v2/dynamic_content/items): the text is in its
    variants, one a language, and each is a reply of its own, titled by the item's name,
    keyed by the variant's id and in the variant's locale where its id tells it."""
    macros = []
    for number, variant in enumerate(item["variants"]):
        body = _text(variant.get("content")) if isinstance(variant, dict) else None
        if body is None:
            continue
        locale_id = variant.get("locale_id")
        locale = _locale(variant) or (
            _ZENDESK_LOCALES.get(locale_id) if type(locale_id) is int else None
        )
        path = ("variants", number, "content")
        macros.append(_Macro(variant.get("id"), item.get("name"), body, path, False, locale=locale))
    return macros


_DESKS = (
    _Desk("Zendesk macros", lambda item: _actions(item, "field"), _one(_zendesk)),
    _Desk("Gorgias macros", lambda item: _actions(item, "arguments"), _one(_gorgias)),
    _Desk(
        "Zendesk dynamic content",
        lambda item: (
            isinstance(item.get("variants"), list)
            and ("placeholder" in item or "default_locale_id" in item)
        ),
        _dynamic_content,
    ),
    _Desk(
        "Intercom macros",
        lambda item: item.get("type") == "macro" or "body_text" in item,
        _one(lambda item: _pick(item, "body_text", "body")),
    ),
    _Desk(
        "Freshdesk canned responses",
        lambda item: "title" in item and ("content" in item or "content_html" in item),
        _one(lambda item: _pick(item, "content", "content_html")),
    ),
    _Desk(
        "Help Scout saved replies",
        lambda item: "name" in item and ("text" in item or "chatText" in item),
        _one(lambda item: _pick(item, "chatText", "text", prefer_html=True)),
    ),
    _Desk(
        "Help Scout saved replies (list)",
        lambda item: "name" in item and ("preview" in item or "chatPreview" in item),
        _one(_preview),
    ),
    _Desk(  # an Intercom macro without its type and plain-text copy
        "Intercom macros",
        lambda item: "name" in item and "body" in item,
        _one(lambda item: _pick(item, "body_text", "body")),
    ),
)

UNKNOWN_EXPORT = (
    "not a known help-desk export: expected Zendesk macros (macros[].actions[] with field "
    "comment_value or comment_value_html), Gorgias macros (actions[] named setResponseText), "
    "Zendesk dynamic content (items[].variants[] with content), Freshdesk canned responses "
    "(title, content), Help Scout saved replies (name, text or preview) or Intercom macros "
    "(name, body), or a reply library: an object of titles and reply texts "
    '({"Refund approved": "Hi ..."}), or of categories holding those'
)

_ENVELOPES = ("macros", "data", "canned_responses", "saved_replies", "items", "results")


def _items(data: Any) -> list[tuple[Any, JsonPath]] | None:
    """The replies inside whatever envelope the API or export tool wrote, each with its
    path in the document."""
    if isinstance(data, list):
        return [(item, (index,)) for index, item in enumerate(data)]
    if not isinstance(data, dict):
        return None
    found: tuple[list[Any], JsonPath] | None = None
    for key in _ENVELOPES:
        if isinstance(data.get(key), list):
            found = data[key], (key,)
            break
    embedded = data.get("_embedded")  # Help Scout's HAL
    if found is None and isinstance(embedded, dict):
        name = next((k for k, v in embedded.items() if isinstance(v, list)), None)
        if name is not None:
            found = embedded[name], ("_embedded", name)
    if found is not None:
        items, path = found
        return [(item, (*path, index)) for index, item in enumerate(items)]
    for single in ("macro", "item"):  # one Zendesk macro or dynamic content item, by id
        if isinstance(data.get(single), dict):
            return [(data[single], (single,))]
    return [(data, ())]


Found = list[tuple[_Macro, JsonPath]]
"""Each reply of a file with the path of its body in the document."""


def _desk_macros(data: Any) -> Found | None:
    """The replies of a help desk's export, the desk told by the first item it knows; None
    when no desk's shape fits."""
    items = _items(data)
    if items is None:
        return None
    objects = [item for item, _ in items if isinstance(item, dict)]
    desk = next((d for item in objects for d in _DESKS if d.matches(item)), None)
    if desk is None:
        return [] if not items else None  # an empty export: nothing to lint, nothing wrong
    return [  # a macro that only sets fields has no reply to lint
        (macro, (*path, *macro.path))
        for item, path in items
        if isinstance(item, dict) and desk.matches(item)
        for macro in desk.extract(item)
    ]


def _library(data: Any) -> Found | None:
    """A reply library kept by hand or by a text-expander tool rather than a help desk:
    `{"Refund approved": "Hi ...", ...}`, each key a reply's title and its value the text,
    or the same one level down, `{"Billing": {"Refund approved": "Hi ..."}}`, each outer key
    a category. A categorised reply's key is `category/title` (unique in the file, and what
    a person searches for), its title the inner key, and the category is its tag, which the
    situations read. Any other value (a number, a list, deeper nesting) makes the file no
    library: None, so it is reported, not half read."""
    if not isinstance(data, dict):
        return None
    found: Found = []
    for name, value in data.items():
        if isinstance(value, str):
            found.append(_entry((name,), value))
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            found += [_entry((name, title), text) for title, text in value.items()]
        else:
            return None
    return [(macro, path) for macro, path in found if _text(macro.body) is not None]


def _entry(path: tuple[str, ...], body: str) -> tuple[_Macro, JsonPath]:
    macro = _Macro("/".join(path), path[-1], body, path, False, tags=path[:-1])
    return macro, path


def read_export(text: str, display: str, locale: str | None) -> list[Reply]:
    """The replies in a help-desk JSON export, the help desk told by content, not name; a
    file no desk's shape fits may be a reply library (`_library`). A desk's shape is tried
    first, so a library whose titles happen to be a desk's field names is read as the desk."""
    data = parse_json(text, display)
    lines = SourceLines(text)
    found = _desk_macros(data)
    if found is None:
        found = _library(data)
    if found is None:
        start = lines.position(len(text) - len(text.lstrip()))
        raise fail(display, start, "unknown-export", UNKNOWN_EXPORT)
    positions = JsonPositions(text, data)
    replies: list[Reply] = []
    seen: set[str] = set()
    for index, (macro, path) in enumerate(found):
        body, locate = _json_text(lines, positions, macro.body, path, macro.html)
        key = macro.key if macro.key is not None and macro.key != "" else macro.title
        key = str(key) if isinstance(key, str | int) and key != "" else f"#{index + 1}"
        replies.append(
            Reply(
                source=display,
                key=unique_key(key, index, seen),
                title=str(macro.title) if macro.title else key,
                text=body,
                locate=locate,
                tags=macro.tags,
                channel=macro.channel,
                locale=macro.locale if isinstance(macro.locale, str) and macro.locale else locale,
                excerpt=macro.excerpt,
            )
        )
    return replies


# --- CSV ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    raw: str  # as written, quotes doubled, without the enclosing quotes
    start: int  # file offset of raw[0]
    quoted: bool

    def value(self) -> str:
        return self.raw.replace('""', '"') if self.quoted else self.raw

    def quote_map(self) -> OffsetMap | None:
        """Each doubled quote is one character of value written as two."""
        if not self.quoted or '""' not in self.raw:
            return None
        mapping = OffsetMap()
        for removed, match in enumerate(re.finditer('""', self.raw), start=1):
            mapping.add(match.end() - removed, match.end())
        return mapping


def _delimiter(text: str) -> str:
    """Comma, semicolon (spreadsheets in many European locales) or tab: whichever splits
    the header line most."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _records(
    text: str, display: str, lines: SourceLines, delimiter: str | None
) -> Iterable[list[_Field]]:
    """RFC 4180 records with each field's file offset (the csv module gives none): quoted
    fields may hold delimiters, doubled quotes and line breaks. `delimiter` None: the
    header line's (`_delimiter`)."""
    delimiter = delimiter or _delimiter(text)
    d = re.escape(delimiter)
    field = re.compile(rf'"((?:[^"]*"")*[^"]*)"|([^"{d}\r\n][^{d}\r\n]*)?')
    trailing = re.compile(rf"[^{d}\r\n]*")
    position, length = 0, len(text)
    record: list[_Field] = []
    while True:
        match = field.match(text, position)
        assert match is not None  # the second alternative matches the empty string
        position = match.end()
        if match.group(1) is not None:
            raw, start = match.group(1), match.start() + 1
            extra = trailing.match(text, position)  # `"a"b`, read as `ab` like the csv module
            if extra is not None and extra.group():
                raw, position = raw + extra.group().replace('"', '""'), extra.end()
            record.append(_Field(raw, start, True))
        else:
            record.append(_Field(match.group(2) or "", match.start(), False))
        if position >= length:
            yield record
            return
        char = text[position]
        if char == delimiter:
            position += 1
        elif char in "\r\n":
            position += 2 if text.startswith("\r\n", position) else 1
            yield record
            record = []
            if position >= length:
                return
        else:  # a quote that opens a field and never closes
            raise fail(
                display,
                lines.position(position),
                "syntax",
                "CSV syntax error: the quoted field that starts here is never closed, "
                'expected a closing `"` (a quote inside a quoted field is written `""`)',
            )


_OPTIONAL = {"id": ("id",), "tags": ("tags",), "locale": ("locale", "language")}
_OPTIONAL |= {"situation": ("situation",), "channel": ("channel",)}


def read_csv(
    text: str,
    display: str,
    locale: str | None,
    columns: tuple[str, str],
    delimiter: str | None = None,
) -> list[Reply]:
    """Replies from a CSV file with a header row; `columns` names the title and the body
    column (matched ignoring case). A body written as HTML is read as HTML. `delimiter` is
    the file's (a tab for TSV, whose header may well hold a comma), else told by the header.
    A TSV field is quoted as in CSV, as spreadsheets write one that holds a line break; a
    quote inside an unquoted field is text."""
    lines = SourceLines(text)
    records = iter(_records(text, display, lines, delimiter))
    header = next(records, [])
    names = [f.value().strip() for f in header]
    index = {name.casefold(): i for i, name in reversed(list(enumerate(names)))}
    missing = [c for c in columns if c.strip().casefold() not in index]
    if missing:
        wanted = " and ".join(f'"{c}"' for c in columns)
        found = ", ".join(f'"{name}"' for name in names if name)
        kind = "TSV" if delimiter == "\t" else "CSV"
        raise fail(
            display,
            Position(1, 1),
            "csv-columns",
            f"{kind} has no {' or '.join(f'{c!r}' for c in missing)} column, expected a header "
            f"row with columns {wanted} (choose others with --columns TITLE,BODY); "
            + (f"found {found}" if found else "the file has no header row"),
        )
    title_at, body_at = (index[c.strip().casefold()] for c in columns)
    optional = {
        name: next((index[a] for a in aliases if a in index), None)
        for name, aliases in _OPTIONAL.items()
    }
    replies: list[Reply] = []
    seen: set[str] = set()
    for row, record in enumerate(records, start=2):  # row 1 is the header, as in a spreadsheet
        if body_at >= len(record) or not record[body_at].value().strip():
            continue  # a blank line or a row without a body: nothing to lint

        def cell(at: int | None, record: list[_Field] = record) -> str:
            return record[at].value().strip() if at is not None and at < len(record) else ""

        body = record[body_at]
        text, html_map = readable_text(body.value())
        reply_text, locate = text_locator(lines, text, body.start, body.quote_map(), html_map)
        key = f"row {row}"
        tags = tuple(t.strip() for t in re.split(r"[,;]", cell(optional["tags"])) if t.strip())
        replies.append(
            Reply(
                source=display,
                key=unique_key(key, row - 1, seen),
                title=cell(title_at) or key,
                text=reply_text,
                locate=locate,
                tags=tags,
                situation=cell(optional["situation"]) or None,
                channel=cell(optional["channel"]) or None,
                locale=cell(optional["locale"]) or locale,
            )
        )
    return replies

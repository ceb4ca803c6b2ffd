"""Go-to-definition and hover on references: from an audit's item to the checklist item it
assesses, from a shop's answer to the scorecard criterion it scores, from a shop's
`journey_step` to the journey's step, and in a reply from its `situation:`, a rule named in a
disable directive, or a finding to where the tone guide writes that situation or rule.

An auditor picking a level, or a tester an answer, needs the item's level descriptors or the
criterion's guidance, which live in another file. The place of an id in that file comes from
the loader's positions (Document.position), the same ones validation reports errors at.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from toolkit.lsp import references as refs
from toolkit.lsp.positions import split_lines, to_lsp

if TYPE_CHECKING:
    from toolkit.core.loader import Document, JsonPath
    from toolkit.core.validation import Catalog
    from toolkit.lsp.server import SxtLanguageServer

_DIRECTIVE = re.compile(r"<!--\s*sxt-(?:disable-next-line|disable|enable)\b(?P<names>.*?)-->")
_FRONT_MATTER_DISABLE = re.compile(r"^sxt-disable:(?P<names>.*)$")
_NAME = re.compile(r"[^\s,\[\]'\"]+")
_SITUATION = re.compile(r"^situation:\s*['\"]?(?P<name>[^\s'\"#]+)")
_JOURNEY_STEP = re.compile(r"^journey_step:\s*['\"]?(?P<name>[^\s'\"]+)")


def _here(
    server: SxtLanguageServer, uri: str, position: types.Position
) -> tuple[refs.Place, refs.Cursor, Catalog] | None:
    """The key under the cursor, the cursor and the document's catalog."""
    at = refs.cursor(server, uri, position)
    catalog = server.analyses[uri].catalog if at is not None else None
    if at is None or catalog is None:
        return None
    found = refs.place(at.lines, at.line - 1)
    return None if found is None else (found, at, catalog)


def _on_key(found: refs.Place, col: int) -> bool:
    return found.key_col <= col <= found.key_col + len(found.key)


def definition(
    server: SxtLanguageServer, uri: str, position: types.Position
) -> types.Location | None:
    """Where the id under the cursor is defined: a checklist item, a scorecard criterion, a
    journey step, or a tone guide's rule or situation."""
    from toolkit.lsp.server import is_reply

    at = refs.cursor(server, uri, position)
    if at is None:
        return None
    target = _in_reply(server, at) if is_reply(at.path) else _in_document(server, at)
    return None if target is None else _location(server, *target)


def _in_document(server: SxtLanguageServer, at: refs.Cursor) -> tuple[Document, JsonPath] | None:
    text, path, col = at.text, at.path, at.col
    catalog = server.analyses[at.uri].catalog
    if catalog is None:
        return None
    kind = refs.kind_of(text, path)
    step = _JOURNEY_STEP.match(at.here)
    if step is not None and kind == "shop" and _within(step, "name", col):
        journey_id, _, step_id = step.group("name").partition("#")
        return refs.step_place(catalog, journey_id, step_id)
    found = refs.place(at.lines, at.line - 1)
    if found is None or not _on_key(found, col):
        return None
    if refs.is_audit_item(found, kind):
        checklist = refs.checklist_of(text, catalog)
        item = refs.checklist_item(checklist, found.key)
        if item is not None and checklist is not None and checklist.document is not None:
            return checklist.document, ("items", item[0], "id")
    elif refs.is_answer(found, kind):
        scorecard, _ = refs.scorecard_of(text, path, catalog)
        criterion = refs.criterion(scorecard, found.key)
        if criterion is not None and scorecard is not None and scorecard.document is not None:
            return scorecard.document, criterion[0]
    return None


def _in_reply(server: SxtLanguageServer, at: refs.Cursor) -> tuple[Document, JsonPath] | None:
    """A reply's references all point into its tone guide: the `situation:` it names, a rule
    in a disable directive, or the rule of the finding under the cursor."""
    from toolkit.lint.guide import find_rule
    from toolkit.lsp.server import reply_guide

    here, col = at.here, at.col
    guide = reply_guide(server, at.path, at.text)
    if guide is None or guide.document is None:
        return None
    situation = _SITUATION.match(here)
    if situation is not None and _within(situation, "name", col):
        if situation.group("name") in guide.situations:
            return guide.document, ("situations", situation.group("name"))
        return None
    directive = _DIRECTIVE.search(here) or _FRONT_MATTER_DISABLE.match(here)
    if directive is not None and _within(directive, "names", col):
        offset = directive.start("names")
        for name in _NAME.finditer(directive.group("names")):
            if offset + name.start() <= col <= offset + name.end():
                rule = find_rule(guide, name.group())
                return None if rule is None else (guide.document, (*rule.path, "id"))
        return None
    for explained in server.analyses[at.uri].explained:
        if explained.start <= (at.line, col + 1) < explained.end:
            return guide.document, (*explained.rule.path, "id")
    return None


def _within(match: re.Match[str], group: str, col: int) -> bool:
    return match.start(group) <= col <= match.end(group)


def _location(server: SxtLanguageServer, written: Document, path: JsonPath) -> types.Location:
    """The id's place in its file, in the file's own position encoding: from the editor's
    buffer when it is open (validation read that one), else from the disk. A mapping's key
    (a guide's situation) is shown at the key, a scalar at its value."""
    where = written.position(path, key=isinstance(path[-1], str) and path[-1] != "id")
    uri = written.path.resolve().as_uri()
    document = server.workspace.text_documents.get(uri)
    if document is not None:
        source = document.source
    else:
        try:
            source = written.path.read_text(encoding="utf-8")
        except OSError:
            source = ""
    lines = split_lines(source)
    encoding = str(server.workspace.position_encoding or "utf-16")
    line, character = to_lsp(lines, where.line, where.col, encoding)
    at = types.Position(line=line, character=character)
    return types.Location(uri=uri, range=types.Range(start=at, end=at))


def hover(server: SxtLanguageServer, uri: str, position: types.Position) -> types.Hover | None:
    """On an audit item or its level: the checklist item's why and level descriptors (only the
    chosen level's on a `level:` line). On a shop's answer: the criterion's guidance."""
    here = _here(server, uri, position)
    if here is None:
        return None
    found, at, catalog = here
    text, path = at.text, at.path
    kind = refs.kind_of(text, path)
    value: str | None = None
    if kind == "audit" and found.parents[:1] == ("items",):
        if refs.is_audit_item(found, kind):
            value = _item_text(catalog, text, found.key, None)
        elif len(found.parents) == 2 and found.key == "level":
            value = _item_text(catalog, text, found.parents[1], found.value)
    elif refs.is_answer(found, kind) or (
        found.key == "answer" and refs.is_answer(_parent(found), kind)
    ):
        name = found.key if found.key != "answer" else found.parents[-1]
        scorecard, _ = refs.scorecard_of(text, path, catalog)
        criterion = refs.criterion(scorecard, name)
        if criterion is not None:
            value = _criterion_text(criterion[1])
    if value is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value=value))


def _parent(found: refs.Place) -> refs.Place:
    """The key `found` is nested in, as if the cursor were on it."""
    return refs.Place(found.line, found.parents[-1], 0, found.parents[:-1], "")


def _clean(text: Any) -> str:
    return " ".join(str(text).split())


def _item_text(catalog: Catalog, text: str, item_id: str, level: str | None) -> str | None:
    checklist = refs.checklist_of(text, catalog)
    found = refs.checklist_item(checklist, item_id)
    if checklist is None or found is None:
        return None
    item = found[1]
    scale = checklist.data.get("scale", {})
    levels = {str(key): value for key, value in (item.get("levels") or {}).items()}
    parts = [f"{item_id}: {_clean(item.get('title', ''))}"]
    if item.get("why"):
        parts.append(f"Why: {_clean(item['why'])}")
    shown = [level] if level in levels else sorted(levels)
    for name in shown:
        label = f" ({_clean(scale[name])})" if name in scale else ""
        parts.append(f"Level {name}{label}: {_clean(levels[name])}")
    return "\n\n".join(parts)


def _criterion_text(criterion: dict[str, Any]) -> str:
    parts = [f"{criterion['id']}: {_clean(criterion.get('title', ''))}"]
    if criterion.get("guidance"):
        parts.append(_clean(criterion["guidance"]))
    return "\n\n".join(parts)

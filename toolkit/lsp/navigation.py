"""Go-to-definition and hover on references: from an audit's item to the checklist item it
assesses, from a shop's answer to the scorecard criterion it scores.

An auditor picking a level, or a tester an answer, needs the item's level descriptors or the
criterion's guidance, which live in another file. The place of an id in that file comes from
the loader's positions (Document.position), the same ones validation reports errors at.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from toolkit.lsp import references as refs
from toolkit.lsp.positions import from_lsp, split_lines, to_lsp

if TYPE_CHECKING:
    from toolkit.core.loader import JsonPath
    from toolkit.core.validation import Catalog, Checked
    from toolkit.lsp.server import SxtLanguageServer


def _here(
    server: SxtLanguageServer, uri: str, position: types.Position
) -> tuple[refs.Place, str, Path, Catalog, int] | None:
    """The key under the cursor, the document's text, path and catalog, and the cursor's
    0-based column in code points."""
    from pygls.uris import to_fs_path

    fs_path = to_fs_path(uri)
    analysis = server.analyses.get(uri)
    if fs_path is None or analysis is None or analysis.catalog is None:
        return None
    text = server.workspace.get_text_document(uri).source
    lines = split_lines(text)
    encoding = str(server.workspace.position_encoding or "utf-16")
    line, col = from_lsp(lines, position.line, position.character, encoding)
    found = refs.place(lines, line - 1)
    if found is None:
        return None
    return found, text, Path(fs_path), analysis.catalog, col - 1


def _on_key(found: refs.Place, col: int) -> bool:
    return found.key_col <= col <= found.key_col + len(found.key)


def definition(
    server: SxtLanguageServer, uri: str, position: types.Position
) -> types.Location | None:
    """Where the audit item's checklist item, or the answer's criterion, is written."""
    here = _here(server, uri, position)
    if here is None:
        return None
    found, text, path, catalog, col = here
    kind = refs.kind_of(text, path)
    if not _on_key(found, col):
        return None
    target: tuple[Checked | None, JsonPath] | None = None
    if refs.is_audit_item(found, kind):
        checklist = refs.checklist_of(text, catalog)
        item = refs.checklist_item(checklist, found.key)
        if item is not None:
            target = (checklist, ("items", item[0], "id"))
    elif refs.is_answer(found, kind):
        scorecard, _ = refs.scorecard_of(text, path, catalog)
        criterion = refs.criterion(scorecard, found.key)
        if criterion is not None:
            target = (scorecard, criterion[0])
    if target is None or target[0] is None or target[0].document is None:
        return None
    return _location(server, target[0], target[1])


def _location(server: SxtLanguageServer, checked: Checked, path: JsonPath) -> types.Location:
    """The id's place in its file, in the file's own position encoding: from the editor's
    buffer when it is open (validation read that one), else from the disk."""
    assert checked.document is not None
    where = checked.document.position(path)
    uri = checked.path.resolve().as_uri()
    document = server.workspace.text_documents.get(uri)
    if document is not None:
        source = document.source
    else:
        try:
            source = checked.path.read_text(encoding="utf-8")
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
    found, text, path, catalog, _ = here
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

"""Completion of the ids sxt documents refer to, so a reference is picked, not typed: a
checklist's item ids as an audit's item keys, a scorecard's criteria as a shop's or a
scoring's answer keys, a journey's steps as a shop's `journey_step`, and a tone guide's
rule ids in a reply's disable directives and its situations in a reply's `situation:`.

Only ids the reference check would accept are offered (an audit's items not yet assessed, the
criteria the shop's channel is scored on), so a completed id never becomes a diagnostic.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from toolkit.lsp import references as refs
from toolkit.lsp.positions import to_lsp

if TYPE_CHECKING:
    from toolkit.lsp.server import SxtLanguageServer

_IN_COMMENT = re.compile(r"<!--\s*sxt-(?:disable-next-line|disable)\b([^>]*)$")
_IN_FRONT_MATTER = re.compile(r"^sxt-disable:(.*)$")
_NAME_START = re.compile(r"[^\s,\[\]]*$")
_SITUATION = re.compile(r"^situation:\s*(\S*)$")
_JOURNEY_STEP = re.compile(r"^journey_step:\s*(\S*)$")


def complete(
    server: SxtLanguageServer, uri: str, position: types.Position
) -> list[types.CompletionItem]:
    """The ids that fit where the cursor is; nothing where sxt refers to nothing."""
    from toolkit.lsp.server import is_reply

    at = refs.cursor(server, uri, position)
    if at is None:
        return []
    path, text, lines, line, encoding = at.path, at.text, at.lines, at.line, at.encoding
    before = at.here[: at.col]

    def replacing(start: int, length: int) -> types.Range:
        first = to_lsp(lines, line, start + 1, encoding)
        last = to_lsp(lines, line, start + 1 + length, encoding)
        return types.Range(
            start=types.Position(line=first[0], character=first[1]),
            end=types.Position(line=last[0], character=last[1]),
        )

    if is_reply(path):
        situation = _SITUATION.match(before)
        if situation is not None and _in_front_matter(lines, line):
            start = situation.start(1)
            return _situation_items(server, path, text, replacing(start, len(before) - start))
        directive = _IN_COMMENT.search(before) or _IN_FRONT_MATTER.match(before)
        if directive is None:
            return []
        typed = _NAME_START.search(before)
        start = typed.start() if typed else len(before)
        return _rule_items(server, path, text, replacing(start, len(before) - start))
    catalog = server.analyses[uri].catalog
    step = _JOURNEY_STEP.match(before)
    if step is not None and catalog is not None and refs.kind_of(text, path) == "shop":
        where = replacing(step.start(1), len(before) - step.start(1))
        return [
            _item(f"{j}#{step_id}", title, None, where) for j, step_id, title in refs.steps(catalog)
        ]
    found = refs.place(lines, line - 1)
    if found is None or catalog is None or not at.col <= found.key_col + len(found.key):
        return []
    kind = refs.kind_of(text, path)
    where = replacing(found.key_col, len(found.key))
    if refs.is_audit_item(found, kind):
        taken = _keys_beside(lines, found)
        return [
            _item(item["id"], item.get("title"), item.get("why"), where)
            for item in refs.items(refs.checklist_of(text, catalog))
            if item["id"] not in taken
        ]
    if refs.is_answer(found, kind):
        scorecard, channel = refs.scorecard_of(text, path, catalog)
        return [
            _item(c["id"], c.get("title"), c.get("guidance"), where)
            for c in refs.criteria(scorecard, channel)
        ]
    return []


def _keys_beside(lines: list[str], found: refs.Place) -> set[str]:
    """The audit's other item keys: an item is assessed once, so it is not offered again."""
    taken = set()
    for index, text in enumerate(lines):
        if index == found.line or refs.indent(text)[0] != found.key_col:
            continue
        other = refs.place(lines, index)
        if other is not None and other.parents == found.parents:
            taken.add(other.key)
    return taken


def _in_front_matter(lines: list[str], line: int) -> bool:
    """Whether the 1-based `line` is between a Markdown reply's opening and closing `---`."""
    if not lines or lines[0].rstrip() != "---":
        return False
    for index in range(1, line - 1):
        if lines[index].rstrip() in ("---", "..."):
            return False
    return line > 1


def _situation_items(
    server: SxtLanguageServer, path: Path, text: str, where: types.Range
) -> list[types.CompletionItem]:
    """The situations of the guide `sxt lint` would use: a reply names one to skip detection."""
    from toolkit.lsp.server import reply_guide

    guide = reply_guide(server, path, text)
    if guide is None:
        return []
    return [
        _item(situation.id, situation.title, situation.description, where)
        for situation in guide.situations.values()
    ]


def _rule_items(
    server: SxtLanguageServer, path: Path, text: str, where: types.Range
) -> list[types.CompletionItem]:
    """The rules of the guide `sxt lint` would use for this reply's locale."""
    from toolkit.lsp.server import reply_guide

    guide = reply_guide(server, path, text)
    if guide is None:
        return []
    return [
        _item(rule.id, f"{rule.code}: {rule.message}", rule.description, where)
        for rule in guide.rules.values()
    ]


def _item(label: str, detail: Any, documentation: Any, where: types.Range) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.Reference,
        detail=str(detail).strip() if detail else None,
        documentation=str(documentation).strip() if documentation else None,
        text_edit=types.TextEdit(range=where, new_text=label),
    )

"""Answers written into an audit file without disturbing anything else in it.

The audit wizard (and any command that edits an audit) sets levels, owners, evidence and
actions on the ruamel round-trip data that toolkit.core.store.edit yields. ruamel attaches the
comment between two items (the next item's title, written by `sxt audit start`) to the last
value of the item above, so a plain append or removal would move or delete that title: the
helpers here lift such comments off before a change and put them back after it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from toolkit.audit.model import Action, Evidence

Level = int | Literal["na", "inconclusive", "waived"]
EntryKind = Literal["evidence", "actions"]

#
# Round-trip data remembers a comment by hanging it on the node it follows. The comment lines
# between two items (the next item's title, written by `sxt audit start`) hang on the last
# scalar of the item above, however deep that is. Appending after that scalar would put the
# new lines below the next item's title, and removing it would remove the title, so every
# edit of an item first takes that tail off, changes the item, and hangs the tail on whatever
# is last afterwards.

ITEM_KEYS = ("level", "reason", "waiver", "owner", "notes", "evidence", "actions")
"""An assessment's keys in the order the schema lists them: a key the wizard adds goes where
this order puts it, so a file written by the wizard reads like one written by hand."""
WAIVER_KEYS = ("justification", "expires")
EVIDENCE_KINDS = ("link", "path", "note")
EVIDENCE_KEYS = (*EVIDENCE_KINDS, "date", "carried_from")
ACTION_KEYS = ("title", "owner", "due", "status", "carried_from")
ACTION_STATES = ("open", "done", "dropped")

Container = CommentedMap | CommentedSeq


def _keys(container: Container) -> list[Any]:
    return list(container) if isinstance(container, CommentedMap) else list(range(len(container)))


def _comment_position(container: Container) -> int:
    """Where ruamel keeps the comment after an entry: third in a mapping's slot, first in a
    sequence's."""
    return 2 if isinstance(container, CommentedMap) else 0


def _last_slot(container: Container, key: Any) -> tuple[Container, Any]:
    """The entry whose comment slot holds what follows `container[key]`: the last scalar
    under it, through nested block collections (flow collections keep their own)."""
    node = container[key]
    while isinstance(node, CommentedMap | CommentedSeq) and node and not node.fa.flow_style():
        container, key = node, _keys(node)[-1]
        node = container[key]
    return container, key


def _column(container: Container) -> int | None:
    """The column the container's entries start at in the file (for a sequence, its dashes);
    None for one made in this edit, which holds no comments of the user's to tell apart."""
    data = container.lc.data
    if not data:
        return None
    column: int = next(iter(data.values()))[1]
    return column - 2 if isinstance(container, CommentedSeq) else column


def _detach_tail(container: Container, key: Any) -> str:
    """Takes the whole comment lines that follow `container[key]` off it and returns them.
    Lines indented deeper than the entry are inside it and stay, as does an end-of-line
    comment: only what is written at the entry's level or further out (the title of what
    comes next) is taken."""
    holder, at = _last_slot(container, key)
    entry = holder.ca.items.get(at)
    position = _comment_position(holder)
    token = entry[position] if entry else None
    if token is None:
        return ""
    head, _, rest = token.value.partition("\n")
    lines = rest.splitlines(keepends=True)
    column = _column(container)
    cut = 0
    if column is not None:
        cut = next(
            (
                i
                for i, line in enumerate(lines)
                if line.strip() and len(line) - len(line.lstrip(" ")) <= column
            ),
            len(lines),
        )
        while cut and not lines[cut - 1].strip():
            cut -= 1  # blank lines go with the comment they lead up to
    inside, outside = "".join(lines[:cut]), "".join(lines[cut:])
    if not outside:
        return ""
    if head or inside:
        token.value = f"{head}\n{inside}"
    else:
        entry[position] = None
    return outside


def _attach_tail(container: Container, key: Any, tail: str) -> None:
    """Hangs comment lines taken by `_detach_tail` after `container[key]`, as they would be
    had the file been read that way."""
    if not tail:
        return
    holder, at = _last_slot(container, key)
    position = _comment_position(holder)
    entry = holder.ca.items.setdefault(at, [None, None, None, None])
    token = entry[position]
    if token is None:
        entry[position] = CommentToken("\n" + tail, CommentMark(0), None)
    else:
        token.value = token.value + tail


def _insert(container: Container, position: int, key: Any, value: Any) -> None:
    """Inserts an entry where the comments between the entries around it stay above the entry
    that follows, which is what such comments describe."""
    keys = _keys(container)
    tail = _detach_tail(container, keys[position - 1]) if position else ""
    if isinstance(container, CommentedMap):
        container.insert(position, key, value)
    else:
        container.insert(position, value)
        key = position
    _attach_tail(container, key, tail)


def _remove(container: Container, key: Any) -> None:
    """Removes an entry and the lines written on it; the comment lines that followed it stay,
    on the entry before (the first entry's go with it: they could only be about it)."""
    position = _keys(container).index(key)
    tail = _detach_tail(container, key)
    del container[key]
    if isinstance(container, CommentedMap):
        container.ca.items.pop(key, None)  # or a key added again later gets its old comment
    if position:
        _attach_tail(container, _keys(container)[position - 1], tail)


def _put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Sets, adds (at its place in `order`) or, for None, removes one key. An unchanged value
    is left alone, so its quoting in the file stays as the user wrote it."""
    if value is None:
        if key in mapping:
            _remove(mapping, key)
        return
    if key in mapping:
        if mapping[key] != value:
            mapping[key] = value
        return
    rank = order.index(key)
    keys = list(mapping)
    position = next(
        (i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys)
    )
    _insert(mapping, position, key, value)


def _put_all(mapping: CommentedMap, values: dict[str, Any], order: Sequence[str]) -> None:
    for key in order:
        if key in values:
            _put(mapping, key, values[key], order)


def _item(data: CommentedMap, item_id: str, order: Sequence[str]) -> CommentedMap:
    """The item's mapping in the audit, added in checklist order when the file lacks it."""
    items = data["items"]
    entry = items.get(item_id)
    if isinstance(entry, CommentedMap):
        return entry
    fresh = CommentedMap()
    if item_id in items:  # `culture:` with nothing after it
        tail = _detach_tail(items, item_id)
        items[item_id] = fresh
        _attach_tail(items, item_id, tail)
        return fresh
    items.fa.set_block_style()
    rank = order.index(item_id) if item_id in order else len(order)
    keys = list(items)
    position = next(
        (i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys)
    )
    _insert(items, position, item_id, fresh)
    return fresh


@contextlib.contextmanager
def _editing(data: CommentedMap, item_id: str, order: Sequence[str]) -> Iterator[CommentedMap]:
    """One item, opened for change with the comment lines after it (the next item's title)
    held aside, and put back after whatever the item ends with once changed."""
    entry = _item(data, item_id, order)
    items = data["items"]
    tail = _detach_tail(items, item_id)
    entry.fa.set_block_style()  # `{}` from `sxt audit start` becomes lines that diff well
    yield entry
    _attach_tail(items, item_id, tail)


def set_answer(
    data: CommentedMap,
    item_id: str,
    level: Level,
    *,
    reason: str | None = None,
    waiver: tuple[str, dt.date] | None = None,
    order: Sequence[str] = (),
) -> None:
    """Writes an item's level. A reason belongs to `na` and a waiver to `waived` only: answering
    otherwise removes them, so the file never says 'level 3, because it does not apply'."""
    with _editing(data, item_id, order) as entry:
        _put(entry, "level", level, ITEM_KEYS)
        _put(entry, "reason", reason if level == "na" else None, ITEM_KEYS)
        if level == "waived" and waiver is not None:
            justification, expires = waiver
            values = {"justification": justification, "expires": expires}
            existing = entry.get("waiver")
            if isinstance(existing, CommentedMap):
                _put_all(existing, values, WAIVER_KEYS)
            else:
                _put(entry, "waiver", _filled(values, WAIVER_KEYS), ITEM_KEYS)
        else:
            _put(entry, "waiver", None, ITEM_KEYS)


def set_owner(data: CommentedMap, item_id: str, owner: str | None, order: Sequence[str]) -> None:
    with _editing(data, item_id, order) as entry:
        _put(entry, "owner", owner or None, ITEM_KEYS)


def _filled(values: dict[str, Any], order: Sequence[str]) -> CommentedMap:
    """A new mapping, filled before it goes into the document: comments moved onto an empty
    one would be written between a dash or a key and its content."""
    mapping = CommentedMap()
    for key in order:
        if values.get(key) is not None:
            mapping[key] = values[key]
    return mapping


def _put_entry(
    entry: CommentedMap,
    kind: EntryKind,
    index: int | None,
    values: dict[str, Any],
    order: Sequence[str],
) -> None:
    """Appends an entry, or changes one in place (keeping the comments inside it)."""
    entries = entry.get(kind)
    if index is not None and isinstance(entries, CommentedSeq):
        _put_all(entries[index], values, order)
    elif isinstance(entries, CommentedSeq) and entries:
        _insert(entries, len(entries), None, _filled(values, order))
    else:
        _put(entry, kind, CommentedSeq([_filled(values, order)]), ITEM_KEYS)


def put_evidence(
    data: CommentedMap,
    item_id: str,
    evidence: Evidence,
    index: int | None = None,
    order: Sequence[str] = (),
) -> None:
    """Adds evidence, or replaces the one at `index`; `carried_from` is written as given, so an
    edit keeps the mark of the quarter it came from."""
    values: dict[str, Any] = dict.fromkeys(EVIDENCE_KINDS)
    values |= {evidence.kind: evidence.value, "date": evidence.date}
    values["carried_from"] = evidence.carried_from
    with _editing(data, item_id, order) as entry:
        _put_entry(entry, "evidence", index, values, EVIDENCE_KEYS)


def put_action(
    data: CommentedMap,
    item_id: str,
    action: Action,
    index: int | None = None,
    order: Sequence[str] = (),
) -> None:
    values = {
        "title": action.title,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
        "carried_from": action.carried_from,
    }
    with _editing(data, item_id, order) as entry:
        _put_entry(entry, "actions", index, values, ACTION_KEYS)


def remove_entry(
    data: CommentedMap, item_id: str, kind: EntryKind, index: int, order: Sequence[str] = ()
) -> None:
    """Removes one evidence or action entry; the list goes when its last entry does, rather
    than staying as `evidence: []`."""
    with _editing(data, item_id, order) as entry:
        entries = entry[kind]
        if len(entries) > 1:
            _remove(entries, index)
        else:
            _remove(entry, kind)

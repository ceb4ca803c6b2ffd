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

from toolkit.audit.model import Action, Evidence
from toolkit.core.yaml_edit import attach_tail, detach_tail, filled, insert, put, put_all, remove

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


def _item(data: CommentedMap, item_id: str, order: Sequence[str]) -> CommentedMap:
    """The item's mapping in the audit, added in checklist order when the file lacks it."""
    items = data["items"]
    entry = items.get(item_id)
    if isinstance(entry, CommentedMap):
        return entry
    fresh = CommentedMap()
    if item_id in items:  # `culture:` with nothing after it
        tail = detach_tail(items, item_id)
        items[item_id] = fresh
        attach_tail(items, item_id, tail)
        return fresh
    items.fa.set_block_style()
    rank = order.index(item_id) if item_id in order else len(order)
    keys = list(items)
    position = next(
        (i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys)
    )
    insert(items, position, item_id, fresh)
    return fresh


@contextlib.contextmanager
def _editing(data: CommentedMap, item_id: str, order: Sequence[str]) -> Iterator[CommentedMap]:
    """One item, opened for change with the comment lines after it (the next item's title)
    held aside, and put back after whatever the item ends with once changed."""
    entry = _item(data, item_id, order)
    items = data["items"]
    tail = detach_tail(items, item_id)
    entry.fa.set_block_style()  # `{}` from `sxt audit start` becomes lines that diff well
    yield entry
    attach_tail(items, item_id, tail)


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
        put(entry, "level", level, ITEM_KEYS)
        put(entry, "reason", reason if level == "na" else None, ITEM_KEYS)
        if level == "waived" and waiver is not None:
            justification, expires = waiver
            values = {"justification": justification, "expires": expires}
            existing = entry.get("waiver")
            if isinstance(existing, CommentedMap):
                put_all(existing, values, WAIVER_KEYS)
            else:
                put(entry, "waiver", filled(values, WAIVER_KEYS), ITEM_KEYS)
        else:
            put(entry, "waiver", None, ITEM_KEYS)


def set_owner(data: CommentedMap, item_id: str, owner: str | None, order: Sequence[str]) -> None:
    with _editing(data, item_id, order) as entry:
        put(entry, "owner", owner or None, ITEM_KEYS)


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
        put_all(entries[index], values, order)
    elif isinstance(entries, CommentedSeq) and entries:
        insert(entries, len(entries), None, filled(values, order))
    else:
        put(entry, kind, CommentedSeq([filled(values, order)]), ITEM_KEYS)


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
            remove(entries, index)
        else:
            remove(entry, kind)

"""Editing ruamel round-trip data without moving anyone's comments.

ruamel attaches the comment lines between two entries (a heading such as the next checklist
item's title) to the last value of the entry above. A plain insert, append or removal would
therefore move that heading under the wrong entry, or delete it. These helpers lift such
comments off before a change and hang them back after whatever then ends the entry, so an
edit touches only the lines it means to. Audits and shops are both edited through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

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


def detach_tail(container: Container, key: Any) -> str:
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


def attach_tail(container: Container, key: Any, tail: str) -> None:
    """Hangs comment lines taken by `detach_tail` after `container[key]`, as they would be
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


def insert(container: Container, position: int, key: Any, value: Any) -> None:
    """Inserts an entry where the comments between the entries around it stay above the entry
    that follows, which is what such comments describe."""
    keys = _keys(container)
    tail = detach_tail(container, keys[position - 1]) if position else ""
    if isinstance(container, CommentedMap):
        container.insert(position, key, value)
    else:
        container.insert(position, value)
        key = position
    attach_tail(container, key, tail)


def remove(container: Container, key: Any) -> None:
    """Removes an entry and the lines written on it; the comment lines that followed it stay,
    on the entry before (the first entry's go with it: they could only be about it)."""
    position = _keys(container).index(key)
    tail = detach_tail(container, key)
    del container[key]
    if isinstance(container, CommentedMap):
        container.ca.items.pop(key, None)  # or a key added again later gets its old comment
    if position:
        attach_tail(container, _keys(container)[position - 1], tail)


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Sets, adds (at its place in `order`) or, for None, removes one key. An unchanged value
    is left alone, so its quoting in the file stays as the user wrote it."""
    if value is None:
        if key in mapping:
            remove(mapping, key)
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
    insert(mapping, position, key, value)


def put_all(mapping: CommentedMap, values: dict[str, Any], order: Sequence[str]) -> None:
    for key in order:
        if key in values:
            put(mapping, key, values[key], order)


def filled(values: dict[str, Any], order: Sequence[str]) -> CommentedMap:
    """A new mapping, filled before it goes into the document: comments moved onto an empty
    one would be written between a dash or a key and its content."""
    mapping = CommentedMap()
    for key in order:
        if values.get(key) is not None:
            mapping[key] = values[key]
    return mapping

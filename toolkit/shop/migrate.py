"""From one file per shop to one file per scoring: `sxt shop migrate`.

Before, every scorer's answers sat under `scores:` in the shop's file, so two scorers scoring
one shop on two branches both appended to one list and git stopped with a conflict. Now the
shop's file keeps its facts and each scoring lives in shops/<shop>/<scorer>.yaml.

The move is done on the text, not by writing data out again, so it is lossless: each entry
of `scores:` is cut out line for line (comment lines just above an entry's dash are its
heading and go with it), dedented to the top level and given `sxt: 1`, `kind: scoring` and
`submitted:` (its date: in the shop's file a scoring counted as submitted). The shop's file
keeps every other line as it was, and a comment written after `scores:` stays there as a
line of its own. Both halves are read back and compared with the original before anything
is written: the shop's data less `scores`, and each scoring's data equal to its entry. A
`scores:` that is not a plain block list (a flow list, say) is refused with the reason
rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.core.loader import LoadError, load_text
from toolkit.core.scaffold import modeline

_TOP_KEY = re.compile(r"^[^\s#]")
_TRAILING_COMMENT = re.compile(r"^scores:\s+(#.*)$")


class MigrationError(Exception):
    """A shop file this migration will not cut up; the message says why."""


@dataclass(frozen=True, slots=True)
class Migrated:
    """A shop file's new text, and its scorings as (file name, scorer, text), each checked
    to hold exactly what the old file held."""

    shop_text: str
    scorings: tuple[tuple[str, str, str], ...]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def split(
    text: str, display: str, shop_id: str, file_name: Callable[[str], str]
) -> Migrated | None:
    """The shop file's text split into its facts and its scorings; None when it has no
    `scores:`. `file_name(scorer)` names a scoring's file, so the naming rule keeps one home
    (toolkit.shop.files)."""
    document = load_text(text, display)
    data = document.data
    if "scores" not in data:
        return None
    lines = text.splitlines(keepends=True)
    key_line = document.position(("scores",), key=True).line - 1
    if _TOP_KEY.match(lines[key_line]) is None or not lines[key_line].startswith("scores:"):
        raise MigrationError(f"{display}: `scores:` is not a top-level key on a line of its own")
    entries = data["scores"] or []
    end = next((n for n in range(key_line + 1, len(lines)) if _TOP_KEY.match(lines[n])), len(lines))
    starts: list[int] = []
    dash = None
    for index in range(len(entries)):
        where = document.position(("scores", index))
        start, col = where.line - 1, where.col - 1
        if lines[start][col - 2 : col] != "- " or lines[start][: col - 2].strip():
            raise MigrationError(
                f"{display}:{where.line}: the scores are not a block list of `- scorer: ...` "
                "entries; move them by hand"
            )
        if dash is not None and col - 2 != dash:
            raise MigrationError(f"{display}:{where.line}: the scores are indented unevenly")
        dash = col - 2
        while start - 1 > key_line and _is_comment(lines[start - 1]):
            start -= 1  # the comment lines just above an entry are its heading
        starts.append(start)
    stop = end
    while stop > (starts[-1] if starts else key_line + 1) and (
        not lines[stop - 1].strip()
        or (_is_comment(lines[stop - 1]) and _indent(lines[stop - 1]) == 0)
    ):
        stop -= 1  # comments at the top level after the list are about what follows
    kept = lines[:key_line]
    trailing = _TRAILING_COMMENT.match(lines[key_line].rstrip("\n"))
    if trailing:
        kept.append(trailing.group(1) + "\n")
    kept += lines[stop:]
    shop_text = "".join(kept)
    scorings = []
    bounds = [*starts, stop]
    for index, entry in enumerate(entries):
        first, width = bounds[index], (dash or 0) + 2
        dash_line = document.position(("scores", index)).line - 1
        moved = []
        for number in range(first, bounds[index + 1]):
            line = lines[number]
            if number == dash_line:
                line = line[: width - 2] + "  " + line[width:]
            moved.append(line[min(_indent(line), width) :] if line.strip() else "\n")
        name = file_name(str(entry["scorer"]))
        relative = Path("shops", shop_id, name)
        # In the shop's file a scoring counted as submitted on its date: so it stays.
        submitted = str(entry.get("date") or data["date"])
        header = f"sxt: 1\nkind: scoring\nsubmitted: {submitted}\n"
        scoring_text = modeline(relative, "scoring") + header + "".join(moved)
        expected = {"sxt": 1, "kind": "scoring", "submitted": submitted, **entry}
        _same(scoring_text, f"{shop_id}/{name}", expected)
        scorings.append((name, str(entry["scorer"]), scoring_text))
    _same(shop_text, display, {k: v for k, v in data.items() if k != "scores"})
    return Migrated(shop_text, tuple(scorings))


def _same(text: str, display: str, expected: dict[str, object]) -> None:
    """Refuses a cut that changed what the file says: sxt never writes a lossy migration."""
    try:
        found = load_text(text, display).data
    except LoadError as error:
        raise MigrationError(f"{display}: the migrated text would not load ({error})") from None
    if found != expected or list(found) != list(expected):
        raise MigrationError(f"{display}: the migrated text would not say the same; move by hand")

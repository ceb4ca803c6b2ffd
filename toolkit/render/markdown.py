"""Markdown for people to paste into documents: user text escaped so it can never break a
table or open a tag, links made safe, tables through tabulate. Shared by every report."""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.core.diagnostics import printable

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # an & that Markdown would read as the start of an entity


def md(text: str) -> str:
    """User text inline in Markdown, in a table cell too: markup characters and `|` escaped
    (a backslash first, so a user's own `\\|` cannot end a cell), `<` as an entity so no tag
    gets through, an `&` that would start an entity (`&amp;`) as one so it shows as typed, and
    each line break (CRLF too) a `<br>` so a cell stays on its row."""
    lines = _NEWLINES.split(text.strip())
    escaped = [
        _ENTITY.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", printable(line))).replace("<", "&lt;")
        for line in lines
    ]
    return "<br>".join(escaped)


def md_link(url: str) -> str:
    """A link as an autolink, with the characters an autolink or a table cell cannot hold
    percent-encoded."""
    for character, code in (("|", "%7C"), (" ", "%20"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(character, code)
    return f"<{printable(url)}>"


def markdown_table(
    rows: Sequence[Sequence[str]], headers: Sequence[str], right: Sequence[int] = ()
) -> str:
    """Cells must already be escaped: only this table's own pipes may reach the output.
    `right` names the columns of figures, aligned right."""
    from tabulate import tabulate

    return tabulate(
        rows,
        headers=headers,
        tablefmt="github",
        disable_numparse=True,
        colalign=align(len(headers), right),
    )


def align(columns: int, right: Sequence[int]) -> list[str]:
    """tabulate's colalign for a table whose `right` columns hold figures."""
    return ["right" if i in right else "left" for i in range(columns)]

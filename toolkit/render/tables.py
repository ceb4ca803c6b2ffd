"""Tables of a report as every text format shows them: a heading, an optional note, then the
table, in the terminal (tabulate's simple format) or in Markdown (GitHub tables). Reports
build `Table`s once, so the terminal and the Markdown versions cannot disagree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.core.diagnostics import printable
from toolkit.render.markdown import align, markdown_table, md


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    figures: Sequence[int] = ()  # the columns of figures, aligned right
    note: str = ""  # a line under the heading
    marked: Sequence[bool] = ()  # rows to highlight (in HTML)


def terminal_text(text: str) -> str:
    """User text on one line of a terminal table: whitespace folded, control codes escaped."""
    return printable(" ".join(text.split()))


def text_table(
    rows: Sequence[Sequence[str]], headers: Sequence[str], right: Sequence[int] = ()
) -> str:
    """A terminal table; `right` names the columns of figures, aligned right."""
    from tabulate import tabulate

    return tabulate(
        [[terminal_text(cell) for cell in row] for row in rows],
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        colalign=align(len(headers), right),
    )


def text_tables(tables: Iterable[Table]) -> list[str]:
    lines = []
    for table in tables:
        lines += ["", table.title, *([terminal_text(table.note)] if table.note else [])]
        lines.append(text_table(table.rows, table.headers, table.figures))
    return lines


def markdown_tables(tables: Iterable[Table], level: int = 2) -> list[str]:
    lines = []
    for table in tables:
        lines += ["", f"{'#' * level} {md(table.title)}", ""]
        lines += [md(table.note), ""] if table.note else []
        rows = [[md(cell) for cell in row] for row in table.rows]
        headers = [md(h) for h in table.headers]
        lines.append(markdown_table(rows, headers, table.figures))
    return lines

"""Tables of a report as every text format shows them: a heading, an optional note, then the
table, in the terminal (tabulate's simple format) or in Markdown (GitHub tables). Reports
build `Table`s once, so the terminal and the Markdown versions cannot disagree."""

from __future__ import annotations

import textwrap
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
    wrap: dict[int, int] | None = None  # column -> width to wrap it at in a terminal


def terminal_text(text: str) -> str:
    """User text on one line of a terminal table: whitespace folded, control codes escaped."""
    return printable(" ".join(text.split()))


def text_table(
    rows: Sequence[Sequence[str]],
    headers: Sequence[str],
    right: Sequence[int] = (),
    wrap: dict[int, int] | None = None,
) -> str:
    """A terminal table; `right` names the columns of figures, aligned right; `wrap` the
    columns of long text, wrapped at spaces only (ids like `journey#step-id` stay whole) so
    the table stays readable in a normal terminal."""
    from tabulate import tabulate

    def cell(column: int, text: str) -> str:
        width = (wrap or {}).get(column)
        if width is None:
            return terminal_text(text)
        return textwrap.fill(
            terminal_text(text), width, break_on_hyphens=False, break_long_words=False
        )

    return tabulate(
        [[cell(i, text) for i, text in enumerate(row)] for row in rows],
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        colalign=align(len(headers), right),
    )


def text_tables(tables: Iterable[Table]) -> list[str]:
    lines = []
    for table in tables:
        lines += ["", table.title, *([terminal_text(table.note)] if table.note else [])]
        lines.append(text_table(table.rows, table.headers, table.figures, table.wrap))
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

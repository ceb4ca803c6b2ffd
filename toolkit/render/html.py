"""One self-contained HTML page, safe to open and to mail: the approach of the audit report
(toolkit/audit/html.py), in pieces any report can use.

- One file, nothing fetched: inline CSS, no scripts, fonts or images, and a
  Content-Security-Policy that forbids them anyway, so the page reads the same offline,
  attached to a mail or printed, and leaks nothing when it is opened.
- Every piece of text goes through `escape` (quotes too, as some land in attributes); the
  helpers below take text and escape it themselves, except where they say they take HTML.
  Control characters come out as visible `\\x1b`-style escapes, as in the terminal: a browser
  would drop or mangle them, and a bidi override would reorder the text around it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from toolkit import __version__
from toolkit.core.diagnostics import printable

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #d5dae1;
  --accent: #1f4e79; --soft: #f4f6f9; --bad-bg: #fdeaea; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 1.2rem; margin: 2rem 0 .8rem; border-bottom: 2px solid var(--accent); }
.muted { color: var(--muted); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
  background: var(--soft); }
.stat .label { display: block; font-size: .74rem; text-transform: uppercase;
  letter-spacing: .05em; color: var(--muted); }
.stat .value { display: block; font-size: 1.5rem; font-weight: 700; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .3rem 0 .6rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: .82rem; }
td:first-child { white-space: nowrap; }
tr.bad td { background: var(--bad-bg); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .82rem; }
@media print { main { max-width: none; padding: 0; } tr, .stat { break-inside: avoid; } }
""".strip()


def escape(text: object) -> str:
    return html.escape(printable(str(text)), quote=True)


def page(title: str, body: Sequence[str], css: str = CSS) -> str:
    """The whole document around `body` (parts of HTML, already escaped)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="sxt {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    caption: str = "",
    row_classes: Sequence[str] = (),
) -> str:
    """A table of text cells (escaped here); `numeric` columns are right-aligned, and
    `row_classes` (one per row, may be empty) style whole rows."""

    def cell(tag: str, index: int, text: str) -> str:
        align = ' class="n"' if index in numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{scope}{align}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        css = row_classes[n] if n < len(row_classes) and row_classes[n] else ""
        attribute = f' class="{escape(css)}"' if css else ""
        body.append(
            f"<tr{attribute}>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
        )
    note = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="scroll"><table>{note}\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table></div>"
    )


def stats(figures: Sequence[tuple[str, str]]) -> str:
    """Headline figures as tiles: (label, value) pairs of text."""
    tiles = "".join(
        f'<div class="stat"><span class="label">{escape(label)}</span>'
        f'<span class="value">{escape(value)}</span></div>'
        for label, value in figures
    )
    return f'<div class="stats">{tiles}</div>'

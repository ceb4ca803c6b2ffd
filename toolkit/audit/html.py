"""The quarterly audit as one self-contained HTML page a leader can paste into a business review.

Why it is built the way it is:

- One file, nothing fetched: inline CSS, inline SVG charts, no scripts, fonts, images or
  stylesheets from anywhere, so the page looks the same offline, in a mail attachment or
  printed, and leaks nothing when it is opened. A Content-Security-Policy meta tag forbids
  every resource and script as a second line of defence.
- Every piece of text a person typed (titles, notes, owners, evidence, actions, the auditor,
  even checklist text, which users edit too) goes through `escape`; only http and https
  links become `<a href>`, anything else (`javascript:`, `data:`) is shown as text.
- Plain strings, no template engine: the domain stays free of dependencies and every output
  byte is visible here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from toolkit import __version__
from toolkit.audit import figures
from toolkit.audit.history import Change, Trend, TrendRow, diff, shown
from toolkit.audit.model import Action, Assessment, Evidence
from toolkit.audit.report import NO_PAINS, assessed, change_since
from toolkit.audit.scoring import MAX_LEVEL, AuditScore, ItemScore, as_of
from toolkit.audit.scoring import Warning as AuditWarning
from toolkit.render.html import escape as _e  # short: it wraps every value on the page
from toolkit.render.html import page

if TYPE_CHECKING:
    from toolkit.journey.links import LinkedPain, Pains

TREND_COLUMNS = 8
"""Quarters the trend table shows (two years); the charts show every quarter. Forty columns
would not fit on a page, and a business review looks back a year or two."""

_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

WARNING_LABELS = {
    "foundation": "Foundations first",
    "stale": "Stale evidence",
    "overdue": "Overdue action",
    "waiver-expired": "Expired waiver",
    "unknown-item": "Unknown item",
}

_STATE_NAMES = {
    "na": "Not applicable",
    "inconclusive": "Inconclusive",
    "waived": "Waived",
    "missing": "Not assessed",
}


CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #d5dae1;
  --accent: #1f4e79; --soft: #f4f6f9; --warn: #7a4100; --warn-bg: #fff3dc;
  --bad: #9b1c1c; --bad-bg: #fdeaea; --good: #1d6b33; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .9rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .78rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: .9rem 0 .3rem; }
p { margin: .4rem 0; }
a { color: #0b57a4; overflow-wrap: anywhere; }
a.jump { color: inherit; text-decoration: none; }
a.jump:hover, a.jump:focus { text-decoration: underline; }
code { font: .88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  overflow-wrap: anywhere; }
.subtitle { color: var(--muted); font-size: 1.05rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
dl.meta { display: flex; flex-wrap: wrap; gap: .3rem 2.2rem; margin: 0; }
dl.meta dt, .stat .label { font-size: .74rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0 0 1.2rem; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
  background: var(--soft); }
.stat .value { display: block; font-size: 1.55rem; font-weight: 700; line-height: 1.3; }
.stat .detail { display: block; color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .3rem 0 .6rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); }
tbody th { font-weight: 600; }
tfoot th, tfoot td { border-top: 2px solid var(--line); font-weight: 600; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: .82rem;
  padding-top: .3rem; }
td.n, th.n { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
.lvl { display: inline-block; min-width: 2.1em; padding: 0 .4em; border-radius: 4px;
  text-align: center; font-weight: 600; white-space: nowrap; }
.lvl-0 { background: #f9dede; } .lvl-1 { background: #fbe6cc; } .lvl-2 { background: #f8efc0; }
.lvl-3 { background: #dcefd9; } .lvl-4 { background: #c5e6cf; }
.lvl-x { background: #e9edf2; color: var(--muted); }
.bar { display: inline-block; width: 96px; height: 9px; border-radius: 5px;
  background: #e3e8ee; vertical-align: middle; }
.bar span { display: block; height: 100%; border-radius: 5px; background: var(--accent); }
.up { color: var(--good); font-weight: 600; } .down { color: var(--bad); font-weight: 600; }
.delta { font-size: .78em; margin-left: .2em; }
.when { font-weight: 400; font-size: .78em; color: var(--muted); }
figure { margin: .8rem 0 1rem; }
figcaption { color: var(--muted); font-size: .82rem; }
svg { max-width: 100%; height: auto; }
article.item { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px 10px;
  margin: 0 0 14px; }
.item-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.item-head .rank { color: var(--muted); font-weight: 600; margin-right: .35em; }
.badge { display: inline-block; white-space: nowrap; border-radius: 4px; padding: .05em .55em;
  font-weight: 600; font-size: .9rem; }
.descriptor { margin: .55rem 0 0; padding: .4rem .75rem; border-left: 3px solid var(--accent);
  background: var(--soft); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  margin: .6rem 0 0; font-size: .92rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.notes { white-space: pre-line; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { padding: .2rem 0; border-bottom: 1px dotted var(--line); }
ul.plain li:last-child { border-bottom: 0; }
.kind { display: inline-block; min-width: 3.2em; font-size: .74rem; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
.tag { display: inline-block; font-size: .78rem; border-radius: 3px; padding: 0 .35em;
  white-space: nowrap; }
.carried { color: var(--warn); background: var(--warn-bg); }
.flag { color: var(--warn); background: var(--warn-bg); }
table.actions { table-layout: fixed; }
table.actions th:nth-child(1) { width: 50%; } table.actions th:nth-child(2) { width: 22%; }
table.actions th:nth-child(3) { width: 14%; }
tr.overdue td { background: var(--bad-bg); }
.overdue-tag { color: #fff; background: var(--bad); }
ul.flags { margin: .6rem 0 0; padding: 0; list-style: none; font-size: .9rem; }
ul.flags li { margin: .15rem 0; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .82rem; }
@media (max-width: 720px) { .stats { grid-template-columns: repeat(2, 1fr); } }
@media print {
  @page { margin: 15mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; }
  article.item, figure, tr, .stat { break-inside: avoid; }
  .scroll { overflow: visible; }
  a[href^="#"] { color: inherit; text-decoration: none; }
}
""".strip()


def report_html(
    current: AuditScore,
    previous: AuditScore | None,
    history: Trend,
    today: dt.date,
    pains: Pains = NO_PAINS,
) -> str:
    """The whole page: summary, what changed, warnings, every item, the trend.

    `today` decides which open actions are overdue and which waivers have expired, judged as
    the warnings are (`scoring.as_of`): on the day the page is made while the quarter runs,
    on the quarter's last day once it is over, so a tag beside an action never disagrees with
    the warnings list on the same page."""
    history = _up_to(history, current)
    due_on = as_of(current.audit, today)
    audit = current.audit
    title = f"Service audit {audit.quarter} · {current.checklist.title}"
    body = [
        _header(current, today, due_on),
        _summary(current, previous, history),
        _changes(current, previous),
        _warnings(current),
        _items(current, due_on, pains),
        _trend(history),
        f"<footer><p>Generated by sxt {_e(__version__)} on {today.isoformat()} from the "
        f"{_e(audit.quarter)} audit against the checklist {_e(current.checklist.id)}.</p>"
        "</footer>",
    ]
    return page(title, body, css=CSS)


# --- sections --------------------------------------------------------------------------------


def _header(current: AuditScore, today: dt.date, due_on: dt.date) -> str:
    audit = current.audit
    facts = [
        ("Quarter", str(audit.quarter)),
        ("Auditor", audit.auditor or "not named"),
        ("Audit date", audit.date.isoformat() if audit.date else "not dated"),
        ("Report date", today.isoformat()),
    ]
    if due_on != today:
        facts.append(("Due dates judged on", due_on.isoformat()))
    meta = "".join(f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in facts)
    return (
        f"<header>\n<h1>Quarterly service audit {_e(audit.quarter)}</h1>\n"
        f'<p class="subtitle">{_e(current.checklist.title)}</p>\n'
        f'<dl class="meta">{meta}</dl>\n</header>'
    )


def _summary(current: AuditScore, previous: AuditScore | None, history: Trend) -> str:
    answered = assessed(current)
    counts = Counter(w.code for w in current.warnings)
    breakdown = ", ".join(
        f"{n} {WARNING_LABELS.get(code, code).lower()}" for code, n in counts.items()
    )
    if previous is None:
        since, since_detail = "—", "no earlier audit"
    elif previous.index is None or current.index is None:
        since, since_detail = "—", f"since {previous.audit.quarter}: not comparable"
    else:
        since, detail = change_since(previous, current)
        since = since or "—"
        since_detail = f"index since {previous.audit.quarter}, {detail}"
    stats = [
        (
            "Maturity index",
            "not scored"
            if current.index is None
            else f"{figures.index(current.index)} / {MAX_LEVEL}",
            "" if current.index is None else f"{figures.index_share(current.index)} of leading",
        ),
        (
            "Completion",
            figures.percent(current.completion),
            f"{answered} of {len(current.items)} items answered",
        ),
        ("Warnings", str(len(current.warnings)), breakdown or "none"),
        ("Change", since, since_detail),
    ]
    cards = "\n".join(
        f'<div class="stat"><span class="label">{_e(label)}</span>'
        f'<span class="value">{_e(value)}</span><span class="detail">{_e(detail)}</span></div>'
        for label, value, detail in stats
    )
    return (
        '<section aria-labelledby="summary">\n<h2 id="summary">Summary</h2>\n'
        f'<div class="stats">\n{cards}\n</div>\n'
        f"{_glance(current, previous)}\n{_index_chart(history)}\n</section>"
    )


def _glance(current: AuditScore, previous: AuditScore | None) -> str:
    """Every item on one screen, in the checklist's priority order: the table people paste."""
    before_header = (
        f'<th scope="col" class="n">{_e(previous.audit.quarter)}</th>' if previous else ""
    )
    rows = []
    for rank, item_score in enumerate(current.items, 1):
        assessment = item_score.assessment
        before = ""
        if previous is not None:
            earlier = previous.audit.assessment(item_score.item.id)
            before = f'<td class="n">{_level_chip(earlier)}</td>'
        rows.append(
            f'<tr><td class="n">{rank}</td>'
            f'<th scope="row"><a class="jump" href="#item-{_e(item_score.item.id)}">'
            f"{_e(item_score.item.title)}</a></th>"
            f'{before}<td class="n">{_level_chip(assessment)}{_delta_of(previous, item_score)}'
            f"</td><td>{_bar(assessment.level)}</td>"
            f"<td>{_e(_state_word(item_score, current))}</td></tr>"
        )
    return (
        '<div class="scroll"><table>\n<caption>Levels 0 (absent) to 4 (leading), items in the '
        "checklist's priority order: foundations first.</caption>\n"
        '<thead><tr><th scope="col" class="n">#</th><th scope="col">Item</th>'
        f'{before_header}<th scope="col" class="n">{_e(current.audit.quarter)}</th>'
        '<th scope="col">Maturity</th><th scope="col">Stage</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>"
    )


def _changes(current: AuditScore, previous: AuditScore | None) -> str:
    head = '<section aria-labelledby="changes">\n<h2 id="changes">Changes since '
    if previous is None:
        return (
            f"{head}the previous quarter</h2>\n"
            "<p>This is the first audit: there is no earlier quarter to compare with.</p>\n"
            "</section>"
        )
    before, after = previous.audit.quarter, current.audit.quarter
    changes = diff(previous, current)
    if not changes:
        table = f"<p>No item changed between {_e(before)} and {_e(after)}.</p>"
    else:
        table = (
            '<div class="scroll"><table>\n<thead><tr><th scope="col">Item</th>'
            f'<th scope="col" class="n">{_e(before)}</th><th scope="col" class="n">{_e(after)}'
            '</th><th scope="col" class="n">Change</th><th scope="col">What changed</th>'
            "</tr></thead>\n<tbody>\n"
            + "\n".join(_change_row(change) for change in changes)
            + "\n</tbody>\n</table></div>"
        )
    return f"{head}{_e(before)}</h2>\n{table}\n</section>"


def _change_row(change: Change) -> str:
    return (
        f'<tr><th scope="row">{_e(change.item.title)}</th>'
        f'<td class="n">{_level_chip(change.before)}</td>'
        f'<td class="n">{_level_chip(change.after)}</td>'
        f'<td class="n">{_signed(change.delta)}</td><td>{_e(change.describe)}</td></tr>'
    )


def _warnings(current: AuditScore) -> str:
    head = '<section aria-labelledby="warnings">\n<h2 id="warnings">Warnings</h2>\n'
    if not current.warnings:
        return (
            f"{head}<p>No warnings: foundations hold, evidence is fresh, nothing is late.</p>\n"
            "</section>"
        )
    rows = "\n".join(
        f"<tr><td>{_e(WARNING_LABELS.get(w.code, w.code))}</td>"
        f"<td>{_e(_title_of(current, w))}</td><td>{_e(w.message)}</td></tr>"
        for w in current.warnings
    )
    return (
        f'{head}<div class="scroll"><table>\n<thead><tr><th scope="col">Kind</th>'
        '<th scope="col">Item</th><th scope="col">Warning</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table></div>\n</section>"
    )


def _items(current: AuditScore, due_on: dt.date, pains: Pains) -> str:
    articles = "\n".join(
        _item(rank, item_score, current, due_on, pains.get(item_score.item.id, ()))
        for rank, item_score in enumerate(current.items, 1)
    )
    return f'<section aria-labelledby="items">\n<h2 id="items">Items</h2>\n{articles}\n</section>'


def _item(
    rank: int,
    item_score: ItemScore,
    current: AuditScore,
    due_on: dt.date,
    pains: Sequence[LinkedPain],
) -> str:
    item, assessment = item_score.item, item_score.assessment
    parts = [
        f'<article class="item" id="item-{_e(item.id)}">',
        f'<div class="item-head"><h3><span class="rank">{rank}.</span>{_e(item.title)}</h3>'
        f"{_badge(assessment, current)}</div>",
    ]
    if assessment.level is not None and assessment.level in item.levels:
        parts.append(
            f'<p class="descriptor"><span class="muted">Level {assessment.level} means:</span> '
            f"{_e(item.levels[assessment.level])}</p>"
        )
    parts.append(_state_detail(assessment, due_on))
    facts = [("Owner", assessment.owner or "no owner named"), ("Cadence", item.cadence)]
    if item.depends_on:
        facts.append(("Builds on", ", ".join(_name_of(current, d) for d in item.depends_on)))
    parts.append(
        '<dl class="facts">'
        + "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in facts)
        + "</dl>"
    )
    if assessment.notes:
        parts.append(f'<h4>Notes</h4>\n<p class="notes">{_e(assessment.notes.strip())}</p>')
    parts.append("<h4>Evidence</h4>")
    if assessment.evidence:
        parts.append(
            '<ul class="plain">'
            + "".join(f"<li>{_evidence(e)}</li>" for e in assessment.evidence)
            + "</ul>"
        )
    else:
        parts.append('<p class="muted">No evidence recorded.</p>')
    if assessment.actions:
        parts.append("<h4>Actions</h4>")
        parts.append(_actions(assessment.actions, due_on))
    if pains:
        parts.append("<h4>Open pain points (journeys)</h4>")
        parts.append('<ul class="plain">' + "".join(_pain(p) for p in pains) + "</ul>")
    flags = [w for w in current.warnings if w.item_id == item.id]
    if flags:
        parts.append(
            '<ul class="flags">'
            + "".join(
                f'<li><span class="tag flag">{_e(WARNING_LABELS.get(w.code, w.code))}</span> '
                f"{_e(w.message)}</li>"
                for w in flags
            )
            + "</ul>"
        )
    parts.append("</article>")
    return "\n".join(part for part in parts if part)


def _pain(linked: LinkedPain) -> str:
    remedy = linked.pain.remedy
    todo = f' <span class="muted">To do: {_e(remedy)}</span>' if remedy else ""
    return f"<li><code>{_e(linked.where)}</code> {_e(linked.pain.description)}{todo}</li>"


def _state_detail(assessment: Assessment, due_on: dt.date) -> str:
    if assessment.state == "na":
        reason = assessment.reason or "no reason given"
        return f"<p><strong>Not applicable:</strong> {_e(reason)}</p>"
    if assessment.state == "inconclusive":
        note = f" {_e(assessment.reason)}" if assessment.reason else ""
        return (
            "<p><strong>Inconclusive:</strong> the evidence does not settle a level yet; this "
            f"item still needs an answer.{note}</p>"
        )
    if assessment.state == "waived":
        if assessment.waiver is None:
            return "<p><strong>Waived</strong> without a justification.</p>"
        justification, expires = assessment.waiver
        expired = ' <span class="tag overdue-tag">expired</span>' if expires < due_on else ""
        return (
            f"<p><strong>Waived until {expires.isoformat()}</strong>{expired}: "
            f"{_e(justification)}</p>"
        )
    if assessment.state == "missing":
        return '<p class="muted">Not assessed yet.</p>'
    return ""


def _evidence(evidence: Evidence) -> str:
    if evidence.kind == "link" and _LINK.fullmatch(evidence.value):
        value = f'<a href="{_e(evidence.value)}" rel="noopener noreferrer">{_e(evidence.value)}</a>'
    elif evidence.kind == "path":
        value = f"<code>{_e(evidence.value)}</code>"
    else:
        value = f'<span class="notes">{_e(evidence.value)}</span>'
    extra = ""
    if evidence.date:
        extra += f' <span class="muted">· {evidence.date.isoformat()}</span>'
    if evidence.carried_from:
        extra += f' <span class="tag carried">carried from {_e(evidence.carried_from)}</span>'
    return f'<span class="kind">{_e(evidence.kind)}</span> {value}{extra}'


def _actions(actions: Iterable[Action], due_on: dt.date) -> str:
    rows = []
    for action in actions:
        late = action.status == "open" and action.due is not None and action.due < due_on
        status = _e(action.status)
        if late:
            status += ' <span class="tag overdue-tag">overdue</span>'
        carried = (
            f' <span class="tag carried">carried from {_e(action.carried_from)}</span>'
            if action.carried_from
            else ""
        )
        row_class = ' class="overdue"' if late else ""
        rows.append(
            f"<tr{row_class}><td>{_e(action.title)}{carried}</td>"
            f"<td>{_e(action.owner or '—')}</td>"
            f'<td class="n">{action.due.isoformat() if action.due else "—"}</td>'
            f"<td>{status}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="actions">\n<thead><tr><th scope="col">Action</th>'
        '<th scope="col">Owner</th><th scope="col" class="n">Due</th>'
        '<th scope="col">Status</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>"
    )


def _trend(history: Trend) -> str:
    head = '<section aria-labelledby="trend">\n<h2 id="trend">Trend</h2>\n'
    if not history.quarters:
        return f"{head}<p>No audits to show a trend of yet.</p>\n</section>"
    shown_from = max(0, len(history.quarters) - TREND_COLUMNS)
    quarters = history.quarters[shown_from:]
    note = (
        f" The table shows the last {len(quarters)} of {len(history.quarters)} quarters; the "
        "small charts show all of them."
        if shown_from
        else ""
    )
    # Read from git, one quarter can have several versions: the commit day tells them apart.
    dates = history.dates[shown_from:] if len(history.dates) == len(history.quarters) else ()
    header = "".join(
        f'<th scope="col" class="n">{_e(q)}'
        + (f'<br><span class="when">{dates[i].isoformat()}</span>' if dates else "")
        + "</th>"
        for i, q in enumerate(quarters)
    )
    rows = "\n".join(_trend_row(row, shown_from) for row in history.rows)
    index_cells = "".join(
        f'<td class="n">{figures.index(v, "—")}</td>' for v in history.index[shown_from:]
    )
    completion_cells = "".join(
        f'<td class="n">{figures.percent(v)}</td>' for v in history.completion[shown_from:]
    )
    return (
        f"{head}"
        '<div class="scroll"><table>\n'
        "<caption>Each item's level per quarter, with the change from the quarter before; "
        f"n/a, ? (inconclusive), waived and - (not assessed) are not scores.{_e(note)}"
        "</caption>\n"
        f'<thead><tr><th scope="col">Item</th>{header}<th scope="col">Levels</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n"
        f'<tfoot><tr><th scope="row">Maturity index (0-4)</th>{index_cells}<td></td></tr>\n'
        f'<tr><th scope="row">Completion</th>{completion_cells}<td></td></tr></tfoot>\n'
        "</table></div>\n</section>"
    )


def _trend_row(row: TrendRow, shown_from: int) -> str:
    cells = "".join(
        f'<td class="n">{_level_chip(assessment)}{_signed(delta, small=True)}</td>'
        for assessment, delta in zip(
            row.assessments[shown_from:], row.deltas[shown_from:], strict=True
        )
    )
    return (
        f'<tr><th scope="row">{_e(row.item.title)}</th>{cells}'
        f"<td>{_sparkline(row.levels, row.item.title)}</td></tr>"
    )


# --- charts ------------------------------------------------------------------------------


def _index_chart(history: Trend) -> str:
    """A line of the maturity index per quarter on a fixed 0-4 axis, so a flat line on a page
    means flat progress, not a zoomed-in wiggle; unscored quarters leave a gap."""
    if not history.quarters:
        return ""
    width, height = 900, 210
    left, right, top, bottom = 44, 40, 22, 32
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(history.quarters)

    def x(i: int) -> float:
        return left + (plot_w / 2 if count == 1 else plot_w * i / (count - 1))

    def y(value: float) -> float:
        return top + plot_h * (1 - value / MAX_LEVEL)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="index-chart-title">',
        '<title id="index-chart-title">Maturity index per quarter: '
        + _e(
            ", ".join(
                f"{q} {figures.index(v, 'not scored')}"
                for q, v in zip(history.quarters, history.index, strict=True)
            )
        )
        + "</title>",
    ]
    for level in range(MAX_LEVEL + 1):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            'stroke="#d5dae1" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y(level) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#4a5360">{level}</text>'
        )
    label_every = math.ceil(count / 10)
    for i, quarter in enumerate(history.quarters):
        if i % label_every == 0 or i == count - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" font-size="12" '
                f'fill="#4a5360">{_e(quarter)}</text>'
            )
    for run in _runs(history.index):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="#1f4e79" stroke-width="2.5" '
            'stroke-linejoin="round"/>'
        )
    for i, value in enumerate(history.index):
        if value is None:
            continue
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="#1f4e79"/>'
            + (
                f'<text x="{x(i):.1f}" y="{y(value) - 9:.1f}" text-anchor="middle" '
                f'font-size="12" font-weight="600" fill="#1b1f24">{figures.index(value)}</text>'
                if count <= 12 or i == count - 1
                else ""
            )
        )
    parts.append("</svg>")
    return (
        "<figure>\n"
        + "".join(parts)
        + "\n<figcaption>Maturity index per quarter, on the 0-4 scale.</figcaption>\n</figure>"
    )


def _sparkline(levels: tuple[int | None, ...], name: str) -> str:
    """One item's levels across every quarter, small enough for a table cell."""
    width, height, pad = 110, 26, 3
    count = len(levels)

    def x(i: int) -> float:
        return pad + (0 if count == 1 else (width - 2 * pad) * i / (count - 1))

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (1 - value / MAX_LEVEL)

    label = f"{name}: " + ", ".join("-" if v is None else str(v) for v in levels)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(label)}">',
        f'<line x1="{pad}" x2="{width - pad}" y1="{height - pad}" y2="{height - pad}" '
        'stroke="#d5dae1" stroke-width="1"/>',
    ]
    for run in _runs(levels):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="#1f4e79" stroke-width="1.8"/>'
        )
    last = next(((i, v) for i, v in reversed(list(enumerate(levels))) if v is not None), None)
    if last is not None:
        parts.append(
            f'<circle cx="{x(last[0]):.1f}" cy="{y(last[1]):.1f}" r="2.5" fill="#1f4e79"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _runs(values: Iterable[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive scored points: a line never bridges a quarter that has no score."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, value))
    return [run for run in runs if run]


# --- small pieces ------------------------------------------------------------------------


def _level_chip(assessment: Assessment) -> str:
    level = assessment.level
    css = f"lvl-{level}" if level is not None and 0 <= level <= MAX_LEVEL else "lvl-x"
    return f'<span class="lvl {css}">{_e(shown(assessment))}</span>'


def _badge(assessment: Assessment, current: AuditScore) -> str:
    if assessment.level is not None:
        name = current.checklist.scale.get(assessment.level)
        text = f"Level {assessment.level}" + (f" · {name}" if name else "")
        css = f"lvl-{assessment.level}" if 0 <= assessment.level <= MAX_LEVEL else "lvl-x"
    else:
        text = _STATE_NAMES[assessment.state]
        css = "lvl-x"
    return f'<span class="badge {css}">{_e(text)}</span>'


def _state_word(item_score: ItemScore, current: AuditScore) -> str:
    """The scale's name for the level (Defined, Managed...), or the state in its place."""
    assessment = item_score.assessment
    if assessment.level is not None:
        return current.checklist.scale.get(assessment.level, "")
    return _STATE_NAMES[assessment.state]


def _bar(level: int | None) -> str:
    if level is None:
        return '<span class="bar" aria-hidden="true"></span>'
    share = max(0, min(level, MAX_LEVEL)) / MAX_LEVEL
    return f'<span class="bar" aria-hidden="true"><span style="width:{share:.0%}"></span></span>'


def _delta_of(previous: AuditScore | None, item_score: ItemScore) -> str:
    if previous is None:
        return ""
    before = previous.audit.assessment(item_score.item.id).level
    after = item_score.level
    if before is None or after is None:
        return ""
    return _signed(after - before, small=True)


def _signed(delta: int | None, *, small: bool = False) -> str:
    """A change with its direction in words for screen readers and in colour for the eye."""
    if delta is None or (small and delta == 0):
        return "" if small else "—"
    css = "up" if delta > 0 else "down" if delta < 0 else "muted"
    word = "up" if delta > 0 else "down" if delta < 0 else "unchanged"
    size = " delta" if small else ""
    text = f"{delta:+d}" if delta else "0"
    return f'<span class="{css}{size}" title="{word} {abs(delta)}">{text}</span>'


def _title_of(current: AuditScore, warning: AuditWarning) -> str:
    found = current.checklist.item(warning.item_id)
    return found.title if found else warning.item_id


def _name_of(current: AuditScore, item_id: str) -> str:
    found = current.checklist.item(item_id)
    return found.title if found else item_id


def _up_to(history: Trend, current: AuditScore) -> Trend:
    """Only quarters up to the reported one: a report of 2026-Q2 printed in 2027 should read
    as it would have then, not show the quarters that came after it."""
    keep = [i for i, quarter in enumerate(history.quarters) if quarter <= current.audit.quarter]
    if len(keep) == len(history.quarters):
        return history
    dates = history.dates  # a trend read from git has one date per column, else none
    return dataclasses.replace(
        history,
        quarters=tuple(history.quarters[i] for i in keep),
        rows=tuple(
            TrendRow(row.item, tuple(row.assessments[i] for i in keep)) for row in history.rows
        ),
        index=tuple(history.index[i] for i in keep),
        completion=tuple(history.completion[i] for i in keep),
        dates=tuple(dates[i] for i in keep) if len(dates) == len(history.quarters) else dates,
    )

"""The audit for people and scripts: a quarter's report, the status at a glance, the trend with
a terminal chart, a diff between two quarters and the action list, as text for the terminal,
Markdown to paste into a quarterly business review, and plain dicts for `--format json`.

Renderers only: every figure comes from scoring.py and history.py, so the CLI, the TUI and the
HTML report cannot disagree. User text is made safe for where it goes: control characters are
escaped for the terminal, and `|`, newlines and markup are escaped in Markdown, so a note that
says "CSAT 4.2 | NPS 31" stays in its table cell.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from toolkit.audit import figures
from toolkit.audit.figures import percent
from toolkit.audit.history import ActionItem, Change, Trend, diff, shown
from toolkit.audit.model import Action, Assessment, Checklist, Evidence
from toolkit.audit.scoring import (
    MAX_LEVEL,
    AuditScore,
    ItemScore,
    as_of,
    index_change,
    is_answered,
)
from toolkit.core.diagnostics import plural, printable
from toolkit.render.markdown import markdown_table, md, md_link
from toolkit.render.tables import terminal_text

if TYPE_CHECKING:
    from toolkit.journey.links import Pains

SPARKS = "▁▂▃▄▅"  # levels 0-4
GAP = "·"  # a quarter with no level for the item: n/a, inconclusive, waived or missing
EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 20
WRAP = 96
NO_PAINS: Mapping[str, Any] = MappingProxyType({})

# --- figures, shared by every format -----------------------------------------------------


def index_label(score: AuditScore) -> str:
    if score.index is None or score.index_percent is None:
        return "nothing scored yet"
    return figures.on_scale(score.index)


def index_delta(before: float | None, after: float | None) -> str:
    """A change between two indexes, rounded once from the exact difference."""
    if before is None or after is None:
        return ""
    return figures.signed(after - before)


def change_since(previous: AuditScore, current: AuditScore) -> tuple[str, str]:
    """The index change as every face shows it: the figure, over the items scored in both
    quarters, and what it rests on (how many items; which entered or left the scoring)."""
    moved = index_change(previous, current)
    if moved.change is None:
        return "", f"no item scored in both {previous.audit.quarter} and {current.audit.quarter}"
    detail = f"on the {plural(len(moved.compared), 'item')} scored in both"
    if moved.entered:
        detail += f"; entered: {', '.join(moved.entered)}"
    if moved.left:
        detail += f"; left: {', '.join(moved.left)}"
    return figures.signed(moved.change), detail


def signed(delta: int | None) -> str:
    return "" if delta is None else f"{delta:+d}"


def delta_since(score: ItemScore, previous: AuditScore | None) -> int | None:
    """The item's move since the quarter before, where both quarters scored it."""
    before = previous.audit.assessment(score.item.id) if previous else None
    if before is None or before.level is None or score.level is None:
        return None
    return score.level - before.level


def assessed(score: AuditScore) -> int:
    return round(score.completion * len(score.items))


def level_label(assessment: Assessment, checklist: Checklist) -> str:
    """`3 Managed`, or what stands in place of a level."""
    if assessment.level is not None:
        name = checklist.scale.get(assessment.level)
        return f"{assessment.level} {name}" if name else str(assessment.level)
    return {
        "na": "n/a",
        "inconclusive": "inconclusive",
        "waived": "waived",
        "missing": "not assessed",
    }[assessment.state]


def standing(assessment: Assessment) -> str:
    """Why an item has no level, in a sentence; empty for a scored item."""
    if assessment.state == "na":
        return f"Not applicable: {assessment.reason}"
    if assessment.state == "waived" and assessment.waiver:
        justification, expires = assessment.waiver
        return f"Waived until {expires}: {justification}"
    if assessment.state == "inconclusive":
        return "Inconclusive: not enough evidence to choose a level; it still needs an answer."
    if assessment.state == "missing":
        return "Not assessed yet."
    return ""


def to_assess(score: AuditScore) -> list[ItemScore]:
    """Items that still need an answer: not reached yet, inconclusive, or waived under a
    waiver that has expired."""
    return [s for s in score.items if not is_answered(s.assessment, score.as_of)]


def warning_counts(score: AuditScore) -> str:
    counts = Counter(warning.code for warning in score.warnings)
    return ", ".join(f"{count} {code}" for code, count in counts.items())


def sparkline(levels: Iterable[int | None]) -> str:
    return "".join(GAP if level is None else SPARKS[level] for level in levels)


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `value` on the 0-4 scale, in eighths of a character."""
    if value is None:
        return " " * width
    full, part = divmod(round(value / MAX_LEVEL * width * 8), 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def index_chart(history: Trend) -> list[str]:
    """One bar per column: the maturity index, the figure the leadership asks about first."""
    return [
        f"{label}  {bar(value)}  {figures.index(value)}"
        for label, value in zip(column_labels(history, " "), history.index, strict=True)
    ]


def column_labels(history: Trend, separator: str = "\n") -> list[str]:
    if not history.dates:
        return [str(quarter) for quarter in history.quarters]
    return [f"{q}{separator}{d}" for q, d in zip(history.quarters, history.dates, strict=True)]


# --- text for the terminal ---------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]], headers: Sequence[str], fmt: str = "simple") -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True)


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        printable(" ".join(text.split())),
        WRAP,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def when(evidence: Evidence) -> str:
    """` (2026-08-21, carried from 2026-Q3)`: when evidence was gathered, and where from."""
    parts = [str(evidence.date)] if evidence.date else []
    if evidence.carried_from:
        parts.append(f"carried from {evidence.carried_from}")
    return f" ({', '.join(parts)})" if parts else ""


def action_details(action: Action, escape: Callable[[str], str], mark: str = "") -> str:
    """`Jonas Weber, due 2026-10-31, carried from 2026-Q3`, with `mark` after the due date."""
    parts = [escape(action.owner) if action.owner else "no owner"]
    if action.due:
        parts.append(f"due {action.due}")
    if mark:
        parts.append(mark)
    if action.carried_from:
        parts.append(f"carried from {action.carried_from}")
    return ", ".join(parts)


def _evidence_text(evidence: Evidence) -> str:
    return f"{evidence.kind} {terminal_text(evidence.value)}{when(evidence)}"


def _action_text(action: Action, due_on: dt.date) -> str:
    status = "OVERDUE" if action.overdue(due_on) else action.status
    return f"[{status}] {terminal_text(action.title)} ({action_details(action, terminal_text)})"


def _item_text(
    number: int, score: ItemScore, checklist: Checklist, due_on: dt.date, pains: Pains
) -> list[str]:
    assessment, item = score.assessment, score.item
    level = terminal_text(level_label(assessment, checklist))
    lines = [f"{number}. {terminal_text(item.title)}: {level}"]
    if assessment.level is not None and assessment.level in item.levels:
        lines += _wrapped(item.levels[assessment.level], "   ")
    elif standing(assessment):
        lines += _wrapped(standing(assessment), "   ")
    if assessment.owner:
        lines.append(f"   Owner: {terminal_text(assessment.owner)}")
    if assessment.notes:
        notes = [printable(line) for line in assessment.notes.strip().splitlines()]
        lines += [f"   Notes: {notes[0]}", *(f"          {line}" for line in notes[1:])]
    if assessment.evidence:
        lines += ["   Evidence:", *(f"     - {_evidence_text(e)}" for e in assessment.evidence)]
    if assessment.actions:
        lines += [
            "   Actions:",
            *(f"     - {_action_text(a, due_on)}" for a in assessment.actions),
        ]
    if pains.get(item.id):
        lines += [
            "   Open pain points (journeys):",
        ]
        for pain in pains[item.id]:
            wrapped = _wrapped(pain.describe(), "       ")
            lines += ["     - " + wrapped[0].lstrip(), *wrapped[1:]]
    return lines


def _changes_rows(changes: list[Change]) -> list[list[str]]:
    return [
        [c.item.id, shown(c.before), shown(c.after), signed(c.delta), terminal_text(c.describe)]
        for c in changes
    ]


def _warning_rows(score: AuditScore) -> list[list[str]]:
    return [[w.item_id, w.code, terminal_text(w.message)] for w in score.warnings]


def summary_text(current: AuditScore, previous: AuditScore | None) -> list[str]:
    since = ""
    if previous is not None and current.index is not None and previous.index is not None:
        figure, detail = change_since(previous, current)
        if figure:
            since = f", {figure} since {previous.audit.quarter} ({detail})"
    total = len(current.items)
    lines = [
        f"Maturity index  {index_label(current)}{since}",
        f"Completion      {assessed(current)} of {total} items ({percent(current.completion)})",
        f"Warnings        {len(current.warnings)}"
        + (f": {warning_counts(current)}" if current.warnings else ""),
    ]
    return lines


def _heading(score: AuditScore) -> list[str]:
    audit = score.audit
    parts = [f"auditor {terminal_text(audit.auditor)}"] if audit.auditor else []
    parts += [f"dated {audit.date}"] if audit.date else []
    byline = ", ".join(parts)
    title = f"Audit {audit.quarter}: {terminal_text(score.checklist.title)}"
    return [title, byline[:1].upper() + byline[1:]] if byline else [title]


def report_text(
    current: AuditScore, previous: AuditScore | None, today: dt.date, pains: Pains = NO_PAINS
) -> str:
    due_on = as_of(current.audit, today)
    checklist = current.checklist
    rows = []
    for number, item_score in enumerate(current.items, 1):
        rows.append(
            [
                str(number),
                item_score.item.id,
                terminal_text(level_label(item_score.assessment, checklist)),
                signed(delta_since(item_score, previous)),
                terminal_text(item_score.assessment.owner or ""),
            ]
        )
    lines = [*_heading(current), "", *summary_text(current, previous), ""]
    lines += [_table(rows, ["#", "item", "level", "change", "owner"]), ""]
    for number, item_score in enumerate(current.items, 1):
        lines += [*_item_text(number, item_score, checklist, due_on, pains), ""]
    lines += _changes_section_text(previous, current)
    lines += ["", "Warnings"]
    lines += (
        [_table(_warning_rows(current), ["item", "warning", "message"], "plain")]
        if current.warnings
        else ["  none"]
    )
    return "\n".join(lines)


def _changes_section_text(previous: AuditScore | None, current: AuditScore) -> list[str]:
    if previous is None:
        return [f"Changes: {current.audit.quarter} is the first audit, nothing to compare with."]
    changes = diff(previous, current)
    lines = [f"Changes since {previous.audit.quarter}"]
    if not changes:
        return [*lines, "  none"]
    return [*lines, _table(_changes_rows(changes), ["item", "before", "after", "delta", "what"])]


def status_text(
    current: AuditScore, previous: AuditScore | None, today: dt.date, where: str
) -> str:
    lines = [*_heading(current), f"File: {printable(where)}", ""]
    lines += summary_text(current, previous)
    pending = to_assess(current)
    if pending:
        why = {"inconclusive": " (inconclusive)", "waived": " (waiver expired)"}
        names = ", ".join(f"{s.item.id}{why.get(s.assessment.state, '')}" for s in pending)
        lines.append(f"To assess       {names}")
    if current.warnings:
        lines += ["", _table(_warning_rows(current), ["item", "warning", "message"], "plain")]
    if current.audit.quarter.last_day < today:
        lines += ["", f"{current.audit.quarter} is over: `sxt audit start` begins the next one."]
    return "\n".join(lines)


def trend_text(history: Trend) -> str:
    if not history.quarters:
        return "No audits yet: `sxt audit start` begins one."
    headers = ["item", *column_labels(history), "change", "chart"]
    rows = []
    for row in history.rows:
        cells = [
            shown(a) + (f" {d:+d}" if d else "")
            for a, d in zip(row.assessments, row.deltas, strict=True)
        ]
        rows.append([row.item.id, *cells, signed(row.change), sparkline(row.levels)])
    indexes = [figures.index(i) for i in history.index]
    rows.append(["index", *indexes, index_delta(_first(history.index), _last(history.index)), ""])
    rows.append(["completion", *map(percent, history.completion), "", ""])
    span = _span(history)
    what = plural(len(history.quarters), "version" if history.dates else "quarter")
    return "\n".join(
        [
            f"Trend {span} ({what}); levels 0-4, with the change from the column before",
            "",
            _table(rows, headers),
            "",
            f"Maturity index (0-{MAX_LEVEL})",
            *index_chart(history),
        ]
    )


def _span(history: Trend) -> str:
    first, last = history.quarters[0], history.quarters[-1]
    return str(first) if first == last else f"{first} to {last}"


def _first(values: Sequence[float | None]) -> float | None:
    return next((v for v in values if v is not None), None)


def _last(values: Sequence[float | None]) -> float | None:
    return _first(list(reversed(values)))


def diff_text(before: AuditScore, after: AuditScore) -> str:
    changes = diff(before, after)
    lines = [
        f"{before.audit.quarter} -> {after.audit.quarter}",
        f"Maturity index  {_index_figure(before)} -> {_index_figure(after)}"
        + (f" ({moved[0]}, {moved[1]})" if (moved := change_since(before, after))[0] else ""),
        f"Completion      {percent(before.completion)} -> {percent(after.completion)}",
        "",
    ]
    if changes:
        lines.append(_table(_changes_rows(changes), ["item", "before", "after", "delta", "what"]))
    unchanged = [s.item.id for s in after.items if s.item.id not in {c.item.id for c in changes}]
    if unchanged:
        lines += ["", f"Unchanged: {', '.join(unchanged)}"]
    return "\n".join(lines)


def _index_figure(score: AuditScore) -> str:
    return figures.index(score.index)


def actions_text(items: list[ActionItem], today: dt.date) -> str:
    if not items:
        return actions_summary(items, today)
    rows = _action_rows(items, today, terminal_text, "OVERDUE")
    table = _table(rows, ["due", "status", "owner", "item", "quarter", "action"])
    return f"{table}\n\n{actions_summary(items, today)}"


def _action_rows(
    items: list[ActionItem], today: dt.date, escape: Callable[[str], str], overdue: str
) -> list[list[str]]:
    """The action list's rows; `escape` makes user text safe for the format."""
    return [
        [
            str(entry.action.due or ""),
            overdue if entry.overdue(today) else entry.action.status,
            escape(entry.action.owner or ""),
            entry.item_id,
            str(entry.quarter),
            escape(entry.action.title),
        ]
        for entry in items
    ]


def actions_summary(items: list[ActionItem], today: dt.date) -> str:
    if not items:
        return "No action items."
    statuses = Counter(entry.action.status for entry in items)
    overdue = sum(entry.overdue(today) for entry in items)
    parts = [f"{statuses[s]} {s}" for s in ("open", "done", "dropped") if statuses[s]]
    if overdue:
        parts[0] += f" ({overdue} overdue)"
    return f"{plural(len(items), 'action')}: {', '.join(parts)}."


# --- Markdown for a quarterly business review --------------------------------------------


def _md_evidence(evidence: Evidence) -> str:
    value = md_link(evidence.value) if evidence.kind == "link" else md(evidence.value)
    return f"{evidence.kind}: {value}{when(evidence)}"


def _md_action(action: Action, due_on: dt.date) -> str:
    box = "[x]" if action.status == "done" else "[ ]"
    title = f"~~{md(action.title)}~~" if action.status == "dropped" else md(action.title)
    details = action_details(action, md, "**overdue**" if action.overdue(due_on) else "")
    dropped = "dropped, " if action.status == "dropped" else ""
    return f"- {box} {title} ({dropped}{details})"


def _md_item(
    number: int, score: ItemScore, checklist: Checklist, due_on: dt.date, pains: Pains
) -> list[str]:
    assessment, item = score.assessment, score.item
    lines = [f"### {number}. {md(item.title)}: {md(level_label(assessment, checklist))}", ""]
    if assessment.level is not None and assessment.level in item.levels:
        lines += [f"> {md(item.levels[assessment.level])}", ""]
    elif standing(assessment):
        lines += [md(standing(assessment)), ""]
    if assessment.owner:
        lines += [f"**Owner:** {md(assessment.owner)}", ""]
    if assessment.notes:
        lines += [f"**Notes:** {md(assessment.notes)}", ""]
    if assessment.evidence:
        lines += ["**Evidence**", "", *(f"- {_md_evidence(e)}" for e in assessment.evidence), ""]
    if assessment.actions:
        lines += ["**Actions**", "", *(_md_action(a, due_on) for a in assessment.actions), ""]
    if pains.get(item.id):
        lines += ["**Open pain points (journeys)**", ""]
        lines += [f"- {md(pain.describe())}" for pain in pains[item.id]] + [""]
    return lines


def report_markdown(
    current: AuditScore, previous: AuditScore | None, today: dt.date, pains: Pains = NO_PAINS
) -> str:
    due_on = as_of(current.audit, today)
    audit, checklist = current.audit, current.checklist
    byline = [f"**{md(checklist.title)}**"]
    if audit.auditor:
        byline.append(f"auditor {md(audit.auditor)}")
    if audit.date:
        byline.append(f"dated {audit.date}")
    summary_headers = ["", str(audit.quarter)]
    index_row = ["Maturity index (0-4)", index_label(current)]
    completion_row = ["Completion", _completion_figure(current)]
    warnings_row = ["Warnings", str(len(current.warnings))]
    if previous is not None:
        summary_headers += [str(previous.audit.quarter), "change"]
        figure, detail = change_since(previous, current)
        index_row += [index_label(previous), f"{figure} ({detail})" if figure else detail]
        completion_row += [_completion_figure(previous), ""]
        warnings_row += [str(len(previous.warnings)), ""]
    lines = [
        f"# Service audit {audit.quarter}",
        "",
        " · ".join(byline),
        "",
        markdown_table([index_row, completion_row, warnings_row], summary_headers),
        "",
        "## Items",
        "",
    ]
    rows = []
    for number, item_score in enumerate(current.items, 1):
        rows.append(
            [
                str(number),
                md(item_score.item.title),
                md(level_label(item_score.assessment, checklist)),
                signed(delta_since(item_score, previous)),
                md(item_score.assessment.owner or ""),
            ]
        )
    lines += [markdown_table(rows, ["#", "Item", "Level", "Change", "Owner"]), ""]
    for number, item_score in enumerate(current.items, 1):
        lines += _md_item(number, item_score, checklist, due_on, pains)
    lines += _md_changes(previous, current)
    lines += ["## Warnings", ""]
    lines += [f"- **{w.code}** ({w.item_id}): {md(w.message)}" for w in current.warnings] or [
        "None."
    ]
    return "\n".join(lines) + "\n"


def _completion_figure(score: AuditScore) -> str:
    return f"{percent(score.completion)} ({assessed(score)} of {len(score.items)})"


def _md_changes(previous: AuditScore | None, current: AuditScore) -> list[str]:
    if previous is None:
        return [
            "## Changes",
            "",
            f"{current.audit.quarter} is the first audit: nothing to compare with.",
            "",
        ]
    return [f"## Changes since {previous.audit.quarter}", "", diff_markdown(previous, current), ""]


def diff_markdown(before: AuditScore, after: AuditScore) -> str:
    changes = diff(before, after)
    if not changes:
        return "No item changed."
    rows = [
        [md(c.item.title), shown(c.before), shown(c.after), signed(c.delta), md(c.describe)]
        for c in changes
    ]
    return markdown_table(
        rows,
        ["Item", str(before.audit.quarter), str(after.audit.quarter), "Change", "What changed"],
    )


def trend_markdown(history: Trend) -> str:
    if not history.quarters:
        return "No audits yet.\n"
    headers = ["Item", *column_labels(history, " "), "Change", "Trend"]
    rows = [
        [
            md(row.item.title),
            *(shown(a) for a in row.assessments),
            signed(row.change),
            sparkline(row.levels),
        ]
        for row in history.rows
    ]
    rows.append(
        [
            "**Maturity index**",
            *(figures.index(i) for i in history.index),
            index_delta(_first(history.index), _last(history.index)),
            "",
        ]
    )
    rows.append(["Completion", *map(percent, history.completion), "", ""])
    return "\n".join(
        [
            f"## Trend {_span(history)}",
            "",
            markdown_table(rows, headers),
            "",
            "```text",
            *index_chart(history),
            "```",
            "",
        ]
    )


def actions_markdown(items: list[ActionItem], today: dt.date) -> str:
    if not items:
        return actions_summary(items, today) + "\n"
    rows = _action_rows(items, today, md, "**overdue**")
    table = markdown_table(rows, ["Due", "Status", "Owner", "Item", "Quarter", "Action"])
    return f"{table}\n\n{actions_summary(items, today)}\n"


# --- JSON ----------------------------------------------------------------------------------


def action_json(action: Action, due_on: dt.date) -> dict[str, Any]:
    return {
        "title": action.title,
        "owner": action.owner,
        "due": _iso(action.due),
        "status": action.status,
        "overdue": action.overdue(due_on),
        "carried_from": action.carried_from,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def item_json(
    score: ItemScore, checklist: Checklist, due_on: dt.date, pains: Pains = NO_PAINS
) -> dict[str, Any]:
    assessment, item = score.assessment, score.item
    return {
        "id": item.id,
        "title": item.title,
        "state": assessment.state,
        "level": assessment.level,
        "level_name": checklist.scale.get(assessment.level)
        if assessment.level is not None
        else None,
        "descriptor": item.levels.get(assessment.level) if assessment.level is not None else None,
        "reason": assessment.reason,
        "waiver": {"justification": assessment.waiver[0], "expires": _iso(assessment.waiver[1])}
        if assessment.waiver
        else None,
        "owner": assessment.owner,
        "notes": assessment.notes,
        "evidence": [
            {
                "kind": e.kind,
                "value": e.value,
                "date": _iso(e.date),
                "carried_from": e.carried_from,
            }
            for e in assessment.evidence
        ],
        "actions": [action_json(a, due_on) for a in assessment.actions],
        "pain_points": [pain.as_json() for pain in pains.get(item.id, ())],
    }


def summary_json(score: AuditScore) -> dict[str, Any]:
    return {
        "quarter": str(score.audit.quarter),
        "checklist": score.checklist.id,
        "auditor": score.audit.auditor,
        "date": _iso(score.audit.date),
        "index": score.index,
        "index_percent": score.index_percent,
        "completion": score.completion,
        "assessed": assessed(score),
        "items_total": len(score.items),
        "warnings": [
            {"item": w.item_id, "code": w.code, "message": w.message} for w in score.warnings
        ],
    }


def report_json(
    current: AuditScore, previous: AuditScore | None, today: dt.date, pains: Pains = NO_PAINS
) -> dict[str, Any]:
    due_on = as_of(current.audit, today)
    return {
        **summary_json(current),
        "items": [item_json(s, current.checklist, due_on, pains) for s in current.items],
        "previous": summary_json(previous) if previous else None,
        "changes": diff_json(previous, current)["changes"] if previous else [],
    }


def status_json(current: AuditScore, today: dt.date, where: str) -> dict[str, Any]:
    return {
        **summary_json(current),
        "path": where,
        "to_assess": [{"id": s.item.id, "state": s.assessment.state} for s in to_assess(current)],
        "quarter_over": current.audit.quarter.last_day < today,
    }


def trend_json(history: Trend) -> dict[str, Any]:
    return {
        "quarters": [str(q) for q in history.quarters],
        "dates": [d.isoformat() for d in history.dates] or None,
        "items": [
            {
                "id": row.item.id,
                "title": row.item.title,
                "levels": list(row.levels),
                "states": [a.state for a in row.assessments],
                "deltas": list(row.deltas),
                "change": row.change,
            }
            for row in history.rows
        ],
        "index": list(history.index),
        "completion": list(history.completion),
    }


def diff_json(before: AuditScore, after: AuditScore) -> dict[str, Any]:
    return {
        "from": str(before.audit.quarter),
        "to": str(after.audit.quarter),
        "index": {"from": before.index, "to": after.index},
        "completion": {"from": before.completion, "to": after.completion},
        "changes": [
            {
                "item": c.item.id,
                "from": {"state": c.before.state, "level": c.before.level},
                "to": {"state": c.after.state, "level": c.after.level},
                "delta": c.delta,
                "describe": c.describe,
            }
            for c in diff(before, after)
        ],
    }


def actions_json(items: list[ActionItem], today: dt.date) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "actions": [
            {"quarter": str(e.quarter), "item": e.item_id, **action_json(e.action, today)}
            for e in items
        ],
    }

"""A metrics report as people and scripts read it: one table where AHT always sits beside CSAT,
the context warnings under it, then what was left out and why.

Nothing here computes a figure (toolkit.metrics.compute does); this only formats them, so the
text and the JSON cannot disagree.
"""

from __future__ import annotations

from toolkit.core.diagnostics import plural, printable
from toolkit.metrics.compute import Figures, Report
from toolkit.render.diagnostics import Summary, render

PERIOD_NOUNS = {"week": "week", "month": "month", "quarter": "quarter"}


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _duration(seconds: float | None) -> str:
    """m:ss, as people read handle time on a wallboard."""
    if seconds is None:
        return "n/a"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _nps(value: float | None) -> str:
    return "-" if value is None else f"{value:+.0f}"


def _row(figures: Figures) -> list[str]:
    csat = _percent(figures.csat_percent)
    return [
        figures.period,
        figures.slice,
        str(figures.contacts),
        _duration(figures.aht_seconds),
        f"{csat} ({figures.response_rate_percent:.0f}% answered)",
        _nps(figures.nps),
        _percent(figures.fcr_percent),
    ]


def report_text(report: Report, *, has_csat: bool) -> str:
    """The figures table (AHT and CSAT in adjacent columns), the notes that explain an n/a,
    the context warnings, then the findings; or only the findings when there are no figures."""
    from toolkit.render.tables import text_table

    lines: list[str] = []
    if report.figures == []:
        lines.append("No contacts to report on: the contacts file has no rows left to count.")
    elif report.figures is not None:
        lines.append(f"Contacts by {report.by}, per {PERIOD_NOUNS[report.period]}")
        lines.append("")
        headers = [report.period, report.by, "contacts", "AHT", "CSAT", "NPS", "FCR"]
        rows = [_row(figures) for figures in report.figures]
        lines.append(text_table(rows, headers, right=(2, 3, 5, 6)))
        notes = sorted({f.aht_note for f in report.figures if f.aht_note})
        lines += [""] + [f"AHT n/a: {note}" for note in notes] if notes else []
        if not has_csat:
            lines += ["", "AHT is read beside CSAT: give --csat FILE to fill the CSAT column."]
        if report.warnings:
            lines.append("")
            lines += [
                printable(f"warning: {warning.slice}, {warning.period}: {warning.message}")
                for warning in report.warnings
            ]
    if report.diagnostics:
        if report.figures is not None and report.errors:
            lines += ["", f"Left out {plural(report.left_out, 'row')} with errors (--skip-bad):"]
        elif report.figures is None:
            lines.append("No figures: the files have errors (--skip-bad leaves those rows out).")
        lines.append(render("text", report.diagnostics, Summary(report.files, "file")))
    return "\n".join(lines).strip("\n")


def report_json(report: Report) -> dict[str, object]:
    """Every figure rounded to two places, each row's AHT and CSAT in one object."""
    return {
        "by": report.by,
        "period": report.period,
        "figures": None
        if report.figures is None
        else [figures.as_dict() for figures in report.figures],
        "warnings": [warning.as_dict() for warning in report.warnings],
        "diagnostics": [d.as_dict() for d in report.diagnostics],
        "left_out_rows": report.left_out if report.figures is not None else 0,
    }

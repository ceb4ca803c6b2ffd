"""A metrics report and trend as people and scripts read them: text, Markdown, HTML, JSON and
CSV, all from the same `Table`s and series, so no two formats can disagree.

AHT is never printed alone: its column sits between the contacts and CSAT (with the response
rate) and the QA score of the same slice and period, and the context warnings follow the
table. Nothing here computes a figure (toolkit.metrics.figures does).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from toolkit.core.diagnostics import plural
from toolkit.core.figures import rounded as rounded_exactly
from toolkit.metrics.charts import Series, svg_chart, terminal_chart
from toolkit.metrics.compute import Report
from toolkit.metrics.figures import (
    PERIOD_NOUNS,
    Figures,
    as_net,
    as_percent,
    as_tenths,
    as_whole,
    rounded,
)
from toolkit.render.tables import Table, markdown_tables, terminal_text, text_tables

HEADERS = ("contacts", "AHT", "CSAT", "QA", "NPS", "FCR", "FRT")


def duration(seconds: float | None) -> str:
    """m:ss, as people read handle time on a wallboard."""
    if seconds is None:
        return "n/a"
    minutes, rest = divmod(int(rounded_exactly(seconds, 0)), 60)
    return f"{minutes}:{rest:02d}"


def minutes(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{as_whole(value)} min" if value < 120 else f"{as_tenths(value / 60)} h"


def cells(item: Figures) -> list[str]:
    """One row's figures as shown, AHT between contacts and CSAT."""
    return [
        str(item.contacts),
        duration(item.aht_seconds),
        f"{as_percent(item.csat_percent)} ({as_percent(item.response_rate_percent)} answered)",
        as_percent(item.qa_percent),
        as_net(item.nps),
        as_percent(item.fcr_percent),
        minutes(item.first_response_minutes),
    ]


def report_tables(report: Report) -> list[Table]:
    figures = report.figures or []
    noun = PERIOD_NOUNS[report.period]
    tables = [
        Table(
            f"Contacts by {report.by}, per {noun}",
            (report.period, report.by, *HEADERS),
            [[item.period, item.slice, *cells(item)] for item in figures],
            figures=[i for i in range(2, 2 + len(HEADERS)) if i != 4],
            note="AHT beside CSAT and the QA score (mystery shops) of the same slice and period.",
        ),
        Table(
            f"All contacts, per {noun}",
            (report.period, *HEADERS),
            [[item.period, *cells(item)] for item in report.totals],
            figures=[i for i in range(1, 1 + len(HEADERS)) if i != 3],
        ),
    ]
    if report.tiers:
        tables.append(
            Table(
                "Who handled the contacts",
                (
                    report.period,
                    "bot",
                    "self-service",
                    "human",
                    "solved without a person",
                    "human AHT",
                ),
                [
                    [
                        share.period,
                        str(share.contacts.get("bot", 0)),
                        str(share.contacts.get("self-service", 0)),
                        str(share.contacts.get("human", 0)),
                        as_percent(share.automated_share),
                        duration(share.human_aht),
                    ]
                    for share in report.tiers
                ],
                figures=(1, 2, 3, 4, 5),
            )
        )
    if report.happiness:
        nps = {(item.period, "all"): item.nps for item in report.totals}
        if report.by == "team":
            nps.update({(item.period, item.slice): item.nps for item in figures})
        tables.append(
            Table(
                "Agent happiness beside NPS",
                (report.period, "team", "eNPS", "answers", "NPS"),
                [
                    [
                        h.period,
                        h.slice,
                        as_net(h.enps),
                        str(h.answers),
                        as_net(nps.get((h.period, h.slice), nps.get((h.period, "all")))),
                    ]
                    for h in report.happiness
                ],
                figures=(2, 3, 4),
            )
        )
    if report.targets:
        tables.append(
            Table(
                "Targets",
                ("metric", "channel", "target", "actual", ""),
                [
                    [
                        t.metric,
                        t.channel,
                        _value(t.metric, t.target),
                        "n/a" if t.actual is None else _value(t.metric, t.actual),
                        {True: "met", False: "missed", None: "-"}[t.met],
                    ]
                    for t in report.targets
                ],
                figures=(2, 3),
            )
        )
    return tables


def _value(metric: str, value: float) -> str:
    if metric == "aht_seconds":
        return duration(value)
    if metric == "first_response_minutes":
        return minutes(value)
    if metric in ("nps", "enps"):
        return as_net(value)
    return as_percent(value)


def notes(report: Report) -> list[str]:
    """Why a figure is missing, once per reason."""
    found = sorted({item.aht_note for item in report.figures or [] if item.aht_note})
    return [f"AHT n/a: {note}" for note in found]


def warning_lines(report: Report) -> list[str]:
    """The context warnings for a terminal, user text folded and escaped."""
    if not report.warnings:
        return []
    return [
        "",
        "Read in context:",
        *(
            f"warning: {terminal_text(w.slice)}, {w.period}: {terminal_text(w.message)}"
            for w in report.warnings
        ),
    ]


NOTHING = "No contacts to report on: the exports have no rows in the chosen dates."


def _left_out(report: Report) -> str:
    return f"Left out {plural(report.left_out, 'row')} with errors (--skip-bad):"


def report_text(report: Report) -> str:
    """The tables, the notes that explain an n/a, the context warnings, then the findings;
    only the findings when a file has errors."""
    from toolkit.render.diagnostics import Summary, render

    lines: list[str] = []
    if report.figures == []:
        lines.append(NOTHING)
    elif report.figures is not None:
        lines += text_tables(report_tables(report))
        lines += ["", *notes(report)] if notes(report) else []
        lines += warning_lines(report)
    if report.diagnostics:
        lines.append("")
        if report.figures is not None and report.errors:
            lines.append(_left_out(report))
        elif report.figures is None:
            lines.append("No figures: the files have errors (--skip-bad leaves those rows out).")
        lines.append(render("text", report.diagnostics, Summary(len(report.files), "file")))
    return "\n".join(lines).strip("\n")


def report_markdown(report: Report) -> str:
    from toolkit.render.markdown import md

    lines = [f"# Contact metrics by {md(report.by)}, per {PERIOD_NOUNS[report.period]}"]
    if report.figures is None:
        lines += ["", "No figures: the files have errors (--skip-bad leaves those rows out)."]
    else:
        lines += markdown_tables(report_tables(report))
        lines += ["", *(f"- {md(note)}" for note in notes(report))] if notes(report) else []
        if report.warnings:
            lines += ["", "## Read in context", ""]
            lines += [
                f"- **{md(w.slice)}, {md(w.period)}**: {md(w.message)}" for w in report.warnings
            ]
    if report.diagnostics:
        lines += ["", "## Findings", ""]
        lines += [
            f"- `{md(d.location())}` {d.severity}: {md(d.message)}" for d in report.diagnostics
        ]
    return "\n".join(lines) + "\n"


def trend_series(report: Report) -> list[tuple[str, list[Series], dict[str, Any]]]:
    """The trend charts: AHT and CSAT each, FCR, and NPS with eNPS on one chart."""
    periods = report.periods
    totals = {item.period: item for item in report.totals}
    happiness = {h.period: h.enps for h in report.happiness if h.slice in ("all", "(none)")}
    if not happiness and report.happiness:  # by team: all teams' answers together
        by_period: dict[str, list[int]] = {}
        for h in report.happiness:
            counts = by_period.setdefault(h.period, [0, 0, 0])
            counts[0] += h.answers
            counts[1] += h.promoters
            counts[2] += h.detractors
        from toolkit.metrics.figures import net_score

        happiness = {p: net_score(c[1], c[2], c[0]) for p, c in by_period.items()}

    def values(name: str) -> list[float | None]:
        return [getattr(totals[p], name) if p in totals else None for p in periods]

    return [
        (
            "AHT (minutes)",
            [("AHT", [None if v is None else v / 60 for v in values("aht_seconds")])],
            {},
        ),
        ("CSAT (%)", [("CSAT", values("csat_percent"))], {"low": 0, "high": 100}),
        ("FCR (%)", [("FCR", values("fcr_percent"))], {"low": 0, "high": 100}),
        (
            "NPS and agent happiness (eNPS)",
            [("NPS", values("nps")), ("eNPS", [happiness.get(p) for p in periods])],
            {"low": -100, "high": 100},
        ),
    ]


def trend_text(report: Report) -> str:
    """Terminal charts of the headline figures per period, then the warnings."""
    if report.figures is None:
        return report_text(report)
    lines = [f"Trend per {PERIOD_NOUNS[report.period]}, all contacts", ""]
    for title, series, bounds in trend_series(report):
        show = "{:+.0f}" if "NPS" in title else "{:.1f}" if "AHT" in title else "{:.0f}"
        lines += terminal_chart(title, series, report.periods, show=show, **bounds)
        lines.append("")
    table = report_tables(report)[1]
    lines += text_tables([table])
    lines += warning_lines(report)
    if report.diagnostics:
        from toolkit.render.diagnostics import Summary, render

        lines += ["", render("text", report.diagnostics, Summary(len(report.files), "file"))]
    return "\n".join(lines).strip("\n")


def report_html(report: Report) -> str:
    """One self-contained page a leader can forward: headline tiles, the trend charts as
    inline SVG, the tables, the warnings and the findings, every user text escaped."""
    from toolkit.render import html

    title = f"Contact metrics by {report.by}, per {PERIOD_NOUNS[report.period]}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    body.append(
        f'<p class="muted">From {html.escape(", ".join(report.files))}. AHT is shown beside '
        "CSAT and the QA score of the same slice and period: never read it alone.</p>"
    )
    if report.figures is None:
        body.append("<p>No figures: the files have errors (--skip-bad leaves those rows out).</p>")
    else:
        overall = report.totals
        if overall:
            from toolkit.metrics.context import whole

            item = whole(overall)
            assert item is not None
            body.append(
                html.stats(
                    [
                        ("contacts", str(item.contacts)),
                        ("AHT (phone, chat)", duration(item.aht_seconds)),
                        ("CSAT", as_percent(item.csat_percent)),
                        ("NPS", as_net(item.nps)),
                        ("FCR", as_percent(item.fcr_percent)),
                    ]
                )
            )
        if report.warnings:
            body.append("<h2>Read in context</h2><ul>")
            body += [
                f"<li><strong>{html.escape(w.slice)}, {html.escape(w.period)}</strong>: "
                f"{html.escape(w.message)}</li>"
                for w in report.warnings
            ]
            body.append("</ul>")
        body.append("<h2>Trend</h2>")
        for chart_title, series, bounds in trend_series(report):
            unit = "%" if "%" in chart_title else ""
            body.append(svg_chart(chart_title, series, report.periods, unit=unit, **bounds))
        for table in report_tables(report):
            body.append(f"<h2>{html.escape(table.title)}</h2>")
            body.append(
                html.table(table.headers, table.rows, numeric=table.figures, caption=table.note)
            )
        if notes(report):
            body.append(
                "<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes(report)) + "</ul>"
            )
    if report.diagnostics:
        body.append("<h2>Findings</h2>")
        body.append(
            html.table(
                ("where", "level", "message"),
                [[d.location(), d.severity, d.message] for d in report.diagnostics],
            )
        )
    return html.page(title, body)


def report_json(report: Report) -> dict[str, object]:
    """Every figure rounded to two places, each row's AHT, CSAT and QA in one object."""
    return {
        "by": report.by,
        "period": report.period,
        "files": report.files,
        "figures": None if report.figures is None else [f.as_dict() for f in report.figures],
        "totals": [f.as_dict() for f in report.totals],
        "tiers": [
            {
                "period": t.period,
                "contacts": t.contacts,
                "solved_without_a_person_percent": rounded(t.automated_share),
                "human_aht_seconds": rounded(t.human_aht),
            }
            for t in report.tiers
        ],
        "happiness": [
            {"period": h.period, "team": h.slice, "enps": rounded(h.enps), "answers": h.answers}
            for h in report.happiness
        ],
        "targets": [t.as_dict() for t in report.targets],
        "warnings": [w.as_dict() for w in report.warnings],
        "diagnostics": [d.as_dict() for d in report.diagnostics],
        "left_out_rows": report.left_out if report.figures is not None else 0,
    }


CSV_COLUMNS = (
    "contacts",
    "aht_seconds",
    "csat_percent",
    "csat_answers",
    "response_rate_percent",
    "qa_percent",
    "nps",
    "nps_answers",
    "fcr_percent",
    "first_response_minutes",
)


def report_csv(report: Report, rows: Sequence[Figures] | None = None) -> str:
    """One row per slice and period, numbers unrounded, empty where there is none."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", report.by, *CSV_COLUMNS])
    for item in report.figures or [] if rows is None else rows:
        writer.writerow(
            [
                item.period,
                item.slice,
                *(
                    "" if (v := getattr(item, c)) is None else repr(round(v, 10))
                    for c in CSV_COLUMNS
                ),
            ]
        )
    return buffer.getvalue()

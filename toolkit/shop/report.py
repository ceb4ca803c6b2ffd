"""The report over many mystery shops, for `sxt shop report`: averages, pass rate, critical
fails, groups and the trend by quarter; as text for the terminal, Markdown, one HTML page,
JSON and CSV. One scorer's score is in score_report.py, calibration in calibration_report.py.

The figures at the top are shared by every format, so they cannot disagree. A shop counts
as toolkit.shop.results says: its benchmark scorer's scoring when it has one, else the mean
of its scorers' scores. Scores in JSON and CSV are percents (0-100), unrounded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.core.diagnostics import plural
from toolkit.render.tables import Table, markdown_tables, terminal_text, text_tables
from toolkit.shop.disputes import DisputeSummary, summary
from toolkit.shop.figures import pct, points
from toolkit.shop.model import Criterion, Scorecard, Section, Shop
from toolkit.shop.results import ShopResult, mean, result

GROUPINGS = ("agent", "team", "channel", "scenario", "quarter", "journey-step")
NONE = "(none)"
BASIS_RULE = (
    "A shop's score is its benchmark scorer's when it has one, else the mean of its "
    "scorers' scores."
)

# --- figures, shared by every format -----------------------------------------------------


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    results: tuple[ShopResult, ...]

    @property
    def scored(self) -> list[float]:
        return [r.score for r in self.results if r.score is not None]

    @property
    def average(self) -> float | None:
        return mean(self.scored)

    @property
    def passed(self) -> int:
        return sum(r.passed is True for r in self.results)

    @property
    def judged(self) -> int:
        return sum(r.passed is not None for r in self.results)

    @property
    def critical(self) -> int:
        return sum(bool(r.critical_fails) for r in self.results)

    @property
    def fail_all(self) -> int:
        return sum(r.fail_all for r in self.results)


def group_name(item: ShopResult, by: str) -> str:
    shop = item.shop
    if by == "quarter":
        return quarter(shop.date)
    value = {
        "agent": shop.agent,
        "team": shop.team,
        "channel": shop.channel,
        "scenario": shop.scenario,
        "journey-step": shop.journey_step,
    }[by]
    return value or NONE


def groups(results: Sequence[ShopResult], by: str) -> tuple[Group, ...]:
    """Groups in a stable order: quarters in time, anything else by name with (none) last."""
    members: dict[str, list[ShopResult]] = {}
    for item in results:
        members.setdefault(group_name(item, by), []).append(item)
    names = sorted(members, key=lambda n: (n == NONE, n if by == "quarter" else n.casefold()))
    return tuple(Group(name, tuple(members[name])) for name in names)


@dataclass(frozen=True, slots=True)
class Report:
    scorecard: Scorecard
    results: tuple[ShopResult, ...]
    overall: Group
    by: str | None
    groups: tuple[Group, ...]
    trend: tuple[Group, ...]
    sections: tuple[tuple[Section, float | None, int], ...]  # average, shops that scored it
    left_out: int  # shops of other scorecards
    today: dt.date
    disputes: DisputeSummary | None = None

    @property
    def scorers(self) -> list[str]:
        return sorted({s.scoring.scorer for r in self.results for s in r.scores}, key=str.casefold)


def build(
    shops: Sequence[Shop],
    scorecard: Scorecard,
    by: str | None,
    today: dt.date,
    left_out: int = 0,
) -> Report:
    results = tuple(result(shop, scorecard) for shop in shops)
    sections = tuple(
        (
            section,
            mean(r.sections[i] for r in results),
            sum(r.sections[i] is not None for r in results),
        )
        for i, section in enumerate(scorecard.sections)
    )
    return Report(
        scorecard,
        results,
        Group("all shops", results),
        by,
        groups(results, by) if by else (),
        groups(results, "quarter"),
        sections,
        left_out,
        today,
        summary(shops),
    )


def change(trend: Sequence[Group], index: int) -> float | None:
    """The average's move from the quarter before, in percent points."""
    if index == 0:
        return None
    before, after = trend[index - 1].average, trend[index].average
    return None if before is None or after is None else 100 * (after - before)


def passed_label(group: Group) -> str:
    if not group.judged:
        return "—"
    share = pct(group.passed / group.judged).replace(".0%", "%")
    return f"{group.passed} of {group.judged} ({share})"


def critical_label(group: Group) -> str:
    if not group.critical:
        return "none"
    rest = group.critical - group.fail_all
    parts = [f"{group.fail_all} fail-all"] if group.fail_all else []
    parts += [f"{rest} fail-section"] if rest else []
    return f"{plural(group.critical, 'shop')} ({', '.join(parts)})"


def _span(report: Report) -> str:
    results = report.results
    if not results:
        return "no shops yet"
    first, last = results[0].shop.date, results[-1].shop.date
    scorings = sum(len(r.scores) for r in results)
    days = first.isoformat() if first == last else f"{first} to {last}"
    return (
        f"{plural(len(results), 'shop')} ({days}), {plural(scorings, 'scoring')} by "
        f"{plural(len(report.scorers), 'scorer')}"
    )


def _pass_mark(scorecard: Scorecard) -> str:
    return "no pass mark" if scorecard.pass_mark is None else f"pass mark {scorecard.pass_mark:g}%"


def _group_rows(items: Sequence[Group], trend: bool = False) -> list[list[str]]:
    rows = []
    for index, group in enumerate(items):
        scored = group.scored
        row = [group.name, str(len(group.results)), pct(group.average)]
        if trend:
            moved = change(items, index)
            row.append(points(moved, missing=""))
        else:
            row += [pct(min(scored, default=None)), pct(max(scored, default=None))]
        row += [passed_label(group), str(group.critical)]
        rows.append(row)
    return rows


GROUP_FIGURES = (1, 2, 3, 4, 6)
TREND_FIGURES = (1, 2, 3, 5)
"""The columns of figures in a group table and in the trend table, aligned right."""


def _group_headers(by: str, trend: bool = False) -> list[str]:
    middle = ["change"] if trend else ["lowest", "highest"]
    return [by, "shops", "average", *middle, "passed", "critical fails"]


def _shop_name(shop: Shop) -> str:
    who = ", ".join(x for x in (shop.agent, shop.team) if x)
    return f"{shop.scenario} ({who})" if who else shop.scenario


def _critical_rows(report: Report) -> list[list[str]]:
    return [
        [
            item.shop.date.isoformat(),
            _shop_name(item.shop),
            criterion.title,
            str(criterion.critical),
            _critical_source(item, criterion),
        ]
        for item in report.results
        for criterion in item.critical_fails
    ]


def _critical_source(item: ShopResult, criterion: Criterion) -> str:
    """Who recorded the fail: the benchmark, or (on a mean) every scorer who did."""
    if item.basis == "benchmark":
        return item.scored_by
    return ", ".join(
        s.scoring.scorer for s in item.scores if any(c.id == criterion.id for c in s.critical_fails)
    )


def _shop_rows(report: Report) -> list[list[str]]:
    return [
        [
            r.shop.date.isoformat(),
            r.shop.scenario,
            r.shop.channel,
            r.shop.agent or "",
            r.shop.team or "",
            pct(r.score),
            {True: "yes", False: "no", None: "—"}[r.passed],
            r.scored_by,
        ]
        for r in report.results
    ]


SHOP_HEADERS = ["date", "scenario", "channel", "agent", "team", "score", "passed", "scored by"]
SHOP_FIGURES = (5,)


def _section_rows(report: Report) -> list[list[str]]:
    return [
        [section.title, f"{section.weight:g}", pct(average), str(count)]
        for section, average, count in report.sections
    ]


SECTION_HEADERS = ["section", "weight", "average", "shops"]
SECTION_FIGURES = (1, 2, 3)


# --- text ----------------------------------------------------------------------------------


def report_tables(report: Report) -> list[Table]:
    tables = []
    if report.by:
        headers = _group_headers(report.by)
        tables.append(Table(f"By {report.by}", headers, _group_rows(report.groups), GROUP_FIGURES))
    trend = _group_rows(report.trend, trend=True)
    tables += [
        Table("Trend by quarter", _group_headers("quarter", trend=True), trend, TREND_FIGURES),
        Table(
            "Sections",
            SECTION_HEADERS,
            _section_rows(report),
            SECTION_FIGURES,
            "The average of the shops that scored them.",
        ),
    ]
    critical = _critical_rows(report)
    if critical:
        headers = ["date", "shop", "criterion", "rule", "recorded by"]
        tables.append(Table("Critical fails", headers, critical))
    rows = _shop_rows(report)
    marked = [bool(r.critical_fails) for r in report.results]
    tables.append(Table("Shops", SHOP_HEADERS, rows, SHOP_FIGURES, BASIS_RULE, marked))
    if report.disputes and report.disputes.disputes:
        tables.append(_dispute_table(report.disputes))
    return tables


def _dispute_table(disputes: DisputeSummary) -> Table:
    """Disputes by criterion: how many, how many still open, and the share upheld (accepted
    or partly accepted, of those settled)."""
    rows = [
        [c.criterion, str(c.total), str(c.open), _share(c.accepted_share)]
        for c in disputes.by_criterion
    ]
    days = (
        f"; {disputes.median_days:g} days to resolve (median), {disputes.longest_days} at most"
        if disputes.median_days is not None
        else ""
    )
    note = f"{plural(disputes.open, 'open dispute')} of {len(disputes.disputes)}{days}."
    return Table("Disputes", ["criterion", "disputes", "open", "upheld"], rows, (1, 2, 3), note)


def _share(value: float | None) -> str:
    return "—" if value is None else pct(value, 0)


def report_text(report: Report) -> str:
    card = report.scorecard
    overall = report.overall
    lines = [
        f"Mystery shops against {terminal_text(card.title)} (checklists/{card.id}.yaml)",
        f"{_span(report)}; {_pass_mark(card)}.",
    ]
    if report.left_out:
        lines.append(
            f"{plural(report.left_out, 'shop')} of other scorecards left out: --scorecard ID."
        )
    if not report.results:
        return "\n".join([*lines, "", "No shops to report yet: `sxt shop new` starts one."])
    lines += [
        "",
        f"Average score   {pct(overall.average)} over {plural(len(overall.scored), 'scored shop')}",
        f"Passed          {passed_label(overall)}",
        f"Critical fails  {critical_label(overall)}",
    ]
    return "\n".join(lines + text_tables(report_tables(report)))


# --- Markdown --------------------------------------------------------------------------------


def _md(text: str) -> str:
    from toolkit.render.markdown import md

    return md(text)


def report_markdown(report: Report) -> str:
    card = report.scorecard
    overall = report.overall
    lines = [
        f"# Mystery shops: {_md(card.title)}",
        "",
        f"{_md(_span(report))}; {_pass_mark(card)}. Report of {report.today.isoformat()}.",
        "",
        f"- **Average score:** {pct(overall.average)}",
        f"- **Passed:** {passed_label(overall)}",
        f"- **Critical fails:** {critical_label(overall)}",
    ]
    if report.left_out:
        lines.append(f"- {plural(report.left_out, 'shop')} of other scorecards left out")
    return "\n".join(lines + markdown_tables(report_tables(report))) + "\n"


# --- HTML ----------------------------------------------------------------------------------


def report_html(report: Report) -> str:
    from toolkit.render import html

    card = report.scorecard
    overall = report.overall
    body = [
        f"<header><h1>Mystery shops: {html.escape(card.title)}</h1>",
        f'<p class="muted">{html.escape(_span(report))}; {html.escape(_pass_mark(card))}. '
        f"Report of {report.today.isoformat()}.</p></header>",
        html.stats(
            [
                ("Average score", pct(overall.average)),
                ("Passed", passed_label(overall)),
                ("Critical fails", critical_label(overall)),
            ]
        ),
    ]
    for table in report_tables(report):
        body += [
            f"<h2>{html.escape(table.title)}</h2>",
            html.table(
                table.headers,
                table.rows,
                numeric=table.figures,
                caption=table.note,
                row_classes=["bad" if marked else "" for marked in table.marked],
            ),
        ]
    body.append(
        f"<footer><p>Generated by sxt on {report.today.isoformat()} from the shops against "
        f"the scorecard {html.escape(card.id)}.</p></footer>"
    )
    return html.page(f"Mystery shops: {card.title}", body)


# --- JSON and CSV --------------------------------------------------------------------------


def percent(share: float | None) -> float | None:
    return None if share is None else 100 * share


def group_json(group: Group) -> dict[str, Any]:
    scored = group.scored
    return {
        "name": group.name,
        "shops": len(group.results),
        "scored": len(scored),
        "average": percent(group.average),
        "lowest": percent(min(scored, default=None)),
        "highest": percent(max(scored, default=None)),
        "passed": group.passed,
        "judged": group.judged,
        "pass_rate": group.passed / group.judged if group.judged else None,
        "critical_fails": group.critical,
        "fail_all": group.fail_all,
    }


def shop_json(item: ShopResult) -> dict[str, Any]:
    shop = item.shop
    return {
        "id": shop.id,
        "date": shop.date.isoformat(),
        "quarter": quarter(shop.date),
        "scenario": shop.scenario,
        "channel": shop.channel,
        "agent": shop.agent,
        "team": shop.team,
        "persona": shop.persona,
        "journey_step": shop.journey_step,
        "basis": item.basis,
        "score": percent(item.score),
        "passed": item.passed,
        "critical_fails": [{"id": c.id, "critical": c.critical} for c in item.critical_fails],
        "scorers": {
            s.scoring.scorer: {"score": percent(s.score), "benchmark": s.scoring.benchmark}
            for s in item.scores
        },
    }


def report_json(report: Report) -> dict[str, Any]:
    card = report.scorecard
    trend = []
    for index, group in enumerate(report.trend):
        trend.append({**group_json(group), "change": change(report.trend, index)})
    return {
        "scorecard": {"id": card.id, "title": card.title, "pass_mark": card.pass_mark},
        "basis": BASIS_RULE,
        "summary": group_json(report.overall),
        "by": report.by,
        "groups": [group_json(g) for g in report.groups],
        "trend": trend,
        "sections": [
            {"id": s.id, "title": s.title, "weight": s.weight, "average": percent(a), "shops": n}
            for s, a, n in report.sections
        ],
        "shops": [shop_json(r) for r in report.results],
        "left_out": report.left_out,
        "disputes": _disputes_json(report.disputes),
    }


def _disputes_json(disputes: DisputeSummary | None) -> dict[str, Any] | None:
    if disputes is None:
        return None
    return {
        "open": disputes.open,
        "total": len(disputes.disputes),
        "median_days_to_resolve": disputes.median_days,
        "longest_days_to_resolve": disputes.longest_days,
        "by_criterion": [
            {
                "criterion": c.criterion,
                "disputes": c.total,
                "open": c.open,
                "upheld": c.accepted,
                "rejected": c.rejected,
                "upheld_share": c.accepted_share,
            }
            for c in disputes.by_criterion
        ],
        "disputes": [
            {
                "shop": d.shop,
                "criterion": d.criterion,
                "by": d.by,
                "opened": d.opened.isoformat(),
                "reason": d.reason,
                "state": d.state,
                "answer": d.answer,
                "resolved": d.resolved.isoformat() if d.resolved else None,
            }
            for d in disputes.disputes
        ],
    }


CSV_SHOP_COLUMNS = [
    "date",
    "quarter",
    "shop",
    "scenario",
    "channel",
    "agent",
    "team",
    "journey_step",
    "scored_by",
    "score",
    "passed",
    "critical_fails",
]
CSV_GROUP_COLUMNS = [
    "shops",
    "scored",
    "average",
    "lowest",
    "highest",
    "passed",
    "judged",
    "pass_rate",
    "critical_fails",
]


def report_csv(report: Report) -> str:
    """With --by, one row per group; without, one row per shop: data for a spreadsheet.
    Numbers unrounded, empty where there is none."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def number(value: float | None) -> str:
        return "" if value is None else repr(round(value, 10))

    if report.by:
        writer.writerow([report.by, *CSV_GROUP_COLUMNS])
        for group in report.groups:
            data = group_json(group)
            writer.writerow(
                [
                    group.name,
                    data["shops"],
                    data["scored"],
                    number(data["average"]),
                    number(data["lowest"]),
                    number(data["highest"]),
                    data["passed"],
                    data["judged"],
                    number(data["pass_rate"]),
                    data["critical_fails"],
                ]
            )
        return buffer.getvalue()
    writer.writerow(CSV_SHOP_COLUMNS)
    for item in report.results:
        shop = item.shop
        writer.writerow(
            [
                shop.date.isoformat(),
                quarter(shop.date),
                shop.id,
                shop.scenario,
                shop.channel,
                shop.agent or "",
                shop.team or "",
                shop.journey_step or "",
                item.scored_by,
                number(percent(item.score)),
                {True: "yes", False: "no", None: ""}[item.passed],
                " ".join(c.id for c in item.critical_fails),
            ]
        )
    return buffer.getvalue()

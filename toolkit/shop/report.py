"""Mystery shops for people and scripts: one scorer's score with the formula worked out, the
report over many shops (averages, pass rate, critical fails, groups, the trend by quarter),
and the calibration report; as text for the terminal, Markdown, one HTML page, JSON and CSV.

The figures at the top are shared by every format, so they cannot disagree. A shop counts
as toolkit.shop.results says: its benchmark scorer's scoring when it has one, else the mean
of its scorers' scores.

Scores in JSON and CSV are percents (0-100), unrounded; agreement statistics are
coefficients (percent agreement a proportion, 0-1), as toolkit.shop.agreement returns them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.core.diagnostics import plural
from toolkit.render.tables import Table, markdown_tables, terminal_text, text_table, text_tables
from toolkit.shop.calibration import Calibration, Statistic
from toolkit.shop.model import Criterion, Scorecard, Scoring, Section, Shop
from toolkit.shop.results import ShopResult, mean, result
from toolkit.shop.scoring import ShopScore, applies

GROUPINGS = ("agent", "team", "channel", "scenario", "quarter", "journey-step")
NONE = "(none)"
WRAP = 96
BASIS_RULE = (
    "A shop's score is its benchmark scorer's when it has one, else the mean of its "
    "scorers' scores."
)

# --- figures, shared by every format -----------------------------------------------------


def pct(share: float | None, decimals: int = 1) -> str:
    """A 0-1 share as a percent, rounded half up as people round (61.25% reads 61.3%)."""
    if share is None:
        return "—"
    scale = 10**decimals
    value = math.floor(share * 100 * scale + 0.5) / scale
    return f"{value:.{decimals}f}%"


def coefficient(statistic: Statistic) -> str:
    """A kappa, alpha or ICC to three decimals, or a dash when it is undefined."""
    return "—" if statistic.value is None else f"{statistic.value:.3f}"


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
            row.append("" if moved is None else f"{moved:+.1f}")
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
    return tables


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


def _percent(share: float | None) -> float | None:
    return None if share is None else 100 * share


def group_json(group: Group) -> dict[str, Any]:
    scored = group.scored
    return {
        "name": group.name,
        "shops": len(group.results),
        "scored": len(scored),
        "average": _percent(group.average),
        "lowest": _percent(min(scored, default=None)),
        "highest": _percent(max(scored, default=None)),
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
        "score": _percent(item.score),
        "passed": item.passed,
        "critical_fails": [{"id": c.id, "critical": c.critical} for c in item.critical_fails],
        "scorers": {
            s.scoring.scorer: {"score": _percent(s.score), "benchmark": s.scoring.benchmark}
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
            {"id": s.id, "title": s.title, "weight": s.weight, "average": _percent(a), "shops": n}
            for s, a, n in report.sections
        ],
        "shops": [shop_json(r) for r in report.results],
        "left_out": report.left_out,
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
                number(_percent(item.score)),
                {True: "yes", False: "no", None: ""}[item.passed],
                " ".join(c.id for c in item.critical_fails),
            ]
        )
    return buffer.getvalue()


# --- one scorer's score, with the formula worked out ---------------------------------------


@dataclass(frozen=True, slots=True)
class Counted:
    """How a section's criteria counted for one scorer."""

    scored: int
    na: int
    unanswered: int
    elsewhere: int  # for another channel
    bonus: str  # "", "earned", "not earned"


def counted(section: Section, shop: Shop, scoring: Scoring) -> Counted:
    scored = na = unanswered = elsewhere = 0
    bonus = ""
    for criterion in section.criteria:
        answer = scoring.answers.get(criterion.id)
        if not criterion.applies_to(shop.channel):
            elsewhere += 1
        elif answer is None:
            unanswered += 1
        elif answer == "na":
            na += 1
        elif criterion.bonus:
            bonus = "earned" if criterion.normalised(answer) > 0 else bonus or "not earned"
        else:
            scored += 1
    return Counted(scored, na, unanswered, elsewhere, bonus)


def _counted_label(count: Counted, capped: bool) -> str:
    total = count.scored + count.na + count.unanswered
    parts = [f"{count.scored} of {total}"]
    if count.na:
        parts.append(f"{count.na} N/A")
    if count.unanswered:
        parts.append(f"{count.unanswered} not answered")
    if count.elsewhere:
        parts.append(f"{count.elsewhere} other channel")
    if count.bonus:
        parts.append(f"bonus {count.bonus}" + (", capped at 100%" if capped else ""))
    return ", ".join(parts)


def _raw_section(section: Section, shop: Shop, scoring: Scoring) -> float | None:
    """The section before the cap and the critical rules, to tell when the cap applied."""
    numerator = denominator = 0.0
    for criterion in section.criteria:
        if applies(criterion, shop, scoring):
            numerator += criterion.weight * criterion.normalised(scoring.answers[criterion.id])
            denominator += 0 if criterion.bonus else criterion.weight
    return numerator / denominator if denominator else None


def formula(result: ShopScore) -> str:
    """The shop score worked out: (w1 x s1 + w2 x s2 ...) / (w1 + w2 ...) = score."""
    counted_sections = [s for s in result.sections if s.score is not None]
    if not counted_sections:
        return "nothing scored yet"
    weights = sum(s.section.weight for s in counted_sections)
    terms = " + ".join(f"{s.section.weight:g} x {pct(s.score)}" for s in counted_sections)
    weighted = sum(s.section.weight * s.score for s in counted_sections) / weights  # type: ignore[operator]
    text = f"({terms}) / {weights:g} = {pct(weighted)}"
    if result.score == 0 and weighted > 0:
        text += ", and a fail-all criterion failed: 0.0%"
    return text


def verdict(result: ShopScore, scorecard: Scorecard) -> str:
    if result.passed is None:
        return "no verdict: " + (
            "the scorecard has no pass mark" if scorecard.pass_mark is None else "nothing scored"
        )
    fail_all = [c for c in result.critical_fails if c.critical == "fail-all"]
    if result.passed:
        return f"passed: at least the pass mark of {scorecard.pass_mark:g}%"
    if fail_all:
        return "failed: a fail-all criterion failed"
    return f"failed: under the pass mark of {scorecard.pass_mark:g}%"


def score_text(result: ShopScore, scorecard: Scorecard, where: str) -> str:
    shop, scoring = result.shop, result.scoring
    who = ", ".join(x for x in (shop.agent, shop.team) if x)
    role = " (benchmark)" if scoring.benchmark else ""
    lines = [
        f"{terminal_text(shop.scenario)}: {shop.channel}, {shop.date.isoformat()}"
        + (f", {terminal_text(who)}" if who else ""),
        f"Scored by {terminal_text(scoring.scorer)}{role} against "
        f"{terminal_text(scorecard.title)}; saved in {where}",
        "",
    ]
    rows = []
    for section_score in result.sections:
        section = section_score.section
        raw = _raw_section(section, shop, scoring)
        capped = raw is not None and raw > 1
        rows.append(
            [
                section.title,
                f"{section.weight:g}",
                pct(section_score.score),
                _counted_label(counted(section, shop, scoring), capped),
            ]
        )
    lines += [text_table(rows, ["section", "weight", "score", "criteria counted"], (1, 2)), ""]
    lines.append(f"Score  {formula(result)}")
    lines.append(f"       {verdict(result, scorecard)}")
    for criterion in result.critical_fails:
        section = next(s.section for s in result.sections if criterion in s.section.criteria)
        effect = "the shop to 0" if criterion.critical == "fail-all" else f"{section.title} to 0"
        lines.append(
            f"Critical: {terminal_text(criterion.title)} ({criterion.id}) failed: "
            f"{criterion.critical} sets {effect}"
        )
    if result.unanswered:
        lines += textwrap.wrap(
            "Not answered (left out of the score): " + ", ".join(result.unanswered),
            WRAP,
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
    return "\n".join(lines)


def score_json(result: ShopScore, scorecard: Scorecard, where: str) -> dict[str, Any]:
    return {
        "path": where,
        "shop": result.shop.id,
        "scorer": result.scoring.scorer,
        "benchmark": result.scoring.benchmark,
        "score": result.percent,
        "passed": result.passed,
        "pass_mark": scorecard.pass_mark,
        "sections": [
            {
                "id": s.section.id,
                "weight": s.section.weight,
                "score": _percent(s.score),
                "critical_fails": [c.id for c in s.failed_critical],
            }
            for s in result.sections
        ],
        "critical_fails": [{"id": c.id, "critical": c.critical} for c in result.critical_fails],
        "unanswered": list(result.unanswered),
        "formula": formula(result),
    }


# --- calibration -----------------------------------------------------------------------------

SHOP_SCORES_SHOWN = 40
"""Shops whose scores by scorer the text and Markdown list; more would bury the figures."""


def _statistic_json(statistic: Statistic) -> dict[str, Any]:
    return {"value": statistic.value, "note": statistic.note or None}


def _ratio(share: float | None) -> str:
    return pct(share) if share is not None else "—"


def _overall_rows(calibration: Calibration) -> list[list[str]]:
    rows = [
        ["Percent agreement", _ratio(calibration.percent.value), calibration.percent.note],
        ["Cohen's kappa", coefficient(calibration.cohen), calibration.cohen.note],
        [
            "Cohen's kappa, linear",
            coefficient(calibration.cohen_linear),
            calibration.cohen_linear.note,
        ],
        ["Fleiss' kappa", coefficient(calibration.fleiss), calibration.fleiss.note],
        [
            "Krippendorff's alpha (interval, 0-1 scale)",
            coefficient(calibration.alpha),
            calibration.alpha.note,
        ],
        ["ICC of the shop scores", coefficient(calibration.icc), calibration.icc.note],
        [
            "Krippendorff's alpha of the shop scores",
            coefficient(calibration.score_alpha),
            calibration.score_alpha.note,
        ],
    ]
    return rows


def _alignment_rows(calibration: Calibration) -> list[list[str]]:
    return [
        [
            a.scorer,
            str(a.shops),
            str(a.answers),
            _ratio(a.alignment),
            "—" if a.score_gap is None else f"{a.score_gap:+.1f}",
            coefficient(a.cohen),
            coefficient(a.cohen_linear),
        ]
        for a in calibration.alignments
    ]


ALIGNMENT_HEADERS = [
    "scorer",
    "shops",
    "answers",
    "alignment",
    "score gap",
    "kappa",
    "kappa (linear)",
]


def _criterion_rows(calibration: Calibration, name: Callable[[Criterion], str]) -> list[list[str]]:
    two = len(calibration.scorers) == 2
    rows = []
    for c in calibration.criteria:
        row = [
            name(c.criterion),
            c.level,
            str(c.shops),
            "—" if c.gap is None else f"{c.gap:.2f}",
            _ratio(c.alignment),
            _ratio(c.percent.value),
        ]
        if two:
            row += [coefficient(c.cohen), coefficient(c.cohen_linear)]
        row += [coefficient(c.fleiss), coefficient(c.alpha), str(c.na_splits or "")]
        rows.append(row)
    return rows


def _criterion_headers(calibration: Calibration) -> list[str]:
    cohen = ["kappa", "kappa (linear)"] if len(calibration.scorers) == 2 else []
    return [
        "criterion",
        "level",
        "shops",
        "gap",
        "alignment",
        "agreement",
        *cohen,
        "Fleiss",
        "alpha",
        "N/A splits",
    ]


def _score_rows(calibration: Calibration) -> list[list[str]]:
    return [
        [shop.date.isoformat(), shop.scenario, *(pct(None if v is None else v / 100) for v in row)]
        for shop, row in zip(
            calibration.shops[:SHOP_SCORES_SHOWN],
            calibration.scores[:SHOP_SCORES_SHOWN],
            strict=False,
        )
    ]


CALIBRATION_NOTES = [
    "alignment: 1 - |answer - benchmark's| on the 0-1 scale, weighted criterion weight x "
    "section weight; score gap: mean shop score minus the benchmark's, in points (+ lenient).",
    "gap: mean |a - b| between two scorers' answers to one shop (0-1); agreement: percent "
    "agreement; alpha: Krippendorff's alpha at the criterion's level (yes/no nominal, "
    "yes/partial/no and scales ordinal, points interval); N/A splits: shops where one scorer "
    "said N/A and another answered.",
    "—: undefined: every answer the same (no variation), or fewer than 2 shops scored by 2 "
    "scorers; Cohen's kappa needs exactly two scorers (with more, see each scorer's kappa "
    "against the benchmark).",
]


def _calibration_head(calibration: Calibration) -> list[str]:
    benchmark = (
        f"Benchmark: {', '.join(calibration.benchmarks)} on "
        f"{plural(calibration.benchmarked, 'shop')}."
        if calibration.benchmarks
        else "No benchmark: alignment needs a scorer marked `benchmark: true`."
    )
    return [
        f"{plural(len(calibration.shops), 'shop')} scored by two or more of "
        f"{plural(len(calibration.scorers), 'scorer')} ({', '.join(calibration.scorers)}).",
        benchmark,
    ]


def calibration_tables(calibration: Calibration, long_names: bool = False) -> list[Table]:
    """The calibration's tables; `long_names` shows each criterion's title with its id."""
    tables = []
    if calibration.alignments:
        rows = _alignment_rows(calibration)
        tables.append(Table("Alignment with the benchmark", ALIGNMENT_HEADERS, rows, range(1, 7)))
    name = (lambda c: f"{c.title} ({c.id})") if long_names else (lambda c: c.id)
    shown = calibration.shops[:SHOP_SCORES_SHOWN]
    more = (
        f"The first {len(shown)} of {len(calibration.shops)} shops; all of them in json."
        if len(shown) < len(calibration.shops)
        else ""
    )
    tables += [
        Table(
            "Agreement over all criteria",
            ["statistic", "value", "note"],
            _overall_rows(calibration),
            (1,),
        ),
        Table(
            "Criteria, widest gap first",
            _criterion_headers(calibration),
            _criterion_rows(calibration, name),
            range(2, 12),
        ),
        Table(
            "Shop scores by scorer",
            ["date", "scenario", *calibration.scorers],
            _score_rows(calibration),
            range(2, 2 + len(calibration.scorers)),
            more,
        ),
    ]
    return tables


def calibration_text(calibration: Calibration) -> str:
    card = calibration.scorecard
    lines = [f"Calibration against {terminal_text(card.title)} (checklists/{card.id}.yaml)"]
    lines += [terminal_text(line) for line in _calibration_head(calibration)]
    lines += text_tables(calibration_tables(calibration))
    lines.append("")
    for note in CALIBRATION_NOTES:
        lines += textwrap.wrap(note, WRAP, break_on_hyphens=False)
    return "\n".join(lines)


def calibration_markdown(calibration: Calibration) -> str:
    card = calibration.scorecard
    lines = [f"# Calibration: {_md(card.title)}", ""]
    lines += [_md(line) for line in _calibration_head(calibration)]
    lines += markdown_tables(calibration_tables(calibration, long_names=True))
    lines += ["", *(f"- {_md(note)}" for note in CALIBRATION_NOTES)]
    return "\n".join(lines) + "\n"


def calibration_json(calibration: Calibration) -> dict[str, Any]:
    card = calibration.scorecard
    return {
        "scorecard": {"id": card.id, "title": card.title},
        "shops": [shop.id for shop in calibration.shops],
        "scorers": list(calibration.scorers),
        "benchmarks": list(calibration.benchmarks),
        "benchmarked_shops": calibration.benchmarked,
        "alignment": [
            {
                "scorer": a.scorer,
                "shops": a.shops,
                "answers": a.answers,
                "alignment": a.alignment,
                "score_gap": a.score_gap,
                "cohens_kappa": _statistic_json(a.cohen),
                "cohens_kappa_linear": _statistic_json(a.cohen_linear),
            }
            for a in calibration.alignments
        ],
        "overall": {
            "percent_agreement": _statistic_json(calibration.percent),
            "cohens_kappa": _statistic_json(calibration.cohen),
            "cohens_kappa_linear": _statistic_json(calibration.cohen_linear),
            "fleiss_kappa": _statistic_json(calibration.fleiss),
            "krippendorff_alpha": _statistic_json(calibration.alpha),
            "icc": _statistic_json(calibration.icc),
            "score_alpha": _statistic_json(calibration.score_alpha),
        },
        "criteria": [
            {
                "id": c.criterion.id,
                "section": c.section.id,
                "type": c.criterion.type,
                "level": c.level,
                "shops": c.shops,
                "na_splits": c.na_splits,
                "gap": c.gap,
                "alignment": c.alignment,
                "percent_agreement": _statistic_json(c.percent),
                "cohens_kappa": _statistic_json(c.cohen),
                "cohens_kappa_linear": _statistic_json(c.cohen_linear),
                "fleiss_kappa": _statistic_json(c.fleiss),
                "krippendorff_alpha": _statistic_json(c.alpha),
            }
            for c in calibration.criteria
        ],
        "scores": [
            {"shop": shop.id, "scores": dict(zip(calibration.scorers, row, strict=True))}
            for shop, row in zip(calibration.shops, calibration.scores, strict=True)
        ],
    }

"""The calibration report, for `sxt shop calibrate`: how far scorers agree with each other
and with the benchmark, overall, by criterion and by shop; as text, Markdown and JSON.
Statistics are coefficients (percent agreement a proportion, 0-1), as toolkit.shop.agreement
returns them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from toolkit.core.diagnostics import plural
from toolkit.render.markdown import md
from toolkit.render.tables import Table, markdown_tables, terminal_text, text_tables
from toolkit.shop import agreement, figures
from toolkit.shop.calibration import Calibration, Statistic
from toolkit.shop.figures import gap, pct, points
from toolkit.shop.model import Criterion

WRAP = 96

SHOP_SCORES_SHOWN = 40
"""Shops whose scores by scorer the text and Markdown list; more would bury the figures."""


def coefficient(statistic: Statistic) -> str:
    """A kappa, alpha or ICC to three decimals, or a dash when it is undefined."""
    return figures.coefficient(statistic.value)


def _statistic_json(statistic: Statistic, kind: str = "") -> dict[str, Any]:
    interval = statistic.interval
    return {
        "value": statistic.value,
        "note": statistic.note or None,
        "units": statistic.units,
        "few_units": statistic.few_units,
        "interval": None
        if interval is None
        else {
            "low": interval.low,
            "high": interval.high,
            "confidence": interval.confidence,
            "method": interval.method,
            "standard_error": interval.standard_error,
        },
        "reading": reading(statistic, kind) or None,
    }


BANDS: dict[str, Callable[[float], str]] = {
    "kappa": agreement.landis_koch,
    "alpha": agreement.krippendorff_band,
    "icc": agreement.koo_li,
}
"""The usual reading of each kind of coefficient (Landis-Koch, Krippendorff, Koo-Li):
conventions to orient a discussion, not verdicts; the README says where each comes from."""


def reading(statistic: Statistic, kind: str) -> str:
    """The conventional band of a figure, marked when it rests on too few units to read it
    against a band at all."""
    if statistic.value is None or kind not in BANDS:
        return ""
    band = BANDS[kind](statistic.value)
    return f"({band}: few units)" if statistic.few_units else band


def interval_text(statistic: Statistic) -> str:
    found = statistic.interval
    return "" if found is None else figures.interval(found.low, found.high)


def _overall_rows(calibration: Calibration) -> list[list[str]]:
    statistics: list[tuple[str, Statistic, str]] = [
        ("Percent agreement", calibration.percent, ""),
        ("Cohen's kappa", calibration.cohen, "kappa"),
        ("Cohen's kappa, linear", calibration.cohen_linear, "kappa"),
        ("Fleiss' kappa", calibration.fleiss, "kappa"),
        ("Krippendorff's alpha (interval, 0-1 scale)", calibration.alpha, "alpha"),
        *((f"{form} of the shop scores", stat, "icc") for form, stat in calibration.icc_forms),
        ("Krippendorff's alpha of the shop scores", calibration.score_alpha, "alpha"),
    ]
    if not calibration.icc_forms:
        statistics.insert(5, ("ICC of the shop scores", calibration.icc, "icc"))
    return [
        [
            name,
            pct(stat.value) if not kind else coefficient(stat),
            interval_text(stat),
            "" if stat.units is None else str(stat.units),
            reading(stat, kind),
            stat.note,
        ]
        for name, stat, kind in statistics
    ]


def _alignment_rows(calibration: Calibration) -> list[list[str]]:
    return [
        [
            a.scorer,
            str(a.shops),
            str(a.answers),
            pct(a.alignment),
            points(a.score_gap),
            coefficient(a.cohen),
            interval_text(a.cohen),
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
    "kappa 95%",
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
            gap(c.gap),
            pct(c.alignment),
            pct(c.percent.value),
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
    "alignment: 1 - |answer - benchmark's| on the 0-1 scale (for a choice: 1 on the same "
    "option, else 0), weighted criterion weight x section weight; score gap: mean shop score "
    "minus the benchmark's, in points (+ lenient).",
    "gap: mean |a - b| between two scorers' answers to one shop (0-1); agreement: percent "
    "agreement; alpha: Krippendorff's alpha at the criterion's level (yes/no and choice nominal, "
    "yes/partial/no and scales ordinal, points interval); N/A splits: shops where one scorer "
    "said N/A and another answered.",
    "—: undefined: every answer the same (no variation), or fewer than 2 shops scored by 2 "
    "scorers; Cohen's kappa needs exactly two scorers (with more, see each scorer's kappa "
    "against the benchmark).",
    "95% interval: Cohen's kappa ± 1.96 x its large-sample standard error; the ICC's from the "
    "F distribution (Shrout & Fleiss; McGraw & Wong for ICC(2,.)). units: what a figure rests "
    "on. reading: the usual bands, conventions and not verdicts (Landis & Koch for kappa, "
    "Krippendorff's .667/.800 for alpha, Koo & Li for the ICC); 'few units': fewer than 10, "
    "too few to read against a band. Every per-criterion figure rests on its shops column.",
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
        tables.append(
            Table("Alignment with the benchmark", ALIGNMENT_HEADERS, rows, (1, 2, 3, 4, 5, 7))
        )
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
            ["statistic", "value", "95% interval", "units", "reading", "note"],
            _overall_rows(calibration),
            (1, 3),
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
    if calibration.revisions:
        tables.append(
            Table(
                "Changed after submitting",
                ["date", "shop", "scorer", "criterion", "before", "after"],
                _revision_rows(calibration),
                (),
            )
        )
    return tables


def _answer(value: object) -> str:
    return "—" if value is None else str(value)


def _revision_rows(calibration: Calibration) -> list[list[str]]:
    return [
        [
            r.revision.date.isoformat(),
            r.shop.id,
            r.scorer,
            r.revision.criterion,
            _answer(r.revision.before),
            _answer(r.revision.after),
        ]
        for r in sorted(calibration.revisions, key=lambda r: (r.revision.date, r.shop.id))
    ]


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
    lines = [f"# Calibration: {md(card.title)}", ""]
    lines += [md(line) for line in _calibration_head(calibration)]
    lines += markdown_tables(calibration_tables(calibration, long_names=True))
    lines += ["", *(f"- {md(note)}" for note in CALIBRATION_NOTES)]
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
                "cohens_kappa": _statistic_json(a.cohen, "kappa"),
                "cohens_kappa_linear": _statistic_json(a.cohen_linear, "kappa"),
            }
            for a in calibration.alignments
        ],
        "overall": {
            "percent_agreement": _statistic_json(calibration.percent),
            "cohens_kappa": _statistic_json(calibration.cohen, "kappa"),
            "cohens_kappa_linear": _statistic_json(calibration.cohen_linear, "kappa"),
            "fleiss_kappa": _statistic_json(calibration.fleiss, "kappa"),
            "krippendorff_alpha": _statistic_json(calibration.alpha, "alpha"),
            "icc": _statistic_json(calibration.icc, "icc"),
            "icc_forms": {
                form: _statistic_json(stat, "icc") for form, stat in calibration.icc_forms
            },
            "score_alpha": _statistic_json(calibration.score_alpha, "alpha"),
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
                "cohens_kappa": _statistic_json(c.cohen, "kappa"),
                "cohens_kappa_linear": _statistic_json(c.cohen_linear, "kappa"),
                "fleiss_kappa": _statistic_json(c.fleiss, "kappa"),
                "krippendorff_alpha": _statistic_json(c.alpha, "alpha"),
            }
            for c in calibration.criteria
        ],
        "scores": [
            {"shop": shop.id, "scores": dict(zip(calibration.scorers, row, strict=True))}
            for shop, row in zip(calibration.shops, calibration.scores, strict=True)
        ],
        "revisions": [
            {
                "shop": r.shop.id,
                "scorer": r.scorer,
                "date": r.revision.date.isoformat(),
                "criterion": r.revision.criterion,
                "before": r.revision.before,
                "after": r.revision.after,
            }
            for r in calibration.revisions
        ],
    }

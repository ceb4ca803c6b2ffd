"""One scorer's score of one shop, for `sxt shop score`: every section with its weight and
what was counted, the formula worked out (see toolkit.shop.scoring), critical fails and the
verdict; as text and as JSON."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from toolkit.render.tables import terminal_text, text_table
from toolkit.shop.figures import pct
from toolkit.shop.model import Scorecard, Scoring, Section, Shop
from toolkit.shop.report import percent
from toolkit.shop.scoring import ShopScore, applies, weighted_mean

WRAP = 96


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
    weighted = weighted_mean(result.sections)  # the score before a fail-all criterion's 0
    if weighted is None:
        return "nothing scored yet"
    counted_sections = [s for s in result.sections if s.score is not None]
    weights = sum(s.section.weight for s in counted_sections)
    terms = " + ".join(f"{s.section.weight:g} x {pct(s.score)}" for s in counted_sections)
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
                "score": percent(s.score),
                "critical_fails": [c.id for c in s.failed_critical],
            }
            for s in result.sections
        ],
        "critical_fails": [{"id": c.id, "critical": c.critical} for c in result.critical_fails],
        "unanswered": list(result.unanswered),
        "formula": formula(result),
    }

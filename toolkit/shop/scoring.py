"""How a mystery shop is scored. The formula, as `sxt shop score --help` and the README state it:

1. Each criterion is normalised to 0-1: (picked - min) / (max - min). Yes/no: yes 1, no 0;
   yes/partial/no: yes 1, partial 0.5, no 0; a 1-5 scale: (picked - 1) / 4; points: picked /
   maximum; a choice: the score the scorecard gives the option picked.
2. N/A, a criterion for another channel, and an unanswered criterion leave the denominator:
   they never count as a pass or a fail (unanswered ones are listed, so a half-scored shop is
   visible as such).
3. A section scores the weighted mean of its criteria (criterion weights, default 1). A bonus
   criterion adds weight x score to the numerator and nothing to the denominator; the section
   is capped at 1 (100%).
4. The shop scores the weighted mean of its sections (section weights) that have any scored
   criterion.
5. Critical criteria: a failed one (an answer worth 0: no, the bottom of the scale, 0 points,
   a choice option scoring 0) marked `fail-section` sets its section to 0; marked `fail-all`
   sets the whole shop to 0.
6. The shop passes when its score is at least the scorecard's pass_mark (percent) and no
   fail-all criterion failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.shop.model import Answer, Criterion, Scorecard, Scoring, Section, Shop


@dataclass(frozen=True, slots=True)
class SectionScore:
    section: Section
    score: float | None  # 0-1; None when nothing in it was scored
    failed_critical: tuple[Criterion, ...] = ()


@dataclass(frozen=True, slots=True)
class ShopScore:
    shop: Shop
    scoring: Scoring
    score: float | None  # 0-1
    sections: tuple[SectionScore, ...]
    critical_fails: tuple[Criterion, ...]  # fail-all and fail-section criteria that failed
    unanswered: tuple[str, ...]
    passed: bool | None  # None when the scorecard has no pass mark or nothing was scored

    @property
    def percent(self) -> float | None:
        return None if self.score is None else 100 * self.score


def applies(criterion: Criterion, shop: Shop, scoring: Scoring) -> bool:
    """Whether the criterion counts for this shop and scorer: not N/A, not another channel's,
    and answered."""
    answer = scoring.answers.get(criterion.id)
    return criterion.applies_to(shop.channel) and answer is not None and answer != "na"


_Term = tuple[Criterion, str, dict[Answer, float], float, bool, str | None]
"""One criterion as the formula uses it: the criterion, its id, each answer's normalised
value, its weight, whether it is a bonus, and how it is critical."""
_Plan = tuple[tuple[tuple[Section, tuple[_Term, ...]], ...], tuple[str, ...]]
"""A scorecard for one channel: each section with the terms of its criteria that apply, and
the ids of those criteria."""

_PLANS: dict[tuple[int, str], tuple[Scorecard, _Plan]] = {}
"""Each scorecard's plan per channel, worked out once: a calibration scores tens of
thousands of scorings of one scorecard, and looking an answer's value up beats working it
out each time. Keyed by the scorecard's identity (it holds dicts, so it has no hash), and
holding the scorecard so that its id is never reused while the entry lives."""


def _plan(scorecard: Scorecard, channel: str) -> _Plan:
    key = (id(scorecard), channel)
    found = _PLANS.get(key)
    if found is None or found[0] is not scorecard:
        if len(_PLANS) > 1024:
            _PLANS.clear()
        sections = tuple(
            (
                section,
                tuple(
                    (
                        c,
                        c.id,
                        {a: c.normalised(a) for a in c.choices()},
                        c.weight,
                        c.bonus,
                        c.critical,
                    )
                    for c in section.criteria
                    if c.applies_to(channel)
                ),
            )
            for section in scorecard.sections
        )
        ids = tuple(term[1] for _, terms in sections for term in terms)
        found = _PLANS[key] = (scorecard, (sections, ids))
    return found[1]


def score(shop: Shop, scorecard: Scorecard, scoring: Scoring) -> ShopScore:
    answers = scoring.answers
    plan, asked = _plan(scorecard, shop.channel)
    sections = []
    for section, terms in plan:
        numerator = denominator = 0.0
        fails = []
        fail_section = False
        for criterion, key, values, weight, bonus, critical in terms:
            answer = answers.get(key)
            if answer is None or answer == "na":
                continue
            value = values.get(answer)
            if value is None:  # not one of its choices: validation lets none through
                value = criterion.normalised(answer)
            numerator += weight * value
            if not bonus:
                denominator += weight
            if critical and value == 0:
                fails.append(criterion)
                fail_section = fail_section or critical == "fail-section"
        if not denominator:
            section_score = None
        elif fail_section:
            section_score = 0.0
        else:
            section_score = min(numerator / denominator, 1.0)
        sections.append(SectionScore(section, section_score, tuple(fails)))
    total = weighted_mean(sections)
    fails_all = tuple(c for s in sections for c in s.failed_critical)
    fail_all = any(c.critical == "fail-all" for c in fails_all)
    if fail_all and total is not None:
        total = 0.0
    unanswered = tuple(key for key in asked if key not in answers)
    passed = None
    if total is not None and scorecard.pass_mark is not None:
        passed = not fail_all and 100 * total >= scorecard.pass_mark
    return ShopScore(shop, scoring, total, tuple(sections), fails_all, unanswered, passed)


def weighted_mean(sections: Iterable[SectionScore]) -> float | None:
    """The sections' scores weighted by the sections' weights, over the sections where
    something was scored; None when nothing was."""
    counted = [(s.section.weight, s.score) for s in sections if s.score is not None]
    weight = sum(w for w, _ in counted)
    return sum(w * score for w, score in counted) / weight if weight else None


def score_all(shop: Shop, scorecard: Scorecard) -> list[ShopScore]:
    return [score(shop, scorecard, scoring) for scoring in shop.scorings]


def totals(shops: Sequence[Shop], scorecard: Scorecard) -> list[list[float | None]]:
    """Each shop's scorings' scores (0-1, None where nothing was scored), in order: all a
    calibration needs of the formula, without the sections and lists it does not read."""
    return [[score(shop, scorecard, scoring).score for scoring in shop.scorings] for shop in shops]

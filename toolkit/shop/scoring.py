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

from dataclasses import dataclass

from toolkit.shop.model import Criterion, Scorecard, Scoring, Section, Shop


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


def failed(criterion: Criterion, scoring: Scoring) -> bool:
    answer = scoring.answers.get(criterion.id)
    return answer is not None and answer != "na" and criterion.normalised(answer) == 0


def section_score(section: Section, shop: Shop, scoring: Scoring) -> SectionScore:
    numerator = denominator = 0.0
    fails = []
    for criterion in section.criteria:
        if not applies(criterion, shop, scoring):
            continue
        value = criterion.normalised(scoring.answers[criterion.id])
        numerator += criterion.weight * value
        if not criterion.bonus:
            denominator += criterion.weight
        if criterion.critical and value == 0:
            fails.append(criterion)
    if not denominator:
        return SectionScore(section, None, tuple(fails))
    if any(c.critical == "fail-section" for c in fails):
        return SectionScore(section, 0.0, tuple(fails))
    return SectionScore(section, min(numerator / denominator, 1.0), tuple(fails))


def score(shop: Shop, scorecard: Scorecard, scoring: Scoring) -> ShopScore:
    sections = tuple(section_score(section, shop, scoring) for section in scorecard.sections)
    counted = [s for s in sections if s.score is not None]
    weight = sum(s.section.weight for s in counted)
    total = sum(s.section.weight * s.score for s in counted) / weight if weight else None  # type: ignore[operator]
    fails = tuple(c for s in sections for c in s.failed_critical)
    fail_all = any(c.critical == "fail-all" for c in fails)
    if fail_all and total is not None:
        total = 0.0
    unanswered = tuple(
        c.id
        for _, c in scorecard.criteria()
        if c.applies_to(shop.channel) and c.id not in scoring.answers
    )
    passed = None
    if total is not None and scorecard.pass_mark is not None:
        passed = not fail_all and 100 * total >= scorecard.pass_mark
    return ShopScore(shop, scoring, total, sections, fails, unanswered, passed)


def score_all(shop: Shop, scorecard: Scorecard) -> list[ShopScore]:
    return [score(shop, scorecard, scoring) for scoring in shop.scorings]

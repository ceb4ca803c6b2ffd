"""How a report counts one shop: **its benchmark scorer's scoring when it has one, else the
mean of its scorers' scores** (section by section too). Without a benchmark, a critical fail
recorded by any scorer counts, and the shop passes when that mean reaches the pass mark and
no scorer recorded a fail-all. Shared by `sxt shop report` and everything that shows a
shop's score elsewhere (the journey map), so the figure is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from toolkit.shop.disputes import settled
from toolkit.shop.model import Criterion, Scorecard, Shop
from toolkit.shop.scoring import ShopScore, score_all

Basis = Literal["benchmark", "mean", "single", "unscored"]


@dataclass(frozen=True, slots=True)
class ShopResult:
    """One shop as a report counts it (see the module docstring for the rule)."""

    shop: Shop
    scores: tuple[ShopScore, ...]  # every scorer's
    basis: Basis
    score: float | None  # 0-1
    sections: tuple[float | None, ...]  # per section of the scorecard, 0-1
    critical_fails: tuple[Criterion, ...]
    passed: bool | None

    @property
    def scored_by(self) -> str:
        if self.basis == "benchmark":
            bench = next(s for s in self.scores if s.scoring.benchmark)
            return f"{bench.scoring.scorer} (benchmark)"
        if self.basis == "mean":
            return f"mean of {len(self.scores)}: " + ", ".join(
                s.scoring.scorer for s in self.scores
            )
        return self.scores[0].scoring.scorer if self.scores else "not scored"

    @property
    def fail_all(self) -> bool:
        return any(c.critical == "fail-all" for c in self.critical_fails)


def result(shop: Shop, scorecard: Scorecard) -> ShopResult:
    """The shop as reports count it, with the answers of its upheld disputes in place."""
    shop = settled(shop)
    scores = tuple(score_all(shop, scorecard))
    bench = next((s for s in scores if s.scoring.benchmark), None)
    if bench is not None:
        sections = tuple(s.score for s in bench.sections)
        return ShopResult(
            shop, scores, "benchmark", bench.score, sections, bench.critical_fails, bench.passed
        )
    counted = [s for s in scores if s.score is not None]
    if not counted:
        nothing = tuple(None for _ in scorecard.sections)
        return ShopResult(shop, scores, "unscored", None, nothing, (), None)
    if len(scores) == 1:
        only = scores[0]
        sections = tuple(s.score for s in only.sections)
        return ShopResult(
            shop, scores, "single", only.score, sections, only.critical_fails, only.passed
        )
    average = sum(s.score for s in counted) / len(counted)  # type: ignore[misc]
    sections = tuple(
        mean([s.sections[i].score for s in scores]) for i in range(len(scorecard.sections))
    )
    failed = {c.id for s in scores for c in s.critical_fails}
    fails = tuple(c for _, c in scorecard.criteria() if c.id in failed)
    passed = None
    if scorecard.pass_mark is not None:
        fail_all = any(c.critical == "fail-all" for c in fails)
        passed = not fail_all and 100 * average >= scorecard.pass_mark
    return ShopResult(shop, scores, "mean", average, sections, fails, passed)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values given, None when there are none (not a zero)."""
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None

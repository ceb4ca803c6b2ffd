"""The shop figures as every face shows them: `sxt shop report` and `sxt shop calibrate` in
each format, and the terminal app's list, scoring and calibration screens, call these, so a
shop at 36.25% reads 36.3% wherever it appears (toolkit.core.figures rounds each once, half
away from zero)."""

from __future__ import annotations

from toolkit.core import figures


def pct(share: float | None, decimals: int = 1) -> str:
    """A 0-1 score or share as a percent: `36.3%` for 0.3625; a dash when there is none (a
    shop whose answers were all N/A has no score, never 0% or 50%)."""
    return figures.percent(share, decimals)


def coefficient(value: float | None) -> str:
    """A kappa, alpha or ICC to three decimals, or a dash when it is undefined."""
    return figures.fixed(value, 3)


def interval(low: float, high: float) -> str:
    """A confidence interval of a coefficient: `0.412 to 0.803`."""
    return f"{coefficient(low)} to {coefficient(high)}"


def gap(value: float | None) -> str:
    """A criterion's gap, the mean difference of two scorers' normalised answers (0-1)."""
    return figures.fixed(value, 2)


def points(value: float | None, missing: str = figures.MISSING) -> str:
    """A difference of two scores in percentage points, signed: a quarter's move, or how far
    a scorer's shop scores sit from the benchmark's (`+36.7`)."""
    return figures.signed(value, 1, missing)

"""The journey figures as every face shows them: `sxt journey show`, `summary` and `export`
in each format, the HTML map and the terminal app call these, so a step tested by shops that
average 74.25% reads 74.3% in the map and in the summary alike (toolkit.core.figures rounds
each once, half away from zero)."""

from __future__ import annotations

from toolkit.core import figures
from toolkit.core.diagnostics import plural


def share(part: int, whole: int) -> str:
    """A count as a whole percent of another: `25%`; a dash when there is nothing to share."""
    return figures.percent(part / whole) if whole else "-"


def happiness(value: float) -> str:
    """The share of steps with an emotion whose emotion is positive: `60%`."""
    return figures.percent(value)


def ratio(value: float) -> str:
    """An opportunity's impact / effort: `1.5`."""
    return figures.fixed(value, 1)


def shop_average(value: float | None, missing: str = "not scored") -> str:
    """The mean score (0-100) of the shops that test a step, as `sxt shop report` prints a
    score: one decimal."""
    return figures.points(value, 1, missing)


def tested(count: int, average: float | None) -> str:
    """What the map says of a step's shops: `2 shops, avg 74.3%`."""
    shops = plural(count, "shop")
    return shops if average is None else f"{shops}, avg {shop_average(average)}"

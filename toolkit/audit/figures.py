"""The audit's figures as every face shows them: the terminal report, Markdown, HTML and the
terminal app call these, so an index of 2.375 reads 2.38 and a completion of 12.5% reads 13%
everywhere (toolkit.core.figures rounds each once, half away from zero).
"""

from __future__ import annotations

from toolkit.audit.scoring import MAX_LEVEL
from toolkit.core import figures


def index(value: float | None, missing: str = "-") -> str:
    """An index on the 0-4 scale: `2.38`."""
    return figures.fixed(value, 2, missing)


def percent(share: float) -> str:
    """A share of 0-1 as a whole percent: `13%` for 0.125."""
    return figures.percent(share)


def index_share(value: float) -> str:
    """An index as a share of the top of the scale: `59%` for 2.375."""
    return percent(value / MAX_LEVEL)


def on_scale(value: float) -> str:
    """An index with its scale and share: `2.38 of 4 (59%)`."""
    return f"{index(value)} of {MAX_LEVEL} ({index_share(value)})"


def signed(value: float, places: int = 2) -> str:
    """A change with its sign: `+0.75`, `-0.13`, `+0.00`."""
    return figures.signed(value, places)

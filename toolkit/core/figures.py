"""How every job rounds a figure for people to read: once, from its exact value, half away
from zero, as people round. Python's `round` and `f"{x:.1f}"` round the binary float half to
even, so 36.25% could read 36.2% in one face and 36.3% in another; every job's figures module
formats through these instead, and the faces call the job's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

MISSING = "—"
"""What a figure that cannot be computed shows: never 0, which would read as a result."""


def rounded(value: float, places: int) -> Decimal:
    """`value` to `places` decimals, half away from zero, from its shortest decimal form
    (0.3625 is rounded as 0.3625, not as the binary 0.36249999...). decimal is imported
    here: lint's start-up (every pre-commit call) imports this module for one message."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(exact) if exact == 0 else exact  # never -0.00


def number(value: float | None, places: int) -> float | None:
    """A rounded figure as a number, for JSON that shows what the text faces show."""
    return None if value is None else float(rounded(value, places))


def fixed(value: float | None, places: int, missing: str = MISSING) -> str:
    """`2.38`: a figure to a fixed number of decimals."""
    return missing if value is None else f"{rounded(value, places)}"


def percent(share: float | None, places: int = 0, missing: str = MISSING) -> str:
    """A 0-1 share as a percent: `13%` for 0.125, `36.3%` for 0.3625 with one place."""
    return missing if share is None else f"{rounded(share * 100, places)}%"


def points(value: float | None, places: int = 0, missing: str = MISSING) -> str:
    """A figure already in percent (0-100) with its sign: `61.3%` for 61.25."""
    return missing if value is None else f"{rounded(value, places)}%"


def signed(value: float | None, places: int = 2, missing: str = MISSING) -> str:
    """A change with its sign: `+0.75`, `-0.13`, `+0.00`."""
    return missing if value is None else f"{rounded(value, places):+f}"

"""One rounding for every face: half away from zero, from the figure's exact decimal value,
where Python's round() and format() round the binary float half to even."""

from __future__ import annotations

import pytest

from toolkit.audit import figures as audit_figures
from toolkit.core import figures
from toolkit.journey import figures as journey_figures
from toolkit.shop import figures as shop_figures


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (2.375, 2, "2.38"),  # f"{2.375:.2f}" is 2.38 by luck of the binary value ...
        (2.675, 2, "2.68"),  # ... and 2.67 here: the binary 2.675 is 2.67499999...
        (0.125, 2, "0.13"),  # half to even would give 0.12
        (36.25, 1, "36.3"),
        (-0.005, 2, "-0.01"),  # away from zero on both sides
        (-0.001, 2, "0.00"),  # never -0.00
        (90.625, 1, "90.6"),
    ],
)
def test_fixed_rounds_half_away_from_zero(value: float, places: int, shown: str) -> None:
    assert figures.fixed(value, places) == shown


def test_a_share_of_36_25_percent_reads_36_3_in_every_job() -> None:
    assert shop_figures.pct(0.3625) == "36.3%"
    assert journey_figures.shop_average(36.25) == "36.3%"
    assert figures.percent(0.3625, 1) == "36.3%"
    assert figures.points(36.25, 1) == "36.3%"


def test_an_audit_index_of_2_50_is_63_percent_of_the_scale() -> None:
    assert audit_figures.index_share(2.5) == "63%"  # 62.5% rounded up, as people round


def test_missing_figures_are_a_dash_never_zero() -> None:
    assert figures.fixed(None, 2) == figures.percent(None) == figures.signed(None) == "—"
    assert shop_figures.pct(None) == "—"
    assert journey_figures.shop_average(None) == "not scored"


def test_signed_changes_keep_their_sign_and_numbers_match_the_text() -> None:
    assert figures.signed(0.0) == "+0.00"
    assert figures.signed(-0.125) == "-0.13"
    assert shop_figures.points(36.65) == "+36.7"
    assert figures.number(0.125, 2) == 0.13
    assert figures.number(None, 2) is None

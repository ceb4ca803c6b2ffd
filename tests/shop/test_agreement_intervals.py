"""Confidence intervals, the distributions behind them, and the reading bands.

Sources of the formulas, read in the R packages' own code (CRAN mirrors on GitHub):

* ICC intervals: psych ``R/ICC.R`` (``ICC``: F1L/F1U, F3L/F3U for cases 1 and 3; for case 2
  the Satterthwaite df ``v = vn/vd`` with ``vn = (k-1)(n-1)(k ICC2 Fj + n(1+(k-1)ICC2)
  - k ICC2)^2``, ``vd = (n-1) k^2 ICC2^2 Fj^2 + (n(1+(k-1)ICC2) - k ICC2)^2``, bounds L3/U3,
  and Spearman-Brown of them for ICC2k) and irr ``R/icc.R`` (the same single-rater formulas,
  "confidence interval (McGraw & Wong, 1996)").
* Kappa ASE: psych ``R/kappa.R`` (``cohen.kappa1``: ``Varkw = (sum(x * (w (1-wpc) -
  (colw + roww)(1-wpo))^2) - (wpo wpc - 2 wpc + wpo)^2) / (n (1-wpc)^4)``), the Fleiss, Cohen &
  Everitt (1969) large-sample variance, which vcd's ``Kappa`` and SAS PROC FREQ also report.

Published figures are matched at the precision they were published with.
"""

from __future__ import annotations

import math

import pytest

from toolkit.shop.agreement import (
    ICC_FORMS,
    MIN_UNITS,
    Interval,
    cohens_kappa,
    cohens_kappa_interval,
    f_cdf,
    f_quantile,
    icc,
    icc_interval,
    koo_li,
    krippendorff_band,
    landis_koch,
    normal_quantile,
    regularized_beta,
    too_few_units,
)

from .test_agreement import SHROUT_FLEISS, pairs_from_table

N = None


# -- the F and normal distributions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "df1", "df2", "published"),
    [
        # Standard F tables (upper 2.5% and 5% points), four decimals.
        (0.975, 5, 15, 3.5764),
        (0.975, 3, 15, 4.1528),
        (0.95, 1, 10, 4.9646),
        (0.975, 1, 1, 647.7890),
        # Non-integer df, as Satterthwaite's approximation gives: scipy.stats.f.ppf (SciPy
        # 1.17, computed outside the project) gives 5.159531191, 8.459541957, 21.64228148.
        (0.975, 5, 7.2341, 5.1595),
        (0.975, 2.5, 4.75, 8.4595),
        (0.99, 10, 3.3, 21.6423),
    ],
)
def test_f_quantile_against_tables(p, df1, df2, published):
    assert round(f_quantile(p, df1, df2), 4) == published


@pytest.mark.parametrize("nu", [1.0, 2.0, 3.7, 15.0, 62.25, 400.0])
@pytest.mark.parametrize("p", [0.025, 0.5, 0.95, 0.975, 0.999])
def test_f_quantile_closed_form_for_two_numerator_df(p, nu):
    """With df1 = 2 the F CDF is 1 - (1 + 2x/nu)^(-nu/2), so the quantile is
    (nu/2)((1 - p)^(-2/nu) - 1) exactly, for any real nu; and F_p(d1, d2) = 1/F_{1-p}(d2, d1)."""
    exact = nu / 2 * ((1 - p) ** (-2 / nu) - 1)
    assert f_quantile(p, 2, nu) == pytest.approx(exact, rel=1e-12)
    assert f_quantile(1 - p, nu, 2) == pytest.approx(1 / exact, rel=1e-12)


def test_f_cdf_inverts_f_quantile():
    for df1, df2 in [(5, 15), (0.8, 3.1), (40, 7), (3, 3000)]:
        for p in (0.001, 0.025, 0.5, 0.975, 0.999):
            assert f_cdf(f_quantile(p, df1, df2), df1, df2) == pytest.approx(p, abs=1e-12)


@pytest.mark.parametrize("x", [0.0, 1e-9, 0.01, 0.3, 0.5, 0.77, 0.999, 1.0])
def test_regularized_beta_closed_forms(x):
    """I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_x(1/2, 1/2) = (2/pi) asin(sqrt x), and
    I_x(a, b) = 1 - I_{1-x}(b, a)."""
    assert regularized_beta(x, 3.3, 1) == pytest.approx(x**3.3, abs=1e-14)
    assert regularized_beta(x, 1, 0.45) == pytest.approx(1 - (1 - x) ** 0.45, abs=1e-14)
    assert regularized_beta(x, 0.5, 0.5) == pytest.approx(
        2 / math.pi * math.asin(math.sqrt(x)), abs=1e-14
    )
    assert regularized_beta(x, 2.5, 7) == pytest.approx(
        1 - regularized_beta(1 - x, 7, 2.5), abs=1e-14
    )


def test_regularized_beta_symmetric_case_and_large_parameters():
    assert regularized_beta(0.5, 40, 40) == pytest.approx(0.5, abs=1e-14)
    # scipy.special.betainc(50, 60, 0.45) = 0.4642352914306031 (SciPy 1.17, outside the project)
    assert regularized_beta(0.45, 50, 60) == pytest.approx(0.4642352914306031, abs=1e-12)


def test_normal_quantile():
    # Standard normal table: z(0.975) = 1.959964, z(0.995) = 2.575829, z(0.9) = 1.281552.
    assert round(normal_quantile(0.975), 6) == 1.959964
    assert round(normal_quantile(0.995), 6) == 2.575829
    assert round(normal_quantile(0.9), 6) == 1.281552
    assert normal_quantile(0.5) == 0
    assert normal_quantile(0.025) == pytest.approx(-normal_quantile(0.975), abs=1e-15)


# -- ICC intervals --------------------------------------------------------------------------

# Shrout & Fleiss (1979), Table 2: 6 targets x 4 judges, SHROUT_FLEISS of test_agreement.

# psych::ICC(sf, lmer = FALSE) on that table (psych's own test data, tests/testthat/test_ICC.R):
# ICC and 95% bounds. Values to four decimals; bounds at the precision psych prints them
# (three decimals, two where the third is 0 in its printout: ICC2k upper .93).
PSYCH_ICC = [
    ("ICC(1,1)", 0.1657, -0.133, 0.723),
    ("ICC(2,1)", 0.2898, 0.019, 0.761),
    ("ICC(3,1)", 0.7148, 0.342, 0.946),
    ("ICC(1,k)", 0.4428, -0.884, 0.912),
    ("ICC(2,k)", 0.6201, 0.071, 0.93),
    ("ICC(3,k)", 0.9093, 0.676, 0.986),
]


@pytest.mark.parametrize(("form", "value", "low", "high"), PSYCH_ICC)
def test_icc_interval_shrout_fleiss_as_psych(form, value, low, high):
    interval = icc_interval(SHROUT_FLEISS, form)
    assert interval is not None
    assert round(interval.value, 4) == value
    decimals = len(str(high).split(".")[1])
    assert round(interval.low, 3) == low
    assert round(interval.high, decimals) == high
    assert interval.value == icc(SHROUT_FLEISS, form)
    assert interval.units == 6
    assert interval.standard_error is None
    assert interval.low < interval.value < interval.high


def test_icc_shrout_fleiss_published_two_decimals():
    """Shrout & Fleiss (1979) print .17, .29, .71, .44, .62, .91."""
    published = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    assert [round(icc(SHROUT_FLEISS, form), 2) for form in ICC_FORMS] == published


def test_icc_2k_bounds_are_spearman_brown_of_icc_21_bounds():
    """psych steps ICC(2,1)'s bounds up by Spearman-Brown; McGraw & Wong's ICC(A,k) formula
    n(BMS - F* EMS)/(F* (JMS - EMS) + n BMS), with the same F*, is the same number."""
    single = icc_interval(SHROUT_FLEISS, "ICC(2,1)")
    average = icc_interval(SHROUT_FLEISS, "ICC(2,k)")
    assert single is not None and average is not None
    k = 4
    for one, mean in ((single.low, average.low), (single.high, average.high)):
        assert mean == pytest.approx(k * one / (1 + (k - 1) * one), abs=1e-12)


def test_icc_interval_default_form_and_confidence():
    default = icc_interval(SHROUT_FLEISS)
    assert default == icc_interval(SHROUT_FLEISS, "ICC(2,1)", 0.95)
    narrow = icc_interval(SHROUT_FLEISS, "ICC(2,1)", 0.5)
    wide = icc_interval(SHROUT_FLEISS, "ICC(2,1)", 0.99)
    assert default is not None and narrow is not None and wide is not None
    assert wide.low < default.low < narrow.low < narrow.high < default.high < wide.high
    assert (narrow.confidence, wide.confidence) == (0.5, 0.99)


def test_icc_interval_narrows_with_more_targets():
    repeated = SHROUT_FLEISS * 10
    for form in ICC_FORMS:
        few = icc_interval(SHROUT_FLEISS, form)
        many = icc_interval(repeated, form)
        assert few is not None and many is not None
        assert many.high - many.low < few.high - few.low
        assert many.units == 60


def test_icc_interval_exact_agreement_and_no_variation():
    same = [[1, 1, 1], [2, 2, 2], [4, 4, 4]]
    for form in ICC_FORMS:
        interval = icc_interval(same, form)
        assert interval is not None
        # The residual is 0 up to rounding (4e-16 here): the ICC is 1 to the last bit or two
        # and the interval collapses onto it.
        assert interval.low == interval.value == interval.high == pytest.approx(1, abs=1e-15)
        assert icc_interval([[3, 3], [3, 3]], form) is None
    # A rater 2 points above the other, otherwise identical: consistency is perfect.
    offset = [[1, 3], [2, 4], [5, 7]]
    consistency = icc_interval(offset, "ICC(3,1)")
    assert consistency is not None
    assert consistency.low == consistency.value == consistency.high == pytest.approx(1)
    agreement = icc_interval(offset, "ICC(2,1)")
    assert agreement is not None and agreement.low < agreement.value < agreement.high < 1


# -- Cohen's kappa intervals ----------------------------------------------------------------

# SAS PROC FREQ (AGREE) printout for a 3 x 3 table, recorded in statsmodels' test suite
# (statsmodels/stats/tests/test_inter_rater.py, UnweightedCohens and TestWeightedCohens):
# Simple Kappa 0.4842, ASE 0.1380, 95% limits 0.2137 0.7547; Weighted Kappa (SAS's default
# Cicchetti-Allison weights = linear) 0.4701, ASE 0.1457, 95% limits 0.1845 0.7558.
SAS_TABLE = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]


@pytest.mark.parametrize(
    ("weights", "published"),
    [(None, (0.4842, 0.1380, 0.2137, 0.7547)), ("linear", (0.4701, 0.1457, 0.1845, 0.7558))],
)
def test_kappa_interval_sas_printout(weights, published):
    a, b = pairs_from_table(SAS_TABLE, [0, 1, 2])
    interval = cohens_kappa_interval(a, b, weights=weights)
    assert interval is not None
    assert interval.standard_error is not None
    ours = (interval.value, interval.standard_error, interval.low, interval.high)
    assert tuple(round(x, 4) for x in ours) == published
    assert interval.units == 19
    assert interval.value == cohens_kappa(a, b, weights=weights)


def test_kappa_interval_wikipedia_grants():
    """Wikipedia, "Cohen's kappa", simple example: 50 proposals, kappa = 0.4 (no SE printed)."""
    a, b = pairs_from_table([[20, 5], [10, 15]], ["yes", "no"])
    interval = cohens_kappa_interval(a, b)
    assert interval is not None and interval.standard_error is not None
    assert round(interval.value, 3) == 0.4
    z = normal_quantile(0.975)
    assert interval.low == pytest.approx(0.4 - z * interval.standard_error)
    assert interval.high == pytest.approx(0.4 + z * interval.standard_error)


def fce_unweighted_variance(table: list[list[int]]) -> float:
    """Fleiss, Cohen & Everitt's (1969) variance of unweighted kappa in its three-term form
    (as in Fleiss, Levin & Paik 2003, eq. 18.15), written independently of the weighted form
    the module uses: (A + B - C) / (n (1 - p_e)^2) with
    A = sum_i p_ii [1 - (p_i. + p_.i)(1 - kappa)]^2,
    B = (1 - kappa)^2 sum_{i != j} p_ij (p_.i + p_j.)^2,  C = [kappa - p_e (1 - kappa)]^2."""
    n = sum(map(sum, table))
    k = len(table)
    p = [[c / n for c in row] for row in table]
    row = [sum(p[i]) for i in range(k)]
    col = [sum(p[i][j] for i in range(k)) for j in range(k)]
    p_o = sum(p[i][i] for i in range(k))
    p_e = sum(row[i] * col[i] for i in range(k))
    kappa = (p_o - p_e) / (1 - p_e)
    a = sum(p[i][i] * (1 - (row[i] + col[i]) * (1 - kappa)) ** 2 for i in range(k))
    b = (1 - kappa) ** 2 * sum(
        p[i][j] * (col[i] + row[j]) ** 2 for i in range(k) for j in range(k) if i != j
    )
    c = (kappa - p_e * (1 - kappa)) ** 2
    return (a + b - c) / (n * (1 - p_e) ** 2)


@pytest.mark.parametrize(
    "table",
    [SAS_TABLE, [[20, 5], [10, 15]], [[10, 4, 1, 0], [5, 10, 12, 2], [2, 4, 12, 5], [0, 2, 6, 13]]],
    ids=["sas", "grants", "4x4"],
)
def test_kappa_se_matches_the_three_term_unweighted_formula(table):
    cats = list(range(len(table)))
    a, b = pairs_from_table(table, cats)
    interval = cohens_kappa_interval(a, b)
    assert interval is not None and interval.standard_error is not None
    assert interval.standard_error**2 == pytest.approx(fce_unweighted_variance(table), rel=1e-12)


def test_kappa_interval_symmetric_in_raters_and_confidence():
    a, b = pairs_from_table(SAS_TABLE, ["lo", "mid", "hi"])
    for weights in (None, "linear", "quadratic"):
        cats = ["lo", "mid", "hi"]
        ab = cohens_kappa_interval(a, b, categories=cats, weights=weights)
        ba = cohens_kappa_interval(b, a, categories=cats, weights=weights)
        assert ab is not None and ba is not None
        assert ab.standard_error == pytest.approx(ba.standard_error)
    wide = cohens_kappa_interval(a, b, confidence=0.99)
    usual = cohens_kappa_interval(a, b)
    assert wide is not None and usual is not None
    assert wide.low < usual.low and wide.high > usual.high
    assert wide.standard_error == usual.standard_error


def test_kappa_interval_perfect_and_undefined():
    scores = [1, 2, 3, 2, 1, 3]
    perfect = cohens_kappa_interval(scores, scores)
    assert perfect == Interval(1.0, 1.0, 1.0, 6, perfect.method, 0.95, 0.0)
    assert cohens_kappa_interval(["yes"] * 5, ["yes"] * 5) is None
    # Units either rater missed are dropped, as cohens_kappa drops them.
    a, b = pairs_from_table(SAS_TABLE, [0, 1, 2])
    assert cohens_kappa_interval([*a, 1, None], [*b, None, 2]) == cohens_kappa_interval(a, b)


# -- reading bands and the too-few-units rule -----------------------------------------------


@pytest.mark.parametrize(
    ("kappa", "band"),
    [
        (-0.01, "poor"),
        (0.0, "slight"),
        (0.20, "slight"),
        (0.2001, "fair"),
        (0.40, "fair"),
        (0.41, "moderate"),
        (0.60, "moderate"),
        (0.61, "substantial"),
        (0.80, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_koch(kappa, band):
    assert landis_koch(kappa) == band


@pytest.mark.parametrize(
    ("alpha", "band"),
    [
        (0.800, "acceptable"),
        (0.95, "acceptable"),
        (0.7999, "tentative"),
        (0.667, "tentative"),
        (0.6669, "unreliable"),
        (-0.2, "unreliable"),
    ],
)
def test_krippendorff_band(alpha, band):
    assert krippendorff_band(alpha) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.49, "poor"),
        (0.5, "moderate"),
        (0.7499, "moderate"),
        (0.75, "good"),
        (0.9, "good"),
        (0.9001, "excellent"),
        (-0.1, "poor"),
    ],
)
def test_koo_li(value, band):
    assert koo_li(value) == band


def test_koo_li_reads_the_interval_too():
    """Koo & Li grade the 95% interval: Shrout & Fleiss's ICC(3,k) = .91 is "excellent" as a
    point but its interval [.68, .99] runs from "moderate" to "excellent"."""
    interval = icc_interval(SHROUT_FLEISS, "ICC(3,k)")
    assert interval is not None
    bands = [koo_li(x) for x in (interval.low, interval.value, interval.high)]
    assert bands == ["moderate", "excellent", "excellent"]


def test_too_few_units():
    assert MIN_UNITS == 10
    assert too_few_units(9)
    assert not too_few_units(10)
    assert too_few_units(29, minimum=30)
    assert too_few_units(0)
    interval = icc_interval(SHROUT_FLEISS)
    assert interval is not None and too_few_units(interval.units)


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: f_quantile(0, 1, 2), "between 0 and 1"),
        (lambda: f_quantile(1.0, 1, 2), "between 0 and 1"),
        (lambda: f_quantile(0.5, 0, 2), "df1 must be positive"),
        (lambda: f_quantile(0.5, 1, -2), "df2 must be positive"),
        (lambda: f_quantile(0.5, 1, math.inf), "finite"),
        (lambda: f_cdf(math.nan, 1, 2), "finite"),
        (lambda: regularized_beta(1.5, 1, 2), r"\[0, 1\]"),
        (lambda: regularized_beta(0.5, 0, 2), "a must be positive"),
        (lambda: normal_quantile(1), "between 0 and 1"),
        (lambda: icc_interval(SHROUT_FLEISS, "ICC(4,1)"), "form must be"),
        (lambda: icc_interval(SHROUT_FLEISS, "ICC(2,1)", 1.0), "confidence"),
        (lambda: icc_interval([[1, 2], [3, N]]), "complete data"),
        (lambda: cohens_kappa_interval([1, 2], [1, 2], confidence=0), "confidence"),
        (lambda: cohens_kappa_interval([1, 2, 3], [1, 2]), "rated 3 and 2 units"),
        (lambda: cohens_kappa_interval([1, 2], [1, 2], weights="cubic"), "weights must be"),
        (
            lambda: cohens_kappa_interval(["lo", "hi"], ["lo", "lo"], weights="linear"),
            "categories=",
        ),
        (lambda: landis_koch(math.nan), "finite"),
        (lambda: krippendorff_band(None), "number"),
        (lambda: koo_li("0.8"), "number"),
        (lambda: too_few_units(-1), "whole number"),
        (lambda: too_few_units(9.5), "whole number"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()

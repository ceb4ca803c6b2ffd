"""Inter-rater statistics against published worked examples, then properties and bad input.

Published values are matched at the precision they were published with (three decimals unless
the source gives fewer or more); each data set is written out with its source.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from toolkit.shop.agreement import (
    ICC_FORMS,
    LEVELS,
    category_counts,
    cohens_kappa,
    fleiss_kappa,
    icc,
    krippendorff_alpha,
    percent_agreement,
)

N = None


def to(value: float | None, decimals: int) -> float:
    assert value is not None
    return round(value, decimals)


def pairs_from_table(table: list[list[int]], categories: list) -> tuple[list, list]:
    """Two raters' ratings from a contingency table (rows: rater a, columns: rater b)."""
    a: list = []
    b: list = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [categories[i]] * count
            b += [categories[j]] * count
    return a, b


def ratings_from_counts(counts: list[list[int]]) -> list[list[int]]:
    """Raters x units ratings with the given units x categories counts (category = column)."""
    units = [[j for j, count in enumerate(row) for _ in range(count)] for row in counts]
    return [list(rater) for rater in zip(*units, strict=True)]


def transpose(rows: list[list]) -> list[list]:
    return [list(column) for column in zip(*rows, strict=True)]


# -- Krippendorff's alpha: published examples -----------------------------------------------

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania: the example with missing data that the paper
# computes at every level (also in Content Analysis, 4th ed., 2019, p. 290). 4 observers x 12
# units, values 1-5, None = missing. Published:
# nominal .743, ordinal .815, interval .849, ratio .797. Transcribed from the icr R package's
# test fixture (staudtlex/icr, inst/tinytest/data/krippendorff-2018-p290.csv), whose tests
# assert the same four values. Unit 12 carries a single value, so it is not pairable and where
# that value sits does not matter.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, N],  # observer B
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],  # observer D
]


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_krippendorff_2011(level, published):
    assert to(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == published


# Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15 units,
# values 1-4 with missing values. Published: nominal 0.691, interval 0.811. Data as in the icr
# package's fixture inst/tinytest/data/wikipedia.csv.
WIKIPEDIA_ALPHA = [
    [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
]


def test_alpha_wikipedia_example():
    assert to(krippendorff_alpha(WIKIPEDIA_ALPHA, "nominal"), 3) == 0.691
    assert to(krippendorff_alpha(WIKIPEDIA_ALPHA, "interval"), 3) == 0.811


# Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard reliability
# measure for coding data. Communication Methods and Measures 1(1), 77-89: 40 units coded by
# 5 observers on an ordinal 0-3 scale, with missing values; their KALPHA macro reports ordinal
# alpha = .7598. One row per unit here (as printed), transposed below. Data as in the icr
# package's fixture inst/tinytest/data/hayes-krippendorff-2007.csv.
HAYES_KRIPPENDORFF_2007 = [
    [1, 1, 2, N, 2], [1, 1, 0, 1, N], [2, 3, 3, 3, N], [N, 0, 0, N, 0], [0, 0, 0, N, 0],
    [0, 0, 0, N, 0], [1, 0, 2, N, 1], [1, N, 2, 0, N], [2, 2, 2, N, 2], [2, 1, 1, 1, N],
    [N, 1, 0, 0, N], [0, 0, 0, 0, N], [1, 2, 2, 2, N], [3, 3, 2, 2, 3], [1, 1, 1, N, 1],
    [1, 1, 1, N, 1], [2, 1, 2, N, 2], [1, 2, 3, 3, N], [1, 1, 0, 1, N], [0, 0, 0, N, 0],
    [0, 0, 1, 1, N], [0, 0, N, 0, 0], [2, 3, 3, 3, N], [0, 0, 0, 0, N], [1, 2, N, 2, 2],
    [0, 1, 1, 1, N], [0, 0, 0, 1, 0], [1, 2, 1, 2, N], [1, 1, 2, 2, N], [1, 1, 2, N, 2],
    [1, 1, 0, N, 0], [2, 1, 2, 1, N], [2, 2, N, 2, 2], [3, 2, 2, 2, N], [2, 2, 2, N, 2],
    [2, 2, 3, N, 2], [2, 2, 2, N, 2], [2, 2, N, 1, 2], [2, 2, 2, 2, N], [1, 1, 1, N, 1],
]  # fmt: skip


def test_alpha_hayes_krippendorff_2007_ordinal():
    assert to(krippendorff_alpha(transpose(HAYES_KRIPPENDORFF_2007), "ordinal"), 4) == 0.7598


# -- Fleiss' kappa: published examples ------------------------------------------------------

# Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects x 14 raters x 5
# categories (n_ij = raters who put subject i in category j). Published: P-bar = 0.378,
# P-bar_e = 0.213, kappa = 0.210. The same table is statsmodels' test fixture
# (statsmodels/stats/tests/test_inter_rater.py, table0, with the P_i column).
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_wikipedia_worked_example():
    assert to(fleiss_kappa(FLEISS_WIKIPEDIA), 3) == 0.210


def test_percent_agreement_is_fleiss_p_bar_on_the_wikipedia_example():
    # Every subject has 14 raters, so pooled pairs = Fleiss' mean agreement P-bar = 0.378.
    assert to(percent_agreement(ratings_from_counts(FLEISS_WIKIPEDIA)), 3) == 0.378


def test_category_counts_rebuilds_the_count_matrix():
    assert category_counts(ratings_from_counts(FLEISS_WIKIPEDIA)) == FLEISS_WIKIPEDIA


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76(5), 378-382: 30 patients, each diagnosed by 6 psychiatrists (not the same six
# for every patient) into 5 categories; published kappa = .430. Raw ratings as in the R
# package irr's `diagnoses` data set (levels 1-5), one row per patient; irr's kappam.fleiss
# gives 0.4302445 (recorded in statsmodels' test_inter_rater.py).
FLEISS_1971_DIAGNOSES = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip


def test_fleiss_1971_diagnoses():
    counts = category_counts(transpose(FLEISS_1971_DIAGNOSES))
    kappa = fleiss_kappa(counts)
    assert to(kappa, 3) == 0.430
    assert kappa == pytest.approx(0.4302445, abs=1e-7)


# -- Cohen's kappa: published examples ------------------------------------------------------

# Wikipedia, "Cohen's kappa", section "Simple example" (also worked at
# howcodex.com/statistics/cohen_kappa_coefficient.htm): 50 grant proposals read by readers A
# and B. Both yes 20, A yes / B no 5, A no / B yes 10, both no 15. Published: p_o = 0.7,
# p_e = 0.5, kappa = 0.4.
GRANTS = pairs_from_table([[20, 5], [10, 15]], ["yes", "no"])


def test_cohen_wikipedia_grant_example():
    a, b = GRANTS
    assert to(percent_agreement([a, b]), 3) == 0.7
    assert to(cohens_kappa(a, b), 3) == 0.4


# SAS PROC FREQ (AGREE) printout for a 3 x 3 table, recorded as reference output in statsmodels'
# test suite (statsmodels/stats/tests/test_inter_rater.py, table10, UnweightedCohens and
# TestWeightedCohens): simple kappa 0.4842 and weighted kappa 0.4701 with SAS's default
# Cicchetti-Allison (linear) weights on the scores 0, 1, 2. Rows: rater 1, columns: rater 2.
SAS_TABLE = pairs_from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]], [0, 1, 2])


def test_cohen_sas_simple_and_linearly_weighted():
    a, b = SAS_TABLE
    assert to(cohens_kappa(a, b), 4) == 0.4842
    assert to(cohens_kappa(a, b, weights="linear"), 4) == 0.4701


# The R package irr's `anxiety` data (20 subjects rated 1-6 by 3 raters; raters 2 and 3 used
# 1, 2, 3, 4 and 6), with irr's kappa2() results for raters 2 and 3 as recorded in statsmodels'
# test_inter_rater.py: unweighted -0.006289308, "equal" (linear) 0.1459075, "squared"
# (quadratic) 0.2520325. irr weighs by the position of each level among the levels present,
# which is what categories=None (the observed values, sorted) does here.
ANXIETY_RATER_2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
ANXIETY_RATER_3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]


@pytest.mark.parametrize(
    ("weights", "published"),
    [(None, -0.006289308), ("linear", 0.1459075), ("quadratic", 0.2520325)],
)
def test_cohen_irr_anxiety(weights, published):
    kappa = cohens_kappa(ANXIETY_RATER_2, ANXIETY_RATER_3, weights=weights)
    assert kappa == pytest.approx(published, abs=5e-8)


def test_weighted_kappa_depends_on_the_whole_scale():
    """A scale point nobody used changes linear weights (k - 1 = 5 rather than 4), which is
    why calibration passes the criterion's whole scale as categories."""
    whole_scale = cohens_kappa(
        ANXIETY_RATER_2, ANXIETY_RATER_3, weights="linear", categories=[1, 2, 3, 4, 5, 6]
    )
    observed_only = cohens_kappa(ANXIETY_RATER_2, ANXIETY_RATER_3, weights="linear")
    assert whole_scale != pytest.approx(observed_only)


# -- ICC: published example -----------------------------------------------------------------

# Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
# reliability. Psychological Bulletin 86(2), 420-428, Table 2: 6 targets x 4 judges.
# Published (two decimals): ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71, ICC(1,4) .44,
# ICC(2,4) .62, ICC(3,4) .91 (the R package psych tests the same six values,
# tests/testthat/test_ICC.R).
# Derived by hand, in exact fractions, from the same data: BMS = 1349/120, JMS = 2339/72,
# WMS = 451/72, EMS = 367/360 (11.24, 32.49, 6.26, 1.02), hence ICC(1,1) = 448/2703,
# ICC(2,1) = 184/635, ICC(3,1) = 920/1287.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


@pytest.mark.parametrize(
    ("form", "published", "exact"),
    [
        ("ICC(1,1)", 0.17, 448 / 2703),
        ("ICC(2,1)", 0.29, 184 / 635),
        ("ICC(3,1)", 0.71, 920 / 1287),
        ("ICC(1,k)", 0.44, None),
        ("ICC(2,k)", 0.62, None),
        ("ICC(3,k)", 0.91, None),
    ],
)
def test_icc_shrout_fleiss_table_2(form, published, exact):
    value = icc(SHROUT_FLEISS, form)
    assert to(value, 2) == published
    if exact is not None:
        assert value == pytest.approx(exact, abs=1e-12)


def test_icc_default_is_the_calibration_form():
    assert icc(SHROUT_FLEISS) == icc(SHROUT_FLEISS, "ICC(2,1)")


# -- nominal data over more than two categories, as labels ----------------------------------

# The five Fleiss (1971) diagnoses as irr's `diagnoses` data labels them: nominal statistics
# must give the published figures whatever the categories are called, and with 5 of them.
DIAGNOSES = ["Depression", "Personality Disorder", "Schizophrenia", "Neurosis", "Other"]
LABELLED_DIAGNOSES = [[DIAGNOSES[v - 1] for v in row] for row in FLEISS_1971_DIAGNOSES]


def test_fleiss_1971_with_five_label_categories():
    counts = category_counts(transpose(LABELLED_DIAGNOSES), categories=DIAGNOSES)
    assert counts == category_counts(transpose(FLEISS_1971_DIAGNOSES))
    assert to(fleiss_kappa(counts), 3) == 0.430


def test_alpha_nominal_on_fleiss_1971_labels():
    """Complete data, 30 units x 6 ratings = 180 values: 1 - alpha = (1 - kappa_F) 179/180
    (see test_alpha_nominal_and_fleiss_kappa_on_complete_data), with labels as with codes."""
    kappa = fleiss_kappa(category_counts(transpose(FLEISS_1971_DIAGNOSES)))
    assert kappa is not None
    alpha = krippendorff_alpha(transpose(LABELLED_DIAGNOSES), "nominal")
    assert alpha == pytest.approx(1 - (1 - kappa) * 179 / 180)
    assert alpha == pytest.approx(krippendorff_alpha(transpose(FLEISS_1971_DIAGNOSES)))


def test_alpha_wikipedia_example_with_labels():
    # The Wikipedia example's 4 values as labels: nominal alpha stays 0.691.
    names = {1: "greeting", 2: "offer", 3: "upsell", 4: "farewell"}
    labelled = [[None if v is None else names[v] for v in row] for row in WIKIPEDIA_ALPHA]
    assert to(krippendorff_alpha(labelled, "nominal"), 3) == 0.691


def test_cohen_three_label_categories_sas_table():
    # The SAS 3 x 3 table with labels: unweighted kappa needs no order, weighted needs the
    # scale order given (labels do not sort into it: "high" < "low" < "mid").
    a, b = pairs_from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]], ["low", "mid", "high"])
    assert to(cohens_kappa(a, b), 4) == 0.4842
    scale = ["low", "mid", "high"]
    assert to(cohens_kappa(a, b, weights="linear", categories=scale), 4) == 0.4701


# -- relations between the statistics -------------------------------------------------------


def scotts_pi(a: list, b: list) -> float:
    """Scott (1955): chance agreement from the pooled shares of both coders' values."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pooled = Counter(a) + Counter(b)
    expected = sum((count / (2 * n)) ** 2 for count in pooled.values())
    return (observed - expected) / (1 - expected)


@pytest.mark.parametrize(
    "pair",
    [GRANTS, SAS_TABLE, (ANXIETY_RATER_2, ANXIETY_RATER_3)],
    ids=["grants", "sas", "anxiety"],
)
def test_alpha_nominal_is_scotts_pi_corrected_for_sample_size(pair):
    """Two coders, no missing values, N units, n = 2N values: with P_o the observed agreement
    and P_e = sum_c (n_c/n)^2, pi = 1 - (1 - P_o)/(1 - P_e) while alpha's D_o = 1 - P_o and
    D_e = (1 - P_e) n/(n - 1), so 1 - alpha = (1 - pi)(n - 1)/n exactly: alpha -> pi as n
    grows. (Derived here from the two definitions; Fleiss' kappa with 2 raters is pi.)"""
    a, b = pair
    n = 2 * len(a)
    pi = scotts_pi(a, b)
    assert krippendorff_alpha([a, b]) == pytest.approx(1 - (1 - pi) * (n - 1) / n)
    assert fleiss_kappa(category_counts([a, b])) == pytest.approx(pi)


def test_alpha_nominal_and_fleiss_kappa_on_complete_data():
    """Same derivation with m raters on every unit: 1 - alpha = (1 - kappa_F)(n - 1)/n,
    n = all ratings (here 10 x 14 = 140)."""
    kappa = fleiss_kappa(FLEISS_WIKIPEDIA)
    assert kappa is not None
    n = 140
    alpha = krippendorff_alpha(ratings_from_counts(FLEISS_WIKIPEDIA))
    assert alpha == pytest.approx(1 - (1 - kappa) * (n - 1) / n)


def test_percent_agreement_pools_pairs_across_units_with_missing_ratings():
    # Hand count: unit 1 (a, a, b) has 3 pairs, 1 agreeing; unit 2 (a, a) has 1 pair, agreeing;
    # unit 3 has one rating and no pair. 2 agreeing pairs of 4.
    ratings = [["a", "a", "c"], ["a", "a", N], ["b", N, N]]
    assert percent_agreement(ratings) == 0.5


# -- properties -----------------------------------------------------------------------------


def test_perfect_agreement_gives_one():
    scores = [1, 2, 3, 4, 5, 3, 2, None, 4]
    raters = [scores, scores, [s if i % 3 else None for i, s in enumerate(scores)]]
    complete = [s for s in scores if s is not None]
    assert percent_agreement(raters) == 1
    for weights in (None, "linear", "quadratic"):
        assert cohens_kappa(scores, scores, weights=weights) == 1
    assert fleiss_kappa(category_counts([complete] * 4)) == 1
    for level in LEVELS:
        assert krippendorff_alpha(raters, level) == 1
    for form in ICC_FORMS:
        assert icc(transpose([complete, complete, complete]), form) == pytest.approx(1)


def test_symmetric_in_raters_and_units():
    rng = random.Random(6)
    order = list(range(12))
    rng.shuffle(order)
    shuffled_units = [[row[u] for u in order] for row in KRIPPENDORFF_2011]
    for reordered in (KRIPPENDORFF_2011[::-1], shuffled_units):
        assert percent_agreement(reordered) == pytest.approx(percent_agreement(KRIPPENDORFF_2011))
        for level in LEVELS:
            assert krippendorff_alpha(reordered, level) == pytest.approx(
                krippendorff_alpha(KRIPPENDORFF_2011, level)
            )
    for weights in (None, "linear", "quadratic"):
        assert cohens_kappa(ANXIETY_RATER_2, ANXIETY_RATER_3, weights=weights) == pytest.approx(
            cohens_kappa(ANXIETY_RATER_3, ANXIETY_RATER_2, weights=weights)
        )
    columns_reversed = [row[::-1] for row in FLEISS_WIKIPEDIA]
    assert fleiss_kappa(columns_reversed) == pytest.approx(fleiss_kappa(FLEISS_WIKIPEDIA))
    judges_shuffled = [[row[2], row[0], row[3], row[1]] for row in SHROUT_FLEISS]
    for form in ICC_FORMS:
        assert icc(judges_shuffled, form) == pytest.approx(icc(SHROUT_FLEISS, form))


def test_interval_alpha_and_icc_ignore_the_unit_of_measurement():
    rescaled = [[None if v is None else 10 * v + 3 for v in row] for row in KRIPPENDORFF_2011]
    assert krippendorff_alpha(rescaled, "interval") == pytest.approx(
        krippendorff_alpha(KRIPPENDORFF_2011, "interval")
    )
    rescaled_scores = [[2.5 * x - 1 for x in row] for row in SHROUT_FLEISS]
    for form in ICC_FORMS:
        assert icc(rescaled_scores, form) == pytest.approx(icc(SHROUT_FLEISS, form))


def test_ordinal_alpha_ranks_labels_by_the_given_scale():
    labels = ["never", "rarely", "sometimes", "often", "always"]  # not alphabetical
    as_labels = [[None if v is None else labels[v - 1] for v in row] for row in KRIPPENDORFF_2011]
    assert to(krippendorff_alpha(as_labels, "ordinal", categories=labels), 3) == 0.815
    assert to(krippendorff_alpha(as_labels, "nominal"), 3) == 0.743
    # An unused scale point holds no values (n_g = 0) and changes nothing.
    assert krippendorff_alpha(
        KRIPPENDORFF_2011, "ordinal", categories=[0, 1, 2, 3, 4, 5, 6]
    ) == pytest.approx(krippendorff_alpha(KRIPPENDORFF_2011, "ordinal"))


def test_cohen_drops_units_either_rater_missed():
    a, b = GRANTS
    assert cohens_kappa([*a, "yes", None, None], [*b, None, "no", None]) == cohens_kappa(a, b)


def test_interval_alpha_matches_the_coincidence_matrix_definition():
    """The O(n) sums-of-squares route equals Krippendorff's pairwise definition, computed
    here the long way on random data with missing values."""
    rng = random.Random(2011)
    data = [[rng.choice([None, 0, 1, 2.5, 4, 7]) for _ in range(30)] for _ in range(4)]
    units = [[row[u] for row in data if row[u] is not None] for u in range(30)]
    units = [values for values in units if len(values) >= 2]
    observed = sum(
        (x - y) ** 2 / (len(values) - 1)
        for values in units
        for i, x in enumerate(values)
        for j, y in enumerate(values)
        if i != j
    )
    everything = [v for values in units for v in values]
    n = len(everything)
    expected = sum((x - y) ** 2 for x in everything for y in everything)
    assert krippendorff_alpha(data, "interval") == pytest.approx(1 - (n - 1) * observed / expected)


# -- no variation: undefined, not an error ---------------------------------------------------


def test_no_variation_is_undefined():
    everyone_yes = [["yes"] * 5, ["yes"] * 5, ["yes", N, "yes", "yes", "yes"]]
    assert percent_agreement(everyone_yes) == 1
    assert cohens_kappa(everyone_yes[0], everyone_yes[1]) is None
    assert cohens_kappa(everyone_yes[0], everyone_yes[1], weights="linear") is None
    assert fleiss_kappa(category_counts(everyone_yes[:2])) is None
    assert fleiss_kappa([[0, 3], [0, 3]]) is None
    for level in ("nominal", "ordinal"):
        assert krippendorff_alpha(everyone_yes, level, categories=["no", "yes"]) is None
    same_score = [[4, 4, N], [4, 4, 4]]
    for level in ("interval", "ratio"):
        assert krippendorff_alpha(same_score, level) is None
    for form in ICC_FORMS:
        assert icc([[7, 7, 7]] * 4, form) is None


def test_icc_with_only_rater_differences():
    """Every target scored alike, one rater always 2 points higher: no variation between
    targets. Consistency forms are 0/0 (undefined); absolute agreement is 0."""
    scores = [[5.0, 7.0]] * 5
    assert icc(scores, "ICC(3,1)") is None
    assert icc(scores, "ICC(2,1)") == pytest.approx(0, abs=1e-12)


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: percent_agreement([[1, 2, 3]]), "at least 2 raters"),
        (lambda: percent_agreement([[1, 2], [1, N]]), "at least 2 units"),
        (lambda: percent_agreement([[1, 2], [1, 2, 3]]), "one entry per unit"),
        (lambda: percent_agreement(["abc", "abd"]), "sequence of ratings"),
        (lambda: krippendorff_alpha([[1, 2], [1, math.nan]]), "NaN"),
        (lambda: krippendorff_alpha([[1, 2], [1, 2]], "cardinal"), "level must be"),
        (lambda: krippendorff_alpha([["a", "b"], ["a", "b"]], "interval"), "must be a number"),
        (lambda: krippendorff_alpha([[1, -2], [1, 2]], "ratio"), ">= 0"),
        (lambda: krippendorff_alpha([["no", "yes"], ["no", "no"]], "ordinal"), "categories="),
        (lambda: krippendorff_alpha([[1, 2], [1, 3]], categories=[1, 2]), "not in categories"),
        (lambda: cohens_kappa([1, 2, 3], [1, 2]), "rated 3 and 2 units"),
        (lambda: cohens_kappa([1, 2, N], [1, N, 3]), "at least 2 units"),
        (lambda: cohens_kappa([1, 2], [1, 2], weights="cubic"), "weights must be"),
        (lambda: cohens_kappa(["lo", "hi"], ["lo", "lo"], weights="linear"), "categories="),
        (lambda: cohens_kappa([1, 2], [1, 2], categories=[1, 2, 2]), "must not repeat"),
        (lambda: fleiss_kappa([[1, 2]]), "at least 2 units"),
        (lambda: fleiss_kappa([[1, 2], [3, 1]]), "same number of ratings"),
        (lambda: fleiss_kappa([[1, 0], [0, 1]]), "at least 2 ratings per unit"),
        (lambda: fleiss_kappa([[1, 2], [1.5, 1.5]]), "non-negative integers"),
        (lambda: fleiss_kappa([[1, 2], [1, 2, 0]]), "categories"),
        (lambda: category_counts([[1, 2, 1], [1, 2, N]]), "unit 2 has 1 ratings"),
        (lambda: icc([[1, 2], [3, N]]), "complete data"),
        (lambda: icc([[1, 2]]), "at least 2 targets"),
        (lambda: icc([[1], [2]]), "at least 2 raters"),
        (lambda: icc([[1, 2], [3]]), "row 1 has 1"),
        (lambda: icc([[1, 2], [3, "4"]]), "must be a number"),
        (lambda: icc([[1, 2], [3, 4]], "ICC(4,1)"), "form must be"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()

"""Inter-rater agreement: how far a score means the same whoever gave it.

Calibration asks whether mystery-shop scorers agree with each other. This module holds the
statistics, as pure functions over plain Python data (no I/O, no numpy; the sizes involved,
thousands of shops by a handful of scorers, make single-pass loops fast enough).

Conventions shared by every function:

* **Layout.** Categorical data (`percent_agreement`, `krippendorff_alpha`, `category_counts`)
  come as reliability data in Krippendorff's canonical form: one row per rater (scorer,
  observer), one column per unit (a criterion of a shop), ``ratings[rater][unit]``.
  `cohens_kappa` takes the two raters' rows. `fleiss_kappa` takes a units x categories count
  matrix. `icc` follows Shrout & Fleiss (1979): one row per target, one column per rater,
  ``matrix[target][rater]``.
* **Missing values** are ``None`` (never NaN: a NaN is rejected with a ValueError, so a
  pandas-style missing value cannot pass silently as a category of its own).
* **Prepared data.** `percent_agreement` and `krippendorff_alpha` also take the ratings as
  `Units` (``Units.of(ratings)``): several statistics of the same ratings then check them
  and count their units once.
* **Proportions, not percentages.** Every agreement figure lies in [0, 1] (kappa, alpha and
  ICC may be negative); renderers format them.
* **Degenerate input.** Input the statistic cannot be computed from raises ``ValueError``
  with a message saying what is wrong: fewer than two raters, fewer than two units that two
  raters rated, ragged rows, a value outside the given categories, NaN, a non-number where
  numbers are needed, unequal numbers of raters per unit for Fleiss' kappa.
  **No variation** is different: when every rating of every unit is the same value, agreement
  is perfect but chance-corrected statistics are 0/0, because agreement by chance is then
  certain and nothing is left to correct for (Krippendorff 2011 says the same of alpha: the
  data show no variation and reliability cannot be assessed). The kappas, alpha and ICC then
  return ``None``, meaning *undefined*, not 0 and not 1. This is common in calibration (a
  criterion every scorer marks "yes" on every shop), so it is a value to report ("no
  variation") rather than an error to catch; `percent_agreement` still says 1.0 there.

Which statistic to report, in short: percent agreement for readability, Krippendorff's alpha
as the reliability figure (any number of scorers, missing scores, the right metric for the
criterion type), Cohen's kappa for a scorer against the benchmark, and ICC(2,1) for numeric
shop scores (see `icc`). Report an interval with the figure where one exists
(`cohens_kappa_interval`, `icc_interval`, both returning an `Interval`), read it against a
band only as a convention (`landis_koch`, `krippendorff_band`, `koo_li`), and flag a figure
that rests on too few units (`too_few_units`, `MIN_UNITS`). The F and normal quantiles the
intervals need (`f_quantile`, `normal_quantile`, `regularized_beta`) are written here in
plain Python, so the module still needs nothing beyond the standard library.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import chain
from numbers import Real
from statistics import NormalDist
from typing import Literal

Level = Literal["nominal", "ordinal", "interval", "ratio"]
Weights = Literal["linear", "quadratic"]
IccForm = Literal["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"]

LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
ICC_FORMS: tuple[IccForm, ...] = (
    "ICC(1,1)",
    "ICC(2,1)",
    "ICC(3,1)",
    "ICC(1,k)",
    "ICC(2,k)",
    "ICC(3,k)",
)


# -- input checking -------------------------------------------------------------------------


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _check_value(value: object, where: str) -> None:
    if _is_nan(value):
        raise ValueError(f"{where} is NaN: use None for a missing rating")


def _rows(ratings: Sequence[Sequence[Hashable | None]], what: str) -> list[list[Hashable | None]]:
    """Reliability data as a list of equal-length rows (raters x units), checked."""
    if isinstance(ratings, str | bytes) or not isinstance(ratings, Sequence):
        raise ValueError(f"{what} must be a sequence of rows, one per rater")
    rows: list[list[Hashable | None]] = []
    for r, row in enumerate(ratings):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence):
            raise ValueError(f"{what}: row {r} must be a sequence of ratings, one per unit")
        rows.append(list(row))
    if len(rows) < 2:
        raise ValueError(f"{what} needs at least 2 raters (rows), got {len(rows)}")
    width = len(rows[0])
    for r, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(
                f"{what}: every rater must have one entry per unit (None when missing); "
                f"row 0 has {width}, row {r} has {len(row)}"
            )
        if any(map(operator.ne, row, row)):  # only NaN differs from itself
            u = next(u for u, value in enumerate(row) if value != value)
            _check_value(row[u], f"{what}: rater {r}, unit {u}")
    return rows


@dataclass(frozen=True, slots=True)
class Units:
    """Reliability data prepared once for `percent_agreement` and `krippendorff_alpha`: the
    pairable units (rated by two raters or more) and how often each distinct one occurs.

    Make it with `Units.of` when several statistics read the same ratings, so the rows are
    checked and the units counted once. Calibration data repeat a handful of answer patterns
    over thousands of shops, so the statistics work out each distinct unit once and weigh it
    by `patterns`; sums of floats still run over `columns` unit by unit, in order, so every
    figure is the one the textbook loop over the units gives, to the last bit.
    """

    raters: int
    columns: list[tuple[Hashable | None, ...]]  # every pairable unit in order, [unit][rater]
    patterns: dict[tuple[Hashable | None, ...], int]  # distinct pairable unit: times, first seen

    @classmethod
    def of(cls, ratings: Sequence[Sequence[Hashable | None]], what: str = "ratings") -> Units:
        """The pairable units of ``ratings[rater][unit]`` (checked as every statistic checks
        its input; `what` names the data in errors)."""
        rows = _rows(ratings, what)
        everything = list(zip(*rows, strict=True))
        tally = Counter(everything)
        patterns = {
            column: times
            for column, times in tally.items()
            if len(column) - column.count(None) >= 2
        }
        if len(patterns) < len(tally):
            everything = list(filter(patterns.__contains__, everything))
        return cls(len(rows), everything, patterns)

    def values(self) -> dict[tuple[Hashable | None, ...], list[Hashable]]:
        """The values of each distinct unit, missing ratings left out, in rater order."""
        return {column: [v for v in column if v is not None] for column in self.patterns}

    def check_enough(self, what: str) -> None:
        """ValueError unless two units or more are pairable: no statistic exists below."""
        if len(self.columns) < 2:
            raise ValueError(
                f"{what} needs at least 2 units rated by at least 2 raters, got {len(self.columns)}"
            )


def _units(ratings: Sequence[Sequence[Hashable | None]] | Units, what: str) -> Units:
    """The ratings as `Units` with at least two pairable units (ValueError otherwise)."""
    units = ratings if isinstance(ratings, Units) else Units.of(ratings, what)
    units.check_enough(what)
    return units


def _in_order(terms: dict[tuple[Hashable | None, ...], float], units: Units) -> Iterable[float]:
    """Each unit's term, unit by unit in order: a float sum over it rounds as the plain loop
    over the units did (summing term x times per pattern would round differently)."""
    return map(terms.__getitem__, units.columns)


def _disagreeing_pairs(values: list[Hashable]) -> int:
    """How many unordered pairs of the values differ: (m^2 - sum_c n_c^2) / 2."""
    m = len(values)
    if m == 2:
        return 0 if values[0] == values[1] else 1
    counts: dict[Hashable, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return (m * m - sum(c * c for c in counts.values())) // 2


def _ordered(values: set[Hashable]) -> list[Hashable]:
    """Observed values in their natural order, or in a stable order when they have none."""
    try:
        return sorted(values)  # type: ignore[type-var]
    except TypeError:
        return sorted(values, key=repr)


def _categories(
    observed: set[Hashable],
    categories: Sequence[Hashable] | None,
    what: str,
    *,
    ordered: bool = False,
) -> list[Hashable]:
    """The category list: the one given (checked to cover the data) or the observed values,
    sorted. When the order matters (`ordered`) only numbers are sorted: labels such as
    "poor" < "good" < "excellent" would sort alphabetically, which is not their scale order,
    so they need `categories`."""
    if categories is None:
        numeric = all(isinstance(v, Real) and not isinstance(v, bool) for v in observed)
        if ordered and len(observed) > 1 and not numeric:
            raise ValueError(
                f"{what}: the order of {', '.join(map(repr, _ordered(observed)))} is not "
                "known; pass categories=[...] in scale order"
            )
        return _ordered(observed)
    listed = list(categories)
    if len(set(listed)) != len(listed):
        raise ValueError(f"{what}: categories must not repeat a value")
    unknown = observed - set(listed)
    if unknown:
        raise ValueError(
            f"{what}: value(s) {', '.join(map(repr, _ordered(unknown)))} not in categories"
        )
    return listed


def _number(value: object, where: str) -> float:
    if type(value) is float:  # most values: skip the slower isinstance checks against ABCs
        number = value
    elif isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{where} must be a number, got {value!r}")
    else:
        number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{where} must be a finite number, got {value!r}")
    return number


# -- percent agreement ----------------------------------------------------------------------


def percent_agreement(ratings: Sequence[Sequence[Hashable | None]] | Units) -> float:
    """Share of pairs of ratings of the same unit that agree, in [0, 1].

    ``ratings[rater][unit]``, ``None`` for a missing rating (or the same data as `Units`).
    For each unit u with m_u >= 2 ratings, of which n_uc are category c, there are
    m_u(m_u - 1)/2 pairs of ratings and sum_c n_uc(n_uc - 1)/2 of them agree. The result
    pools the pairs of all units::

        P = sum_u sum_c n_uc (n_uc - 1) / sum_u m_u (m_u - 1)

    Units with fewer than two ratings have no pair and do not count. With two raters every
    rated unit has exactly one pair, so P is the plain share of units both rated that they
    rated identically. With the same number of raters on every unit, P equals Fleiss' (1971)
    mean observed agreement P-bar; with missing ratings, units with more raters weigh more
    (they hold more pairs), where Fleiss would average per-unit shares.

    Percent agreement is not corrected for chance: two scorers who answer "yes" 95% of the
    time at random agree about 90% of the time. Report it next to a chance-corrected
    statistic, never alone.

    Raises ValueError with fewer than 2 raters or fewer than 2 units rated by 2 raters.
    """
    units = _units(ratings, "percent_agreement")
    pairs = disagreeing = 0  # whole numbers: adding them pattern by pattern is exact
    values_of = units.values()
    for column, times in units.patterns.items():
        values = values_of[column]
        m = len(values)
        pairs += times * (m * (m - 1) // 2)
        disagreeing += times * _disagreeing_pairs(values)
    return (pairs - disagreeing) / pairs


# -- Cohen's kappa --------------------------------------------------------------------------


def cohens_kappa(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    *,
    weights: Weights | None = None,
    categories: Sequence[Hashable] | None = None,
) -> float | None:
    """Cohen's kappa between two raters, unweighted or (for ordered categories) weighted.

    ``a[unit]`` and ``b[unit]`` are the two raters' ratings of the same units; units where
    either is ``None`` are dropped. With o_ij the share of units rated i by `a` and j by `b`,
    and e_ij = p_i. * p_.j the share expected if the raters were independent (products of
    each rater's own marginal shares), weighted kappa (Cohen 1968) is::

        kappa_w = 1 - sum_ij d_ij o_ij / sum_ij d_ij e_ij

    with disagreement weights d_ij over the positions i, j of the categories in their order
    (k categories):

    * ``weights=None``: d_ij = 0 if i == j else 1, which gives Cohen's (1960) kappa
      (p_o - p_e) / (1 - p_e), p_o = sum_i o_ii, p_e = sum_i p_i. p_.i;
    * ``"linear"``: d_ij = |i - j| / (k - 1) (Cicchetti & Allison 1971, "equal spacing",
      SAS's default weighted kappa);
    * ``"quadratic"``: d_ij = (i - j)^2 / (k - 1)^2 (Fleiss & Cohen 1973).

    `categories` gives the category list, and for weighted kappa their order. Pass the
    whole scale of the criterion (e.g. ``[1, 2, 3, 4, 5]`` or ``["no", "partial", "yes"]``):
    weighted kappa depends on k, so a scale point nobody used still changes the weights.
    Left out, the categories are the values observed, in sorted order; weighted kappa then
    needs numeric ratings (labels have no order it could know).

    Returns None when kappa is undefined: both raters gave the same single category to every
    unit (no variation, expected disagreement 0). Raises ValueError when `a` and `b` differ
    in length, fewer than 2 units are rated by both, a value is not among `categories`, or
    `weights` is unknown.
    """
    table = _KappaTable.of(a, b, weights, categories, "cohens_kappa")
    if table is None:
        return None
    observed, expected = table.disagreement()
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True, slots=True)
class _KappaTable:
    """Two raters' ratings as a k x k table over the category positions, for `cohens_kappa`
    and `cohens_kappa_interval`: the nonzero cells (first seen first), the row (rater `a`)
    and column (rater `b`) totals, and the disagreement weights d[i][j] (tabulated once: the
    sums below read them many times, for each of many criteria in calibration)."""

    cells: Counter[tuple[int, int]]
    rows: list[int]
    cols: list[int]
    k: int
    n: int
    d: list[list[float]]

    @classmethod
    def of(
        cls,
        a: Sequence[Hashable | None],
        b: Sequence[Hashable | None],
        weights: Weights | None,
        categories: Sequence[Hashable] | None,
        what: str,
    ) -> _KappaTable | None:
        """The table, checked as `cohens_kappa` documents; None with a single category."""
        if weights not in (None, "linear", "quadratic"):
            raise ValueError(f"weights must be None, 'linear' or 'quadratic', got {weights!r}")
        if len(a) != len(b):
            raise ValueError(f"{what}: the raters rated {len(a)} and {len(b)} units")
        # Each distinct (a, b) pair once, first seen first: the cells below keep the order the
        # units first show them in, so the sums over them add in the same order as ever.
        tally = Counter(zip(a, b, strict=True))
        if any(_is_nan(x) or _is_nan(y) for x, y in tally):
            for u, (x, y) in enumerate(zip(a, b, strict=True)):  # the first NaN, by unit
                _check_value(x, f"{what}: rater a, unit {u}")
                _check_value(y, f"{what}: rater b, unit {u}")
        pairs = {(x, y): t for (x, y), t in tally.items() if x is not None and y is not None}
        n = sum(pairs.values())
        if n < 2:
            raise ValueError(f"{what} needs at least 2 units rated by both, got {n}")
        observed_values = {x for x, _ in pairs} | {y for _, y in pairs}
        cats = _categories(observed_values, categories, what, ordered=weights is not None)
        k = len(cats)
        if k < 2:
            return None
        position = {c: i for i, c in enumerate(cats)}
        cells: Counter[tuple[int, int]] = Counter()
        for (x, y), t in pairs.items():
            cells[position[x], position[y]] += t
        rows = [0] * k
        cols = [0] * k
        for (i, j), count in cells.items():
            rows[i] += count
            cols[j] += count
        if weights == "linear":
            d = [[abs(i - j) / (k - 1) for j in range(k)] for i in range(k)]
        elif weights == "quadratic":
            d = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
        else:
            d = [[0.0 if i == j else 1.0 for j in range(k)] for i in range(k)]
        return cls(cells, rows, cols, k, n, d)

    def disagreement(self) -> tuple[float, float]:
        """Observed and chance-expected weighted disagreement, sum d o and sum d e."""
        d, rows, cols, k, n = self.d, self.rows, self.cols, self.k, self.n
        observed = sum(d[i][j] * count for (i, j), count in self.cells.items()) / n
        expected = (
            sum(
                d[i][j] * rows[i] * cols[j]
                for i in range(k)
                if rows[i]
                for j in range(k)
                if cols[j]
            )
            / n
            / n
        )
        return observed, expected


# -- Fleiss' kappa --------------------------------------------------------------------------


def category_counts(
    ratings: Sequence[Sequence[Hashable | None]],
    categories: Sequence[Hashable] | None = None,
) -> list[list[int]]:
    """The units x categories count matrix `fleiss_kappa` takes, built from ratings.

    ``ratings[rater][unit]`` as elsewhere; row u of the result counts how many raters put
    unit u in each category. The columns follow `categories` if given, else the observed
    values in sorted order (Fleiss' kappa does not depend on the column order).

    Fleiss' kappa lets different raters rate different units but needs the same number of
    ratings on every unit: units nobody rated are left out, and a unit with a different
    number of ratings than the others raises ValueError (use `krippendorff_alpha`, which
    takes any pattern of missing ratings).
    """
    rows = _rows(ratings, "category_counts")
    observed = {value for row in rows for value in row if value is not None}
    cats = _categories(observed, categories, "category_counts")
    column = {c: j for j, c in enumerate(cats)}
    matrix: list[list[int]] = []
    raters: int | None = None
    for u in range(len(rows[0])):
        values = [row[u] for row in rows if row[u] is not None]
        if not values:
            continue
        if raters is None:
            raters = len(values)
        elif len(values) != raters:
            raise ValueError(
                f"category_counts: unit {u} has {len(values)} ratings, earlier units have "
                f"{raters}; Fleiss' kappa needs the same number on every unit "
                "(krippendorff_alpha takes missing ratings)"
            )
        counts = [0] * len(cats)
        for value in values:
            counts[column[value]] += 1
        matrix.append(counts)
    return matrix


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' (1971) kappa for N units each rated by the same number n of raters.

    ``counts[unit][category]`` is the number n_ij of raters who put unit i in category j
    (build it with `category_counts`). Every row must sum to the same n >= 2::

        P_i   = (sum_j n_ij^2 - n) / (n (n - 1))      agreement on unit i
        P-bar = (1/N) sum_i P_i                        mean observed agreement
        p_j   = (1/(N n)) sum_i n_ij                   share of all ratings in category j
        P_e   = sum_j p_j^2                            agreement expected by chance
        kappa = (P-bar - P_e) / (1 - P_e)

    Fleiss' kappa generalises Scott's (1955) pi (chance from the pooled category shares) to
    more than two raters; with two raters it equals Scott's pi, not Cohen's kappa.

    Returns None when every rating falls in a single category (P_e = 1, no variation).
    Raises ValueError for fewer than 2 units, rows of different lengths or sums, fewer than
    2 ratings per unit, or counts that are not non-negative integers.
    """
    if isinstance(counts, str | bytes) or not isinstance(counts, Sequence):
        raise ValueError("fleiss_kappa: counts must be a units x categories matrix")
    # Calibration repeats one row object for every unit with the same counts: each distinct
    # row is checked and summed once and weighed by how often it occurs. Every sum here is of
    # whole numbers, so grouping them cannot change the result.
    if set(map(type, counts)) <= {list, tuple}:
        times = Counter(map(id, counts))
        by_id = dict(zip(map(id, counts), counts, strict=True))
        rows = [list(by_id[i]) for i in times]
        weights = list(times.values())
    else:
        rows = [list(row) for row in counts]
        weights = [1] * len(rows)
    big_n = sum(weights)
    if big_n < 2:
        raise ValueError(f"fleiss_kappa needs at least 2 units (rows), got {big_n}")
    try:
        n = _check_counts(rows)
    except ValueError:
        if len(rows) < big_n:  # name the first bad unit by its own row number
            _check_counts([list(row) for row in counts])
        raise
    width = len(rows[0])
    totals = [sum(row[j] * w for row, w in zip(rows, weights, strict=True)) for j in range(width)]
    total = big_n * n
    chance_numerator = sum(t * t for t in totals)
    if chance_numerator == total * total:
        return None
    agreeing = sum((sum(c * c for c in row) - n) * w for row, w in zip(rows, weights, strict=True))
    p_bar = agreeing / (big_n * n * (n - 1))
    p_e = chance_numerator / (total * total)
    return (p_bar - p_e) / (1 - p_e)


def _check_counts(rows: list[list[int]]) -> int:
    """The number of ratings per unit of a count matrix, which must be the same on every row
    (ValueError naming the first row that is not a row of non-negative whole counts)."""
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"fleiss_kappa: row 0 has {width} categories, row {i} has {len(row)}")
        for count in row:
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(
                    f"fleiss_kappa: row {i} holds {count!r}; counts are non-negative integers"
                )
    n = sum(rows[0])
    for i, row in enumerate(rows):
        if sum(row) != n:
            raise ValueError(
                f"fleiss_kappa: every unit needs the same number of ratings; unit 0 has {n}, "
                f"unit {i} has {sum(row)} (krippendorff_alpha takes missing ratings)"
            )
    if n < 2:
        raise ValueError(f"fleiss_kappa needs at least 2 ratings per unit, got {n}")
    return n


# -- Krippendorff's alpha -------------------------------------------------------------------


def krippendorff_alpha(
    data: Sequence[Sequence[Hashable | None]] | Units,
    level: Level = "nominal",
    *,
    categories: Sequence[Hashable] | None = None,
) -> float | None:
    """Krippendorff's alpha, following Krippendorff (2011), "Computing Krippendorff's
    Alpha-Reliability" (and Content Analysis, 4th ed., 2019, ch. 12).

    ``data[observer][unit]``, ``None`` for a missing value (or the same data as `Units`).
    Only pairable values count: units with fewer than two values are dropped. With m_u the
    number of values in unit u, the coincidence matrix counts every ordered pair of values
    (c, k) from different observers of the same unit, each unit contributing in total m_u::

        o_ck = sum_u (number of c-k pairs in u) / (m_u - 1)
        n_c  = sum_k o_ck,   n = sum_c n_c   (the number of pairable values)

        alpha = 1 - D_o / D_e = 1 - (n - 1) sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck

    with the difference function delta2 of the level of measurement:

    * ``"nominal"``: 0 if c == k else 1;
    * ``"ordinal"``: (sum_{g=c..k} n_g - (n_c + n_k)/2)^2, the marginal frequencies n_g of
      the ranks from c to k, so the distance between two ranks is how many pairable values
      lie between them, not the difference of their labels. Values are ranked by
      `categories` when given (e.g. ``["no", "partial", "yes"]``), else numbers by value
      (labels need `categories`); unused categories have n_g = 0 and change nothing;
    * ``"interval"``: (c - k)^2;
    * ``"ratio"``: ((c - k) / (c + k))^2, for non-negative values.

    The interval sums are computed per unit from sums of squares, O(values); the ordinal and
    ratio sums are O(distinct values^2), which stays small for rating scales. Each distinct
    unit is worked out once (see `Units`).

    Returns None when the pairable values show no variation (all equal: D_e = 0, alpha is
    undefined). Raises ValueError for an unknown level, fewer than 2 observers, fewer than 2
    pairable units, values outside `categories`, or non-numeric (for ratio: negative)
    values at the interval and ratio levels.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    what = f"krippendorff_alpha({level})"
    units = _units(data, what)
    values = units.values()
    observed = {value for unit in values.values() for value in unit}
    order = _categories(observed, categories, what, ordered=level == "ordinal")
    if level in ("interval", "ratio"):
        number = _numbers(units, values, f"{what}: value")
        if level == "ratio" and min(number.values()) < 0:
            raise ValueError(f"{what}: the ratio metric needs values >= 0")
    if len(observed) < 2:
        return None
    if level == "nominal":
        return _alpha_nominal(units, values)
    if level == "interval":
        return _alpha_interval(units, values, number)
    if level == "ratio":
        scale = _ordered(observed)
        deltas = [[_ratio_delta(float(c), float(k)) for k in scale] for c in scale]  # type: ignore[arg-type]
        return _alpha_pairwise(units, values, scale, deltas)
    return _alpha_ordinal(units, values, [c for c in order if c in observed])


_Values = dict[tuple[Hashable | None, ...], list[Hashable]]  # Units.values(): unit -> values


def _numbers(units: Units, values: _Values, where: str) -> dict[Hashable, float]:
    """Each distinct value as a float, every value checked as `_number` checks it.

    Checking the distinct values is enough when all are plain ints and floats. Any other type
    is checked value by value, in order: a bool, say, equals 1 as a dict key (so it may hide
    behind a 1 in the distinct values) but is no number here."""
    kinds = set(map(type, chain.from_iterable(units.columns)))
    if not kinds <= {int, float, type(None)}:
        for value in chain.from_iterable(units.columns):
            if value is not None:
                _number(value, where)
    return {value: _number(value, where) for unit in values.values() for value in unit}


def _alpha_nominal(units: Units, values: _Values) -> float:
    # sum over c != k of o_ck: per unit, (m^2 - sum_c n_uc^2) / (m - 1).
    terms = {
        column: 2 * _disagreeing_pairs(unit) / (len(unit) - 1) for column, unit in values.items()
    }
    disagreeing = sum(_in_order(terms, units))
    marginals: Counter[Hashable] = Counter()
    for column, times in units.patterns.items():
        for value in values[column]:
            marginals[value] += times
    n = sum(marginals.values())
    expected = n * n - sum(c * c for c in marginals.values())
    return 1 - (n - 1) * disagreeing / expected


def _alpha_interval(units: Units, values: _Values, number: dict[Hashable, float]) -> float:
    # sum_{i != j} (v_i - v_j)^2 = 2 m sum_i (v_i - mean)^2, within a unit and over all values.
    terms: dict[tuple[Hashable | None, ...], float] = {}
    for column, unit in values.items():
        numbers = [number[v] for v in unit]
        m = len(numbers)
        mean = sum(numbers) / m
        terms[column] = m * sum((v - mean) ** 2 for v in numbers) / (m - 1)
    observed = reduce(operator.add, _in_order(terms, units), 0.0)
    in_units = chain.from_iterable(map(values.__getitem__, units.columns))
    everything = list(map(number.__getitem__, in_units))
    n = len(everything)
    mean = sum(everything) / n
    squares = {v: (v - mean) ** 2 for v in number.values()}
    expected = n * sum(map(squares.__getitem__, everything))
    return 1 - (n - 1) * observed / expected


def _ratio_delta(c: float, k: float) -> float:
    return ((c - k) / (c + k)) ** 2 if c != k else 0.0


def _alpha_pairwise(
    units: Units, values: _Values, scale: list[Hashable], matrix: list[list[float]]
) -> float:
    """Alpha from delta2 tabulated over the distinct values (ordinal and ratio)."""
    index = {v: i for i, v in enumerate(scale)}
    terms: dict[tuple[Hashable | None, ...], float] = {}
    marginals = [0] * len(scale)
    for column, times in units.patterns.items():
        unit = values[column]
        counts = Counter(index[v] for v in unit)
        m = len(unit)
        items = list(counts.items())
        within = 0.0
        for a, (i, ni) in enumerate(items):
            marginals[i] += times * ni
            for j, nj in items[a + 1 :]:
                within += ni * nj * matrix[i][j]
        terms[column] = 2 * within / (m - 1)
    observed = reduce(operator.add, _in_order(terms, units), 0.0)
    n = sum(marginals)
    expected = 0.0
    for i, ni in enumerate(marginals):
        for j in range(i + 1, len(scale)):
            expected += ni * marginals[j] * matrix[i][j]
    expected *= 2
    return 1 - (n - 1) * observed / expected


def _alpha_ordinal(units: Units, values: _Values, order: list[Hashable]) -> float:
    position = {v: i for i, v in enumerate(order)}
    n_g = [0] * len(order)
    for column, times in units.patterns.items():
        for v in values[column]:
            n_g[position[v]] += times
    cumulative = [0]
    for count in n_g:
        cumulative.append(cumulative[-1] + count)
    # delta2(c, k) = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2, c <= k by rank.
    matrix = [
        [
            (
                cumulative[max(i, j) + 1] - cumulative[min(i, j)] - (n_g[i] + n_g[j]) / 2
                if i != j
                else 0.0
            )
            ** 2
            for j in range(len(order))
        ]
        for i in range(len(order))
    ]
    return _alpha_pairwise(units, values, order, matrix)


# -- intraclass correlation -----------------------------------------------------------------


def icc(matrix: Sequence[Sequence[float]], form: IccForm = "ICC(2,1)") -> float | None:
    """Intraclass correlation of numeric scores, Shrout & Fleiss (1979).

    ``matrix[target][rater]``: n targets (shops) each scored by the same k raters, no
    missing scores (for incomplete data use ``krippendorff_alpha(data, "interval")``). From
    the two-way ANOVA without replication, in Shrout & Fleiss's notation::

        BMS = k sum_i (mean_i. - mean)^2 / (n - 1)            between targets
        JMS = n sum_j (mean_.j - mean)^2 / (k - 1)            between raters (judges)
        WMS = sum_ij (x_ij - mean_i.)^2 / (n (k - 1))         within targets
        EMS = (SS_total - SS_targets - SS_raters) / ((n - 1)(k - 1))   residual

        ICC(1,1) = (BMS - WMS) / (BMS + (k - 1) WMS)
        ICC(2,1) = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)
        ICC(3,1) = (BMS - EMS) / (BMS + (k - 1) EMS)
        ICC(1,k) = (BMS - WMS) / BMS
        ICC(2,k) = (BMS - EMS) / (BMS + (JMS - EMS) / n)
        ICC(3,k) = (BMS - EMS) / BMS

    * ICC(1,1), one-way random: each target scored by different raters.
    * ICC(2,1), two-way random, absolute agreement (McGraw & Wong's ICC(A,1)): the same
      raters score every target and stand for all the raters who could have.
    * ICC(3,1), two-way mixed, consistency (ICC(C,1)): these raters only; a rater who is
      systematically more lenient costs nothing, only the ranking of targets matters.
    * The (.,k) forms: reliability of the mean of the k raters' scores.

    **Calibration should report ICC(2,1).** The scorers in a calibration round score the
    same shops and stand for the whole QA team (two-way random); the point of calibrating is
    that a shop gets the same score whoever scores it, so a scorer who is consistently 10
    points harsher is exactly the disagreement to surface, and only absolute agreement counts
    it (ICC(3,1) ignores it); and in production each shop is scored by one scorer, so the
    single-rater form applies, not the mean of k. A large gap between ICC(3,1) and ICC(2,1)
    says the disagreement is systematic leniency or severity rather than noise.

    Returns None when the form's denominator is 0 (no variation between targets nor
    residual variation: e.g. every score equal). Raises ValueError for fewer than 2 targets
    or 2 raters, ragged rows, missing or non-numeric scores, or an unknown form.
    """
    if form not in ICC_FORMS:
        raise ValueError(f"form must be one of {', '.join(ICC_FORMS)}, got {form!r}")
    return _MeanSquares.of(matrix).icc(form)


@dataclass(frozen=True, slots=True)
class _MeanSquares:
    """The two-way ANOVA of a complete targets x raters matrix, in Shrout & Fleiss's names
    (see `icc`), with what `icc` needs to tell an undefined ICC from a defined one."""

    n: int  # targets
    k: int  # raters
    bms: float
    jms: float
    wms: float
    ems: float
    total: float  # SS_total / (n k - 1), the scale "zero up to rounding" is judged against
    constant: bool  # every score the same value

    @classmethod
    def of(cls, matrix: Sequence[Sequence[float]]) -> _MeanSquares:
        """The mean squares of ``matrix[target][rater]``, checked as `icc` documents."""
        if isinstance(matrix, str | bytes) or not isinstance(matrix, Sequence):
            raise ValueError("icc: matrix must be a sequence of rows, one per target")
        rows: list[list[float]] = []
        for i, row in enumerate(matrix):
            if isinstance(row, str | bytes) or not isinstance(row, Sequence):
                raise ValueError(f"icc: row {i} must be a sequence of scores, one per rater")
            scores = []
            for j, x in enumerate(row):
                if x is None:
                    raise ValueError(
                        f"icc: target {i}, rater {j} is missing; ICC needs complete data "
                        "(krippendorff_alpha(data, 'interval') takes missing scores)"
                    )
                scores.append(_number(x, f"icc: target {i}, rater {j}"))
            rows.append(scores)
        n = len(rows)
        if n < 2:
            raise ValueError(f"icc needs at least 2 targets (rows), got {n}")
        k = len(rows[0])
        if k < 2:
            raise ValueError(f"icc needs at least 2 raters (columns), got {k}")
        for i, row in enumerate(rows):
            if len(row) != k:
                raise ValueError(f"icc: row 0 has {k} scores, row {i} has {len(row)}")

        grand = sum(map(sum, rows)) / (n * k)
        target_means = [sum(row) / k for row in rows]
        rater_means = [sum(row[j] for row in rows) / n for j in range(k)]
        ss_total = sum((x - grand) ** 2 for row in rows for x in row)
        ss_targets = k * sum((m - grand) ** 2 for m in target_means)
        ss_raters = n * sum((m - grand) ** 2 for m in rater_means)
        ss_within = sum(
            (x - m) ** 2 for row, m in zip(rows, target_means, strict=True) for x in row
        )
        ss_error = max(ss_total - ss_targets - ss_raters, 0.0)
        bms = ss_targets / (n - 1)
        jms = ss_raters / (k - 1)
        wms = ss_within / (n * (k - 1))
        ems = ss_error / ((n - 1) * (k - 1))
        constant = len({x for row in rows for x in row}) == 1
        return cls(n, k, bms, jms, wms, ems, ss_total / (n * k - 1), constant)

    def icc(self, form: IccForm) -> float | None:
        """The ICC of `form` (a known form), None where it is 0/0."""
        n, k, bms, jms, wms, ems = self.n, self.k, self.bms, self.jms, self.wms, self.ems
        numerator, denominator = {
            "ICC(1,1)": (bms - wms, bms + (k - 1) * wms),
            "ICC(2,1)": (bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
            "ICC(3,1)": (bms - ems, bms + (k - 1) * ems),
            "ICC(1,k)": (bms - wms, bms),
            "ICC(2,k)": (bms - ems, bms + (jms - ems) / n),
            "ICC(3,k)": (bms - ems, bms),
        }[form]
        # No variation at all, or none where this form looks (e.g. only rater effects for
        # ICC(3,1)): 0/0 up to rounding, so compare with the total mean square, not with 0.
        if self.constant or abs(denominator) <= 1e-12 * self.total:
            return None
        return numerator / denominator


# -- confidence intervals -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """A statistic with its confidence interval.

    `value` is the statistic itself (the same number the point function returns), `low` and
    `high` the bounds at level `confidence`, `units` how many units (targets, shops, units
    both raters rated) it rests on, and `method` names how the bounds were found, for a
    report's footnote. `standard_error` is set where the bounds are value +- z x SE (Cohen's
    kappa); F-based ICC bounds are not symmetric and have none.
    """

    value: float
    low: float
    high: float
    units: int
    method: str
    confidence: float = 0.95
    standard_error: float | None = None


def _check_confidence(confidence: float) -> float:
    level = _number(confidence, "confidence")
    if not 0 < level < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    return level


def icc_interval(
    matrix: Sequence[Sequence[float]], form: IccForm = "ICC(2,1)", confidence: float = 0.95
) -> Interval | None:
    """`icc` with its confidence interval, from the F distribution, exactly as the R packages
    psych (``ICC``) and irr (``icc``) compute it (Shrout & Fleiss 1979; McGraw & Wong 1996).

    With the mean squares of `icc`, n targets, k raters, and F_q(a, b) the q quantile of the
    F distribution, q = (1 + confidence) / 2:

    * ICC(1,·): F = BMS / WMS on (n - 1, n(k - 1)) degrees of freedom;
      ICC(3,·): F = BMS / EMS on (n - 1, (n - 1)(k - 1)). Then
      F_L = F / F_q(df1, df2), F_U = F x F_q(df2, df1), and the bounds are
      (F_L - 1) / (F_L + k - 1) .. (F_U - 1) / (F_U + k - 1) for the single forms and
      1 - 1/F_L .. 1 - 1/F_U for the (.,k) forms. These are exact under the ANOVA model.
    * ICC(2,·) has no exact interval: its error term mixes JMS and EMS, so the degrees of
      freedom come from Satterthwaite's approximation, with rho = ICC(2,1)::

          a = k rho,   b = n (1 + (k - 1) rho) - k rho
          v = (k - 1)(n - 1)(a JMS + b EMS)^2 / ((n - 1)(a JMS)^2 + (b EMS)^2)
          F* = F_q(n - 1, v),   F** = F_q(v, n - 1)
          low  = n (BMS - F* EMS) / (F* (k JMS + (kn - k - n) EMS) + n BMS)
          high = n (F** BMS - EMS) / (k JMS + (kn - k - n) EMS + n F** BMS)

      and ICC(2,k)'s bounds are those of ICC(2,1) stepped up by Spearman-Brown,
      k L / (1 + (k - 1) L), as psych does (this equals McGraw & Wong's ICC(A,k) formula with
      the same v; irr's ``icc(unit="average")`` plugs ICC(A,k) itself into v and so gives a
      slightly different interval).

    The bounds assume normal scores and many targets more than many raters: with a handful
    of shops the interval is wide, which is the point of showing it (see `too_few_units`).

    Returns None where `icc` does, or where the Satterthwaite degrees of freedom come out 0
    (a JMS + b EMS = 0, possible only for a negative ICC(2,1)). When the raters agree
    exactly on every target (for ICC(3,·): up to a constant offset per rater), the error mean
    square is 0 up to rounding, the ICC is 1 (to the last bit or two) and both bounds equal
    it. Raises ValueError as `icc` does, and for a confidence outside (0, 1).
    """
    return icc_intervals(matrix, (form,), confidence)[form]


def icc_intervals(
    matrix: Sequence[Sequence[float]],
    forms: Sequence[IccForm] = ICC_FORMS,
    confidence: float = 0.95,
) -> dict[IccForm, Interval | None]:
    """`icc_interval` of each of `forms`, from one ANOVA of the matrix: a calibration
    reports all six forms, and the mean squares are the part that grows with the shops."""
    unknown = [form for form in forms if form not in ICC_FORMS]
    if unknown:
        raise ValueError(f"form must be one of {', '.join(ICC_FORMS)}, got {unknown[0]!r}")
    level = _check_confidence(confidence)
    ms = _MeanSquares.of(matrix)
    return {form: _icc_interval(ms, form, level) for form in forms}


def _icc_interval(ms: _MeanSquares, form: IccForm, level: float) -> Interval | None:
    value = ms.icc(form)
    if value is None:
        return None
    q = (1 + level) / 2
    n, k, bms, jms, ems = ms.n, ms.k, ms.bms, ms.jms, ms.ems
    single = form.endswith(",1)")
    negligible = 1e-12 * ms.total  # a mean square that is 0 up to rounding, as in `icc`
    if form.startswith("ICC(2"):
        method = "F, Satterthwaite df (McGraw & Wong 1996)"
        if jms <= negligible and ems <= negligible:  # every rater gave every target one score
            return Interval(value, value, value, n, method, level)
        rho = ms.icc("ICC(2,1)")
        assert rho is not None  # defined whenever ICC(2,k) is: same numerator, BMS > 0
        a = k * rho
        b = n * (1 + (k - 1) * rho) - k * rho
        v_denominator = (n - 1) * (a * jms) ** 2 + (b * ems) ** 2
        v_numerator = (k - 1) * (n - 1) * (a * jms + b * ems) ** 2
        if v_denominator <= 0 or v_numerator <= 0:
            return None
        v = v_numerator / v_denominator
        f_star = f_quantile(q, n - 1, v)
        f_2star = f_quantile(q, v, n - 1)
        c = k * jms + (k * n - k - n) * ems
        low = n * (bms - f_star * ems) / (f_star * c + n * bms)
        high = n * (f_2star * bms - ems) / (c + n * f_2star * bms)
        if not single:
            low, high = k * low / (1 + (k - 1) * low), k * high / (1 + (k - 1) * high)
    else:
        one_way = form.startswith("ICC(1")
        error = ms.wms if one_way else ms.ems
        df1, df2 = n - 1, n * (k - 1) if one_way else (n - 1) * (k - 1)
        method = "F (Shrout & Fleiss 1979)"
        if error <= negligible:
            return Interval(value, value, value, n, method, level)
        f = bms / error
        f_low = f / f_quantile(q, df1, df2)
        f_high = f * f_quantile(q, df2, df1)
        if single:
            low, high = (f_low - 1) / (f_low + k - 1), (f_high - 1) / (f_high + k - 1)
        else:
            low, high = 1 - 1 / f_low, 1 - 1 / f_high
    return Interval(value, low, high, n, method, level)


def cohens_kappa_interval(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    categories: Sequence[Hashable] | None = None,
    weights: Weights | None = None,
    confidence: float = 0.95,
) -> Interval | None:
    """`cohens_kappa` with its large-sample standard error and confidence interval.

    The standard error is the one of Fleiss, Cohen & Everitt (1969) for kappa not assumed 0
    (SAS PROC FREQ's "ASE", psych's ``cohen.kappa`` variance, vcd's ``Kappa``). With agreement
    weights w_ij = 1 - d_ij (d_ij as in `cohens_kappa`; w = identity for unweighted kappa),
    p_ij the share of units in cell (i, j), p_i. and p_.j the raters' marginal shares::

        P_o = sum_ij w_ij p_ij,   P_e = sum_ij w_ij p_i. p_.j,   kappa = (P_o - P_e)/(1 - P_e)
        wbar_i. = sum_j p_.j w_ij,   wbar_.j = sum_i p_i. w_ij
        var = ( sum_ij p_ij [w_ij (1 - P_e) - (wbar_i. + wbar_.j)(1 - P_o)]^2
                - (P_o P_e - 2 P_e + P_o)^2 ) / (n (1 - P_e)^4)

    and the interval is kappa +- z sqrt(var), z the (1 + confidence)/2 normal quantile, not
    cut at -1 or 1 (as SAS and psych report it). With few units the normal approximation is
    poor: the interval says so by being wide, but its coverage is only approximate.

    The arguments are those of `cohens_kappa` (plus `confidence`). Returns None where
    `cohens_kappa` does (no variation); raises ValueError as it does, and for a confidence
    outside (0, 1).
    """
    level = _check_confidence(confidence)
    table = _KappaTable.of(a, b, weights, categories, "cohens_kappa_interval")
    if table is None:
        return None
    disagreeing, chance = table.disagreement()
    if chance == 0:
        return None
    value = 1 - disagreeing / chance
    k, n = table.k, table.n
    w = [[1 - d for d in row] for row in table.d]
    p_row = [r / n for r in table.rows]
    p_col = [c / n for c in table.cols]
    p_o, p_e = 1 - disagreeing, 1 - chance
    w_row = [sum(w[i][j] * p_col[j] for j in range(k)) for i in range(k)]
    w_col = [sum(w[i][j] * p_row[i] for i in range(k)) for j in range(k)]
    spread = sum(
        count / n * (w[i][j] * (1 - p_e) - (w_row[i] + w_col[j]) * (1 - p_o)) ** 2
        for (i, j), count in table.cells.items()
    )
    variance = (spread - (p_o * p_e - 2 * p_e + p_o) ** 2) / (n * (1 - p_e) ** 4)
    se = math.sqrt(max(variance, 0.0))  # exactly 0 at kappa = 1, up to rounding
    z = normal_quantile((1 + level) / 2)
    method = "large-sample ASE (Fleiss, Cohen & Everitt 1969)"
    return Interval(value, value - z * se, value + z * se, n, method, level, se)


# -- distributions --------------------------------------------------------------------------

_BETA_EPS = 1e-15
_BETA_TINY = 1e-300
_BETA_MAX_TERMS = 100_000


def _beta_continued_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of I_x(a, b), by the modified Lentz method (Numerical Recipes'
    ``betacf``); it converges fast for x < (a + 1) / (a + b + 2)."""
    qab, qap, qam = a + b, a + 1, a - 1
    c = 1.0
    d = 1 - qab * x / qap
    d = 1 / (d if abs(d) >= _BETA_TINY else _BETA_TINY)
    h = d
    for m in range(1, _BETA_MAX_TERMS + 1):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),  # even step
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),  # odd step
        ):
            d = 1 + aa * d
            d = 1 / (d if abs(d) >= _BETA_TINY else _BETA_TINY)
            c = 1 + aa / c
            if abs(c) < _BETA_TINY:
                c = _BETA_TINY
            delta = d * c
            h *= delta
        if abs(delta - 1) <= _BETA_EPS:
            return h
    raise ArithmeticError(f"incomplete beta: no convergence for a={a}, b={b}, x={x}")


def _beta_cdf(x: float, x_complement: float, a: float, b: float) -> float:
    """I_x(a, b), given x and 1 - x separately so that neither loses digits near 0 or 1."""
    if x <= 0:
        return 0.0
    if x_complement <= 0:
        return 1.0
    log_front = (
        math.lgamma(a + b)
        - math.lgamma(a)
        - math.lgamma(b)
        + a * math.log(x)
        + b * math.log(x_complement)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _beta_continued_fraction(x, a, b) / a
    return 1 - front * _beta_continued_fraction(x_complement, b, a) / b


def _positive(value: float, what: str) -> float:
    number = _number(value, what)
    if number <= 0:
        raise ValueError(f"{what} must be positive, got {value!r}")
    return number


def regularized_beta(x: float, a: float, b: float) -> float:
    """The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF of
    the Beta(a, b) distribution at x, for 0 <= x <= 1 and a, b > 0.

    Evaluated from its continued fraction (Numerical Recipes, ``betai``/``betacf``): directly
    for x < (a + 1)/(a + b + 2), else as 1 - I_{1-x}(b, a), where the fraction converges.
    Accurate to about 1e-14 for the degrees of freedom of rating data (up to thousands);
    the prefactor's log-gammas cost digits as a + b grows, about 1e-9 relative at 1e6.
    """
    x = _number(x, "x")
    if not 0 <= x <= 1:
        raise ValueError(f"x must lie in [0, 1], got {x!r}")
    return _beta_cdf(x, 1 - x, _positive(a, "a"), _positive(b, "b"))


def f_cdf(x: float, df1: float, df2: float) -> float:
    """P(F <= x) for the F distribution on (df1, df2) degrees of freedom, which need not be
    whole numbers: I_y(df1/2, df2/2) with y = df1 x / (df1 x + df2)."""
    x = _number(x, "x")
    d1, d2 = _positive(df1, "df1"), _positive(df2, "df2")
    if x <= 0:
        return 0.0
    if math.isinf(x):
        return 1.0
    return _beta_cdf(d1 * x / (d1 * x + d2), d2 / (d1 * x + d2), d1 / 2, d2 / 2)


def f_quantile(p: float, df1: float, df2: float) -> float:
    """The p quantile of the F distribution on (df1, df2) degrees of freedom (R's ``qf``),
    0 < p < 1, degrees of freedom positive and not necessarily whole (Satterthwaite's).

    Found by bisection of `f_cdf` on a logarithmic scale (the quantile may be 1e-3 or 1e3):
    bracketed by doubling, then halved until the bracket is 1e-15 wide relative to it.
    Bisection cannot overshoot, so it needs no starting guess and converges for any df.
    """
    p = _number(p, "p")
    if not 0 < p < 1:
        raise ValueError(f"p must lie strictly between 0 and 1, got {p!r}")
    d1, d2 = _positive(df1, "df1"), _positive(df2, "df2")
    low, high = 1.0, 1.0
    while f_cdf(low, d1, d2) > p:
        low /= 2
        if low < 1e-300:
            return 0.0
    while f_cdf(high, d1, d2) < p:
        high *= 2
        if high > 1e300:
            return math.inf
    for _ in range(200):
        middle = math.sqrt(low * high)
        if f_cdf(middle, d1, d2) < p:
            low = middle
        else:
            high = middle
        if high - low <= _BETA_EPS * high:
            break
    return math.sqrt(low * high)


def normal_quantile(p: float) -> float:
    """The p quantile of the standard normal distribution, 0 < p < 1 (R's ``qnorm``): the
    standard library's `statistics.NormalDist`, which uses Wichura's algorithm AS 241
    (accurate to about 1e-16), so nothing approximate needs to be written here."""
    p = _number(p, "p")
    if not 0 < p < 1:
        raise ValueError(f"p must lie strictly between 0 and 1, got {p!r}")
    return NormalDist().inv_cdf(p)


# -- reading a figure -----------------------------------------------------------------------
#
# Bands are conventions, not properties of the data: each names its source so a report can
# say whose reading it applies, and none should be read without the interval and the number
# of units beside it.

MIN_UNITS = 10
"""Fewest units (shops, criteria of shops, targets) a figure should rest on before it is
read as stable; see `too_few_units`."""


_LANDIS_KOCH = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"))


def landis_koch(kappa: float) -> str:
    """The Landis & Koch (1977) reading of a kappa: "poor" below 0, then "slight" (0-.20),
    "fair" (.21-.40), "moderate" (.41-.60), "substantial" (.61-.80), "almost perfect"
    (.81-1).

    Landis & Koch print the bands to two decimals, which leaves gaps (.20 to .21); here each
    upper bound is inclusive and the next band starts just above it: 0.20 is "slight",
    0.2001 "fair", 0.80 "substantial", 0 itself "slight". Landis & Koch call the divisions
    "clearly arbitrary", benchmarks for discussion rather than tests; and the same kappa
    means more with balanced categories than with a rare one (kappa falls with prevalence).
    """
    kappa = _number(kappa, "kappa")
    if kappa < 0:
        return "poor"
    for upper, band in _LANDIS_KOCH:
        if kappa <= upper:
            return band
    return "almost perfect"


def krippendorff_band(alpha: float) -> str:
    """Krippendorff's reading of an alpha (Content Analysis, 2nd ed. 2004, on standards for
    data reliability): rely on variables with alpha >= .800 ("acceptable"), consider
    .667 <= alpha < .800 only for tentative conclusions ("tentative"), and do not rely on data
    below .667 ("unreliable").

    These are minimums for drawing conclusions from data, not grades of merit: a
    calibration whose result decides a scorer's pay or a client's bonus may want a higher bar.
    """
    alpha = _number(alpha, "alpha")
    if alpha >= 0.800:
        return "acceptable"
    if alpha >= 0.667:
        return "tentative"
    return "unreliable"


def koo_li(value: float) -> str:
    """The Koo & Li (2016) reading of an ICC: "poor" below .5, "moderate" from .5 to below
    .75, "good" from .75 to .9, "excellent" above .9 (0.9 itself is "good": they write
    "greater than 0.90").

    Koo & Li grade the 95% confidence interval, not the point estimate: an ICC of .80 whose
    interval is [.55, .92] is "moderate to excellent". Band `low` and `high` of
    `icc_interval` as well as `value`.
    """
    value = _number(value, "icc")
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value <= 0.9:
        return "good"
    return "excellent"


def too_few_units(units: int, minimum: int = MIN_UNITS) -> bool:
    """Whether a figure rests on fewer than `minimum` units and so should be shown as
    indicative, not read against a band.

    This is a convention of this toolkit, not a published threshold. The reasoning: with n
    units one unit moves percent agreement by 1/n, so below 10 a single shop moves it by more
    than .10, the width of a Landis & Koch band; kappa's standard error grows as 1/sqrt(n)
    and F-based ICC intervals span most of [-1, 1] with a handful of targets (Shrout &
    Fleiss's 6 targets give ICC(2,1) = .29 with [.02, .76]). Published guidance asks for more
    for a reliability study proper: Koo & Li (2016) suggest at least 30 heterogeneous
    samples and 3 raters. `minimum` lets a report use such a stricter bar.
    """
    if isinstance(units, bool) or not isinstance(units, int) or units < 0:
        raise ValueError(f"units must be a whole number >= 0, got {units!r}")
    return units < minimum

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
shop scores (see `icc`).
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
    if weights not in (None, "linear", "quadratic"):
        raise ValueError(f"weights must be None, 'linear' or 'quadratic', got {weights!r}")
    if len(a) != len(b):
        raise ValueError(f"cohens_kappa: the raters rated {len(a)} and {len(b)} units")
    # Each distinct (a, b) pair once, first seen first: the cells below keep the order the
    # units first show them in, so the sums over them add in the same order as ever.
    tally = Counter(zip(a, b, strict=True))
    if any(_is_nan(x) or _is_nan(y) for x, y in tally):
        for u, (x, y) in enumerate(zip(a, b, strict=True)):  # the first NaN, by unit
            _check_value(x, f"cohens_kappa: rater a, unit {u}")
            _check_value(y, f"cohens_kappa: rater b, unit {u}")
    pairs = {(x, y): t for (x, y), t in tally.items() if x is not None and y is not None}
    n = sum(pairs.values())
    if n < 2:
        raise ValueError(f"cohens_kappa needs at least 2 units rated by both, got {n}")
    observed_values = {x for x, _ in pairs} | {y for _, y in pairs}
    cats = _categories(observed_values, categories, "cohens_kappa", ordered=weights is not None)
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

    def d(i: int, j: int) -> float:
        if weights == "linear":
            return abs(i - j) / (k - 1)
        if weights == "quadratic":
            return (i - j) ** 2 / (k - 1) ** 2
        return 0.0 if i == j else 1.0

    observed = sum(d(i, j) * count for (i, j), count in cells.items()) / n
    expected = (
        sum(d(i, j) * rows[i] * cols[j] for i in range(k) if rows[i] for j in range(k) if cols[j])
        / n
        / n
    )
    if expected == 0:
        return None
    return 1 - observed / expected


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
    ss_within = sum((x - m) ** 2 for row, m in zip(rows, target_means, strict=True) for x in row)
    ss_error = max(ss_total - ss_targets - ss_raters, 0.0)
    bms = ss_targets / (n - 1)
    jms = ss_raters / (k - 1)
    wms = ss_within / (n * (k - 1))
    ems = ss_error / ((n - 1) * (k - 1))

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
    scale = ss_total / (n * k - 1)
    if len({x for row in rows for x in row}) == 1 or abs(denominator) <= 1e-12 * scale:
        return None
    return numerator / denominator

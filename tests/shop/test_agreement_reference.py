"""The fast paths of the agreement statistics and of calibration against plain reference forms.

The statistics work out each distinct unit (answer pattern) once and weigh it by how often it
occurs, count Fleiss' rows once per shared row object, and calibration reads the answers with
C-level maps; the references below are the textbook loops over every unit, in unit order.
Floating-point sums depend on their order, so the figures must be equal to the last bit
(``==``, never ``approx``): that is what shows the fast paths add up in the same order.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Hashable, Sequence

import pytest

from toolkit.core.content import shipped_root
from toolkit.core.loader import load_file
from toolkit.shop.agreement import (
    Units,
    cohens_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from toolkit.shop.calibration import calibrate
from toolkit.shop.model import Answer, Scorecard, Scoring, Shop, scorecard_from

Rows = list[list[Hashable | None]]

# -- reference forms: one unit after the other ----------------------------------------------


def pairable(rows: Rows) -> list[list[Hashable]]:
    units = [[v for v in column if v is not None] for column in zip(*rows, strict=True)]
    return [values for values in units if len(values) >= 2]


def disagreeing(values: list[Hashable]) -> int:
    return sum(a != b for i, a in enumerate(values) for b in values[i + 1 :])


def plain_percent(rows: Rows) -> float:
    units = pairable(rows)
    pairs = sum(len(v) * (len(v) - 1) // 2 for v in units)
    return (pairs - sum(disagreeing(v) for v in units)) / pairs


def plain_alpha(rows: Rows, level: str, order: Sequence[Hashable]) -> float:
    """Krippendorff's alpha, unit by unit; `order` ranks the values (ordinal)."""
    units = pairable(rows)
    n = sum(len(values) for values in units)
    if level == "nominal":
        observed = sum(2 * disagreeing(values) / (len(values) - 1) for values in units)
        marginals = Counter(v for values in units for v in values)
        expected = n * n - sum(c * c for c in marginals.values())
        return 1 - (n - 1) * observed / expected
    if level == "interval":
        numbers = [[float(v) for v in values] for values in units]  # type: ignore[arg-type]
        observed = 0.0
        for values in numbers:
            mean = sum(values) / len(values)
            spread = sum((v - mean) ** 2 for v in values)
            observed += len(values) * spread / (len(values) - 1)
        everything = [v for values in numbers for v in values]
        mean = sum(everything) / n
        return 1 - (n - 1) * observed / (n * sum((v - mean) ** 2 for v in everything))
    scale = [v for v in order if any(v in values for values in units)]
    index = {v: i for i, v in enumerate(scale)}
    marginals_by_rank = [0] * len(scale)
    for values in units:
        for v in values:
            marginals_by_rank[index[v]] += 1

    def delta(i: int, j: int) -> float:
        if i == j:
            return 0.0
        if level == "ratio":
            c, k = float(scale[i]), float(scale[j])  # type: ignore[arg-type]
            return ((c - k) / (c + k)) ** 2
        low, high = min(i, j), max(i, j)
        between = sum(marginals_by_rank[low : high + 1])
        return (between - (marginals_by_rank[i] + marginals_by_rank[j]) / 2) ** 2

    observed = 0.0
    for values in units:
        items = list(Counter(index[v] for v in values).items())
        within = 0.0
        for a, (i, ni) in enumerate(items):
            for j, nj in items[a + 1 :]:
                within += ni * nj * delta(i, j)
        observed += 2 * within / (len(values) - 1)
    expected = 0.0
    for i, ni in enumerate(marginals_by_rank):
        for j in range(i + 1, len(scale)):
            expected += ni * marginals_by_rank[j] * delta(i, j)
    return 1 - (n - 1) * observed / (2 * expected)


def plain_cohen(a: list, b: list, weights: str | None, categories: list) -> float:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    k, n = len(categories), len(pairs)
    position = {c: i for i, c in enumerate(categories)}
    cells = Counter((position[x], position[y]) for x, y in pairs)
    rows, cols = [0] * k, [0] * k
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
    pairs_ij = ((i, j) for i in range(k) if rows[i] for j in range(k) if cols[j])
    expected = sum(d(i, j) * rows[i] * cols[j] for i, j in pairs_ij) / n / n
    return 1 - observed / expected


# -- data with many repeated patterns, as calibration has ------------------------------------


def ratings(seed: int, raters: int, units: int, scale: list) -> Rows:
    """Raters x units: a true value per unit, a neighbour now and then, some missing."""
    rng = random.Random(seed)
    rows: Rows = [[] for _ in range(raters)]
    for _ in range(units):
        truth = rng.randrange(len(scale))
        for row in rows:
            roll = rng.random()
            if roll < 0.15:
                row.append(None)
            else:
                at = truth + (rng.choice((-1, 1)) if roll < 0.4 else 0)
                row.append(scale[max(0, min(len(scale) - 1, at))])
    return rows


SCALES = {
    "labels": ["no", "partial", "yes"],
    "grid": list(range(13)),
    "mixed numbers": [0, 0.5, 1, 2.25, 3, 7.75],
}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("raters", [2, 3, 5])
@pytest.mark.parametrize("scale", sorted(SCALES))
def test_percent_and_alpha_equal_the_unit_by_unit_loops(seed: int, raters: int, scale: str) -> None:
    order = SCALES[scale]
    rows = ratings(seed, raters, 400, order)
    units = Units.of(rows)
    assert percent_agreement(rows) == percent_agreement(units) == plain_percent(rows)
    levels = ["nominal", "ordinal"] + ([] if scale == "labels" else ["interval", "ratio"])
    for level in levels:
        expected = plain_alpha(rows, level, order)
        assert krippendorff_alpha(rows, level, categories=order) == expected, level  # type: ignore[arg-type]
        assert krippendorff_alpha(units, level, categories=order) == expected, level  # type: ignore[arg-type]


def test_units_keep_every_pairable_unit_in_order_and_count_the_distinct_ones() -> None:
    rows: Rows = [["a", None, "b", "a", None, "a"], ["a", "c", None, "a", None, "b"]]
    units = Units.of(rows)
    assert units.raters == 2
    assert units.columns == [("a", "a"), ("a", "a"), ("a", "b")]
    assert units.patterns == {("a", "a"): 2, ("a", "b"): 1}
    with pytest.raises(ValueError, match="needs at least 2 units"):
        percent_agreement(Units.of([["a", None], ["a", "b"]]))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohens_kappa_equals_the_plain_count(seed: int, weights: str | None) -> None:
    order = SCALES["grid"]
    a, b = ratings(seed, 2, 500, order)
    value = cohens_kappa(a, b, weights=weights, categories=order)  # type: ignore[arg-type]
    assert value == plain_cohen(a, b, weights, order)
    # 1 and 1.0 are one category: the first-seen order of the cells is kept all the same.
    mixed = [float(x) if x is not None and i % 3 == 0 else x for i, x in enumerate(a)]
    assert cohens_kappa(mixed, b, weights=weights, categories=order) == value  # type: ignore[arg-type]


def test_fleiss_kappa_counts_a_shared_row_once_with_the_same_result() -> None:
    rng = random.Random(3)
    shapes = [[3, 0, 0], [2, 1, 0], [1, 1, 1], [0, 2, 1], [0, 0, 3]]
    shared = [shapes[min(4, int(5 * rng.random() ** 0.7))] for _ in range(2000)]
    fresh = [list(row) for row in shared]
    assert len({id(row) for row in shared}) == 5 and len({id(row) for row in fresh}) == 2000
    assert fleiss_kappa(shared) == fleiss_kappa(fresh) == fleiss_kappa([tuple(r) for r in fresh])
    # An error names the first unit with the bad row, not its place among the distinct rows.
    bad = [3, 0, 1]
    with pytest.raises(ValueError, match="unit 0 has 3, unit 7 has 4"):
        fleiss_kappa([*shared[:7], bad, *shared[7:], bad])


def test_an_interval_bool_is_refused_even_where_an_equal_1_came_first() -> None:
    with pytest.raises(ValueError, match="must be a number, got True"):
        krippendorff_alpha([[1, 2, 1, 3], [True, 2, 1, 3]], "interval")
    with pytest.raises(ValueError, match="must be a finite number, got inf"):
        krippendorff_alpha([[1, 2, math.inf, 3], [1, 2, 1, 3]], "interval")


# -- calibration ---------------------------------------------------------------------------


def card() -> Scorecard:
    path = shipped_root() / "checklists" / "chat-email.yaml"
    return scorecard_from("chat-email", load_file(path).data)


def shops(scorecard: Scorecard, count: int, seed: int) -> list[Shop]:
    """Shops scored by three scorers (the first the benchmark), with N/A and gaps."""
    rng = random.Random(seed)
    criteria = [criterion for _, criterion in scorecard.criteria()]
    made = []
    for number in range(count):
        channel = rng.choice(("chat", "email"))
        scorings = []
        for k, name in enumerate(["Maya Okafor", "Jonas Weber", "Priya Raman"]):
            answers: dict[str, Answer] = {}
            for criterion in criteria:
                roll = rng.random()
                if not criterion.applies_to(channel) or roll < 0.05:
                    continue
                choices = criterion.choices()
                answers[criterion.id] = (
                    "na" if criterion.na_allowed and roll < 0.12 else rng.choice(choices[:2])
                )
            scorings.append(Scoring(name, answers, benchmark=k == 0))
        when = dt.date(2026, 1, 1)
        made.append(
            Shop(f"shop-{number}", scorecard.id, "s", channel, when, scorings=tuple(scorings))
        )
    return made


def test_calibration_alignment_and_na_splits_equal_the_plain_loops() -> None:
    scorecard = card()
    data = shops(scorecard, 300, 5)
    result = calibrate(data, scorecard)
    criteria = scorecard.criteria()

    def answer(scoring: Scoring, criterion_id: str) -> Answer | None:
        value = scoring.answers.get(criterion_id)
        return None if value == "na" else value

    for alignment in result.alignments:
        weighted = total = 0.0
        for shop in data:
            bench = shop.scorings[0]
            mine = next(s for s in shop.scorings if s.scorer == alignment.scorer)
            for section, criterion in criteria:
                a, b = answer(mine, criterion.id), answer(bench, criterion.id)
                if a is None or b is None or not criterion.applies_to(shop.channel):
                    continue
                weight = criterion.weight * section.weight
                weighted += weight * (1 - abs(criterion.normalised(a) - criterion.normalised(b)))
                total += weight
        assert alignment.alignment == weighted / total
    for found in result.criteria:
        splits = 0
        for shop in data:
            given = [s.answers.get(found.criterion.id) for s in shop.scorings]
            if "na" in given and any(v not in (None, "na") for v in given):
                splits += 1
        assert found.na_splits == splits
        by_scorer = {name: k for k, name in enumerate(result.scorers)}
        for scoring_index, name in enumerate(["Maya Okafor", "Jonas Weber", "Priya Raman"]):
            column = tuple(
                answer(shop.scorings[scoring_index], found.criterion.id)
                if found.criterion.applies_to(shop.channel)
                else None
                for shop in data
            )
            assert found.answers[by_scorer[name]] == column

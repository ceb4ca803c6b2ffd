"""Calibration: does a shop get the same score whoever scores it?

Over the shops that two or more scorers scored, this computes what a QA team talks through in
a calibration session, as plain data for every renderer and screen:

- **Alignment with the benchmark**, per scorer: the weighted mean, over every criterion both
  answered on the shops the benchmark (calibrator) scored, of
  1 - |scorer's normalised answer - benchmark's normalised answer|, each criterion weighted
  criterion weight x section weight, as the scorecard weighs it. Answers are normalised as
  the scoring formula does (0 the worst answer, 1 the best), so a `partial` against a `yes`
  is 0.5 apart whatever the criterion. A choice criterion's options have no order: two
  answers are 0 apart when they are the same option and 1 apart otherwise, whatever the
  options' scores (two options worth the same are still a disagreement). N/A and unanswered
  criteria are skipped on either side. Next to it: the scorer's mean score minus the
  benchmark's (positive: more lenient), and Cohen's kappa against the benchmark over all
  those answers.
- **Per criterion**: the gap (the mean |a - b| between every two scorers' normalised answers
  to the same shop, 0 or 1 for a choice as above: it needs no benchmark), alignment with the
  benchmark, and the agreement statistics of toolkit.shop.agreement at the level of
  measurement of the criterion's type: yes/no and choice are nominal, yes/partial/no and
  scales are ordinal, points are interval. A choice criterion of more than two options has
  no linear-weighted kappa: weights need an order its options do not have. Criteria come
  widest gap first: the ones to discuss.
- **Overall**: the same statistics over every (shop, criterion) answer at once, each answer
  placed on the common 0-1 scale (positions on a grid fine enough for every criterion's
  steps, so linear weights are exactly |a - b|; Krippendorff's alpha is interval there), and
  the ICC of the shops' numeric scores. A choice answer sits there at its option's score:
  these figures ask whether scorers agree on what the shop is worth, so two options of the
  same score agree here, though not per criterion.

A statistic that cannot be computed says why instead of showing a number: "no variation"
(every answer the same: chance-corrected agreement is 0/0, see toolkit.shop.agreement), or
too few shops rated by two scorers. Cohen's kappa is for two raters: per criterion and
overall it is given when exactly two scorers take part; with more, see each scorer's kappa
against the benchmark. Fleiss' kappa needs the same number of ratings on every unit, so it
uses the units with the most common number (the others are named in its note); Krippendorff's
alpha takes every unit. ICC(2,1) (two-way random, absolute agreement: a harsher scorer counts
as disagreement) when every shop was scored by the same scorers, else ICC(1,1) (one-way: each
shop by its own scorers) over the shops with the most common number of scorers.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import reduce
from typing import Any

from toolkit.shop import agreement
from toolkit.shop.agreement import Level
from toolkit.shop.model import Answer, Criterion, Revision, Scorecard, Section, Shop
from toolkit.shop.scoring import totals

NO_VARIATION = "no variation"
TOO_FEW = "too few shops scored by two scorers"
NOT_TWO = "needs exactly two scorers"

LEVELS: dict[str, Level] = {
    "yes-no": "nominal",
    "yes-partial-no": "ordinal",
    "scale": "ordinal",
    "points": "interval",
    "choice": "nominal",
}
"""The level of measurement of each criterion type, for Krippendorff's alpha."""

UNORDERED = "the options have no order to weight"
"""Why a choice criterion of three options or more has no linear-weighted kappa."""

FINEST = 100
"""The finest grid a choice criterion's option scores are placed on: scores that no
coarser grid holds exactly (0.333, 0.123) are rounded to hundredths there."""


@dataclass(frozen=True, slots=True)
class Statistic:
    """A figure, or None with the reason (`note`); a note next to a figure says on which
    units it was computed when that is not all of them. `units` is how many units (shops,
    shop-criterion answers, compared answers) it rests on, and `interval` its 95% interval
    where one is defined (Cohen's kappa, the ICC)."""

    value: float | None
    note: str = ""
    units: int | None = None
    interval: agreement.Interval | None = None

    @property
    def few_units(self) -> bool:
        """Rests on too few units to be stable (toolkit.shop.agreement.too_few_units)."""
        return self.units is not None and agreement.too_few_units(self.units)


@dataclass(frozen=True, slots=True)
class CriterionAgreement:
    section: Section
    criterion: Criterion
    level: Level
    shops: int  # shops where two or more scorers answered it (N/A aside)
    na_splits: int  # shops where one scorer said N/A and another answered
    gap: float | None  # mean |a - b| of two scorers' normalised answers to one shop, 0-1
    alignment: float | None  # mean 1 - |answer - benchmark's|, 0-1
    percent: Statistic
    cohen: Statistic
    cohen_linear: Statistic
    fleiss: Statistic
    alpha: Statistic
    answers: tuple[tuple[Answer | None, ...], ...]  # [scorer][shop], None: not answered


@dataclass(frozen=True, slots=True)
class ScorerAlignment:
    scorer: str
    shops: int  # shops the benchmark scored and this scorer scored too
    answers: int  # answers compared with the benchmark's
    alignment: float | None  # 0-1
    score_gap: float | None  # mean of (this scorer's shop score - the benchmark's), percent points
    cohen: Statistic
    cohen_linear: Statistic


@dataclass(frozen=True, slots=True)
class Calibration:
    scorecard: Scorecard
    shops: tuple[Shop, ...]
    scorers: tuple[str, ...]
    benchmarks: tuple[str, ...]  # who the benchmark is, on one shop or more
    benchmarked: int  # shops with a benchmark
    alignments: tuple[ScorerAlignment, ...]  # benchmarks aside
    criteria: tuple[CriterionAgreement, ...]  # widest gap first
    percent: Statistic
    cohen: Statistic
    cohen_linear: Statistic
    fleiss: Statistic
    alpha: Statistic
    icc: Statistic
    score_alpha: Statistic  # Krippendorff's alpha (interval) of the shop scores
    scores: tuple[tuple[float | None, ...], ...]  # [shop][scorer], percent
    revisions: tuple[Revised, ...] = ()  # answers changed after submitting, shop by shop
    icc_forms: tuple[tuple[str, Statistic], ...] = ()  # every ICC form the data allows


@dataclass(frozen=True, slots=True)
class Revised:
    """A revision with the shop and scorer it belongs to, for the calibration report."""

    shop: Shop
    scorer: str
    revision: Revision


def scorer_key(name: str) -> str:
    """One scorer whatever the spacing and case they typed their name in."""
    return " ".join(name.split()).casefold()


def grid(scorecard: Scorecard) -> int:
    """Steps of a 0-1 scale on which every criterion's answers fall exactly: the least common
    multiple of the criteria's ranges (yes/no 1, yes/partial/no 2, a 1-5 scale 4, 6 points 6:
    12; a choice with options scoring 0, 0.25 and 1: 4), so answer positions are whole
    numbers and |i - j| / steps = |a - b|."""
    ranges = [_range(criterion) for _, criterion in scorecard.criteria()]
    return reduce(math.lcm, ranges, 1)


def _range(criterion: Criterion) -> int:
    if criterion.type == "yes-partial-no":
        return 2
    if criterion.type == "choice":
        return _steps([option.score for option in criterion.options])
    return max(criterion.high - criterion.low, 1)


def _steps(scores: Sequence[float]) -> int:
    """The least n up to FINEST for which every score x n is a whole number (scores are
    decimals as typed, so "whole" allows a float's rounding), else FINEST."""
    for n in range(1, FINEST + 1):
        if all(abs(score * n - round(score * n)) < 1e-9 for score in scores):
            return n
    return FINEST


def _categories(criterion: Criterion) -> list[Answer]:
    """The criterion's answers from worst to best: the order ordinal statistics need. A
    choice criterion's options have no order: they come as the scorecard lists them, which
    no nominal statistic depends on."""
    if criterion.type == "choice":
        return list(criterion.choices())
    return sorted(criterion.choices(), key=criterion.normalised)


def _rated(rows: Sequence[Sequence[Hashable | None]]) -> list[int]:
    """How many raters rated each unit (column)."""
    return [len(column) - column.count(None) for column in zip(*rows, strict=True)]


def _statistics(
    rows: Sequence[Sequence[Hashable | None]],
    categories: Sequence[Hashable],
    level: Level,
    unit: str,
) -> tuple[int, Statistic, Statistic, Statistic, Statistic, Statistic]:
    """The number of pairable units (rated by two raters or more), then percent agreement,
    Cohen's kappa (unweighted, linear), Fleiss' kappa and Krippendorff's alpha of raters x
    units ratings; `unit` names a unit in notes. Units with fewer than two ratings count in
    none of these statistics, so they are dropped before the statistics see them; the rows
    are checked and the units counted once for all of them (`agreement.Units`)."""
    units = agreement.Units.of(rows)
    pairable = len(units.columns)
    if pairable < 2:
        few = Statistic(None, TOO_FEW)
        return pairable, few, few, few, few, few
    percent = Statistic(agreement.percent_agreement(units), units=pairable)
    alpha = _stat(agreement.krippendorff_alpha(units, level, categories=categories), pairable)
    if units.raters == 2:
        # Cohen's kappa drops the units one of the two did not rate: the pairable ones stay.
        cohen, linear = _cohen(rows[0], rows[1], categories, pairable)
    else:
        cohen = linear = Statistic(None, NOT_TWO)
    return pairable, percent, cohen, linear, _fleiss(units, categories, unit), alpha


def _cohen(
    a: Sequence[Hashable | None],
    b: Sequence[Hashable | None],
    categories: Sequence[Hashable],
    both: int,
) -> tuple[Statistic, Statistic]:
    """Cohen's kappa, unweighted and linear, when two or more units were rated by both."""
    if both < 2:
        return Statistic(None, TOO_FEW), Statistic(None, TOO_FEW)
    found = []
    for weights in (None, "linear"):
        interval = agreement.cohens_kappa_interval(a, b, categories=categories, weights=weights)
        value = (
            interval.value
            if interval is not None
            else agreement.cohens_kappa(a, b, weights=weights, categories=categories)
        )
        found.append(_stat(value, both, interval))
    return found[0], found[1]


def _stat(
    value: float | None, units: int | None = None, interval: agreement.Interval | None = None
) -> Statistic:
    return Statistic(value, NO_VARIATION if value is None else "", units, interval)


def _fleiss(units: agreement.Units, categories: Sequence[Hashable], unit: str) -> Statistic:
    """Fleiss' kappa over the units with the most common number of ratings (the larger
    number on a tie), as it needs the same number on every unit. Categories nobody used are
    left out of the count matrix: a column of zeros changes nothing."""
    rated = {column: len(column) - column.count(None) for column in units.patterns}
    tally: Counter[int] = Counter()
    for column, times in units.patterns.items():
        tally[rated[column]] += times
    raters = max(tally, key=lambda n: (tally[n], n))
    if tally[raters] < 2:
        return Statistic(None, TOO_FEW)
    patterns = [column for column in units.patterns if rated[column] == raters]
    used = {value for column in patterns for value in column} - {None}
    index = {c: j for j, c in enumerate(c for c in categories if c in used)}
    # One count row per answer pattern, the same object for every unit that has it.
    counted: dict[tuple[Hashable | None, ...], list[int]] = {}
    for column in patterns:
        counts = counted[column] = [0] * len(index)
        for value in column:
            if value is not None:
                counts[index[value]] += 1
    matrix = list(map(counted.__getitem__, filter(counted.__contains__, units.columns)))
    value = agreement.fleiss_kappa(matrix)
    note = (
        f"on {len(matrix)} of {len(units.columns)} {unit} ({raters} ratings each)"
        if len(matrix) < len(units.columns)
        else ""
    )
    return Statistic(value, note if value is not None else NO_VARIATION, len(matrix))


def calibrate(
    shops: Sequence[Shop],
    scorecard: Scorecard,
    scored: Sequence[Sequence[float | None]] | None = None,
) -> Calibration:
    """The calibration of the shops that two or more scorers scored (others are ignored).
    `scored`, when given, holds each scoring's score as `totals` returns them (in the order
    of `shops` and their scorings), so shops scored already are not scored again. Raises
    ValueError when no shop has two scorers."""
    if scored is None:
        scored = totals(shops, scorecard)
    # A scoring with no answers has scored nothing: it counts as no scorer.
    answered = [
        [
            (scoring, total)
            for scoring, total in zip(shop.scorings, sc, strict=True)
            if scoring.answers
        ]
        for shop, sc in zip(shops, scored, strict=True)
    ]
    pairs = [(shop, sc) for shop, sc in zip(shops, answered, strict=True) if len(sc) >= 2]
    if not pairs:
        raise ValueError("no shop here was scored by two or more scorers")
    names: dict[str, str] = {}
    key_of: dict[str, str] = {}  # a name as typed: its scorer_key, worked out once
    for _, results in pairs:
        for scoring, _ in results:
            key = key_of.get(scoring.scorer)
            if key is None:
                key = key_of[scoring.scorer] = scorer_key(scoring.scorer)
            names.setdefault(key, scoring.scorer)
    keys = sorted(names, key=lambda key: names[key].casefold())
    column = {key: index for index, key in enumerate(keys)}
    column_of = {name: column[key] for name, key in key_of.items()}
    criteria = scorecard.criteria()
    steps = grid(scorecard)
    # The criterion ids a shop of each channel is asked, in criterion order; a criterion that
    # does not apply is asked as `unasked`, which no answer has, so it reads None.
    unasked = object()
    asked = {
        channel: [x.id if x.applies_to(channel) else unasked for _, x in criteria]
        for channel in {shop.channel for shop, _ in pairs}
    }

    # by_shop[scorer][shop]: the scorer's answer to each criterion, None where not answered,
    # not this channel's, or N/A (read with map(dict.get): no Python loop over the answers).
    nothing: tuple[Answer | None, ...] = (None,) * len(criteria)
    by_shop: list[list[tuple[Answer | None, ...]]] = [[nothing] * len(pairs) for _ in keys]
    na_splits = [0] * len(criteria)
    scores: list[list[float | None]] = []
    benchmark_of: list[int | None] = []
    members: list[set[int]] = []
    for s, (shop, results) in enumerate(pairs):
        row: list[float | None] = [None] * len(keys)
        bench = None
        said_na: set[int] = set()
        mine: set[int] = set()
        for scoring, total in results:
            k = column_of.get(scoring.scorer)
            if k is None:
                k = column[scorer_key(scoring.scorer)]
            row[k] = None if total is None else 100 * total
            if scoring.benchmark:
                bench = k
            lookup: Mapping[Any, Answer] = scoring.answers  # `unasked` is a key, too
            given = list(map(lookup.get, asked[shop.channel]))
            if "na" in given:
                for c, value in enumerate(given):
                    if value is not None and value == "na":
                        said_na.add(c)
                        given[c] = None
            if k in mine:  # scored twice under one name: an answer stays until one replaces it
                given = [
                    old if new is None else new
                    for new, old in zip(given, by_shop[k][s], strict=True)
                ]
            mine.add(k)
            by_shop[k][s] = tuple(given)
        for c in said_na:
            if any(by_shop[k][s][c] is not None for k in mine):
                na_splits[c] += 1
        scores.append(row)
        benchmark_of.append(bench)
        members.append(mine)
    # answers[c][scorer][shop]
    by_criterion = [list(zip(*shops, strict=True)) for shops in by_shop]
    answers: list[list[list[Answer | None]]] = [
        [list(columns[c]) for columns in by_criterion] for c in range(len(criteria))
    ]

    per_criterion = []
    pooled: list[list[Hashable | None]] = [[] for _ in keys]
    for c, (section, criterion) in enumerate(criteria):
        rows = answers[c]
        normalised = {a: criterion.normalised(a) for a in criterion.choices()}
        # An answer's step on the grid; None (not answered) stays None.
        at: dict[Answer | None, int | None] = {None: None}
        at.update((a, round(v * steps)) for a, v in normalised.items())
        for k, by_scorer in enumerate(rows):
            pooled[k].extend(map(at.__getitem__, by_scorer))
        level = LEVELS[criterion.type]
        units, percent, cohen, linear, fleiss, alpha = _statistics(
            rows, _categories(criterion), level, "shops"
        )
        nominal = criterion.type == "choice"
        if nominal and len(criterion.options) > 2 and linear.note not in (TOO_FEW, NOT_TWO):
            linear = Statistic(None, UNORDERED, units)
        gap, alignment = _gaps(normalised, rows, benchmark_of, nominal)
        per_criterion.append(
            CriterionAgreement(
                section,
                criterion,
                level,
                units,
                na_splits[c],
                gap,
                alignment,
                percent,
                cohen,
                linear,
                fleiss,
                alpha,
                tuple(tuple(r) for r in rows),
            )
        )
    order = {criterion.id: n for n, (_, criterion) in enumerate(criteria)}
    per_criterion.sort(key=lambda a: (a.gap is None, -round(a.gap or 0, 12), order[a.criterion.id]))
    _, percent, cohen, linear, fleiss, alpha = _statistics(
        pooled, range(steps + 1), "interval", "shop-criterion units"
    )
    benchmarks = tuple(
        sorted({names[keys[b]] for b in benchmark_of if b is not None}, key=str.casefold)
    )
    icc, icc_forms = _icc(scores)
    return Calibration(
        scorecard=scorecard,
        shops=tuple(shop for shop, _ in pairs),
        scorers=tuple(names[key] for key in keys),
        benchmarks=benchmarks,
        benchmarked=sum(b is not None for b in benchmark_of),
        alignments=_alignments(
            criteria, by_shop, benchmark_of, members, scores, [names[key] for key in keys], steps
        ),
        criteria=tuple(per_criterion),
        percent=percent,
        cohen=cohen,
        cohen_linear=linear,
        fleiss=fleiss,
        alpha=alpha,
        icc=icc,
        icc_forms=icc_forms,
        score_alpha=_score_alpha(scores),
        scores=tuple(tuple(row) for row in scores),
        revisions=tuple(
            Revised(shop, scoring.scorer, revision)
            for shop, results in pairs
            for scoring, _ in results
            for revision in scoring.revisions
        ),
    )


def _distance(a: float, b: float) -> float:
    return abs(a - b)


def _different(a: object, b: object) -> float:
    return float(a != b)


def _gaps(
    normalised: dict[Answer, float],
    rows: list[list[Answer | None]],
    benchmark_of: list[int | None],
    nominal: bool = False,
) -> tuple[float | None, float | None]:
    """The mean gap between every two scorers' answers to a shop, and the mean alignment of
    the scorers with the shop's benchmark. `nominal` (a choice criterion) compares the
    answers themselves, 0 apart or 1, instead of their normalised values: options have no
    order, and two different options of the same score are still two different answers."""
    apart: Callable[[Any, Any], float] = _different if nominal else _distance
    gap_sum = align_sum = 0.0
    gap_count = align_count = 0
    # Shops repeat the same few answer patterns: each pattern is worked out once.
    patterns = Counter(zip(zip(*rows, strict=True), benchmark_of, strict=True))
    for (column, bench), times in patterns.items():
        if len(column) - column.count(None) < 2:
            continue
        values = (
            list(column) if nominal else [normalised[v] if v is not None else None for v in column]
        )
        given = [v for v in values if v is not None]
        for i, a in enumerate(given):
            for b in given[i + 1 :]:
                gap_sum += times * apart(a, b)
                gap_count += times
        reference = values[bench] if bench is not None else None
        if reference is not None:
            for k, value in enumerate(values):
                if value is not None and k != bench:
                    align_sum += times * (1 - apart(value, reference))
                    align_count += times
    return (
        gap_sum / gap_count if gap_count else None,
        align_sum / align_count if align_count else None,
    )


def _alignments(
    criteria: list[tuple[Section, Criterion]],
    by_shop: list[list[tuple[Answer | None, ...]]],
    benchmark_of: list[int | None],
    members: list[set[int]],
    scores: list[list[float | None]],
    names: list[str],
    steps: int,
) -> tuple[ScorerAlignment, ...]:
    """Each scorer against the benchmark of every shop they scored that has one;
    ``by_shop[scorer][shop]`` holds the scorer's answer to each criterion. A choice answer
    aligns when it is the benchmark's option (1) and not otherwise (0); Cohen's kappa is
    over the pooled grid, where it sits at its option's score."""
    weights = [criterion.weight * section.weight for section, criterion in criteria]
    normalised = [{a: x.normalised(a) for a in x.choices()} for _, x in criteria]
    nominal = [x.type == "choice" for _, x in criteria]
    numbers = range(len(criteria))
    # What one compared answer adds, worked out once per (criterion, answer, benchmark's).
    term: dict[tuple[int, Answer, Answer], tuple[float, float, int, int]] = {}
    found = []
    for k, name in enumerate(names):
        gaps: list[float] = []
        compared: list[tuple[int, Answer, Answer]] = []  # in shop order, then criterion order
        shops = 0
        for s, bench in enumerate(benchmark_of):
            if bench is None or bench == k or k not in members[s]:
                continue
            shops += 1
            own, reference = scores[s][k], scores[s][bench]
            if own is not None and reference is not None:
                gaps.append(own - reference)
            compared += [
                (c, answer, benchmark)
                for c, answer, benchmark in zip(
                    numbers, by_shop[k][s], by_shop[bench][s], strict=True
                )
                if answer is not None and benchmark is not None
            ]
        if not shops:
            continue  # a benchmark, or a scorer only of shops with no benchmark
        for key in set(compared) - term.keys():
            c, a, b = key
            na, nb = normalised[c][a], normalised[c][b]
            term[key] = (
                weights[c] * (float(a == b) if nominal[c] else 1 - abs(na - nb)),
                weights[c],
                round(na * steps),
                round(nb * steps),
            )
        adds = list(map(term.__getitem__, compared))
        # Added up one answer after the other, as ever, so the floats round as they did.
        weighted = reduce(operator.add, map(operator.itemgetter(0), adds), 0.0)
        total = reduce(operator.add, map(operator.itemgetter(1), adds), 0.0)
        mine = list(map(operator.itemgetter(2), adds))
        theirs = list(map(operator.itemgetter(3), adds))
        cohen, linear = _cohen(mine, theirs, range(steps + 1), len(mine))
        found.append(
            ScorerAlignment(
                name,
                shops,
                len(mine),
                weighted / total if total else None,
                sum(gaps) / len(gaps) if gaps else None,
                cohen,
                linear,
            )
        )
    return tuple(found)


ICC_FORMS: tuple[agreement.IccForm, ...] = (
    "ICC(1,1)",
    "ICC(2,1)",
    "ICC(3,1)",
    "ICC(1,k)",
    "ICC(2,k)",
    "ICC(3,k)",
)


def _icc_forms(
    rows: list[list[float]], forms: Sequence[agreement.IccForm], note: str = ""
) -> tuple[tuple[str, Statistic], ...]:
    found = []
    for form, interval in agreement.icc_intervals(rows, forms).items():
        if interval is None:
            found.append((form, Statistic(None, NO_VARIATION, len(rows))))
        else:
            statistic = Statistic(interval.value, note.format(form=form), len(rows), interval)
            found.append((form, statistic))
    return tuple(found)


def _icc(scores: list[list[float | None]]) -> tuple[Statistic, tuple[tuple[str, Statistic], ...]]:
    """The ICC the report leads with, and every Shrout-Fleiss form with its interval: all six
    when the same scorers scored every shop (ICC(2,1), two-way random absolute agreement,
    leads), else the one-way forms ICC(1,1) and ICC(1,k) over the shops with the most common
    number of scores (ICC(1,1) leads): the two-way forms need one set of scorers."""
    complete = [row for row in scores if all(v is not None for v in row)]
    if len(complete) == len(scores):
        if len(complete) < 2:
            return Statistic(None, TOO_FEW), ()
        rows = [[float(v) for v in row if v is not None] for row in complete]
        forms = _icc_forms(rows, ICC_FORMS)
        lead = dict(forms)["ICC(2,1)"]
        return replace(lead, note="ICC(2,1)" if lead.value is not None else NO_VARIATION), forms
    given = [[v for v in row if v is not None] for row in scores]
    tally = Counter(len(row) for row in given if len(row) >= 2)
    if not tally:
        return Statistic(None, TOO_FEW), ()
    raters = max(tally, key=lambda n: (tally[n], n))
    chosen = [row for row in given if len(row) == raters]
    if len(chosen) < 2:
        return Statistic(None, TOO_FEW), ()
    forms = _icc_forms(
        chosen,
        ("ICC(1,1)", "ICC(1,k)"),
        f"{{form}} on {len(chosen)} of {len(scores)} shops ({raters} scorers each): "
        "not every shop was scored by the same scorers",
    )
    return dict(forms)["ICC(1,1)"], forms


def _score_alpha(scores: list[list[float | None]]) -> Statistic:
    by_scorer = [list(column) for column in zip(*scores, strict=True)]
    pairable = sum(count >= 2 for count in _rated(by_scorer))
    if pairable < 2:
        return Statistic(None, TOO_FEW)
    return _stat(agreement.krippendorff_alpha(by_scorer, "interval"), pairable)

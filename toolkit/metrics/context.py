"""The context a leader needs beside the numbers, as warnings (from MISSION.md, "Metrics, read
in context"), and the targets of the definitions, met or not.

Each warning names its figures, slice and periods, so it can be checked by hand, and is a
Diagnostic in `sxt metrics check`, so CI can fail on it like on any other finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

from toolkit.core.diagnostics import Diagnostic
from toolkit.metrics.figures import Figures, as_net, as_percent, as_whole, net_score

if TYPE_CHECKING:
    from toolkit.metrics.compute import Report


@dataclass(frozen=True, slots=True)
class ContextWarning:
    """A figure that misleads when read alone, with the figures that explain it."""

    code: str
    slice: str
    period: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def diagnostic(self, path: str) -> Diagnostic:
        return Diagnostic(path, None, None, "warning", self.code, self.message)


def context_warnings(report: Report) -> list[ContextWarning]:
    return [
        *aht_without_csat(report),
        *speed_bought_with_satisfaction(report),
        *harder_contacts_for_humans(report),
        *low_csat_on_complex_contacts(report),
        *over_surveying(report),
        *happiness_fell(report),
    ]


def _pairs(figures: Iterable[Figures]) -> Iterable[tuple[Figures, Figures]]:
    """Each slice's consecutive periods (the periods present in the data, in order)."""
    for before, after in itertools.pairwise(figures):
        if before.slice == after.slice:
            yield before, after


def _moves(
    times: tuple[float | None, float | None], shares: tuple[float | None, float | None]
) -> tuple[float, float] | None:
    """How a time moved between two periods (percent of the first) and a share or score
    (points); None when either is missing in a period."""
    (time_before, time_after), (share_before, share_after) = times, shares
    if time_before is None or time_after is None or share_before is None or share_after is None:
        return None
    if not time_before:
        return None
    return 100 * (time_after - time_before) / time_before, share_after - share_before


def aht_without_csat(report: Report) -> list[ContextWarning]:
    """AHT never appears alone: an AHT with no CSAT for the same slice and period says so."""
    alone: dict[str, list[str]] = {}
    for item in report.figures or []:
        if item.aht_seconds is not None and item.csat_percent is None:
            alone.setdefault(item.slice, []).append(item.period)
    hint = "" if report.definitions.csat else " (give a CSAT file: --csat FILE)"
    return [
        ContextWarning(
            "metrics/aht-without-csat",
            name,
            periods[-1],
            f"AHT for {name} in {_span(periods)} has no CSAT beside it{hint}: a shorter "
            "handle time may have been bought with satisfaction; never judge on AHT alone",
        )
        for name, periods in alone.items()
    ]


def speed_bought_with_satisfaction(report: Report) -> Iterator[ContextWarning]:
    """'AHT fell X% while CSAT fell Y points', per slice, between consecutive periods."""
    definitions = report.definitions
    least_aht = definitions.threshold("aht_change_percent")
    least_csat = definitions.threshold("csat_change_points")
    for before, after in _pairs(report.figures or []):
        moved = _moves(
            (before.aht_seconds, after.aht_seconds), (before.csat_percent, after.csat_percent)
        )
        if moved is None:
            continue
        aht_fall, csat_fall = -moved[0], -moved[1]
        if aht_fall >= least_aht and csat_fall >= least_csat:
            yield ContextWarning(
                "metrics/speed-bought-with-satisfaction",
                after.slice,
                after.period,
                f"AHT fell {as_percent(aht_fall)} while CSAT fell {as_whole(csat_fall)} points "
                f"({before.period} to {after.period}): speed bought with satisfaction?",
            )


def harder_contacts_for_humans(report: Report) -> Iterator[ContextWarning]:
    """Human AHT rose while the bot and self-service share rose: the people now get the
    harder contacts, and their targets (not the agents) need re-setting."""
    definitions = report.definitions
    least_aht = definitions.threshold("aht_change_percent")
    least_share = definitions.threshold("share_change_points")
    for before, after in itertools.pairwise(report.tiers):
        share = (before.automated_share, after.automated_share)
        moved = _moves((before.human_aht, after.human_aht), share)
        if moved is None:
            continue
        aht_rise, share_rise = moved
        if aht_rise >= least_aht and share_rise >= least_share:
            yield ContextWarning(
                "metrics/harder-contacts-for-humans",
                "human",
                after.period,
                f"human AHT rose {as_percent(aht_rise)} while the bot and self-service share "
                f"rose {as_whole(share_rise)} points ({as_percent(share[0] or 0)} to "
                f"{as_percent(share[1] or 0)}, "
                f"{before.period} to {after.period}): people now get the harder "
                "contacts; re-set the human AHT targets rather than flag the agents",
            )


LEAST_ANSWERS = 3
"""Fewer CSAT answers on an agent's complex contacts in a period than this say nothing yet."""


def low_csat_on_complex_contacts(report: Report) -> Iterator[ContextWarning]:
    """A low CSAT on complex contacts is read next to the same agent's mystery-shop (QA)
    scores in the same period, or the lack of them."""
    from toolkit.metrics.figures import period_of

    lowest = report.definitions.threshold("low_csat_percent")
    scores: dict[tuple[str, str], list[float]] = {}
    for score in report.qa:
        scores.setdefault((period_of(score.day, report.period), score.agent), []).append(
            score.percent
        )
    for item in report.complex_csat:
        csat = item.csat_percent
        if csat is None or csat >= lowest or item.answers < LEAST_ANSWERS:
            continue
        qa = scores.get((item.period, item.agent))
        beside = (
            f"their mystery-shop QA score in {item.period} is {as_percent(sum(qa) / len(qa))} "
            f"({len(qa)} shop{'s' if len(qa) != 1 else ''}): read the CSAT beside it"
            if qa
            else f"no mystery shop of theirs in {item.period} to read it beside: "
            "shop one before judging"
        )
        yield ContextWarning(
            "metrics/low-csat-on-complex-contacts",
            item.agent,
            item.period,
            f"CSAT on {item.agent}'s complex contacts in {item.period} is {as_percent(csat)} "
            f"({item.satisfied} of {item.answers} answers satisfied); {beside}",
        )


def over_surveying(report: Report) -> list[ContextWarning]:
    """Customers asked more often than the definitions allow."""
    definitions = report.definitions
    if not report.over_surveyed or not definitions.max_surveys:
        return []
    most = ", ".join(f"{name} ({asked})" for name, asked in report.over_surveyed[:3])
    count = len(report.over_surveyed)
    return [
        ContextWarning(
            "metrics/over-surveying",
            "all",
            report.periods[-1] if report.periods else "",
            f"{count} customer{'s were' if count != 1 else ' was'} surveyed more than "
            f"{definitions.max_surveys} time{'s' if definitions.max_surveys != 1 else ''} "
            f"within {definitions.survey_days} days (most: {most}): never over-survey",
        )
    ]


def happiness_fell(report: Report) -> Iterator[ContextWarning]:
    """Agent happiness beside NPS: a fall in eNPS, with NPS over the same periods."""
    least = report.definitions.threshold("enps_change_points")
    nps = {(item.period, "all"): item.nps for item in report.totals}
    if report.by == "team":
        nps.update({(item.period, item.slice): item.nps for item in report.figures or []})
    for before, after in itertools.pairwise(report.happiness):
        if before.slice != after.slice or before.enps is None or after.enps is None:
            continue
        fall = before.enps - after.enps
        if fall < least:
            continue
        customers = tuple(
            nps.get((item.period, after.slice), nps.get((item.period, "all")))
            for item in (before, after)
        )
        beside = (
            f"NPS went from {as_net(customers[0])} to {as_net(customers[1])}"
            if customers[0] is not None and customers[1] is not None
            else "no NPS for both periods to read it beside"
        )
        who = "" if after.slice == "all" else f" in {after.slice}"
        yield ContextWarning(
            "metrics/happiness-fell",
            after.slice,
            after.period,
            f"agent happiness (eNPS){who} fell {as_whole(fall)} points ({before.period} "
            f"{as_net(before.enps)} to {after.period} {as_net(after.enps)}) while {beside}: "
            "happy agents, happy customers",
        )


def _span(periods: list[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


# --- targets ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetResult:
    metric: str
    channel: str
    target: float
    actual: float | None
    met: bool | None

    def as_dict(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "channel": self.channel,
            "target": self.target,
            "actual": None if self.actual is None else round(self.actual, 2),
            "met": self.met,
        }


LOWER_IS_BETTER = ("aht_seconds", "first_response_minutes")


def whole(figures: list[Figures], slice_name: str = "all") -> Figures | None:
    """The sum of several rows' counts, as one row (the whole range, every channel)."""
    if not figures:
        return None
    counts = {
        f.name: sum(getattr(item, f.name) for item in figures)
        for f in fields(Figures)
        if f.type in ("int", "float")
    }
    first = figures[0]
    return Figures(
        period="all", slice=slice_name, **counts, by="all", live_channels=first.live_channels
    )


def target_results(report: Report) -> list[TargetResult]:
    """Each target of the definitions against the figure over the whole range."""
    by_channel = {item.slice: item for item in report.channels}
    overall = whole(report.channels)
    happiness = (
        net_score(
            sum(h.promoters for h in report.happiness),
            sum(h.detractors for h in report.happiness),
            sum(h.answers for h in report.happiness),
        )
        if report.happiness
        else None
    )
    found = []
    for metric, per_channel in report.definitions.targets.items():
        for channel, target in per_channel.items():
            item = overall if channel == "all" else by_channel.get(channel)
            if metric == "enps":
                actual = happiness
            elif item is None:
                actual = None
            else:
                actual = {
                    "aht_seconds": item.aht_seconds,
                    "csat_percent": item.csat_percent,
                    "nps": item.nps,
                    "fcr_percent": item.fcr_percent,
                    "first_response_minutes": item.first_response_minutes,
                }[metric]
            met = None
            if actual is not None:
                met = actual <= target if metric in LOWER_IS_BETTER else actual >= target
            found.append(TargetResult(metric, channel, target, actual, met))
    return found

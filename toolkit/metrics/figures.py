"""The figures, each a ratio of counts DuckDB summed (queries.FIGURES), with the reason when
there is none: every CLI format, the terminal app and the audit read them from here.

    AHT   = (talk + hold + after-contact work) / contacts handled, live channels only
    CSAT  = satisfied answers (4-5 of 5, or good) / answers, response rate = answered / contacts
    NPS   = % promoters (9-10) - % detractors (0-6); eNPS the same over agents' answers
    FCR   = resolved, not reopened and not back within the window / contacts with a resolution
    FRT   = mean first response time over contacts with one
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from toolkit.core.figures import fixed, number, points, signed

PERIOD_NOUNS = {"week": "week", "month": "month", "quarter": "quarter"}


def period_of(day: dt.date | dt.datetime, period: str) -> str:
    """The label DuckDB gives the same day (queries.PERIODS), for figures made in Python."""
    if period == "week":
        return f"{day:%G-W%V}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day:%Y-%m}"


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def percent(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole else None


def net_score(promoters: int, detractors: int, answers: int) -> float | None:
    """% promoters - % detractors: NPS and eNPS alike, -100 to 100."""
    return 100 * (promoters - detractors) / answers if answers else None


def rounded(value: float | None, places: int = 2) -> float | None:
    """A figure for JSON, rounded as the text faces round it (toolkit.core.figures)."""
    return number(value, places)


def as_whole(value: float) -> str:
    """A count-like figure to a whole number: `42`."""
    return fixed(value, 0)


def as_percent(value: float | None, missing: str = "-") -> str:
    """A figure already in percent, to a whole percent: `42%`."""
    return points(value, 0, missing)


def as_net(value: float | None, missing: str = "-") -> str:
    """An NPS or eNPS, or a change, with its sign: `+12`."""
    return signed(value, 0, missing)


def as_tenths(value: float) -> str:
    """A figure to one decimal: `4.5`."""
    return fixed(value, 1)


@dataclass(frozen=True, slots=True)
class Figures:
    """One slice (a team, agent, channel or tier, or `all`) in one period: the sums and the
    figures taken from them. A figure is None when it cannot be computed, and the `*_note`
    says why, so a reader never mistakes 'not applicable' for zero."""

    period: str
    slice: str
    contacts: int
    live_contacts: int
    timed: int
    handle_seconds: float
    fcr_known: int
    fcr_resolved: int
    responded: int
    response_seconds: float
    csat_contacts: int
    csat_answers: int
    csat_satisfied: int
    nps_answers: int
    promoters: int
    detractors: int
    by: str = "all"
    live_channels: tuple[str, ...] = ("phone", "chat")
    qa_percent: float | None = None
    qa_shops: int = 0

    @property
    def not_live(self) -> bool:
        return self.by == "channel" and self.slice not in self.live_channels

    @property
    def aht_seconds(self) -> float | None:
        """AHT = (talk + hold + after-contact work) / contacts handled, live channels only."""
        return None if self.not_live else ratio(self.handle_seconds, self.timed)

    @property
    def aht_note(self) -> str | None:
        """Why AHT is not applicable here, or None when it is."""
        if self.not_live:
            return (
                f"{self.slice} is not a live channel: its handle time counts the customer's "
                "waiting as well as the agent's work, so AHT is not applicable"
            )
        if not self.live_contacts:
            return "no phone or chat contacts in this slice"
        if not self.timed:
            return "the export has no handle times (talk, hold, after-contact work) here"
        return None

    @property
    def csat_percent(self) -> float | None:
        """CSAT = satisfied answers (4 or 5 of 5, or good) / answers, as a percentage."""
        return percent(self.csat_satisfied, self.csat_answers)

    @property
    def response_rate_percent(self) -> float | None:
        """Contacts with a CSAT answer / contacts, as a percentage."""
        return percent(self.csat_contacts, self.contacts)

    @property
    def nps(self) -> float | None:
        return net_score(self.promoters, self.detractors, self.nps_answers)

    @property
    def fcr_percent(self) -> float | None:
        """FCR = resolved, not reopened and not back within the window / contacts whose
        resolution the export records."""
        return percent(self.fcr_resolved, self.fcr_known)

    @property
    def first_response_minutes(self) -> float | None:
        seconds = ratio(self.response_seconds, self.responded)
        return None if seconds is None else seconds / 60

    @classmethod
    def from_row(cls, row: Sequence[Any], by: str, live_channels: tuple[str, ...]) -> Figures:
        """One row of `queries.FIGURES`: the period, the slice, then the sums, in field order."""
        return cls(**dict(zip(_ROW_FIELDS, row, strict=True)), by=by, live_channels=live_channels)

    def with_qa(self, qa_percent: float | None, shops: int) -> Figures:
        from dataclasses import replace

        return replace(self, qa_percent=qa_percent, qa_shops=shops)

    def as_dict(self) -> dict[str, Any]:
        """AHT, CSAT and the QA score in one object, so no script reads AHT without them."""
        return {
            "period": self.period,
            self.by: self.slice,
            "contacts": self.contacts,
            "aht": {
                "seconds": rounded(self.aht_seconds),
                "live_contacts": self.live_contacts,
                "timed_contacts": self.timed,
                "not_applicable": self.aht_note,
            },
            "csat": {
                "percent": rounded(self.csat_percent),
                "answers": self.csat_answers,
                "satisfied": self.csat_satisfied,
                "response_rate_percent": rounded(self.response_rate_percent),
            },
            "qa": {"percent": rounded(self.qa_percent), "shops": self.qa_shops},
            "nps": {
                "score": rounded(self.nps),
                "answers": self.nps_answers,
                "promoters": self.promoters,
                "detractors": self.detractors,
            },
            "fcr": {
                "percent": rounded(self.fcr_percent),
                "resolved": self.fcr_resolved,
                "known": self.fcr_known,
            },
            "first_response": {
                "minutes": rounded(self.first_response_minutes),
                "contacts": self.responded,
            },
        }


_NAMES = tuple(f.name for f in fields(Figures))
_ROW_FIELDS = _NAMES[: _NAMES.index("by")]
"""The fields a row of `queries.FIGURES` fills: those before `by`."""


@dataclass(frozen=True, slots=True)
class TierShare:
    """Who handled the contacts of one period, and the human AHT beside the shares."""

    period: str
    contacts: dict[str, int]
    human_timed: int
    human_seconds: float

    @property
    def total(self) -> int:
        return sum(self.contacts.values())

    def share(self, *tiers: str) -> float | None:
        return percent(sum(self.contacts.get(t, 0) for t in tiers), self.total)

    @property
    def automated_share(self) -> float | None:
        """Contacts solved without a person: bot and self-service, as a percentage."""
        return self.share("bot", "self-service")

    @property
    def human_aht(self) -> float | None:
        return ratio(self.human_seconds, self.human_timed)


@dataclass(frozen=True, slots=True)
class Happiness:
    """eNPS of one period (and team, when the file says whose answers they are)."""

    period: str
    slice: str
    answers: int
    promoters: int
    detractors: int

    @property
    def enps(self) -> float | None:
        return net_score(self.promoters, self.detractors, self.answers)


@dataclass(frozen=True, slots=True)
class ComplexCsat:
    """CSAT on one agent's complex contacts in one period."""

    period: str
    agent: str
    contacts: int
    answers: int
    satisfied: int

    @property
    def csat_percent(self) -> float | None:
        return percent(self.satisfied, self.answers)


@dataclass(frozen=True, slots=True)
class QaScore:
    """One mystery shop's score (sxt shop), placed like a contact: by day, agent, team and
    channel. Made by the CLI from the shop package, so metrics never imports it."""

    day: dt.date
    agent: str
    team: str
    channel: str
    percent: float


def qa_for(
    scores: Sequence[QaScore], by: str, period: str
) -> dict[tuple[str, str], tuple[float, int]]:
    """Mean QA percent and number of shops per (period, slice); tier `human` holds them all
    (shops test people), and `all` too."""
    found: dict[tuple[str, str], list[float]] = {}
    for score in scores:
        label = period_of(score.day, period)
        if by == "tier":
            slice_name = "human"
        elif by == "all":
            slice_name = "all"
        else:
            slice_name = getattr(score, by)
        found.setdefault((label, slice_name), []).append(score.percent)
    return {key: (sum(values) / len(values), len(values)) for key, values in found.items()}

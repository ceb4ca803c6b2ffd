"""Mystery shops as plain data: a weighted scorecard, and a shop with every scorer's answers.

Built from documents the validation pipeline accepted; nothing here re-checks their shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

CriterionType = Literal["yes-no", "yes-partial-no", "scale", "points", "choice"]
Critical = Literal["fail-all", "fail-section"]
Answer = str | int
""""yes", "partial", "no", "na", an option id for a choice criterion, or a number for scale
and points criteria."""

WORDS = {"yes": 1.0, "partial": 0.5, "no": 0.0}


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a choice criterion: categories that have no order between them (which
    channel the agent sent the customer to, say), each still worth a score for the shop."""

    id: str
    title: str
    score: float  # 0-1, as the scoring formula counts it


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: str
    type: CriterionType
    weight: float = 1.0
    na_allowed: bool = False
    critical: Critical | None = None
    bonus: bool = False
    channels: tuple[str, ...] = ()
    guidance: str = ""
    examples: dict[str, str] = field(default_factory=dict)
    low: int = 0  # the range of a scale or points criterion
    high: int = 1
    options: tuple[Option, ...] = ()  # a choice criterion's answers, in scorecard order

    def applies_to(self, channel: str) -> bool:
        return not self.channels or channel in self.channels

    def choices(self) -> tuple[Answer, ...]:
        """Every answer this criterion takes, N/A aside."""
        if self.type == "yes-no":
            return ("yes", "no")
        if self.type == "yes-partial-no":
            return ("yes", "partial", "no")
        if self.type == "choice":
            return tuple(option.id for option in self.options)
        return tuple(range(self.low, self.high + 1))

    def normalised(self, answer: Answer) -> float:
        """(picked - min) / (max - min): 0 is the worst answer, 1 the best; a choice
        criterion's answer is worth its option's score. An unknown answer raises KeyError,
        as it does for the words: validation lets none through."""
        if self.type == "choice":
            for option in self.options:
                if option.id == answer:
                    return option.score
            raise KeyError(answer)
        if isinstance(answer, str):
            return WORDS[answer]
        return (answer - self.low) / (self.high - self.low)

    def option(self, answer: Answer | None) -> Option | None:
        """The option a choice criterion's answer picks, None for anything else."""
        return next((option for option in self.options if option.id == answer), None)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class Scorecard:
    id: str
    title: str
    sections: tuple[Section, ...]
    channels: tuple[str, ...] = ()
    pass_mark: float | None = None  # percent

    def criteria(self) -> list[tuple[Section, Criterion]]:
        return [(section, criterion) for section in self.sections for criterion in section.criteria]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for _, c in self.criteria() if c.id == criterion_id), None)


@dataclass(frozen=True, slots=True)
class Revision:
    """A change to an answer after its scorer submitted (None: no answer)."""

    date: dt.date
    criterion: str
    before: Answer | None
    after: Answer | None


@dataclass(frozen=True, slots=True)
class Scoring:
    """One scorer's answers to one shop. `path` is the scoring's own file
    (shops/<shop>/<scorer>.yaml); None for an entry under `scores:` in the shop's file, the
    layout before scorings had files of their own, which counts as submitted on its date."""

    scorer: str
    answers: dict[str, Answer]
    comments: dict[str, str] = field(default_factory=dict)
    benchmark: bool = False
    date: dt.date | None = None
    submitted: dt.date | None = None
    revisions: tuple[Revision, ...] = ()
    path: Path | None = None

    @property
    def is_submitted(self) -> bool:
        return self.path is None or self.submitted is not None


DisputeState = Literal["open", "accepted", "partial", "rejected"]


@dataclass(frozen=True, slots=True)
class DisputeEvent:
    date: dt.date
    by: str
    outcome: Literal["accepted", "partial", "rejected", "reopened"]
    answer: Answer | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Dispute:
    """An agent's appeal against one criterion of a shop, with everything that happened to it
    since; its state is its last event's outcome (open until the first, and after a reopen)."""

    shop: str
    criterion: str
    by: str
    opened: dt.date
    reason: str
    wants: Answer | None = None
    history: tuple[DisputeEvent, ...] = ()
    path: Path | None = None

    @property
    def state(self) -> DisputeState:
        if not self.history or self.history[-1].outcome == "reopened":
            return "open"
        return self.history[-1].outcome

    @property
    def answer(self) -> Answer | None:
        """The answer the shop counts for the criterion after an accepted or partly accepted
        dispute; None while open or after a rejection (the scorers' answers stand)."""
        return self.history[-1].answer if self.state in ("accepted", "partial") else None

    @property
    def resolved(self) -> dt.date | None:
        return self.history[-1].date if self.state != "open" else None


@dataclass(frozen=True, slots=True)
class Session:
    """A blind calibration round over some shops (calibration/<id>.yaml)."""

    id: str
    opened: dt.date
    shops: tuple[str, ...]
    scorers: tuple[str, ...]
    title: str = ""
    due: dt.date | None = None
    closed: dt.date | None = None
    benchmark: str | None = None
    path: Path | None = None

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass(frozen=True, slots=True)
class Shop:
    id: str
    scorecard: str
    scenario: str
    channel: str
    date: dt.date
    persona: str | None = None
    agent: str | None = None
    team: str | None = None
    journey_step: str | None = None
    scorings: tuple[Scoring, ...] = ()
    path: Path | None = None
    disputes: tuple[Dispute, ...] = ()

    def benchmark(self) -> Scoring | None:
        return next((s for s in self.scorings if s.benchmark), None)

    def answered(self) -> tuple[Scoring, ...]:
        """The scorings with at least one answer: an empty one (`answers: {}`) has scored
        nothing, and counts as no scorer in calibration."""
        return tuple(s for s in self.scorings if s.answers)


def _criterion(data: dict[str, Any]) -> Criterion:
    low, high = 0, 1
    if data["type"] == "scale":
        scale = data.get("scale", {})
        low, high = scale.get("min", 1), scale.get("max", 5)
    elif data["type"] == "points":
        high = data["points"]
    return Criterion(
        id=data["id"],
        title=data["title"],
        type=data["type"],
        weight=float(data.get("weight", 1)),
        na_allowed=bool(data.get("na_allowed", False)),
        critical=data.get("critical"),
        bonus=bool(data.get("bonus", False)),
        channels=tuple(data.get("channels", ())),
        guidance=" ".join(str(data.get("guidance", "")).split()),
        examples={str(k): " ".join(str(v).split()) for k, v in data.get("examples", {}).items()},
        low=low,
        high=high,
        options=tuple(
            Option(o["id"], " ".join(str(o["title"]).split()), float(o["score"]))
            for o in data.get("options", ())
            if data["type"] == "choice"
        ),
    )


def scorecard_from(document_id: str, data: dict[str, Any]) -> Scorecard:
    sections = tuple(
        Section(
            id=section["id"],
            title=section["title"],
            weight=float(section["weight"]),
            criteria=tuple(_criterion(criterion) for criterion in section["criteria"]),
        )
        for section in data["sections"]
    )
    return Scorecard(
        document_id,
        data["title"],
        sections,
        channels=tuple(data.get("channels", ())),
        pass_mark=data.get("pass_mark"),
    )


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def scoring_from(entry: dict[str, Any], path: Path | None = None) -> Scoring:
    """A scoring from its own file's data, or from an entry of a shop file's `scores:`."""
    answers: dict[str, Answer] = {}
    comments: dict[str, str] = {}
    for criterion_id, value in entry["answers"].items():
        if isinstance(value, dict):
            answers[criterion_id] = value["answer"]
            if value.get("comment"):
                comments[criterion_id] = value["comment"]
        else:
            answers[criterion_id] = value
    revisions = tuple(
        Revision(dt.date.fromisoformat(r["date"]), r["criterion"], r.get("before"), r.get("after"))
        for r in entry.get("revisions", ())
    )
    return Scoring(
        scorer=entry["scorer"],
        answers=answers,
        comments=comments,
        benchmark=bool(entry.get("benchmark", False)),
        date=_day(entry.get("date")),
        submitted=_day(entry.get("submitted")),
        revisions=revisions,
        path=path,
    )


def dispute_from(shop_id: str, data: dict[str, Any], path: Path | None = None) -> Dispute:
    history = tuple(
        DisputeEvent(
            dt.date.fromisoformat(e["date"]),
            e["by"],
            e["outcome"],
            e.get("answer"),
            e.get("note", ""),
        )
        for e in data.get("history", ())
    )
    return Dispute(
        shop_id,
        data["criterion"],
        data["by"],
        dt.date.fromisoformat(data["opened"]),
        data["reason"],
        data.get("wants"),
        history,
        path,
    )


def session_from(session_id: str, data: dict[str, Any], path: Path | None = None) -> Session:
    return Session(
        session_id,
        dt.date.fromisoformat(data["opened"]),
        tuple(data["shops"]),
        tuple(data["scorers"]),
        title=data.get("title", ""),
        due=_day(data.get("due")),
        closed=_day(data.get("closed")),
        benchmark=data.get("benchmark"),
        path=path,
    )


def shop_from(
    document_id: str,
    data: dict[str, Any],
    path: Path | None = None,
    scorings: tuple[Scoring, ...] = (),
    disputes: tuple[Dispute, ...] = (),
) -> Shop:
    """A shop from its file, with the scorings in its `scores:` (the old layout) first and
    then `scorings`, those of its own files."""
    return Shop(
        id=document_id,
        scorecard=data["scorecard"],
        scenario=data["scenario"],
        channel=data["channel"],
        date=dt.date.fromisoformat(data["date"]),
        persona=data.get("persona"),
        agent=data.get("agent"),
        team=data.get("team"),
        journey_step=data.get("journey_step"),
        scorings=(*(scoring_from(entry) for entry in data.get("scores", ())), *scorings),
        path=path,
        disputes=disputes,
    )

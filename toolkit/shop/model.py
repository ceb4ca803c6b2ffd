"""Mystery shops as plain data: a weighted scorecard, and a shop with every scorer's answers.

Built from documents the validation pipeline accepted; nothing here re-checks their shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

CriterionType = Literal["yes-no", "yes-partial-no", "scale", "points"]
Critical = Literal["fail-all", "fail-section"]
Answer = str | int  # "yes", "partial", "no", "na", or a number for scale and points criteria

WORDS = {"yes": 1.0, "partial": 0.5, "no": 0.0}


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

    def applies_to(self, channel: str) -> bool:
        return not self.channels or channel in self.channels

    def choices(self) -> tuple[Answer, ...]:
        """Every answer this criterion takes, N/A aside."""
        if self.type == "yes-no":
            return ("yes", "no")
        if self.type == "yes-partial-no":
            return ("yes", "partial", "no")
        return tuple(range(self.low, self.high + 1))

    def normalised(self, answer: Answer) -> float:
        """(picked - min) / (max - min): 0 is the worst answer, 1 the best."""
        if isinstance(answer, str):
            return WORDS[answer]
        return (answer - self.low) / (self.high - self.low)


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
class Scoring:
    """One scorer's answers to one shop."""

    scorer: str
    answers: dict[str, Answer]
    comments: dict[str, str] = field(default_factory=dict)
    benchmark: bool = False
    date: dt.date | None = None


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

    def benchmark(self) -> Scoring | None:
        return next((s for s in self.scorings if s.benchmark), None)


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


def shop_from(document_id: str, data: dict[str, Any], path: Path | None = None) -> Shop:
    scorings = []
    for entry in data.get("scores", ()):
        answers: dict[str, Answer] = {}
        comments: dict[str, str] = {}
        for criterion_id, value in entry["answers"].items():
            if isinstance(value, dict):
                answers[criterion_id] = value["answer"]
                if value.get("comment"):
                    comments[criterion_id] = value["comment"]
            else:
                answers[criterion_id] = value
        scorings.append(
            Scoring(
                scorer=entry["scorer"],
                answers=answers,
                comments=comments,
                benchmark=bool(entry.get("benchmark", False)),
                date=dt.date.fromisoformat(entry["date"]) if entry.get("date") else None,
            )
        )
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
        scorings=tuple(scorings),
        path=path,
    )

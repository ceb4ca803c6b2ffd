"""A journey map as typed, read-only data: what every render, the summary, the links to shops
and the audit, and the TUI read, so none of them digs through raw YAML dictionaries.

Each step keeps the line it is written on, so a render or a screen can point back at the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.core.loader import Document

TIERS = ("proactive", "self-service", "human")
LANES = ("frontstage", "backstage", "support")
EMOTIONS = {-2: "angry", -1: "frustrated", 0: "neutral", 1: "pleased", 2: "delighted"}
NOT_RECORDED = "not recorded"


def feeling(emotion: int | None) -> str:
    """An emotion in numbers and words, as every report and screen writes it: "-1 frustrated",
    "0 neutral", "+2 delighted"; "not recorded" when the map does not say."""
    if emotion is None:
        return NOT_RECORDED
    return f"{emotion:+d} {EMOTIONS.get(emotion, '?')}" if emotion else f"0 {EMOTIONS[0]}"


@dataclass(frozen=True, slots=True)
class PainPoint:
    description: str
    opportunity: str | None = None
    action: str | None = None
    checklist_item: str | None = None
    impact: int | None = None  # 1-5
    effort: int | None = None  # 1-5
    status: str = "open"  # open, planned or done

    @property
    def remedy(self) -> str | None:
        """What is to be done about it: the action when one is decided, else the opportunity."""
        return self.action or self.opportunity

    @property
    def open(self) -> bool:
        return self.status != "done"


@dataclass(frozen=True, slots=True)
class MetricRef:
    """The contact metric a step names (`metric: csat`, `metric: {name: aht, channel: chat}`),
    shown beside it from the workspace's metrics document."""

    name: str  # aht, csat, nps, enps, fcr, first_response or automated_share
    channel: str | None = None  # only this channel's contacts


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    action: str
    stage: str  # the id of the stage the step is in
    line: int  # where the step starts in its file (1-based)
    touchpoints: tuple[str, ...] = ()
    channel: str | None = None
    emotion: int | None = None  # -2..+2; None when the map does not say
    thoughts: str | None = None
    pain_points: tuple[PainPoint, ...] = ()
    owner: str | None = None
    tier: str | None = None  # one of TIERS
    escalation: str | None = None
    sensitive: bool = False
    kpis: tuple[str, ...] = ()
    metric: MetricRef | None = None
    evidence: str | None = None
    validated: dt.date | None = None
    frontstage: str | None = None
    backstage: str | None = None
    support: str | None = None

    def lane(self, name: str) -> str | None:
        """One service-blueprint lane by name (see LANES)."""
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Journey:
    id: str  # the file stem, as for every sxt document
    title: str
    persona: str
    stages: tuple[Stage, ...]
    scenario: str | None = None
    owner: str | None = None
    checklist: str | None = None
    channels: tuple[str, ...] = ()
    validated: dt.date | None = None
    path: Path | None = None
    display: str = ""  # the path as shown to the user

    @property
    def steps(self) -> Iterator[Step]:
        """Every step, stage by stage, in map order."""
        return (step for stage in self.stages for step in stage.steps)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    """Folded YAML scalars end in a newline and may wrap; a render wants one clean line."""
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _pain_point(data: dict[str, Any]) -> PainPoint:
    return PainPoint(
        description=_text(data["description"]) or "",
        opportunity=_text(data.get("opportunity")),
        action=_text(data.get("action")),
        checklist_item=data.get("checklist_item"),
        impact=data.get("impact"),
        effort=data.get("effort"),
        status=data.get("status", "open"),
    )


def _metric(value: Any) -> MetricRef | None:
    if isinstance(value, str):
        return MetricRef(value)
    if isinstance(value, dict):
        return MetricRef(value["name"], value.get("channel"))
    return None


def _step(document: Document, path: tuple[str | int, ...], stage: str) -> Step:
    data: dict[str, Any] = document.data
    for part in path:
        data = data[part]  # type: ignore[index]
    lanes = data.get("lanes", {})
    return Step(
        id=data["id"],
        action=_text(data["action"]) or "",
        stage=stage,
        line=document.position(path).line,
        touchpoints=tuple(data.get("touchpoints", ())),
        channel=data.get("channel"),
        emotion=data.get("emotion"),
        thoughts=_text(data.get("thoughts")),
        pain_points=tuple(_pain_point(p) for p in data.get("pain_points", ())),
        owner=data.get("owner"),
        tier=data.get("tier"),
        escalation=_text(data.get("escalation")),
        sensitive=bool(data.get("sensitive", False)),
        kpis=tuple(data.get("kpis", ())),
        metric=_metric(data.get("metric")),
        evidence=data.get("evidence"),
        validated=_date(data.get("validated")),
        frontstage=_text(lanes.get("frontstage")),
        backstage=_text(lanes.get("backstage")),
        support=_text(lanes.get("support")),
    )


def journey_from(document: Document, journey_id: str | None = None) -> Journey:
    """The journey of a document that passed the journey schema (check it first)."""
    data = document.data
    stages = tuple(
        Stage(
            id=stage["id"],
            title=_text(stage["title"]) or stage["id"],
            steps=tuple(
                _step(document, ("stages", s, "steps", t), stage["id"])
                for t in range(len(stage["steps"]))
            ),
        )
        for s, stage in enumerate(data["stages"])
    )
    return Journey(
        id=journey_id or document.path.stem,
        title=_text(data["title"]) or "",
        persona=_text(data["persona"]) or "",
        stages=stages,
        scenario=_text(data.get("scenario")),
        owner=_text(data.get("owner")),
        checklist=data.get("checklist"),
        channels=tuple(data.get("channels", ())),
        validated=_date(data.get("validated")),
        path=document.path,
        display=document.display,
    )

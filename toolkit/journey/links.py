"""How journeys tie into the other jobs: the mystery shops that test a step, and the pain
points that feed a checklist item of the quarterly audit.

A shop tests a step when its `journey_step` is `journey-id#step-id`. A shop counts as the
shop report counts it (benchmark scoring, else the mean of its scorers), so the figure on the
map is the figure in `sxt shop report`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.journey.figures import tested
from toolkit.journey.model import Journey, PainPoint, Step

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace


@dataclass(frozen=True, slots=True)
class StepShops:
    """The shops that test one step."""

    count: int
    average: float | None  # mean score, 0-100, of the scored ones; None when none is scored

    def describe(self) -> str:
        return tested(self.count, self.average)


Coverage = dict[str, dict[str, StepShops]]
"""journey id -> step id -> the shops that test it."""


def shop_coverage(place: Path | Workspace) -> Coverage:
    """Every step some valid shop of the workspace tests, with its average score."""
    from toolkit.shop.files import load
    from toolkit.shop.results import result

    shops = load(place)
    scores: dict[tuple[str, str], list[float | None]] = {}
    for shop in shops.shops:
        if shop.journey_step and shop.scorecard in shops.scorecards:
            journey, _, step = shop.journey_step.partition("#")
            score = result(shop, shops.scorecards[shop.scorecard]).score
            scores.setdefault((journey, step), []).append(score)
    coverage: Coverage = {}
    for (journey, step), found in scores.items():
        scored = [100 * s for s in found if s is not None]
        average = sum(scored) / len(scored) if scored else None
        coverage.setdefault(journey, {})[step] = StepShops(len(found), average)
    return coverage


def untested(journey: Journey, coverage: Coverage) -> list[Step]:
    """The steps of `journey` no shop has tested, in map order."""
    tested = coverage.get(journey.id, {})
    return [step for step in journey.steps if step.id not in tested]


@dataclass(frozen=True, slots=True)
class LinkedPain:
    """A pain point as the audit shows it beside a checklist item: where customers meet it."""

    journey: Journey
    step: Step
    pain: PainPoint

    @property
    def where(self) -> str:
        return f"{self.journey.id}#{self.step.id}"

    def describe(self) -> str:
        """One line, the same in every report (callers escape it for their format)."""
        remedy = self.pain.remedy
        return f"{self.where}: {self.pain.description}" + (f" To do: {remedy}" if remedy else "")

    def as_json(self) -> dict[str, Any]:
        pain = self.pain
        return {
            "journey": self.journey.id,
            "step": self.step.id,
            "description": pain.description,
            "opportunity": pain.opportunity,
            "action": pain.action,
            "impact": pain.impact,
            "effort": pain.effort,
            "status": pain.status,
        }


Pains = Mapping[str, Sequence[LinkedPain]]
"""checklist item id -> the open pain points journeys link to it."""


def pain_by_item(journeys: Iterable[Journey], checklist: str) -> dict[str, list[LinkedPain]]:
    """Open pain points linked to items of `checklist`, by item id, in map order. A journey
    that names no checklist links to the one the caller passes (the audit's)."""
    found: dict[str, list[LinkedPain]] = {}
    for journey in journeys:
        if (journey.checklist or checklist) != checklist:
            continue
        for step in journey.steps:
            for pain in step.pain_points:
                if pain.checklist_item and pain.open:
                    found.setdefault(pain.checklist_item, []).append(
                        LinkedPain(journey, step, pain)
                    )
    return found


def workspace_pains(place: Path | Workspace, checklist: str) -> dict[str, list[LinkedPain]]:
    """The open pain points the workspace's valid journeys link to `checklist`'s items."""
    from toolkit.journey.files import workspace_journeys

    return pain_by_item(workspace_journeys(place).journeys, checklist)

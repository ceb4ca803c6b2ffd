"""Across all journeys, where service stands: how the support funnel serves the steps, how
customers feel, the worst moments, who owns the open pain points, which fixes pay most, and
which steps no mystery shop has tested.

The figures are built once (`build`) and every format shows the same ones:
- funnel: share of steps per support tier (steps without a tier counted as "unset");
- happiness score: share of the steps with an emotion whose emotion is positive (> 0);
- worst steps: the lowest emotions, then the most open pain points;
- opportunities: open pain points with impact and effort, ranked by impact / effort (quick
  wins first), then by impact;
- shop coverage: steps that shops test (their count and average score) and those untested.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.core.diagnostics import plural
from toolkit.journey import figures
from toolkit.journey.links import Coverage, StepShops
from toolkit.journey.model import TIERS, Journey, PainPoint, Step, feeling
from toolkit.render.tables import Table

WORST = 5
UNSET = "unset"
NO_OWNER = "(no owner)"


@dataclass(frozen=True, slots=True)
class Place:
    """A step and the journey it is in."""

    journey: Journey
    step: Step

    @property
    def name(self) -> str:
        return f"{self.journey.id}#{self.step.id}"


@dataclass(frozen=True, slots=True)
class Opportunity:
    place: Place
    pain: PainPoint

    @property
    def ratio(self) -> float:
        return (self.pain.impact or 0) / (self.pain.effort or 1)


@dataclass(frozen=True, slots=True)
class Summary:
    journeys: tuple[Journey, ...]
    steps: int
    funnel: dict[str, int]  # tier (or "unset") -> steps
    with_emotion: int
    positive: int
    worst: tuple[Place, ...]
    open_pain: dict[str, tuple[tuple[Place, PainPoint], ...]]  # owner -> open pain points
    opportunities: tuple[Opportunity, ...]
    tested: tuple[tuple[Place, StepShops], ...]
    untested: tuple[Place, ...]

    @property
    def happiness(self) -> float | None:
        """Share (0-1) of the steps with an emotion that are positive."""
        return self.positive / self.with_emotion if self.with_emotion else None


def build(journeys: Sequence[Journey], coverage: Coverage) -> Summary:
    places = [Place(journey, step) for journey in journeys for step in journey.steps]
    tiers = Counter(place.step.tier or UNSET for place in places)
    felt = [(p, emotion) for p in places if (emotion := p.step.emotion) is not None]

    def open_pains(place: Place) -> list[PainPoint]:
        return [pain for pain in place.step.pain_points if pain.open]

    worst = sorted(
        (p for p, emotion in felt if emotion < 0),
        key=lambda p: (p.step.emotion, -len(open_pains(p))),
    )
    by_owner: dict[str, list[tuple[Place, PainPoint]]] = {}
    for place in places:
        for pain in open_pains(place):
            by_owner.setdefault(place.step.owner or NO_OWNER, []).append((place, pain))
    opportunities = sorted(
        (
            Opportunity(place, pain)
            for place in places
            for pain in open_pains(place)
            if pain.impact is not None and pain.effort is not None
        ),
        key=lambda o: (-o.ratio, -(o.pain.impact or 0)),
    )
    tested = []
    untested = []
    for place in places:
        shops = coverage.get(place.journey.id, {}).get(place.step.id)
        if shops is None:
            untested.append(place)
        else:
            tested.append((place, shops))
    return Summary(
        journeys=tuple(journeys),
        steps=len(places),
        funnel={tier: tiers[tier] for tier in (*TIERS, UNSET) if tiers[tier]},
        with_emotion=len(felt),
        positive=sum(1 for _, emotion in felt if emotion > 0),
        worst=tuple(worst[:WORST]),
        open_pain={
            owner: tuple(found)
            for owner, found in sorted(by_owner.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        },
        opportunities=tuple(opportunities),
        tested=tuple(tested),
        untested=tuple(untested),
    )


def headline(summary: Summary) -> list[str]:
    """The lines above the tables, in words the same in every format."""
    happy = summary.happiness
    happiness = (
        f"{figures.happiness(happy)} of {plural(summary.with_emotion, 'step')} with an emotion "
        "are positive"
        if happy is not None
        else "no step records an emotion"
    )
    pains = sum(len(found) for found in summary.open_pain.values())
    return [
        f"{plural(len(summary.journeys), 'journey')}, {plural(summary.steps, 'step')}",
        f"Happiness score: {happiness}",
        f"Open pain points: {pains}",
        f"Shop-tested steps: {len(summary.tested)} of {summary.steps}",
    ]


def tables(summary: Summary) -> list[Table]:
    total = summary.steps
    funnel = [[tier, str(n), figures.share(n, total)] for tier, n in summary.funnel.items()]
    worst = [
        [
            p.name,
            feeling(p.step.emotion),
            str(sum(1 for pain in p.step.pain_points if pain.open)),
            p.step.owner or NO_OWNER,
        ]
        for p in summary.worst
    ]
    owners = [
        [owner, str(len(found)), ", ".join(dict.fromkeys(p.name for p, _ in found))]
        for owner, found in summary.open_pain.items()
    ]
    opportunities = [
        [
            figures.ratio(o.ratio),
            str(o.pain.impact),
            str(o.pain.effort),
            o.pain.remedy or o.pain.description,
            o.place.name,
        ]
        for o in summary.opportunities
    ]
    tested = [[p.name, str(s.count), figures.shop_average(s.average)] for p, s in summary.tested]
    result = [
        Table("Support funnel", ["tier", "steps", "share"], funnel, (1, 2)),
        Table("Worst steps", ["step", "emotion", "open pain points", "owner"], worst, (2,)),
        Table("Open pain points by owner", ["owner", "open", "steps"], owners, (1,), wrap={2: 44}),
        Table(
            "Opportunities by impact / effort",
            ["ratio", "impact", "effort", "what to do", "step"],
            opportunities,
            (0, 1, 2),
            "Open pain points with both estimates, quick wins first.",
            wrap={3: 40},
        ),
        Table("Steps tested by mystery shops", ["step", "shops", "average"], tested, (1, 2)),
    ]
    if summary.untested:
        rows = [[p.name, p.step.action] for p in summary.untested]
        result.append(Table("Steps no shop has tested", ["step", "action"], rows, wrap={1: 44}))
    return [table for table in result if table.rows]


def summary_text(summary: Summary) -> str:
    from toolkit.render.tables import text_tables

    return "\n".join(["Customer journeys", *headline(summary), *text_tables(tables(summary))])


def summary_markdown(summary: Summary) -> str:
    from toolkit.render.markdown import md
    from toolkit.render.tables import markdown_tables

    lines = ["# Customer journeys", "", *(f"- {md(line)}" for line in headline(summary))]
    return "\n".join(lines + markdown_tables(tables(summary))) + "\n"


def summary_json(summary: Summary) -> dict[str, Any]:
    def place(p: Place) -> dict[str, Any]:
        return {"journey": p.journey.id, "step": p.step.id, "action": p.step.action}

    def pain(p: PainPoint) -> dict[str, Any]:
        return {
            "description": p.description,
            "remedy": p.remedy,
            "checklist_item": p.checklist_item,
            "impact": p.impact,
            "effort": p.effort,
            "status": p.status,
        }

    return {
        "journeys": [j.id for j in summary.journeys],
        "steps": summary.steps,
        "funnel": {
            tier: {"steps": n, "share": n / summary.steps} for tier, n in summary.funnel.items()
        },
        "happiness": summary.happiness,
        "worst_steps": [
            {**place(p), "emotion": p.step.emotion, "owner": p.step.owner} for p in summary.worst
        ],
        "open_pain_points_by_owner": {
            owner: [{**place(p), **pain(found)} for p, found in items]
            for owner, items in summary.open_pain.items()
        },
        "opportunities": [
            {**place(o.place), **pain(o.pain), "ratio": o.ratio} for o in summary.opportunities
        ],
        "tested_steps": [
            {**place(p), "shops": s.count, "average": s.average} for p, s in summary.tested
        ],
        "untested_steps": [place(p) for p in summary.untested],
    }

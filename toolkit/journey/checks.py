"""Where a customer journey breaks: checks over a journey map, each with an id, a level and
an explanation, reported at the line of the step (or pain point, stage, field) concerned.

A journey may switch checks off with `skip_checks: [id, ...]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from toolkit.core.diagnostics import Diagnostic, Severity
from toolkit.core.loader import Document, JsonPath

SENSITIVE_WORDS = ("billing", "refund", "complaint", "cancel", "security", "payment", "charge")


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    level: Severity
    title: str
    explanation: str


CHECKS: tuple[Check, ...] = (
    Check(
        "step-owner",
        "warning",
        "Every step has an owner",
        "A step nobody owns is a step nobody fixes. Name the team that answers for it (owner:).",
    ),
    Check(
        "pain-action",
        "warning",
        "Every pain point has an opportunity or an action",
        "A pain point written down and left there is a complaint archive. Give each one an "
        "opportunity (what could be better) or an action (who does what).",
    ),
    Check(
        "bot-loop",
        "error",
        "Hard or sensitive self-service steps have a way to a human",
        "A step where the customer is upset (emotion below 0) or that touches money, "
        "complaints, cancellation or security, served only by self-service with no escalation "
        "path, traps people in a bot loop. Give it an escalation: how the customer reaches a "
        "person. Only complex, sensitive and emotional questions should reach people, and "
        "those must be able to.",
    ),
    Check(
        "repeated-pain",
        "warning",
        "A pain point met again and again has a proactive or self-service answer",
        "The same pain point in several steps is a question customers keep asking. Fix it at "
        "the root, or answer it before they ask (proactive) or where they look "
        "(self-service), instead of answering it forever by hand.",
    ),
    Check(
        "channel-gap",
        "suggestion",
        "Every channel the journey or a stage declares has a step on it",
        "The journey (channels:) or a stage (its own channels:) says customers use these "
        "channels; a declared channel with no step on it is a gap where a customer on that "
        "channel has nowhere to go. Add the step, or stop declaring the channel. A journey's "
        "channels need a step somewhere in the journey; a stage's channels, in that stage.",
    ),
    Check(
        "frontstage-owner",
        "warning",
        "Customer-visible steps have a frontstage lane",
        "A step the customer sees (a human tier, or touchpoints) needs lanes.frontstage: what "
        "and who the customer meets there. Without it the blueprint hides the moment that "
        "matters most.",
    ),
    Check(
        "assumed-evidence",
        "warning",
        "The map rests on observation, not assumption",
        "When most steps are evidence: assumed (or say nothing), the map is a guess. Observe "
        "customers, read tickets and mystery-shop the steps, then mark them observed.",
    ),
    Check(
        "stale-validation",
        "warning",
        "The map was validated recently",
        "A journey changes as the product and the team do. Validate the map against real "
        "customers at least within the maximum age (default 365 days) and record the date in "
        "validated:.",
    ),
)
BY_ID = {check.id: check for check in CHECKS}


def _steps(data: dict[str, Any]) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    for s, stage in enumerate(data.get("stages", [])):
        for t, step in enumerate(stage.get("steps", [])):
            yield ("stages", s, "steps", t), step


def _sensitive(step: dict[str, Any]) -> bool:
    if step.get("sensitive"):
        return True
    text = " ".join(str(step.get(key, "")) for key in ("id", "action")).lower()
    return any(word in text for word in SENSITIVE_WORDS)


def check_journey(document: Document, today: dt.date, max_age_days: int = 365) -> list[Diagnostic]:
    """Every finding of every check the journey has not switched off, in file order."""
    data = document.data
    skipped = set(data.get("skip_checks", []))
    found: list[Diagnostic] = []

    def report(check_id: str, path: JsonPath, message: str, *, key: bool = True) -> None:
        if check_id not in skipped:
            check = BY_ID[check_id]
            found.append(
                document.diagnostic(path, check.level, f"journey/{check_id}", message, key=key)
            )

    steps = list(_steps(data))
    for path, step in steps:
        name = step["id"]
        if not step.get("owner"):
            report("step-owner", path, f"step {name!r} has no owner")
        for p, pain in enumerate(step.get("pain_points", [])):
            if not pain.get("opportunity") and not pain.get("action"):
                report(
                    "pain-action",
                    (*path, "pain_points", p),
                    f"pain point {pain['description']!r} in {name!r} has no opportunity or action",
                )
        hard = step.get("emotion", 0) < 0 or _sensitive(step)
        if hard and step.get("tier") == "self-service" and not step.get("escalation"):
            why = "sensitive" if _sensitive(step) else f"emotion {step.get('emotion')}"
            report(
                "bot-loop",
                path,
                f"step {name!r} ({why}) is served only by self-service with no escalation to a "
                "human: a bot-loop risk",
            )
        visible = step.get("tier") == "human" or step.get("touchpoints")
        if visible and not step.get("lanes", {}).get("frontstage"):
            report(
                "frontstage-owner", path, f"customer-visible step {name!r} has no frontstage lane"
            )

    seen: dict[str, list[tuple[JsonPath, dict[str, Any]]]] = {}
    for path, step in steps:
        for p, pain in enumerate(step.get("pain_points", [])):
            key = " ".join(pain["description"].lower().split())
            seen.setdefault(key, []).append(((*path, "pain_points", p), step))
    for places in seen.values():
        if len(places) > 1 and not any(
            s.get("tier") in ("proactive", "self-service") for _, s in places
        ):
            for pain_path, step in places[1:]:
                report(
                    "repeated-pain",
                    pain_path,
                    f"the same pain point in {len(places)} steps, none with a proactive or "
                    f"self-service answer (here in {step['id']!r})",
                )

    def served(steps: list[dict[str, Any]]) -> set[str | None]:  # None: a step with no channel
        return {step.get("channel") for step in steps} | {
            touchpoint for step in steps for touchpoint in step.get("touchpoints", [])
        }

    everywhere = served([step for _, step in steps])
    unserved = [c for c in data.get("channels", []) if c not in everywhere]
    if unserved:
        report(
            "channel-gap",
            ("channels",),
            f"the journey declares {', '.join(unserved)} but no step is on it",
        )
    for s, stage in enumerate(data.get("stages", [])):
        missing = [c for c in stage.get("channels", []) if c not in served(stage["steps"])]
        if missing:
            report(
                "channel-gap",
                ("stages", s, "channels"),
                f"stage {stage['id']!r} declares {', '.join(missing)} but has no step on it",
            )

    assumed = [step for _, step in steps if step.get("evidence", "assumed") == "assumed"]
    if steps and len(assumed) * 2 > len(steps):
        report(
            "assumed-evidence",
            ("title",),
            f"{len(assumed)} of {len(steps)} steps rest on assumed (or no) evidence",
        )

    validated = data.get("validated")
    if validated is None:
        report("stale-validation", ("title",), "the journey has no validated: date")
    else:
        age = (today - dt.date.fromisoformat(validated)).days
        if age > max_age_days:
            report(
                "stale-validation",
                ("validated",),
                f"validated {age} days ago ({validated}), more than {max_age_days}",
                key=False,
            )
    return sorted(found, key=lambda d: (d.line or 0, d.col or 0))

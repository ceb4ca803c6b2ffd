"""A journey map for other tools: a Mermaid `journey` diagram, a Markdown document (which
embeds the diagram, so GitHub and GitLab draw it) and JSON for scripts.

Emotion to Mermaid score. Mermaid's journey draws each task as a face on a 1-5 scale; the
map's emotion runs from -2 to +2, so the score is the emotion plus three:

| emotion         | Mermaid score |
| --------------- | ------------- |
| -2 angry        | 1             |
| -1 frustrated   | 2             |
| 0 neutral       | 3             |
| +1 pleased      | 4             |
| +2 delighted    | 5             |
| not recorded    | 3             |

Mermaid needs a score on every task, so a step whose emotion nobody recorded is drawn as
neutral; the Markdown table and the JSON keep it unrecorded.

Actors. Each task names the step's owner as its actor, not its support tier. Mermaid draws
actors as a legend of people with a coloured dot on every task they take part in: owners are
people (teams), so the legend reads as "who is on the hook here" and the dots show each
hand-over between teams along the journey, which the emotion curve alone does not. Tiers are
not participants and would show as people named "proactive"; they are in the Markdown table.
A step without an owner gets no actor, so the gap shows as a task with no dot.

Texts. Mermaid's journey grammar ends a task or a section at `:`, `#`, `;` or a line break,
reads `%` at the start of a line as a comment and `%%{` anywhere as a directive, takes a line
that starts with `title`, `section`, `journey` or `accTitle` as that statement, splits actors
at commas, and sends the title through an HTML sanitiser. So every text is first put on one
line (line breaks and tabs folded, control characters shown as visible escapes, as in every
sxt report); then the characters the grammar reserves, and invisible ones, are written as
Mermaid's own entity codes (`#58;` for `:`), and a task that starts with a keyword gets its
first letter written that way. Mermaid decodes entity codes before it parses and turns them
back into the same characters when it draws, so whatever a user writes, emoji and Hangul
included, is drawn as written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from toolkit.journey.links import StepShops
from toolkit.journey.model import EMOTIONS, LANES, Journey, PainPoint, Stage, Step, feeling
from toolkit.render.markdown import markdown_table, md
from toolkit.render.tables import terminal_text as one_line  # folded, controls escaped

NEUTRAL_SCORE = 3
SCORES = {emotion: emotion + NEUTRAL_SCORE for emotion in EMOTIONS}
"""Emotion -2..+2 -> Mermaid's faces 1..5 (see the module docstring)."""

TASK_LENGTH = 45
"""Characters of an action a Mermaid task shows. Its box is 150 pixels wide and holds three
short lines; Mermaid lets a longer text spill over the box and its neighbours, so a longer
action is cut at a word and ends in an ellipsis. The whole action is in the Markdown table and
the JSON."""

# Reserved everywhere: `#` and `;` end a title, a section and a task; `%` starts a comment or a
# directive; `<`, `>` and `&` are read as HTML (Mermaid rewrites the quotes in anything that
# looks like a tag, and sanitises the title); `ﬂ` and `¶` start the stand-ins Mermaid writes
# for entity codes while it parses, so a user's own would be decoded as one.
_RESERVED = "#;%<>&\ufb02\u00b6"
_NAME_RESERVED = _RESERVED + ":"  # `:` also ends a section and a task name
_ACTOR_RESERVED = _NAME_RESERVED + ","  # `,` separates actors
_KEYWORD = re.compile(r"journey|title|section|acc", re.IGNORECASE)
"""What a task name must not start with, or Mermaid reads the line as that statement."""


def _escape(text: str, reserved: str = _RESERVED) -> str:
    """Folded text that means what the user wrote once Mermaid draws it: each reserved or
    invisible character as Mermaid's entity code for it (`#58;` for `:`)."""
    return "".join(
        f"#{ord(char)};" if char in reserved or not char.isprintable() else char for char in text
    )


def _shorten(text: str, length: int = TASK_LENGTH) -> str:
    """At a word boundary when there is one in the second half, so words stay whole."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > length // 2 else cut).rstrip(" ,;:-") + "\u2026"


def _task(step: Step) -> str:
    name = _escape(_shorten(one_line(step.action) or one_line(step.id)), _NAME_RESERVED)
    return f"#{ord(name[0])};{name[1:]}" if _KEYWORD.match(name) else name


def mermaid_score(step: Step) -> int:
    """The step's Mermaid score, 1-5: its emotion plus 3, or 3 when none is recorded."""
    return NEUTRAL_SCORE if step.emotion is None else SCORES.get(step.emotion, NEUTRAL_SCORE)


def mermaid(journey: Journey) -> str:
    """The journey as a Mermaid `journey` diagram, one section per stage and one task per step."""
    lines = ["journey"]
    if title := _escape(one_line(journey.title)):
        lines.append(f"  title {title}")
    for stage in journey.stages:
        section = one_line(stage.title) or one_line(stage.id)
        lines.append(f"  section {_escape(section, _NAME_RESERVED)}")
        for step in stage.steps:
            task = f"    {_task(step)}: {mermaid_score(step)}"
            actor = _escape(one_line(step.owner or ""), _ACTOR_RESERVED)
            lines.append(f"{task}: {actor}" if actor else task)
    return "\n".join(lines) + "\n"


# --- Markdown -------------------------------------------------------------------------------

_MISSING = "-"


def _cell(text: str | None) -> str:
    return md(text) if text else _MISSING


def _lines(*parts: str) -> str:
    """Escaped parts of one table cell, each on its own line of the cell."""
    return "<br>".join(part for part in parts if part) or _MISSING


def _fence(code: str) -> str:
    """A fence longer than any run of backticks in the code, so no text can close it early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _action(step: Step) -> str:
    thoughts = f"*{md(step.thoughts)}*" if step.thoughts else ""
    return _lines(md(step.action), thoughts)


def _where(step: Step) -> str:
    return _lines(md(step.channel or ""), ", ".join(md(t) for t in step.touchpoints))


def _shops(step: Step, coverage: Mapping[str, StepShops]) -> str:
    shops = coverage.get(step.id)
    return shops.describe() if shops else "not shop-tested"


def _step_table(
    stage: Stage,
    coverage: Mapping[str, StepShops] | None,
    metrics: Mapping[str, str] | None = None,
) -> str:
    columns: list[tuple[str, Callable[[Step], str]]] = [
        ("Step", lambda step: md(step.id)),
        ("Customer action and thoughts", _action),
        ("Channel / touchpoints", _where),
        ("Emotion", lambda step: feeling(step.emotion)),
        ("Tier", lambda step: _cell(step.tier)),
        ("Owner", lambda step: _cell(step.owner)),
    ]
    if coverage is not None:
        columns.append(("Mystery shops", lambda step: _shops(step, coverage)))
    if metrics is not None:
        columns.append(("Metric", lambda step: _cell(metrics.get(step.id))))
    return markdown_table(
        [[render(step) for _, render in columns] for step in stage.steps],
        [header for header, _ in columns],
    )


def _remedy(pain: PainPoint) -> str:
    return _lines(
        f"Action: {md(pain.action)}" if pain.action else "",
        f"Opportunity: {md(pain.opportunity)}" if pain.opportunity else "",
    )


def _scale(value: int | None) -> str:
    return _MISSING if value is None else str(value)


def _pain_table(steps: Sequence[Step]) -> str:
    rows = [
        [
            md(step.id),
            md(pain.description),
            _remedy(pain),
            _cell(pain.checklist_item),
            f"{_scale(pain.impact)} / {_scale(pain.effort)}",
            md(pain.status),
        ]
        for step in steps
        for pain in step.pain_points
    ]
    headers = ["Step", "Pain point", "What to do", "Checklist item", "Impact / effort", "Status"]
    return markdown_table(rows, headers)


def _lanes_table(journey: Journey) -> str:
    rows = [[md(step.id), *(_cell(step.lane(lane)) for lane in LANES)] for step in journey.steps]
    return markdown_table(rows, ["Step", *(lane.capitalize() for lane in LANES)])


def markdown(
    journey: Journey,
    coverage: Mapping[str, StepShops] | None = None,
    metrics: Mapping[str, str] | None = None,
) -> str:
    """The map as a Markdown document: the facts, the Mermaid diagram, a table of steps and one
    of pain points per stage, then the service blueprint. `coverage` (step id -> shops) adds
    a column of the mystery shops that test each step; `metrics` (step id -> the figure of
    the metric it names) a column of those figures."""
    validated = journey.validated.isoformat() if journey.validated else "not validated"
    facts = [
        ("Persona", _cell(journey.persona)),
        ("Scenario", _cell(journey.scenario)),
        ("Channels", ", ".join(md(c) for c in journey.channels) or _MISSING),
        ("Owner", _cell(journey.owner)),
        ("Checklist", _cell(journey.checklist)),
        ("Validated", validated),
    ]
    diagram = mermaid(journey)
    fence = _fence(diagram)
    parts = [
        f"# {md(journey.title) or md(journey.id)}",
        "\n".join(f"- **{name}:** {value}" for name, value in facts),
        "## Emotion curve",
        f"{fence}mermaid\n{diagram}{fence}",
        f"Each face is a step's emotion, from 1 ({EMOTIONS[-2]}) to 5 ({EMOTIONS[2]}): "
        "-2..+2 plus 3, and 3 where none is recorded. Each dot is the step's owner.",
    ]
    for number, stage in enumerate(journey.stages, 1):
        parts += [
            f"## {number}. {md(stage.title) or md(stage.id)}",
            _step_table(stage, coverage, metrics),
        ]
        if any(step.pain_points for step in stage.steps):
            parts += ["### Pain points", _pain_table(stage.steps)]
    parts += [
        "## Service blueprint",
        "What the customer sees (frontstage), what staff do out of sight (backstage) and the "
        "systems underneath (support), step by step.",
        _lanes_table(journey),
    ]
    return "\n\n".join(parts) + "\n"


# --- JSON -----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A model value as JSON: dates in ISO form, tuples as lists, records field by field, so a
    field added to the model appears in the JSON without touching this module."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def as_json(
    journey: Journey,
    coverage: Mapping[str, StepShops] | None = None,
    figures: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Every field of the map, stable for scripts: each step as the model has it plus `shops`
    (its mystery shops' count and average score, or null when none tests it) and `figure`
    (the metric it names as read from the metrics document, or null when it names none)."""

    def step(found: Step) -> dict[str, Any]:
        shops = (coverage or {}).get(found.id)
        figure = (figures or {}).get(found.id)
        return {
            **_plain(found),
            "shops": _plain(shops) if shops else None,
            "figure": _plain(figure) if figure else None,
        }

    return {
        "id": journey.id,
        "title": journey.title,
        "persona": journey.persona,
        "scenario": journey.scenario,
        "owner": journey.owner,
        "checklist": journey.checklist,
        "channels": list(journey.channels),
        "validated": _plain(journey.validated),
        "file": journey.display or None,
        "stages": [
            {"id": stage.id, "title": stage.title, "steps": [step(s) for s in stage.steps]}
            for stage in journey.stages
        ],
    }

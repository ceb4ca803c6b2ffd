"""How the journey screen draws a map: which findings belong to which step, the map's cells,
the emotion curve and the selected step in full.

Nothing here decides what is wrong with a journey (toolkit.journey.checks does) or reads a
file; it only lays out a typed Journey and its findings. Every text in a journey is the
user's, so it goes into Rich `Text` through `printable`, never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from toolkit.core.diagnostics import Diagnostic, count_by_severity, plural, printable
from toolkit.core.loader import Document
from toolkit.journey.checks import BY_ID
from toolkit.journey.links import StepShops
from toolkit.journey.model import EMOTIONS, LANES, Journey, PainPoint, Step
from toolkit.tui.document import SEVERITY_STYLES

EMOTION_STYLES = {-2: "bold red", -1: "yellow", 0: "", 1: "green", 2: "bold green"}
SEVERITY_MARKS = {"error": "✗", "warning": "!", "suggestion": "·"}
SELECTED_MARK = "▶ "


@dataclass(slots=True)
class Placed:
    """A journey's findings by where they point: a step, a stage (channel gaps), or the
    journey as a whole (its validation date, its evidence)."""

    steps: dict[str, list[Diagnostic]] = field(default_factory=dict)
    stages: dict[str, list[Diagnostic]] = field(default_factory=dict)
    journey: list[Diagnostic] = field(default_factory=list)


def placed(journey: Journey, document: Document, findings: list[Diagnostic]) -> Placed:
    """Findings carry only a line, so each goes to whatever starts last at or before it: a
    pain point's finding lands on its step, a stage's `channels:` on its stage, and a key of
    the journey itself (its title, `validated:`) on the journey, wherever in the file the
    user put it."""
    data = document.data
    starts = [
        (document.position((key,), key=True).line, "journey", "") for key in data if key != "stages"
    ]
    for index, stage in enumerate(journey.stages):
        starts += [
            (document.position(("stages", index, key), key=True).line, "stage", stage.id)
            for key in data["stages"][index]
            if key != "steps"
        ]
        starts += [(step.line, "step", step.id) for step in stage.steps]
    starts.sort()
    lines = [line for line, _, _ in starts]
    found = Placed()
    for finding in findings:
        at = bisect_right(lines, finding.line or 0) - 1
        kind, name = ("journey", "") if at < 0 else starts[at][1:]
        if kind == "journey":
            found.journey.append(finding)
        else:
            (found.steps if kind == "step" else found.stages).setdefault(name, []).append(finding)
    return found


# --- the map ------------------------------------------------------------------------------


def short(text: str, width: int) -> Text:
    shown = Text(printable(text))
    shown.truncate(width, overflow="ellipsis")
    return shown


def emotion_cell(emotion: int | None) -> Text:
    if emotion is None:
        return Text("?", style="dim", justify="right")
    return Text(f"{emotion:+d}" if emotion else "0", EMOTION_STYLES[emotion], justify="right")


def checks_cell(findings: list[Diagnostic]) -> Text:
    """The step's findings counted and coloured by the worst, as the home screen colours a
    file: one error outweighs any number of suggestions."""
    if not findings:
        return Text("✓", style="green")
    counts = count_by_severity(findings)
    worst = next(severity for severity, count in counts.items() if count)
    return Text(f"{SEVERITY_MARKS[worst]} {len(findings)}", style=SEVERITY_STYLES[worst])


def map_row(journey: Journey, step: Step, findings: list[Diagnostic]) -> list[Text]:
    """stage (on its first step only, so a stage reads as a block), step, emotion, tier,
    owner, checks."""
    stage = next(s for s in journey.stages if s.id == step.stage)
    return [
        short(stage.title, 13) if stage.steps[0].id == step.id else Text(""),
        Text(printable(step.id)),
        emotion_cell(step.emotion),
        Text(step.tier or "—", style="" if step.tier else "dim"),
        short(step.owner, 15) if step.owner else Text("no owner", style="bold yellow"),
        checks_cell(findings),
    ]


MAP_COLUMNS = ("stage", "step", "emotion", "tier", "owner", "checks")


# --- the curve ----------------------------------------------------------------------------

LEVELS = tuple(sorted(EMOTIONS, reverse=True))
GUTTER = max(len(f"{level:+d} {EMOTIONS[level]}") for level in LEVELS) + 1


def curve(stages: list[list[int | None]], selected: int | None, width: int) -> Text:
    """The emotion of every step, left to right, one row per level from delighted down to
    angry, stages split by a rule and the selected step pointed at from below. Steps get
    three cells each when the width allows, fewer on a narrow screen; a step whose emotion
    the map does not give shows as `?` on the neutral row."""
    count = sum(len(stage) for stage in stages)
    room = width - GUTTER - max(len(stages) - 1, 0)
    cell = 3 if room >= 3 * count else 2 if room >= 2 * count else 1
    rows: list[Text] = []
    for level in (*LEVELS, None):
        label = "" if level is None else f"{level:+d} {EMOTIONS[level]}".replace("+0", " 0")
        row = Text()
        row.append(label.ljust(GUTTER), style="dim")
        index = 0
        for number, emotions in enumerate(stages):
            if number:
                row.append(" " if level is None else "│", style="dim")
            for emotion in emotions:
                mark, style = " ", ""
                if level is None:
                    mark = "▲" if index == selected else " "
                    style = "bold"
                elif emotion == level:
                    mark, style = "●", EMOTION_STYLES[level]
                    if index == selected:
                        style = f"{style} reverse".strip()
                elif emotion is None and level == 0:
                    mark, style = "?", "dim reverse" if index == selected else "dim"
                elif level == 0:
                    mark, style = "·", "dim"
                row.append(mark.center(cell) if cell > 1 else mark, style=style)
                index += 1
        row.rstrip()
        rows.append(row)
    return Text("\n").join(rows)


class EmotionCurve(Widget):
    """Drawn at the widget's own width, so a long journey squeezes its steps rather than
    wrapping the curve into nonsense."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stages: list[list[int | None]] = []
        self.selected: int | None = None

    def show(self, journey: Journey | None, selected: str | None) -> None:
        self.stages = (
            [[step.emotion for step in stage.steps] for stage in journey.stages] if journey else []
        )
        ids = [step.id for step in journey.steps] if journey else []
        self.selected = ids.index(selected) if selected in ids else None
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(LEVELS) + 1 if self.stages else 0

    def render(self) -> Text:
        return curve(self.stages, self.selected, self.size.width) if self.stages else Text("")


# --- the selected step --------------------------------------------------------------------

LABEL = 12


def finding_line(finding: Diagnostic) -> Text:
    """`severity journey/check: message`, the way the details pane lists a step's findings;
    the check's title says what to do about it."""
    text = Text()
    text.append(finding.severity, style=SEVERITY_STYLES.get(finding.severity, ""))
    text.append(f" {printable(finding.code)}", style="dim")
    text.append(f": {printable(finding.message)}")
    check = BY_ID.get(finding.code.removeprefix("journey/"))
    if check is not None:
        text.append(f"\n  → {check.title}", style="dim")
    return text


def labelled(text: Text, label: str, value: Text | str | None, missing: Text | None = None) -> None:
    if value is None and missing is None:
        return
    text.append("\n")
    text.append(label.ljust(LABEL), style="bold")
    if value is None:
        text.append_text(missing or Text(""))
    else:
        text.append_text(value if isinstance(value, Text) else Text(printable(value)))


def pain_text(number: int, pain: PainPoint) -> Text:
    text = Text()
    text.append(f"\n  {number}. ", style="bold")
    text.append(printable(pain.description))
    for name, value in (("opportunity", pain.opportunity), ("action", pain.action)):
        if value:
            text.append(f"\n     {name}: ", style="dim")
            text.append(printable(value))
    facts = [pain.checklist_item or ""]
    facts += [f"{n} {v}" for n, v in (("impact", pain.impact), ("effort", pain.effort)) if v]
    facts.append(pain.status)
    text.append("\n     " + printable(" · ".join(f for f in facts if f)), style="dim")
    return text


def step_text(
    journey: Journey,
    step: Step,
    placed_findings: Placed,
    shops: StepShops | None,
    metric: str | None = None,
) -> Text:
    """The step in full: what the customer does and what is wrong with it first (its own
    findings, then its stage's), then the fields a person edits here, lanes and pain points."""
    stage = next(s for s in journey.stages if s.id == step.stage)
    text = Text()
    text.append(printable(step.id), style="bold underline")
    text.append(f"  {printable(stage.title)} · line {step.line}", style="dim")
    text.append("\n")
    text.append(printable(step.action))
    own = placed_findings.steps.get(step.id, [])
    of_stage = placed_findings.stages.get(stage.id, [])
    for finding in own:
        text.append("\n")
        text.append_text(finding_line(finding))
    for finding in of_stage:
        text.append("\nstage: ", style="dim")
        text.append_text(finding_line(finding))
    if not own:
        text.append("\n✓ no findings on this step", style="green")
    text.append("\n")
    emotion = None
    if step.emotion is not None:
        emotion = Text()
        emotion.append_text(emotion_cell(step.emotion))
        emotion.append(f" {EMOTIONS[step.emotion]}")
    labelled(text, "Emotion", emotion, Text("not given", style="dim"))
    labelled(text, "Thoughts", step.thoughts)
    labelled(text, "Channel", step.channel)
    labelled(text, "Touchpoints", ", ".join(step.touchpoints) or None)
    labelled(text, "Owner", step.owner, Text("none", style="bold yellow"))
    tier = Text()
    tier.append(step.tier or "not given", style="" if step.tier else "dim")
    if step.sensitive:
        tier.append(" · sensitive", style="yellow")
    labelled(text, "Tier", tier)
    labelled(text, "Escalation", step.escalation, Text("none: no way to a person", style="dim"))
    labelled(
        text,
        "Shops",
        shops.describe() if shops else None,
        Text("no mystery shop tests this step", style="dim"),
    )
    labelled(text, "Metric", metric)
    labelled(text, "Evidence", step.evidence)
    lanes = [(lane, step.lane(lane)) for lane in LANES if step.lane(lane)]
    if lanes:
        text.append("\nLanes", style="bold")
        for lane, value in lanes:
            text.append(f"\n  {lane.ljust(LABEL - 2)}", style="dim")
            text.append(printable(value or ""))
    text.append(f"\n{plural(len(step.pain_points), 'pain point').capitalize()}", style="bold")
    for number, pain in enumerate(step.pain_points, 1):
        text.append_text(pain_text(number, pain))
    return text


def findings_text(findings: list[Diagnostic], selected: list[Diagnostic]) -> Text:
    """Every finding of the journey in file order, the selected step's marked and bold, so
    the panel answers both "what is wrong with this map" and "which of it is here"."""
    if not findings:
        return Text("✓ no findings", style="green")
    text = Text()
    for index, finding in enumerate(findings):
        if index:
            text.append("\n\n")
        mine = finding in selected
        text.append(SELECTED_MARK if mine else "  ", style="bold")
        text.append(finding.place(), style="bold")
        text.append(f" {finding.severity}", style=SEVERITY_STYLES.get(finding.severity, ""))
        text.append(f" {printable(finding.code)}", style="dim")
        text.append("\n")
        text.append(printable(finding.message), style="bold" if mine else "")
    return text


def findings_title(findings: list[Diagnostic]) -> Text:
    counts = count_by_severity(findings)
    shown = [plural(count, severity) for severity, count in counts.items() if count]
    return Text(f"Checks: {', '.join(shown) or 'none'}")


def journey_heading(journey: Journey) -> Text:
    steps = sum(len(stage.steps) for stage in journey.stages)
    text = Text()
    text.append(printable(journey.title), style="bold")
    facts = [plural(len(journey.stages), "stage"), plural(steps, "step")]
    if journey.owner:
        facts.append(f"owner {journey.owner}")
    facts.append(f"validated {journey.validated}" if journey.validated else "not validated")
    text.append(" · " + printable(" · ".join(facts)), style="dim")
    text.append("\n")
    text.append(printable(journey.persona), style="italic")
    return text

"""A customer journey map as one self-contained HTML page, the one a support leader shares with
the team.

Why it is built the way it is:

- The shared page of toolkit/render/html.py: one file, inline CSS and SVG, no scripts, and a
  Content-Security-Policy that forbids fetching anything, so the page reads the same offline,
  attached to a mail or printed. Every string from the map, ids included (they land in
  attributes too), goes through `escape`; CSS classes come from fixed tables, never from text.
- The map is a table with stages as column groups and one fixed-width column per step, in a
  box that scrolls sideways with the lane names pinned on the left: a 200-step map stays
  readable column by column instead of being squeezed to the width of the page.
- The emotion curve is drawn on the same step numbers as the map's columns, on a fixed -2..+2
  axis. A step whose emotion nobody recorded breaks the line: unknown is not neutral.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from toolkit import __version__
from toolkit.core.diagnostics import Diagnostic, count_by_severity, plural
from toolkit.journey.links import StepShops
from toolkit.journey.model import (
    EMOTIONS,
    LANES,
    NOT_RECORDED,
    TIERS,
    Journey,
    PainPoint,
    Step,
    feeling,
)
from toolkit.render.html import CSS as BASE_CSS
from toolkit.render.html import escape as _e  # short: it wraps every value on the page
from toolkit.render.html import page, stats, table

LANE_WIDTH = 168
STEP_WIDTH = 236
"""Pixels of the map's lane-name column and of each step column: wide enough for a sentence
per line of a cell, narrow enough that four or five steps show at once on a laptop."""

CURVE_WIDTH = 1184
"""The emotion curve fills the page's width (1240 less padding) until its steps need more; then
each step keeps CURVE_STEP pixels and the plot scrolls sideways like the map, beside an axis
(AXIS_WIDTH pixels) that stays in view."""
CURVE_STEP = 34
AXIS_WIDTH = 104

EMOTION_CLASSES = {-2: "m2", -1: "m1", 0: "z", 1: "p1", 2: "p2"}
EMOTION_COLOURS = {-2: "#b42318", -1: "#dd6b20", 0: "#7b8794", 1: "#3f9142", 2: "#1d6b33"}

LANE_NAMES = {
    "frontstage": ("Frontstage", "what the customer sees"),
    "backstage": ("Backstage", "what staff do out of sight"),
    "support": ("Support processes", "systems underneath"),
}

CSS = (
    BASE_CSS
    + """
main { max-width: 1240px; }
.kicker { margin: 0; font-size: .78rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .08em; color: var(--muted); }
dl.meta { display: flex; flex-wrap: wrap; gap: .3rem 2.2rem; margin: .6rem 0 1rem; }
dl.meta dt, .story .label { font-size: .74rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
.story { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin: 0 0 1.1rem; }
.story > div { border-left: 4px solid var(--accent); background: var(--soft);
  border-radius: 0 8px 8px 0; padding: 10px 16px; }
.story p { margin: .15rem 0 0; }
.lead { font-size: .95rem; color: var(--muted); margin: 0 0 .6rem; }
figure.curve { display: flex; margin: 0; }
figure.curve svg { display: block; flex: none; }
figure.curve .scroll { flex: 1; min-width: 0; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table.map { table-layout: fixed; border-collapse: separate; border-spacing: 0;
  font-size: .86rem; line-height: 1.4; margin: 0; }
table.map col.lane { width: """
    + str(LANE_WIDTH)
    + """px; }
table.map col.step { width: """
    + str(STEP_WIDTH)
    + """px; }
table.map th, table.map td { padding: 7px 10px; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; }
table.map td:first-child { white-space: normal; }
table.map .first { border-left: 2px solid #aab4c1; }
table.map th.stage { background: #e4ebf3; color: var(--accent); font-size: .95rem;
  border-bottom: 0; }
table.map th.stage.odd { background: #eef1f5; }
table.map th.stage .count { font-weight: 400; color: var(--muted); font-size: .8rem; }
table.map th.step { background: var(--soft); font-weight: 600; }
table.map th.step code { font-weight: 400; color: var(--muted); font-size: .78rem; }
table.map .no { display: inline-block; min-width: 1.9em; margin-right: .35em; padding: 0 .35em;
  border-radius: 10px; background: var(--accent); color: #fff; text-align: center;
  font-size: .78rem; }
table.map tbody th, table.map .corner { position: sticky; left: 0; z-index: 1;
  background: #fff; box-shadow: inset -2px 0 0 var(--line); font-weight: 600; }
table.map .corner { z-index: 2; background: var(--soft); }
table.map tbody th small { display: block; font-weight: 400; color: var(--muted); }
table.map tbody tr:nth-child(even) td { background: #fbfcfd; }
table.map tr.lane-action td { font-weight: 600; }
table.map tr.lane-blueprint th { color: var(--accent); }
table.map p { margin: 0; }
table.map .tag { white-space: normal; max-width: 100%; }
table.map ul { margin: 0; padding-left: 1.1em; }
.none { color: var(--muted); font-style: italic; font-weight: 400; }
.thought { font-style: italic; }
.tag { display: inline-block; border-radius: 3px; padding: 0 .4em; font-size: .78rem;
  background: #e9edf2; white-space: nowrap; }
.emo { display: inline-block; border-radius: 4px; padding: .05em .5em; font-weight: 600;
  white-space: nowrap; }
.emo-m2 { background: #f9d7d5; color: #8a1c13; } .emo-m1 { background: #fde4cf; color: #8a3d0b; }
.emo-z { background: #e9edf2; color: #3d4652; } .emo-p1 { background: #dcefd9; color: #245b27; }
.emo-p2 { background: #c5e6cf; color: #14502a; }
.tier { display: inline-block; border-radius: 4px; padding: .05em .5em; font-weight: 600; }
.tier-proactive { background: #dcefd9; } .tier-self-service { background: #dde8f6; }
.tier-human { background: #f3e3f7; }
.sensitive { background: #fff3dc; color: #7a4100; }
.escalation { margin-top: .35rem !important; font-size: .82rem; }
.k { display: block; font-size: .7rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); font-weight: 600; }
.pain { border-left: 3px solid #d64545; padding: 0 0 0 .55rem; margin: 0 0 .7rem; }
.pain:last-child { margin-bottom: 0; }
.pain.done { border-left-color: #3f9142; }
.pain.done > p:first-child { text-decoration: line-through; color: var(--muted); }
.pain .remedy { margin-top: .3rem; }
.pain .facts { margin-top: .3rem; display: flex; flex-wrap: wrap; gap: .25rem; }
tr.sev-error td { background: var(--bad-bg); }
tr.sev-warning td { background: #fff6e5; }
@media (max-width: 760px) { .story { grid-template-columns: 1fr; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .scroll { overflow: visible; }
  table.map thead th, table.map tbody th, table.map .corner { position: static; }
}
""".strip()
)

_Cell = Callable[[Step], str]


def journey_html(
    journey: Journey,
    coverage: Mapping[str, StepShops] | None = None,
    findings: Sequence[Diagnostic] = (),
    metrics: Mapping[str, str] | None = None,
) -> str:
    """The whole page: who and what, the emotion curve, the map, and the check's findings.

    `coverage` holds this journey's shops by step id (`shop_coverage(root).get(journey.id,
    {})`). Without it the page has no shops row at all: "not looked up" must not read as "not
    shop-tested". `metrics` holds the figure of each step that names a metric; without it
    the page has no metric row."""
    steps = list(journey.steps)
    body = [
        _header(journey),
        _figures(journey, steps, coverage, findings),
        _curve(steps, journey),
        _grid(journey, steps, coverage, metrics),
        _findings(findings),
        f"<footer><p>Generated by sxt {_e(__version__)} from {_e(journey.display or journey.id)}"
        f". Emotion runs from -2 ({_e(EMOTIONS[-2])}) to +2 ({_e(EMOTIONS[2])}).</p></footer>",
    ]
    return page(f"Journey: {journey.title}", body, css=CSS)


# --- sections --------------------------------------------------------------------------------


def _header(journey: Journey) -> str:
    facts = [
        ("Channels", ", ".join(journey.channels) or "none declared"),
        ("Validated", journey.validated.isoformat() if journey.validated else "never"),
        ("Owner", journey.owner or "not named"),
    ]
    if journey.checklist:
        facts.append(("Checklist", journey.checklist))
    meta = "".join(f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in facts)
    cards = "".join(
        f'<div><span class="label">{name}</span><p>{_e(text)}</p></div>'
        for name, text in (("Persona", journey.persona), ("Scenario", journey.scenario))
        if text
    )
    return (
        '<header>\n<p class="kicker">Customer journey map</p>\n'
        f"<h1>{_e(journey.title)}</h1>\n"
        f'<dl class="meta">{meta}</dl>\n<div class="story">{cards}</div>\n</header>'
    )


def _figures(
    journey: Journey,
    steps: Sequence[Step],
    coverage: Mapping[str, StepShops] | None,
    findings: Sequence[Diagnostic],
) -> str:
    pains = [pain for step in steps for pain in step.pain_points]
    figures = [
        ("Steps", f"{len(steps)} in {plural(len(journey.stages), 'stage')}"),
        ("Open pain points", f"{sum(pain.open for pain in pains)} of {len(pains)}"),
    ]
    felt = [step.emotion for step in steps if step.emotion is not None]
    if felt:
        figures.append(("Lowest emotion", feeling(min(felt))))
    if coverage is not None:
        tested = sum(step.id in coverage for step in steps)
        figures.append(("Shop-tested steps", f"{tested} of {len(steps)}"))
    if findings:
        counts = count_by_severity(findings)
        figures.append(
            ("Check findings", ", ".join(plural(n, level) for level, n in counts.items() if n))
        )
    return stats(figures)


def _curve(steps: Sequence[Step], journey: Journey) -> str:
    return (
        '<section aria-labelledby="curve">\n<h2 id="curve">Emotion curve</h2>\n'
        '<p class="lead">How the customer feels at each step, numbered as the columns of the '
        "map below; hover a point to see its step. A break in the line is a step with no "
        "emotion recorded.</p>\n"
        f'<figure class="curve">{_curve_svg(steps, journey)}</figure>\n</section>'
    )


def _grid(
    journey: Journey,
    steps: Sequence[Step],
    coverage: Mapping[str, StepShops] | None,
    metrics: Mapping[str, str] | None = None,
) -> str:
    starts = {stage.steps[0].id for stage in journey.stages if stage.steps}
    edge = [' class="first"' if step.id in starts else "" for step in steps]
    colgroups = "".join(
        "<colgroup>" + '<col class="step">' * len(stage.steps) + "</colgroup>"
        for stage in journey.stages
        if stage.steps
    )
    stage_row = "".join(
        f'<th scope="colgroup" colspan="{len(stage.steps)}" class="stage first'
        f'{" odd" if n % 2 else ""}">{_e(stage.title)} '
        f'<span class="count">· {plural(len(stage.steps), "step")}</span></th>'
        for n, stage in enumerate(journey.stages)
        if stage.steps
    )
    step_row = "".join(
        f'<th scope="col" id="step-{n}" class="step{" first" if edge[n - 1] else ""}">'
        f'<span class="no">{n}</span><code>{_e(step.id)}</code></th>'
        for n, step in enumerate(steps, 1)
    )
    rows = []
    for css, name, hint, cell in _lanes(coverage, metrics):
        label = _e(name) + (f"<small>{_e(hint)}</small>" if hint else "")
        cells = "".join(f"<td{edge[n]}>{cell(step)}</td>" for n, step in enumerate(steps))
        row_class = f' class="{css}"' if css else ""
        rows.append(f'<tr{row_class}><th scope="row">{label}</th>{cells}</tr>')
    width = LANE_WIDTH + STEP_WIDTH * len(steps)
    return (
        '<section aria-labelledby="map">\n<h2 id="map">The map</h2>\n'
        '<p class="lead">Stages left to right, one column per step. Scroll sideways for more; '
        "the row names stay in place.</p>\n"
        f'<div class="scroll"><table class="map" style="width:{width}px">\n'
        f'<colgroup><col class="lane"></colgroup>{colgroups}\n'
        f'<thead><tr><td class="corner"></td>{stage_row}</tr>\n'
        f'<tr><th scope="col" class="corner">Step</th>{step_row}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>\n</section>"
    )


def _findings(findings: Sequence[Diagnostic]) -> str:
    if not findings:
        return ""
    rows = [
        [d.severity, "-" if d.line is None else str(d.line), d.code, d.message] for d in findings
    ]
    return (
        '<section aria-labelledby="findings">\n'
        f'<h2 id="findings">Where the journey breaks: {plural(len(findings), "finding")}</h2>\n'
        '<p class="lead">Found by <code>sxt journey check</code>, at lines of the map\'s file; '
        "<code>sxt journey check --explain ID</code> says why a check matters.</p>\n"
        + table(
            ["Level", "Line", "Check", "Finding"],
            rows,
            numeric=(1,),
            row_classes=[f"sev-{d.severity}" for d in findings],
        )
        + "\n</section>"
    )


# --- the lanes of the map --------------------------------------------------------------------


def _lanes(
    coverage: Mapping[str, StepShops] | None, metrics: Mapping[str, str] | None = None
) -> list[tuple[str, str, str, _Cell]]:
    """(row class, name, hint, cell) of each row of the map, top to bottom."""
    lanes: list[tuple[str, str, str, _Cell]] = [
        ("lane-action", "Customer action", "what the customer does", lambda s: _e(s.action)),
        ("", "Touchpoints", "and channel", _touchpoints),
        ("", "Emotion", "", _emotion),
        ("", "Thoughts", "", lambda s: _text(s.thoughts, "", "thought")),
        ("", "Pain points", "and what to do about them", _pains),
        ("", "Owner", "", lambda s: _text(s.owner, "no owner")),
        ("", "Tier", "and escalation", _tier),
    ]
    for lane in LANES:
        name, hint = LANE_NAMES[lane]
        lanes.append(("lane-blueprint", name, hint, _blueprint_cell(lane)))
    if coverage is not None:
        lanes.append(("", "Shops", "mystery shops of the step", lambda s: _shops(s, coverage)))
    if metrics is not None:
        hint = "latest figure, from the metrics document"
        lanes.append(("", "Metric", hint, lambda s: _text(metrics.get(s.id), "")))
    return lanes


def _blueprint_cell(lane: str) -> _Cell:
    """The cell of one service-blueprint lane (a function, so each lane keeps its own name)."""
    return lambda step: _text(step.lane(lane), "")


def _text(value: str | None, missing: str, css: str = "") -> str:
    """Text of a cell, or a muted word saying it is missing; "" leaves the cell empty."""
    if not value:
        return f'<span class="none">{_e(missing)}</span>' if missing else ""
    return f'<p class="{css}">{_e(value)}</p>' if css else _e(value)


def _touchpoints(step: Step) -> str:
    points = "".join(f"<li>{_e(point)}</li>" for point in step.touchpoints)
    channel = f'<p><span class="tag">{_e(step.channel)}</span></p>' if step.channel else ""
    return (f"<ul>{points}</ul>" if points else "") + channel


def _emotion(step: Step) -> str:
    if step.emotion is None:
        return f'<span class="none">{NOT_RECORDED}</span>'
    css = EMOTION_CLASSES.get(step.emotion, "z")
    return f'<span class="emo emo-{css}">{_e(feeling(step.emotion))}</span>'


def _pains(step: Step) -> str:
    return "".join(_pain(pain) for pain in step.pain_points)


def _pain(pain: PainPoint) -> str:
    parts = [f"<p>{_e(pain.description)}</p>"]
    remedies = [("Opportunity", pain.opportunity), ("Action", pain.action)]
    parts += [
        f'<p class="remedy"><span class="k">{name}</span>{_e(text)}</p>'
        for name, text in remedies
        if text
    ]
    if not pain.remedy:
        parts.append('<p class="remedy none">no opportunity or action yet</p>')
    facts = [
        f"checklist: {pain.checklist_item}" if pain.checklist_item else "",
        f"impact {pain.impact}/5" if pain.impact is not None else "",
        f"effort {pain.effort}/5" if pain.effort is not None else "",
        pain.status if pain.status != "open" else "",
    ]
    tags = "".join(f'<span class="tag">{_e(fact)}</span>' for fact in facts if fact)
    if tags:
        parts.append(f'<p class="facts">{tags}</p>')
    done = "" if pain.open else " done"
    return f'<div class="pain{done}">' + "".join(parts) + "</div>"


def _tier(step: Step) -> str:
    if step.tier is None:
        tier = '<span class="none">no tier</span>'
    else:
        css = f" tier-{step.tier}" if step.tier in TIERS else ""
        tier = f'<span class="tier{css}">{_e(step.tier)}</span>'
    if step.sensitive:
        tier += ' <span class="tag sensitive">sensitive</span>'
    if step.escalation:
        tier += f'<p class="escalation"><span class="k">Escalation</span>{_e(step.escalation)}</p>'
    return tier


def _shops(step: Step, coverage: Mapping[str, StepShops]) -> str:
    shops = coverage.get(step.id)
    return _e(shops.describe()) if shops else '<span class="none">not shop-tested</span>'


# --- the emotion curve -----------------------------------------------------------------------


def _curve_svg(steps: Sequence[Step], journey: Journey) -> str:
    """Two SVGs side by side: the emotion axis, which stays put, and the plot, which scrolls
    sideways when there are too many steps for the page, so -2..+2 stays readable at step 150.
    Stages are bands, steps numbered positions, emotion a fixed -2..+2 scale."""
    count = max(len(steps), 1)
    top, plot_h, bottom = 32, 196, 30
    pitch = max(CURVE_STEP, (CURVE_WIDTH - AXIS_WIDTH) / count)
    width, height = round(pitch * count), top + plot_h + bottom

    def x(i: int) -> float:
        return pitch * (i + 0.5)

    def y(emotion: int) -> float:
        return top + 14 + (plot_h - 28) * (2 - max(-2, min(2, emotion))) / 4

    axis = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="axis" width="{AXIS_WIDTH}" '
        f'height="{height}" aria-hidden="true">'
    ]
    spoken = ", ".join(f"{n} {feeling(s.emotion)}" for n, s in enumerate(steps, 1))
    plot = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="curve-title">',
        f'<title id="curve-title">Emotion per step, from -2 to +2: {_e(spoken)}</title>',
    ]
    first = 0
    for n, stage in enumerate(journey.stages):
        band, x0 = pitch * len(stage.steps), pitch * first
        room = int((band - 16) / 8)
        label = stage.title if len(stage.title) <= room else stage.title[: room - 1] + "…"
        plot.append(
            f"<g><title>{_e(stage.title)}</title>"
            f'<rect x="{x0:.1f}" y="0" width="{band:.1f}" height="{top + plot_h}" '
            f'fill="{"#eef1f5" if n % 2 else "#e4ebf3"}"/>'
            f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="0" y2="{top + plot_h}" stroke="#aab4c1"/>'
            + (
                f'<text x="{x0 + 8:.1f}" y="20" font-size="12.5" font-weight="600" '
                f'fill="#1f4e79">{_e(label)}</text>'
                if room >= 3
                else ""
            )
            + "</g>"
        )
        first += len(stage.steps)
    for emotion in sorted(EMOTIONS):
        zero = emotion == 0
        plot.append(
            f'<line x1="0" x2="{width}" y1="{y(emotion):.1f}" y2="{y(emotion):.1f}" '
            f'stroke="{"#4a5360" if zero else "#c9d1db"}" stroke-width="{1.5 if zero else 1}"'
            f' stroke-dasharray="{"none" if zero else "4 4"}"/>'
        )
        axis.append(
            f'<text x="{AXIS_WIDTH - 10}" y="{y(emotion) + 4:.1f}" text-anchor="end" '
            f'font-size="12" font-weight="600" fill="{EMOTION_COLOURS[emotion]}">'
            f"{_e(feeling(emotion))}</text>"
        )
    path, pen_down = [], False
    for i, step in enumerate(steps):
        if step.emotion is not None:
            path.append(f"{'L' if pen_down else 'M'}{x(i):.1f},{y(step.emotion):.1f}")
        pen_down = step.emotion is not None
    if path:
        plot.append(
            f'<path d="{" ".join(path)}" fill="none" stroke="#1f4e79" stroke-width="2.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    for i, step in enumerate(steps):
        n = i + 1
        if step.emotion is None:
            plot.append(
                f'<line class="gap" x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + 6}" '
                f'y2="{top + plot_h - 6}" stroke="#8a94a3" stroke-dasharray="2 5">'
                f"<title>{n}. {_e(step.action)}: no emotion recorded</title></line>"
            )
        else:
            colour = EMOTION_COLOURS.get(step.emotion, "#7b8794")
            plot.append(
                f'<circle class="point" cx="{x(i):.1f}" cy="{y(step.emotion):.1f}" r="6.5" '
                f'fill="{colour}" stroke="#fff" stroke-width="2">'
                f"<title>{n}. {_e(step.action)}: {_e(feeling(step.emotion))}</title></circle>"
            )
        plot.append(
            f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" font-size="11.5" '
            f'fill="{"#8a94a3" if step.emotion is None else "#1b1f24"}">{n}</text>'
        )
    return (
        "".join([*axis, "</svg>"]) + '<div class="scroll">' + "".join([*plot, "</svg>"]) + "</div>"
    )

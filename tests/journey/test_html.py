"""The HTML journey map: every stage and step on the page, an emotion curve that leaves gaps
where nothing was recorded, every typed character escaped, nothing fetched, and a page a real
browser draws without running anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from pathlib import Path

import pytest
from chromium import dump_dom, needs_chromium, screenshot
from html_checks import BREAKOUT, FORBIDDEN, PWN_ATTRIBUTE, PWN_TITLE, SCRIPT, parsed

from toolkit.core.content import shipped_root
from toolkit.core.diagnostics import Diagnostic, plural
from toolkit.core.loader import load_file
from toolkit.journey.checks import check_journey
from toolkit.journey.html import LANE_WIDTH, STEP_WIDTH, journey_html
from toolkit.journey.links import StepShops
from toolkit.journey.model import Journey, PainPoint, Stage, Step, journey_from

TODAY = dt.date(2026, 11, 23)
WORLD = "Ünïcode 😡→🙂 고객 여정 & more"
CONTROL = "bell\x07 esc\x1b[31m nul\x00 flip\u202eRTL"

LANES = [
    "Customer action",
    "Touchpoints",
    "Emotion",
    "Thoughts",
    "Pain points",
    "Owner",
    "Tier",
    "Frontstage",
    "Backstage",
    "Support processes",
]


def made_up(*stages: list[int | None]) -> Journey:
    """A journey with one stage per argument, each given as the emotions of its steps."""
    built, n = [], 0
    for s, emotions in enumerate(stages, 1):
        steps = []
        for emotion in emotions:
            n += 1
            steps.append(
                Step(
                    id=f"step-{n}",
                    action=f"Action {n}",
                    stage=f"stage-{s}",
                    line=n,
                    emotion=emotion,
                )
            )
        built.append(Stage(f"stage-{s}", f"Stage {s}", tuple(steps)))
    return Journey(id="made-up", title="Made up", persona="Priya", stages=tuple(built))


@pytest.fixture(scope="module")
def shipped() -> tuple[Journey, list[Diagnostic]]:
    document = load_file(shipped_root() / "journeys" / "first-billing-issue.yaml", "j.yaml")
    return journey_from(document), check_journey(document, TODAY)


@pytest.fixture(scope="module")
def shipped_page(shipped: tuple[Journey, list[Diagnostic]]) -> str:
    journey, findings = shipped
    coverage = {"agent-takes-over": StepShops(2, 91.25), "update-card": StepShops(1, None)}
    return journey_html(journey, coverage, findings)


@pytest.fixture(scope="module")
def hostile() -> Journey:
    """Every field a person types, filled with markup, control characters and other scripts."""
    pain = PainPoint(
        description=f"Pain {SCRIPT}",
        opportunity=f"Opportunity {BREAKOUT}",
        action=PWN_ATTRIBUTE,
        checklist_item=f"item-{SCRIPT}",
        impact=4,
        effort=1,
        status=BREAKOUT,
    )
    first = Step(
        id=f"id-{BREAKOUT}",
        action=f"Act {SCRIPT}",
        stage="s",
        line=7,
        touchpoints=(BREAKOUT, WORLD),
        channel=SCRIPT,
        emotion=-2,
        thoughts=PWN_TITLE,
        pain_points=(pain,),
        owner=f"Team {BREAKOUT}",
        tier=f"human {BREAKOUT}",
        escalation=PWN_ATTRIBUTE,
        sensitive=True,
        frontstage=CONTROL,
        backstage=WORLD,
        support=SCRIPT,
    )
    second = dataclasses.replace(first, id="second", action=WORLD, emotion=None, tier="human")
    return Journey(
        id="hostile",
        title=f"Title {SCRIPT} & {WORLD}",
        persona=PWN_TITLE,
        scenario=f"Scenario {BREAKOUT} {CONTROL}",
        owner=BREAKOUT,
        checklist=SCRIPT,
        channels=(SCRIPT, WORLD),
        validated=dt.date(2026, 10, 14),
        stages=(Stage(f"stage-{BREAKOUT}", f"Stage {PWN_ATTRIBUTE}", (first, second)),),
        display=f"journeys/{SCRIPT}.yaml",
    )


@pytest.fixture(scope="module")
def hostile_page(hostile: Journey) -> str:
    finding = Diagnostic("j.yaml", 7, 9, "error", "journey/bot-loop", f"step {SCRIPT}")
    return journey_html(hostile, {f"id-{BREAKOUT}": StepShops(2, 50.0)}, [finding])


def svg(page: str) -> str:
    """The curve's plot (beside it, its axis is a second, decorative SVG)."""
    plot = re.search(r'<svg [^>]*role="img".*?</svg>', page, re.DOTALL)
    assert plot
    return plot.group()


def grid(page: str) -> str:
    return page[page.index('<table class="map"') : page.index("</table>", page.index("map"))]


def test_every_stage_step_and_lane_is_on_the_page(
    shipped: tuple[Journey, list[Diagnostic]], shipped_page: str
) -> None:
    journey, findings = shipped
    steps = list(journey.steps)
    tags = parsed(shipped_page)
    assert tags.problems == [] and tags.stack == []
    text = "".join(tags.text)
    for fact in (journey.title, journey.persona, journey.scenario, "email, web, chat"):
        assert fact and fact in text
    assert "2026-10-14" in text
    map_ = parsed(grid(shipped_page))
    stage_heads = [a for t, a in map_.tags if t == "th" and a.get("scope") == "colgroup"]
    assert [int(a["colspan"] or 0) for a in stage_heads] == [len(s.steps) for s in journey.stages]
    assert [t for t, _ in map_.tags].count("colgroup") == 1 + len(journey.stages)
    step_heads = [a.get("id") for t, a in map_.tags if t == "th" and a.get("scope") == "col"]
    assert step_heads[1:] == [f"step-{n}" for n in range(1, len(steps) + 1)]  # after "Step"
    rows = re.findall(r'<th scope="row">([^<]+)', grid(shipped_page))
    assert rows == [*LANES, "Shops"]
    for row in re.findall(r"<tr[ >].*?</tr>", grid(shipped_page), re.DOTALL)[2:]:
        assert row.count("<td") == len(steps)  # one cell per step in every lane
    map_text = "".join(map_.text)
    for stage in journey.stages:
        assert stage.title in map_text
    for step in steps:
        assert step.id in map_text and step.action in map_text
        assert all(pain.description in map_text for pain in step.pain_points)
    assert "Card-update success rate" not in map_text  # KPIs are not a lane of this page
    assert "checklist: fix-permanently" in map_text and "impact 5/5" in map_text
    assert "2 shops, avg 91.3%" in map_text and "1 shop" in map_text
    assert map_text.count("not shop-tested") == len(steps) - 2
    assert "-2 angry" in map_text and "+2 delighted" in map_text
    # The findings, each with its level and line.
    table = shipped_page[shipped_page.index('<h2 id="findings">') :]
    assert f"Where the journey breaks: {plural(len(findings), 'finding')}" in table
    for finding in findings:
        assert f'<td>{finding.severity}</td><td class="n">{finding.line}</td>' in table
    bot_loop = next(f for f in findings if f.code == "journey/bot-loop")  # the example's flaw
    assert f'<tr class="sev-error"><td>error</td><td class="n">{bot_loop.line}</td>' in table


def test_the_curve_has_one_point_per_emotion_and_gaps_for_the_rest() -> None:
    journey = made_up([1, 2, None], [-2, -1], [None, None, 0])
    curve = svg(journey_html(journey))
    points = re.findall(r'<circle class="point" cx="([\d.]+)" cy="([\d.]+)"', curve)
    gaps = re.findall(r'<line class="gap" x1="([\d.]+)"', curve)
    assert len(points) == 5 and len(gaps) == 3
    xs = sorted([float(x) for x, _ in points] + [float(x) for x in gaps])
    assert xs == sorted(set(xs)) and len(xs) == 8  # one position per step, in order
    assert [float(x) for x in gaps] == [xs[2], xs[5], xs[6]]  # where the missing ones are
    # The line breaks at each gap: one run for 1-2, one for 4-5, a lone point at 8.
    (path,) = re.findall(r'<path d="([^"]+)"', curve)
    assert [len(run.split("L")) for run in path.split("M")[1:]] == [2, 2, 1]
    # +2 above +1 above 0, on the axis of the labelled zero line.
    y = {float(x): float(cy) for x, cy in points}
    assert y[xs[1]] < y[xs[0]] < y[xs[7]] < y[xs[4]] < y[xs[3]]
    zero = re.search(r'y1="([\d.]+)"[^>]*stroke="#4a5360"', curve)
    assert zero and float(zero.group(1)) == y[xs[7]]
    titles = re.findall(r"<title>(\d+)\. (Action \d+): ([^<]+)</title>", curve)
    assert titles[0] == ("1", "Action 1", "+1 pleased")
    assert ("3", "Action 3", "no emotion recorded") in titles
    assert len(titles) == 8
    assert [t for t in re.findall(r"<g><title>([^<]+)", curve)] == ["Stage 1", "Stage 2", "Stage 3"]
    assert 'aria-labelledby="curve-title"' in curve and "3 not recorded" in curve


def test_a_journey_without_emotions_draws_no_line() -> None:
    curve = svg(journey_html(made_up([None, None])))
    assert "<path" not in curve and 'class="point"' not in curve
    assert curve.count('class="gap"') == 2


def test_every_piece_of_user_text_is_escaped(hostile: Journey, hostile_page: str) -> None:
    page = hostile_page
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    tags = parsed(page)
    assert tags.problems == [] and tags.stack == []
    text = "".join(tags.text)
    for shown in (SCRIPT, BREAKOUT, PWN_TITLE, PWN_ATTRIBUTE, WORLD):
        assert shown in text  # as text, in full
    # Control characters show as escapes, never raw; emoji and Hangul stay as they are.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", page)
    assert r"bell\x07 esc\x1b[31m nul\x00 flip\u202eRTL" in text
    assert "😡→🙂 고객 여정" in text
    # Classes come from the page's own vocabulary, never from the text: the hostile tier has none.
    classes = {c for _, attrs in tags.tags for c in (attrs.get("class") or "").split()}
    assert all(re.fullmatch(r"[a-z0-9-]+", c) for c in classes), classes
    assert '<span class="tier">human &quot;&gt;' in page
    assert '<span class="tier tier-human">human</span>' in page
    # Every attribute value is one the page wrote, or escaped text in it.
    attributes = {name for _, attrs in tags.tags for name in attrs}
    assert not [name for name in attributes if name.startswith("on")]
    assert page.count("<tr") == 2 + 11 + 2  # the map's rows and the findings table's
    assert "2 shops, avg 50.0%" in text


def test_self_contained_and_script_free(hostile_page: str, shipped_page: str) -> None:
    for page in (hostile_page, shipped_page):
        tags = parsed(page)
        assert {tag for tag, _ in tags.tags} & FORBIDDEN == set()
        links = [
            value
            for _, attrs in tags.tags
            for name, value in attrs.items()
            if name in ("src", "href", "xlink:href", "action")
        ]
        assert all(value and value.startswith(("#", "data:")) for value in links), links
        assert "url(" not in page and "@import" not in page and "@font-face" not in page
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        # The SVG namespace is a name, not something fetched; nothing else points off the page.
        assert set(re.findall(r"(?:https?:)?//[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}


def test_well_formed_and_accessible(shipped_page: str) -> None:
    tags = parsed(shipped_page)
    assert shipped_page.startswith('<!DOCTYPE html>\n<html lang="en">')
    names = [tag for tag, _ in tags.tags]
    assert names.count("h1") == 1 and names.count("svg") == 2  # the curve's axis and plot
    assert re.findall(r'<h2 id="([a-z]+)">', shipped_page) == ["curve", "map", "findings"]
    assert all(
        attrs.get("scope") in ("col", "row", "colgroup") for tag, attrs in tags.tags if tag == "th"
    )
    assert all(
        (attrs.get("role") == "img" and attrs.get("aria-labelledby"))
        or attrs.get("aria-hidden") == "true"
        for tag, attrs in tags.tags
        if tag == "svg"
    )
    assert "@media print" in shipped_page


def test_coverage_and_findings_only_when_given(shipped: tuple[Journey, list[Diagnostic]]) -> None:
    journey, _ = shipped
    bare = journey_html(journey)
    assert "Shops" not in bare and "not shop-tested" not in bare  # not looked up is not untested
    assert 'id="findings"' not in bare and "Check findings" not in bare
    untested = journey_html(journey, {})
    assert untested.count("not shop-tested") == len(list(journey.steps))
    assert '<span class="value">0 of 11</span>' in untested


def test_two_hundred_steps_scroll_instead_of_squashing() -> None:
    emotions = [
        [(n * 7 % 5) - 2 if n % 9 else None for n in range(s * 20, s * 20 + 20)] for s in range(10)
    ]
    journey = made_up(*emotions)
    started = time.perf_counter()
    page = journey_html(journey, {})
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f} s for 200 steps"
    # Each step column keeps its width: the table is as wide as its columns, in a scroll box.
    assert (
        f'<div class="scroll"><table class="map" style="width:{LANE_WIDTH + 200 * STEP_WIDTH}px">'
        in page
    )
    assert "table-layout: fixed" in page and f"col.step {{ width: {STEP_WIDTH}px; }}" in page
    assert "position: sticky" in page  # the lane names stay in view
    assert grid(page).count('<col class="step">') == 200
    # The curve widens too, rather than crowding 200 points into the page.
    curve = re.search(r'<svg[^>]* width="(\d+)"', svg(page))
    assert curve and int(curve.group(1)) >= 200 * 34
    axis = r'<figure class="curve"><svg [^>]*class="axis"[^>]*>.*?</svg><div class="scroll"><svg'
    assert re.search(axis, page, re.DOTALL)  # the -2..+2 scale stays in view as the plot scrolls
    felt = sum(e is not None for stage in emotions for e in stage)
    assert svg(page).count('class="point"') == felt and svg(page).count('class="gap"') == 200 - felt


# --- a real browser ---------------------------------------------------------------------------


@needs_chromium
def test_chromium_renders_the_map_and_runs_nothing(hostile_page: str, tmp_path: Path) -> None:
    page = tmp_path / "journey.html"
    page.write_text(hostile_page, encoding="utf-8")
    started = time.perf_counter()
    dom = dump_dom(page, tmp_path)
    # The text is there, as text; none of it became an element or ran.
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt; &amp; Ünïcode 😡→🙂 고객 여정" in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "onerror=\"document.body.setAttribute('data-pwned','1')\"&gt;" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "<title>pwned</title>" not in dom and 'data-pwned="1"' not in dom
    assert dom.count('class="point"') == 1 and dom.count('class="gap"') == 1
    assert '<table class="map"' in dom and "2 shops, avg 50.0%" in dom

    data = screenshot(page, tmp_path, 1280, 1600)
    elapsed = time.perf_counter() - started
    assert len(data) > 40_000, "a blank page compresses to a few kB; a journey map does not"
    print(f"chromium: dump-dom and screenshot in {elapsed:.1f} s")

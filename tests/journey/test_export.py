"""Journey exports: the Mermaid diagram drawn by real Mermaid, the Markdown read by a real
Markdown parser, and the JSON.

Mermaid runs through `mermaidx` (the `test` extra): Mermaid's own mermaid.js, vendored in the
wheel, inside an embedded QuickJS engine, so no Node, browser or network is needed. The tests
read back what Mermaid drew (title, sections, tasks, faces, actors) from its SVG, so a text
that parses but means something else fails as surely as one that does not parse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from toolkit.journey.export import as_json, markdown, mermaid, mermaid_score
from toolkit.journey.files import load
from toolkit.journey.links import StepShops
from toolkit.journey.model import EMOTIONS, Journey, PainPoint, Stage, Step

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "journeys" / "first-billing-issue.yaml"

needs_mermaid = pytest.mark.skipif(
    importlib.util.find_spec("mermaidx") is None,
    reason="mermaidx is not installed: `pip install -e '.[test]'` brings it (real Mermaid in "
    "an embedded JavaScript engine), to check the diagrams with Mermaid's own parser",
)


@pytest.fixture(scope="module")
def shipped() -> Journey:
    found = load([SHIPPED], ROOT)
    assert found.problems == []
    return found.journeys[0]


# --- what Mermaid drew ------------------------------------------------------------------------

ENTITY = re.compile(r"#\w+;")
"""Mermaid's entity codes, which it decodes before it parses."""
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Task:
    text: str
    score: int
    actors: list[str]


@dataclass(frozen=True)
class Drawn:
    title: str
    sections: list[str]
    tasks: list[Task]


def draw(code: str) -> Drawn:
    """Mermaid's own render of `code`, read back from its SVG. A diagram Mermaid cannot parse
    raises (RuntimeError, with Mermaid's parse error)."""
    import mermaidx

    root = ET.fromstring(mermaidx.render(code).svg())

    def label(element: ET.Element) -> str:
        found = element.find(f".//{XHTML}div[@class='label']")
        assert found is not None
        return "".join(found.itertext())

    titles = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    sections = [
        label(div)
        for div in root.iter(f"{XHTML}div")
        if "journey-section" in (div.get("class") or "")
    ]
    tasks = []
    for group in root.iter(f"{SVG}g"):
        line = group.find(f"{SVG}line")
        if line is None or line.get("class") != "task-line":
            continue
        face = group.find(f"{SVG}circle[@class='face']")
        assert face is not None
        # Mermaid draws a task's face at y = 300 + (5 - score) * 30.
        score = 5 - (float(face.get("cy", "")) - 300) / 30
        actors = [
            "".join(circle.itertext())
            for circle in group.findall(f"{SVG}circle")
            if (circle.get("class") or "").startswith("actor-")
        ]
        tasks.append(Task(label(group), round(score), actors))
    return Drawn("".join(titles[0].itertext()) if titles else "", sections, tasks)


# --- Mermaid ------------------------------------------------------------------------------------


def test_emotions_map_to_mermaid_faces() -> None:
    scores = {
        emotion: mermaid_score(Step(id="s", action="a", stage="x", line=1, emotion=emotion))
        for emotion in (*EMOTIONS, None)
    }
    assert scores == {-2: 1, -1: 2, 0: 3, 1: 4, 2: 5, None: 3}


def test_the_shipped_journey_as_mermaid_lines(shipped: Journey) -> None:
    lines = mermaid(shipped).splitlines()
    assert lines[:3] == [
        "journey",
        "  title First billing issue: a renewal payment fails",
        "  section The payment fails",
    ]
    sections = [line.removeprefix("  section ") for line in lines if line.startswith("  section ")]
    assert sections == [
        "The payment fails",
        "She tries to fix it herself",
        "She asks for help",
        "The payment goes through",
        "Afterwards",
    ]
    tasks = [line.strip() for line in lines if line.startswith("    ")]
    assert len(tasks) == 11 == len(list(shipped.steps))
    assert [int(task.split(": ")[1]) for task in tasks] == [3, 2, 2, 1, 1, 1, 2, 4, 4, 3, 5]
    assert "Explains the problem again to an agent.: 2: Support (Billing team)" in tasks
    # Long actions are cut at a word; `;` is Mermaid's entity code, not the end of the task.
    assert tasks[0] == "Nothing yet#59; the renewal charge on her\u2026: 3: Finance"
    assert max(len(ENTITY.sub("_", task.split(": ")[0])) for task in tasks) <= 45


@needs_mermaid
def test_mermaid_draws_the_shipped_journey(shipped: Journey) -> None:
    drawn = draw(mermaid(shipped))
    assert drawn.title == shipped.title
    assert drawn.sections == [stage.title for stage in shipped.stages]
    steps = list(shipped.steps)
    assert [task.score for task in drawn.tasks] == [mermaid_score(step) for step in steps]
    assert [task.actors for task in drawn.tasks] == [[step.owner] for step in steps]
    assert drawn.tasks[6].text == "Explains the problem again to an agent."
    assert drawn.tasks[0].text == "Nothing yet; the renewal charge on her\u2026"


HOSTILE_ACTIONS = [
    "Pays: now; #1 at 50%",
    "%% not a comment",
    "%%{init: {'theme': 'dark'}}%% then pays",
    "title Takes over the title",
    "Section break",
    "journey restarts",
    "accTitle: not accessible",
    "<b>bold</b> & <script>alert(1)</script>",
    "결제가 실패했어요 😡 👩\u200d💻",
    "\ufb02\u00b0\u00b035\u00b6\u00df is not an entity",
    'a&amp;b "quoted" `tick` \\ back | pipe',
]


def hostile() -> Journey:
    steps = tuple(
        Step(
            id=f"step-{number}",
            action=action,
            stage="only",
            line=number,
            emotion=(-2, -1, 0, 1, 2, None)[number % 6],
            owner=("Team: A, B; #1 <i>x</i>", "운영팀 🛠", None)[number % 3],
            thoughts="Why?\nWhy | now?",
        )
        for number, action in enumerate(HOSTILE_ACTIONS)
    )
    multi_line = Step(id="lines", action="Line one\nline two\r\n\tthree", stage="x", line=99)
    return Journey(
        id="hostile",
        title="Title: #1; 50% <b>off</b> & more %%{init}%% 결제 😡",
        persona="Kim; <img src=x onerror=alert(1)>",
        stages=(
            Stage("only", "Stage: #2; %%x <i>y</i> & 안녕 🙂", steps),
            Stage("x", "section title", (multi_line,)),
        ),
    )


LINE = re.compile(
    r"journey"
    r"|  title [^#;%<&\n]+"
    r"|  section [^#:;%<&\n]+"
    r"|    (?!(?i:journey|title|section|acc))[^#:;%<&\n]+: [1-5](: [^#:;%<&,\n]+)?"
)
"""The lines Mermaid's journey grammar reads as meant, less the characters sxt reserves."""


def test_hostile_texts_stay_on_their_lines() -> None:
    lines = mermaid(hostile()).splitlines()
    assert len(lines) == 1 + 1 + 2 + len(HOSTILE_ACTIONS) + 1
    for line in lines:
        assert LINE.fullmatch(ENTITY.sub("_", line)), line


@needs_mermaid
def test_mermaid_draws_hostile_texts_as_written() -> None:
    journey = hostile()
    drawn = draw(mermaid(journey))
    assert drawn.title == journey.title
    assert drawn.sections == [stage.title for stage in journey.stages]
    assert [task.text for task in drawn.tasks] == [*HOSTILE_ACTIONS, "Line one line two three"]
    steps = list(journey.steps)
    assert [task.score for task in drawn.tasks] == [mermaid_score(step) for step in steps]
    assert [task.actors for task in drawn.tasks] == [
        [step.owner] if step.owner else [] for step in steps
    ]


@needs_mermaid
def test_mermaid_rejects_a_broken_diagram(shipped: Journey) -> None:
    """The check can fail: a task without its score, and a raw `;` in a task, do not parse."""
    lines = mermaid(shipped).splitlines()
    lines[3] = lines[3].split(": ")[0]
    with pytest.raises(RuntimeError, match="Parse error"):
        draw("\n".join(lines))
    with pytest.raises(RuntimeError, match="Parse error"):
        draw("journey\n  section A\n    Pays; now: 3: Me\n")


@needs_mermaid
def test_mermaid_check_sees_a_changed_meaning() -> None:
    """Unescaped, a task that starts with `title` parses but takes over the diagram's title:
    the check compares what was drawn, so it would catch that too."""
    drawn = draw("journey\n  title Mine\n  section A\n    Pays: 3: Me\n    title Theirs: 3: Me\n")
    assert drawn.title == "Theirs: 3: Me"
    assert [task.text for task in drawn.tasks] == ["Pays"]


# --- Markdown -----------------------------------------------------------------------------------

PARSER = MarkdownIt("commonmark").enable("table")


def tables(text: str) -> dict[str, list[list[str]]]:
    """The rows of a Markdown document's tables, by the table's second header (the first is
    always "Step"; tables with the same headers, one per stage, run on). Each cell is rendered
    to HTML, which is what a reader sees."""
    found: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for token in PARSER.parse(text):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(PARSER.renderer.render(token.children or [], PARSER.options, {}))
        elif token.type == "table_close":
            headers, *body = rows
            found.setdefault(headers[1], [headers]).extend(body)
            rows = []
    return found


def by_step(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows}


STEPS = "Customer action and thoughts"


def test_markdown_of_the_shipped_journey(shipped: Journey) -> None:
    text = markdown(shipped, {"update-card": StepShops(2, 45.0)})
    tokens = PARSER.parse(text)
    fences = [token for token in tokens if token.type == "fence"]
    assert [(f.info, f.content) for f in fences] == [("mermaid", mermaid(shipped))]
    headings = [
        tokens[i + 1].content
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    assert headings == [
        "Emotion curve",
        *(f"{n}. {stage.title}" for n, stage in enumerate(shipped.stages, 1)),
        "Service blueprint",
    ]
    assert "- **Validated:** 2026-10-14" in text.splitlines()
    found = tables(text)
    assert list(found) == [STEPS, "Pain point", "Frontstage"]
    steps = by_step(found[STEPS])
    assert len(steps) == 1 + 11
    assert steps["Step"][2:] == [
        "Channel / touchpoints",
        "Emotion",
        "Tier",
        "Owner",
        "Mystery shops",
    ]
    assert steps["update-card"][2:] == [
        "web<br>Update-card form, Bank's 3-D Secure pop-up",
        "-2 angry",
        "self-service",
        "Product (Billing squad)",
        "2 shops, avg 45.0%",
    ]
    assert steps["renewal-declined"][-1] == "not shop-tested"
    assert steps["receipt"][3] == "+1 pleased"
    assert steps["survey"][3] == "0 neutral"
    pains = [row for row in found["Pain point"] if row[0] == "update-card"]
    assert [row[3:] for row in pains] == [
        ["fix-permanently", "5 / 3", "open"],
        ["self-service", "4 / 1", "open"],
    ]
    assert pains[0][2].startswith("Action: Route to Payments engineering")
    assert pains[1][2] == "Opportunity: Say what failed in plain words and offer chat right there."
    assert len(found["Pain point"]) == 1 + sum(len(s.pain_points) for s in shipped.steps)
    lanes = by_step(found["Frontstage"])
    assert lanes["Step"] == ["Step", "Frontstage", "Backstage", "Support"]
    assert lanes["agent-takes-over"][2].startswith("The agent checks the payment processor")


def test_markdown_without_coverage_has_no_shops_column(shipped: Journey) -> None:
    assert by_step(tables(markdown(shipped))[STEPS])["Step"][-1] == "Owner"


def test_markdown_keeps_hostile_text_as_text() -> None:
    journey = hostile()
    text = markdown(journey)
    html = PARSER.render(text)
    assert "<b>" not in html and "<script" not in html and "<img" not in html
    steps = by_step(tables(text)[STEPS])
    # The pipe stays inside its cell: the row keeps its cells and the text is whole, and the
    # `&amp;` a user typed shows as typed (the HTML holds it escaped once more).
    assert steps["step-10"][1].endswith(
        "a&amp;amp;b &quot;quoted&quot; `tick` \\ back | pipe<br><em>Why?<br>Why | now?</em>"
    )
    assert steps["step-7"][1].startswith("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;")
    assert steps["step-8"][1].startswith("결제가 실패했어요 😡 👩\u200d💻<br>")
    assert (steps["step-7"][5], steps["step-8"][5]) == ("운영팀 🛠", "-")
    # Each line break, CRLF too, a line of the cell.
    assert steps["lines"][1] == "Line one<br>line two<br>\tthree"
    assert steps["lines"][3] == "not recorded"
    fence = next(token for token in PARSER.parse(text) if token.type == "fence")
    assert fence.content == mermaid(journey)


def test_markdown_fence_outlasts_backticks_in_text() -> None:
    step = Step(id="s", action="```\nnot the end", stage="a", line=1)
    journey = Journey(id="j", title="T", persona="P", stages=(Stage("a", "A", (step,)),))
    fences = [token for token in PARSER.parse(markdown(journey)) if token.type == "fence"]
    assert [f.content for f in fences] == [mermaid(journey)]


# --- JSON ---------------------------------------------------------------------------------------


def test_json_has_every_step_field(shipped: Journey) -> None:
    data = json.loads(json.dumps(as_json(shipped, {"update-card": StepShops(2, 45.0)})))
    assert data["id"] == "first-billing-issue"
    assert data["channels"] == ["email", "web", "chat"]
    assert data["validated"] == "2026-10-14"
    assert [stage["title"] for stage in data["stages"]] == [s.title for s in shipped.stages]
    steps = [step for stage in data["stages"] for step in stage["steps"]]
    assert len(steps) == 11
    fields = [field.name for field in dataclasses.fields(Step)]
    assert all(list(step) == [*fields, "shops", "figure"] for step in steps)
    update = next(step for step in steps if step["id"] == "update-card")
    assert update["shops"] == {"count": 2, "average": 45.0}
    assert update["line"] == shipped.step("update-card").line  # type: ignore[union-attr]
    assert update["touchpoints"] == ["Update-card form", "Bank's 3-D Secure pop-up"]
    assert update["pain_points"][0]["checklist_item"] == "fix-permanently"
    assert update["validated"] == "2026-10-14"
    assert steps[-1]["validated"] is None and steps[-1]["shops"] is None


def test_json_keeps_an_unrecorded_emotion_unrecorded() -> None:
    pain = PainPoint(description="Slow", impact=3)
    step = Step(id="s", action="a", stage="x", line=4, pain_points=(pain,))
    journey = Journey(
        id="j",
        title="T",
        persona="P",
        stages=(Stage("x", "X", (step,)),),
        validated=dt.date(2026, 1, 2),
    )
    data = as_json(journey)
    assert data["validated"] == "2026-01-02"
    only = data["stages"][0]["steps"][0]
    assert only["emotion"] is None and only["shops"] is None
    assert only["pain_points"] == [
        {
            "description": "Slow",
            "opportunity": None,
            "action": None,
            "checklist_item": None,
            "impact": 3,
            "effort": None,
            "status": "open",
        }
    ]

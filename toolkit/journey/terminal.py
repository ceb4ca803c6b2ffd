"""The journey map drawn in a terminal, for `sxt journey show`: stages as columns and lanes as
rows, so it reads left to right like the wall chart it stands in for, with the emotion curve
drawn under the steps it belongs to.

Plain text on purpose (no Rich, no Textual): the CLI has to start fast. Every string taken from
the map goes through `printable()` before it is measured or drawn, so a map cannot drive the
terminal; and widths are counted in display columns (Hangul, CJK and most emoji take two), so no
line passes `width` and the columns stay aligned. When the steps do not fit side by side they
are paged into blocks, each repeating the row labels and the stage names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from toolkit.core.diagnostics import plural, printable
from toolkit.journey.links import StepShops
from toolkit.journey.model import EMOTIONS, Journey, Step
from toolkit.render.ansi import Colour, style

MIN_WIDTH = 24  # narrower than this, a wide character no longer fits a column
MIN_CELL = 14  # a step column narrower than this reads as a list of broken words
MAX_CELL = 30  # wider than this, a few steps on a wide terminal read as prose
GAP = 3  # " │ " in front of every step column
LABEL = 11  # the row labels' column: as wide as "touchpoints"
PAIN_LINES = 3  # the pain-point row is a pointer to `sxt journey check`, not the whole text
LEVELS = (2, 1, 0, -1, -2)  # the curve's rows, top to bottom
MARKER = "●"
ZERO_LINE = "┄"
ELLIPSIS = "…"
TIER_COLOURS: dict[str, Colour] = {"proactive": "green", "self-service": "yellow", "human": "cyan"}

# --- display width -----------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    """Terminals differ on the edge cases, so those are counted on the wide side: a line may end
    a column short, but never runs past the edge and wraps into the next one."""
    if char == "\ufe0f":  # emoji presentation: the symbol before it is drawn two columns wide
        return 1
    if unicodedata.category(char) in ("Mn", "Me"):  # combining marks sit on the character before
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(map(_char_width, text))


def _take(text: str, width: int) -> tuple[str, str]:
    """The longest head of `text` within `width` columns, and the rest; never an empty head, so
    a caller looping over the rest always ends."""
    used = 0
    for index, char in enumerate(text):
        used += _char_width(char)
        if used > width and index > 0:
            return text[:index], text[index:]
    return text, ""


def _break_word(word: str, width: int) -> list[str]:
    """A word wider than a column (a URL, an id, 300 characters of nonsense), cut to fit; after
    a hyphen where there is one, so `searches-help-centre` reads as words."""
    pieces: list[str] = []
    while display_width(word) > width:
        head, rest = _take(word, width)
        hyphen = head.rfind("-", 1)
        if hyphen > 0:
            head, rest = head[: hyphen + 1], head[hyphen + 1 :] + rest
        pieces.append(head)
        word = rest
    return [*pieces, word] if word else pieces


def wrap(text: str, width: int) -> list[str]:
    """textwrap counts characters, not columns, so it would overflow on Hangul and emoji."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = display_width(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        *full, line = _break_word(word, width) if size > width else [word]
        lines += full
        used = display_width(line)
    return [*lines, line] if line else lines


def _clip(lines: list[str], width: int, limit: int | None) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    last, _ = _take(lines[limit - 1], width - 1)
    return [*lines[: limit - 1], last + ELLIPSIS]


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _clean(text: str | None) -> str:
    """User text as one safe line: escaped control characters, whitespace (tabs, newlines)
    folded, so the layout is the map's and not the file's."""
    return " ".join(printable(text).split()) if text else ""


def _paint(text: str, fg: Colour | None, color: bool) -> str:
    return style(text, fg=fg) if color and fg and text else text


# --- what each row shows -----------------------------------------------------------------

Cell = tuple[str, Colour | None]  # safe text, colour


def _emotion_colour(level: int | None) -> Colour | None:
    if level is None or level == 0:
        return None
    return "red" if level < 0 else "green"


def _level(step: Step) -> int | None:
    """The emotion where the curve can draw it; anything else is left off the curve."""
    emotion = step.emotion
    return emotion if type(emotion) is int and emotion in EMOTIONS else None


def _action(step: Step) -> Cell:
    return _clean(step.action), None


def _touchpoints(step: Step) -> Cell:
    channel = f"[{_clean(step.channel)}]" if step.channel else ""
    return " ".join(filter(None, (channel, _clean(", ".join(step.touchpoints))))), None


def _thoughts(step: Step) -> Cell:
    return _clean(step.thoughts), None


def _emotion(step: Step) -> Cell:
    if step.emotion is None:
        return "", None
    level = _level(step)
    word = EMOTIONS[level] if level is not None else "?"
    number = _clean(str(step.emotion)) if level is None else f"{level:+d}" if level else "0"
    return f"{number} {word}", _emotion_colour(level)


def _tier(step: Step) -> Cell:
    escalates = step.escalation and step.tier != "human"
    text = " ".join(filter(None, (_clean(step.tier), "→ human" if escalates else "")))
    return text, TIER_COLOURS.get(step.tier or "")


def _owner(step: Step) -> Cell:
    return _clean(step.owner), None


def _pain_points(step: Step) -> Cell:
    if not step.pain_points:
        return "", None
    return f"{len(step.pain_points)}: {_clean(step.pain_points[0].description)}", "red"


def _lane(name: str) -> Callable[[Step], Cell]:
    return lambda step: (_clean(step.lane(name)), None)


def _shops(coverage: Mapping[str, StepShops]) -> Callable[[Step], Cell]:
    def cell(step: Step) -> Cell:
        shops = coverage.get(step.id)
        return (shops.describe(), None) if shops else ("untested", "yellow")

    return cell


# --- the grid ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    step: Step
    stage: int  # index of its stage in journey.stages
    opens_stage: bool


@dataclass(frozen=True, slots=True)
class _Block:
    """The steps drawn side by side; a long journey is several of these, one under another."""

    columns: Sequence[_Column]
    titles: Sequence[str]  # every stage's title, safe to print
    cell: int
    color: bool

    def separator(self, index: int) -> str:
        """A heavy bar where a stage starts, so stages read as groups below their names."""
        column = self.columns[index]
        starts = index == 0 or column.stage != self.columns[index - 1].stage
        return "┃" if starts else "│"

    def marker_at(self, index: int) -> int:
        """Where a step's curve marker goes, counted from the end of the label column."""
        return index * (self.cell + GAP) + GAP + (self.cell - 1) // 2


Segment = tuple[str, list[str], int, Colour | None]  # separator, lines, width, colour
Section = Callable[[_Block], list[str]]


def _row(label: str, segments: Sequence[Segment], color: bool) -> list[str]:
    """Segments side by side, each padded to its width before it is coloured, so the escape
    codes never count towards a column."""
    height = max((len(lines) for _, lines, _, _ in segments), default=1)
    out = []
    for number in range(max(height, 1)):
        parts = [_pad(label if number == 0 else "", LABEL)]
        for separator, lines, width, fg in segments:
            text = lines[number] if number < len(lines) else ""
            padding = " " * (width - display_width(text))
            parts.append(f" {separator} {_paint(text, fg, color)}{padding}")
        out.append("".join(parts).rstrip())
    return out


def _rule(block: _Block) -> str:
    crossings = {"┃": "╂", "│": "┼"}
    return "─" * LABEL + "".join(
        f"─{crossings[block.separator(i)]}─{'─' * block.cell}" for i in range(len(block.columns))
    )


def _stage_row(block: _Block) -> list[str]:
    """Each stage's name across its steps, marked as continued when it began in a block above."""
    groups: list[list[_Column]] = []
    for index, column in enumerate(block.columns):
        if block.separator(index) == "┃":
            groups.append([])
        groups[-1].append(column)
    segments: list[Segment] = []
    for group in groups:
        span = len(group) * (block.cell + GAP) - GAP
        title = block.titles[group[0].stage] + ("" if group[0].opens_stage else " (cont.)")
        segments.append(("┃", wrap(title, span), span, None))
    return _row("stage", segments, block.color)


def _lane_section(label: str, cell: Callable[[Step], Cell], limit: int | None = None) -> Section:
    def draw(block: _Block) -> list[str]:
        segments: list[Segment] = []
        for index, column in enumerate(block.columns):
            text, fg = cell(column.step)
            lines = _clip(wrap(text, block.cell), block.cell, limit)
            segments.append((block.separator(index), lines, block.cell, fg))
        return [*_row(label, segments, block.color), _rule(block)]

    return draw


def _connect(rows: list[list[str]], a: tuple[int, int], b: tuple[int, int], turn: int) -> None:
    """A step-shaped line from marker `a` to marker `b` (row, x), turning at column `turn`: the
    bar between the two steps, which is drawn there anyway."""
    (row_a, x_a), (row_b, x_b) = a, b
    if row_a == row_b:
        rows[row_a][x_a + 1 : x_b] = "─" * (x_b - x_a - 1)
        return
    rows[row_a][x_a + 1 : turn] = "─" * (turn - x_a - 1)
    rows[row_b][turn + 1 : x_b] = "─" * (x_b - turn - 1)
    down = row_b > row_a
    rows[row_a][turn], rows[row_b][turn] = ("╮", "╰") if down else ("╯", "╭")


def _curve(block: _Block) -> list[str]:
    """The emotion curve, one row per level from +2 to -2, a marker under each step that has an
    emotion; steps without one leave a gap rather than a guess."""
    span = len(block.columns) * (block.cell + GAP)
    rows = [[" "] * span for _ in LEVELS]
    zero = LEVELS.index(0)
    rows[zero][2:] = ZERO_LINE * (span - 2)
    for index in range(len(block.columns)):
        for row in rows:
            row[index * (block.cell + GAP) + 1] = block.separator(index)
    points = [
        (LEVELS.index(level), block.marker_at(i)) if level is not None else None
        for i, level in enumerate(_level(column.step) for column in block.columns)
    ]
    for index, (here, after) in enumerate(pairwise(points)):
        if here and after:
            _connect(rows, here, after, (index + 1) * (block.cell + GAP) + 1)
    for point in filter(None, points):
        at, x = point
        rows[at][x] = _paint(MARKER, _emotion_colour(LEVELS[at]), block.color)
    labels = (f"{level:+d}" if level else "0" for level in LEVELS)
    return [
        (f"{label:>{LABEL}}" + "".join(row)).rstrip()
        for label, row in zip(labels, rows, strict=True)
    ] + [_rule(block)]


def _metric(metrics: Mapping[str, str]) -> Callable[[Step], Cell]:
    return lambda step: (_clean(metrics.get(step.id)), None)


def _sections(
    coverage: Mapping[str, StepShops] | None, metrics: Mapping[str, str] | None = None
) -> list[Section]:
    sections = [
        _lane_section("action", _action),
        _lane_section("touchpoints", _touchpoints),
        _lane_section("thoughts", _thoughts),
        _lane_section("emotion", _emotion),
        _curve,
        _lane_section("tier", _tier),
        _lane_section("owner", _owner),
        *([_lane_section("metric", _metric(metrics))] if metrics is not None else []),
        _lane_section("pain points", _pain_points, PAIN_LINES),
        *(_lane_section(name, _lane(name)) for name in ("frontstage", "backstage", "support")),
    ]
    if coverage is not None:
        sections.append(_lane_section("shops", _shops(coverage)))
    return sections


def _columns(journey: Journey) -> list[_Column]:
    return [
        _Column(step, index, position == 0)
        for index, stage in enumerate(journey.stages)
        for position, step in enumerate(stage.steps)
    ]


def _draw_block(block: _Block, sections: Sequence[Section]) -> list[str]:
    ids = _lane_section("step", lambda step: (_clean(step.id), None))(block)
    lines = [*_stage_row(block), *ids]
    for section in sections:
        lines += section(block)
    return lines


# --- the page ----------------------------------------------------------------------------


def _field(label: str, text: str, width: int) -> list[str]:
    lines = wrap(text, width - LABEL) or [""]
    return [f"{label:<{LABEL}}{line}".rstrip() for line in lines[:1]] + [
        " " * LABEL + line for line in lines[1:]
    ]


def _header(journey: Journey, steps: int, width: int) -> list[str]:
    title = wrap(_clean(journey.title) or _clean(journey.id), width)
    underline = "═" * max((display_width(line) for line in title), default=0)
    stages = sum(1 for stage in journey.stages if stage.steps)
    return [
        *title,
        underline,
        *_field("persona", _clean(journey.persona), width),
        *_field("channels", ", ".join(map(_clean, journey.channels)) or "none listed", width),
        *_field("validated", str(journey.validated) if journey.validated else "never", width),
        *_field("map", f"{plural(steps, 'step')} in {plural(stages, 'stage')}", width),
    ]


def _layout(steps: int, width: int) -> tuple[int, int]:
    """Steps per block and column width. The blocks are evened out (11 steps at 160 columns
    are 6 + 5, not 8 + 3) so no block is left with a few stretched or cramped columns."""
    room = width - LABEL
    most = max(1, room // (MIN_CELL + GAP))
    blocks = -(-steps // most)
    per_block = -(-steps // blocks)
    return per_block, min(MAX_CELL, room // per_block - GAP)


def _block_heading(start: int, count: int, total: int) -> str:
    first, last = start + 1, start + count
    return f"step {first} of {total}" if count == 1 else f"steps {first}-{last} of {total}"


def render_map(
    journey: Journey,
    width: int = 80,
    coverage: Mapping[str, StepShops] | None = None,
    color: bool = False,
    metrics: Mapping[str, str] | None = None,
) -> str:
    """The whole map as one printable page. `coverage` is this journey's steps' shops (step id
    to StepShops); without it the shops row is left out, as nothing is known either way.
    `metrics` is the figure of each step that names a metric (step id to text); without it
    the metric row is left out."""
    width = max(width, MIN_WIDTH)
    columns = _columns(journey)
    lines = _header(journey, len(columns), width)
    if not columns:
        return "\n".join([*lines, "", "No steps yet."]) + "\n"
    per_block, cell = _layout(len(columns), width)
    titles = [_clean(stage.title) or _clean(stage.id) for stage in journey.stages]
    sections = _sections(coverage, metrics)
    for start in range(0, len(columns), per_block):
        chunk = columns[start : start + per_block]
        lines.append("")
        if per_block < len(columns):
            lines.append(_block_heading(start, len(chunk), len(columns)))
        lines += _draw_block(_Block(chunk, titles, cell, color), sections)
    return "\n".join(lines) + "\n"

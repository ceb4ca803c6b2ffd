"""Trend charts: block-character lines for the terminal, inline SVG for the HTML report.

Series that belong together share one scale on one chart (NPS and eNPS both run from -100 to
100), so a reader compares their trends, not two charts' axes. No scripts, fonts or images:
the SVG is text inside the page, so a forwarded report draws the same offline.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.render.html import escape

BLOCKS = "▁▂▃▄▅▆▇█"
Series = tuple[str, Sequence[float | None]]


def scale(
    series: Sequence[Series], low: float | None = None, high: float | None = None
) -> tuple[float, float]:
    """The range the chart draws: given, else the values' own (never empty)."""
    values = [v for _, points in series for v in points if v is not None]
    bottom = min(values, default=0.0) if low is None else low
    top = max(values, default=1.0) if high is None else high
    return (bottom, top) if top > bottom else (bottom, bottom + 1)


def sparkline(values: Sequence[float | None], low: float, high: float) -> str:
    """One block per period, its height the value; a gap where there is none."""
    marks = []
    for value in values:
        if value is None:
            marks.append(" ")
            continue
        share = (min(max(value, low), high) - low) / (high - low)
        marks.append(BLOCKS[min(int(share * len(BLOCKS)), len(BLOCKS) - 1)])
    return "".join(marks)


def terminal_chart(
    title: str,
    series: Sequence[Series],
    periods: Sequence[str],
    *,
    low: float | None = None,
    high: float | None = None,
    show: str = "{:.0f}",
) -> list[str]:
    """A titled chart: one line per series on the shared scale, first and last value beside
    it, and the periods it spans."""
    bottom, top = scale(series, low, high)
    width = max((len(name) for name, _ in series), default=0)
    lines = [f"{title}  (scale {show.format(bottom)} to {show.format(top)})"]
    for name, points in series:
        known = [v for v in points if v is not None]
        ends = f"{show.format(known[0])} → {show.format(known[-1])}" if known else "no data"
        lines.append(f"  {name.ljust(width)}  {sparkline(points, bottom, top)}  {ends}")
    if periods:
        lines.append(f"  {' ' * width}  {periods[0]} … {periods[-1]}" if len(periods) > 1 else "")
    return [line for line in lines if line]


COLOURS = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2")


def svg_chart(
    title: str,
    series: Sequence[Series],
    periods: Sequence[str],
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> str:
    """A line chart as inline SVG: one polyline per series on one shared scale, labelled."""
    width, height, left, right, top_pad, bottom_pad = 640, 220, 48, 110, 24, 36
    bottom, top = scale(series, low, high)
    count = max(len(periods), 1)

    def x(index: int) -> float:
        return left + (width - left - right) * (index / (count - 1) if count > 1 else 0.5)

    def y(value: float) -> float:
        return top_pad + (height - top_pad - bottom_pad) * (1 - (value - bottom) / (top - bottom))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" width="100%" style="max-width:{width}px">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{y(bottom):.1f}" x2="{width - right}" y2="{y(bottom):.1f}" '
        'stroke="#d5dae1"/>',
        f'<text x="{left - 6}" y="{y(top):.1f}" text-anchor="end" font-size="11" '
        f'fill="#4a5360">{escape(f"{top:.0f}{unit}")}</text>',
        f'<text x="{left - 6}" y="{y(bottom):.1f}" text-anchor="end" font-size="11" '
        f'fill="#4a5360">{escape(f"{bottom:.0f}{unit}")}</text>',
    ]
    if bottom < 0 < top:
        parts.append(
            f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" '
            'stroke="#d5dae1" stroke-dasharray="4 3"/>'
        )
    for index, period in enumerate(periods):
        if count <= 8 or index in (0, count - 1) or index % max(count // 6, 1) == 0:
            parts.append(
                f'<text x="{x(index):.1f}" y="{height - 12}" text-anchor="middle" '
                f'font-size="11" fill="#4a5360">{escape(period)}</text>'
            )
    for number, (name, points) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        placed = [(x(i), y(v)) for i, v in enumerate(points) if v is not None]
        if len(placed) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in placed)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>'
            )
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in placed
        ]
        parts.append(
            f'<text x="{width - right + 10}" y="{top_pad + 16 * number + 4}" font-size="12" '
            f'fill="{colour}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

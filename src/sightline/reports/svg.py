"""Report charts drawn on the server as SVG: no script, so a chart shows the same on the page, in
print and in the PDF. Every chart has a title read out as its name and its data table beside it
(the renderer always shows the table), so the drawing is never the only way to the numbers."""

from __future__ import annotations

from html import escape

from .sections import Chart

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 56, 16, 16, 64
COLOURS = ["#1d70b8", "#505a5f", "#00703c", "#f47738", "#d4351c", "#4c2c92"]
DASHES = ["", "6 4", "2 3", "8 3 2 3"]


def _bounds(chart: Chart) -> tuple[float, float]:
    if chart.kind == "stacked_bar":
        values = [sum(v or 0 for v in column) for column in zip(*chart.series.values(), strict=True)]
    else:
        values = [v for series in chart.series.values() for v in series if v is not None]
    if not values:
        return 0.0, 1.0
    low, high = min(0.0, min(values)), max(values)
    return low, (high if high > low else low + 1) * 1.1


def _axes(chart: Chart, low: float, high: float, y) -> list[str]:
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#0b0c0c"/>']
    for step in range(5):
        value = low + (high - low) * step / 4
        at = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{at:.1f}" x2="{WIDTH - RIGHT}" y2="{at:.1f}" stroke="#f3f2f1"/>'
            f'<text x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end" font-size="11">{value:,.0f}</text>'
        )
    if chart.unit:
        parts.append(f'<text x="4" y="{TOP + 4}" font-size="11">{escape(chart.unit)}</text>')
    return parts


def _labels(chart: Chart, x) -> list[str]:
    n = len(chart.categories)
    every = max(1, -(-n // 12))
    below = HEIGHT - BOTTOM + 16
    return [
        f'<text x="{x(i):.1f}" y="{below}" text-anchor="middle" font-size="11">{escape(str(c))}</text>'
        for i, c in enumerate(chart.categories)
        if i % every == 0
    ]


def _legend(chart: Chart) -> list[str]:
    parts = []
    for index, name in enumerate(chart.series):
        lx = LEFT + 150 * (index % 4)
        ly = HEIGHT - 22 + 14 * (index // 4)
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 20}" y2="{ly}" stroke="{colour}" stroke-width="3" '
            f'stroke-dasharray="{dash}"/>'
            f'<text x="{lx + 26}" y="{ly + 4}" font-size="11">{escape(name[:22])}</text>'
        )
    return parts


def _lines(chart: Chart, x, y) -> list[str]:
    parts = []
    for index, values in enumerate(chart.series.values()):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        runs, run = [], []
        for i, v in enumerate(values):
            if v is None:
                runs, run = [*runs, run] if run else runs, []
            else:
                run.append(f"{x(i):.1f},{y(v):.1f}")
        runs = [*runs, run] if run else runs
        for points in runs:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}" '
                f'points="{" ".join(points)}"/>'
            )
    return parts


def _bars(chart: Chart, y, low: float) -> list[str]:
    n, k = len(chart.categories), len(chart.series)
    slot = (WIDTH - LEFT - RIGHT) / max(n, 1)
    stacked = chart.kind == "stacked_bar"
    width = slot * 0.7 / (1 if stacked else max(k, 1))
    parts, base = [], [low] * n
    for index, values in enumerate(chart.series.values()):
        colour = COLOURS[index % len(COLOURS)]
        for i, v in enumerate(values):
            if v is None:
                continue
            bottom = base[i] if stacked else low
            top = bottom + v
            left = LEFT + slot * i + slot * 0.15 + (0 if stacked else width * index)
            parts.append(
                f'<rect x="{left:.1f}" y="{y(top):.1f}" width="{width:.1f}" '
                f'height="{max(y(bottom) - y(top), 0):.1f}" fill="{colour}"/>'
            )
            if stacked:
                base[i] = top
    return parts


def chart_svg(chart: Chart, ident: str) -> str:
    """The chart as an inline SVG element whose accessible name is its title."""
    low, high = _bounds(chart)
    n = len(chart.categories)

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low))

    def x(i: float) -> float:
        if chart.kind == "line":
            return LEFT + (WIDTH - LEFT - RIGHT) * (i / max(n - 1, 1))
        slot = (WIDTH - LEFT - RIGHT) / max(n, 1)
        return LEFT + slot * (i + 0.5)

    body = _lines(chart, x, y) if chart.kind == "line" else _bars(chart, y, low)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
            f'role="img" aria-labelledby="{ident}-title" alt="{escape(chart.title)}" '
            f'class="sightline-report-chart" '
            f'font-family="Arial, sans-serif">',
            f'<title id="{ident}-title">{escape(chart.title)} (the figures are in the table below)</title>',
            *_axes(chart, low, high, y),
            *body,
            *_labels(chart, x),
            *_legend(chart),
            "</svg>",
        ]
    )

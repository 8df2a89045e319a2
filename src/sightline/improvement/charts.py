"""A small SVG chart of an action's measure, month by month, with its windows and dates marked.

Drawn on the server as SVG (no script), so it shows on the page, prints and goes into a PDF
the same; its numbers are always in the table beside it.
"""

from __future__ import annotations

from html import escape

from sightline.domain.dates import axis_month

WIDTH, HEIGHT, PAD_L, PAD_R, PAD_T, PAD_B = 560, 200, 48, 12, 16, 36


def impact_svg(impact) -> str:
    points = [(month, value) for month, value in impact.series]
    values = [v for _, v in points if v is not None]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * 0.1, high + span * 0.1
    n = len(points)

    def x(i: float) -> float:
        return PAD_L + (WIDTH - PAD_L - PAD_R) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return PAD_T + (HEIGHT - PAD_T - PAD_B) * (1 - (v - low) / (high - low))

    def index_of(day) -> float | None:
        for i, (month, _) in enumerate(points):
            if (month.year, month.month) == (day.year, day.month):
                return i
        return None

    parts = _frame(impact)
    parts += _windows(impact, x, index_of, n)
    parts += _line(points, x, y)
    parts += _markers(impact, x, index_of)
    parts += _axes(points, low, high, x, y, n)
    parts.append("</svg>")
    return "".join(parts)


def _frame(impact) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="impact-chart-title" class="sightline-impact-chart">',
        f'<title id="impact-chart-title">{escape(impact.title)} by month, with the action\'s start '
        f"and close marked (figures in the table below)</title>",
    ]


def _windows(impact, x, index_of, n) -> list[str]:
    parts = []
    for window, colour in [(impact.windows.before, "#dbe8f5"), (impact.windows.after, "#d9efe1")]:
        if window is None:
            continue
        first, last = index_of(window.start), index_of(window.end)
        if first is None:
            continue
        last = last if last is not None else n - 1
        parts.append(
            f'<rect x="{x(first - 0.5):.1f}" y="{PAD_T}" width="{x(last + 0.5) - x(first - 0.5):.1f}" '
            f'height="{HEIGHT - PAD_T - PAD_B}" fill="{colour}"/>'
        )
    return parts


def _line(points, x, y) -> list[str]:
    parts = []
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points) if v is not None)
    parts.append(f'<polyline points="{line}" fill="none" stroke="#1d70b8" stroke-width="2.5"/>')
    for i, (_, v) in enumerate(points):
        if v is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#1d70b8"/>')
    return parts


def _markers(impact, x, index_of) -> list[str]:
    parts = []
    for day, label in [(impact.start, "Started"), (impact.closed, "Closed")]:
        if day is None or (i := index_of(day)) is None:
            continue
        parts.append(
            f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{PAD_T}" y2="{HEIGHT - PAD_B}" stroke="#0b0c0c" '
            f'stroke-dasharray="4 3"/><text x="{x(i) + 3:.1f}" y="{PAD_T + 11}" font-size="12" '
            f'font-family="Arial, sans-serif">{label}</text>'
        )
    return parts


def _axes(points, low, high, x, y, n) -> list[str]:
    parts = []
    for v in (low + (high - low) * 0.1, high - (high - low) * 0.1):
        parts.append(
            f'<text x="{PAD_L - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" '
            f'font-family="Arial, sans-serif">{v:.1f}</text>'
        )
    for i, anchor in ((0, "start"), (n - 1, "end")):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" font-size="11" text-anchor="{anchor}" '
            f'font-family="Arial, sans-serif">{axis_month(points[i][0])}</text>'
        )
    return parts

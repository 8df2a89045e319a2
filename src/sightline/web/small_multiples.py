"""Small multiples: one small SVG line chart per indicator, drawn on the server.

One measure per axis (no second axis mixing counts, rates and percentages), round tick values,
the target and the England figure drawn as labelled lines, one colour for every indicator's line
(never red, which would call a good line bad), and suppressed months marked on the axis, not
left silently blank. No JavaScript: the dashboard draws without the charting library, and the
numbers are in the table beside each chart.
"""

from __future__ import annotations

import math
from html import escape

from sightline.domain.dates import axis_month

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 52, 10, 12, 26
LINE = "#1d70b8"
TARGET = "#0b0c0c"
ENGLAND = "#505a5f"
GRID = "#f3f2f1"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering low..high: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = [round(start, 6)]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 6))
    return ticks


def _tick_text(value: float, unit: str) -> str:
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{value:,.0f}"
    return text + ("%" if unit == "%" else "")


def small_multiple(
    months: list,
    values: list[float | None],
    *,
    title: str,
    unit: str,
    target: float | None = None,
    england: float | None = None,
    suppressed: list[bool] | None = None,
) -> str:
    """The SVG markup of one indicator over the months (x labels: the first and last month)."""
    suppressed = suppressed or [False] * len(values)
    known = [v for v in values if v is not None]
    extent = known + [v for v in (target, england) if v is not None]
    if not extent:
        return ""
    low = min(0.0, *extent)  # from zero, unless a figure is below it
    ticks = nice_ticks(low, max(extent))
    bottom, top = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: int) -> float:
        return LEFT + (plot_w * index / max(len(values) - 1, 1))

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - bottom) / ((top - bottom) or 1))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sightline-multiple" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)} over {len(values)} months; the numbers are in the table">'
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11">'
            f"{_tick_text(tick, unit)}</text>"
        )
    parts += _reference(target, "Target", TARGET, "6 3", y)
    parts += _reference(england, "England", ENGLAND, "2 3", y)
    parts += _line(values, x, y)
    for index, hidden in enumerate(suppressed):
        if hidden:
            parts.append(
                f'<text x="{x(index):.1f}" y="{TOP + plot_h + 2:.1f}" text-anchor="middle" font-size="10" '
                f'fill="{ENGLAND}">s</text>'
            )
    if months:
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11">{escape(_month(months[0]))}</text>'
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end" font-size="11">'
            f"{escape(_month(months[-1]))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _month(month) -> str:
    return axis_month(month) if hasattr(month, "strftime") else str(month)


def _reference(value, label: str, colour: str, dash: str, y) -> list[str]:
    if value is None:
        return []
    return [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{colour}" '
        f'stroke-dasharray="{dash}" stroke-width="1.5"/>'
        f'<text x="{WIDTH - RIGHT}" y="{y(value) - 3:.1f}" text-anchor="end" font-size="10" fill="{colour}">'
        f"{label}</text>"
    ]


def _line(values: list, x, y) -> list[str]:
    """The values as a line, broken where a month has no figure, with a dot on each month."""
    parts, run = [], []
    for index, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                points = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(f'<polyline fill="none" stroke="{LINE}" stroke-width="2.5" points="{points}"/>')
            parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{LINE}"/>' for px, py in run]
            run = []
        else:
            run.append((x(index), y(value)))
    return parts

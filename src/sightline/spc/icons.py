"""The Making Data Count variation and assurance icons as inline SVG, each with its text alternative.

Colours as MDC's: common cause grey, improvement blue, concern orange, neutral purple. The
icons are drawn here (a ring, a run of dots, a letter) rather than copied, and every one carries
`role="img"`, an `aria-label` and a `<title>`, so a screen reader and a printed page say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .engine import ASSURANCE_LABELS, VARIATION_LABELS, Result

GREY, BLUE, ORANGE, PURPLE = "#a6a6a6", "#00b0f0", "#e46c0a", "#490092"
_DARK = "#3d3d3d"  # text on the icons: contrast with white at least 4.5:1

_VARIATION_COLOUR = {"common": GREY, "improvement": BLUE, "concern": ORANGE, "neutral": PURPLE}
_ASSURANCE = {"pass": (BLUE, "P"), "fail": (ORANGE, "F"), "hit_and_miss": (GREY, "?")}
_SHORT = {
    "common_cause": "Common cause",
    "improvement_high": "Improvement (high)",
    "improvement_low": "Improvement (low)",
    "concern_high": "Concern (high)",
    "concern_low": "Concern (low)",
    "neutral_high": "Special cause (high)",
    "neutral_low": "Special cause (low)",
    "pass": "Consistently met",
    "fail": "Consistently missed",
    "hit_and_miss": "Hit and miss",
}


@dataclass(frozen=True)
class Icon:
    code: str  # a VARIATION_LABELS or ASSURANCE_LABELS key
    label: str  # the text alternative, in full
    short: str  # for a table cell beside the icon
    colour: str
    svg: str


@dataclass(frozen=True)
class Icons:
    variation: Icon | None
    assurance: Icon | None


def icon_for(result: Result, size: int = 40) -> Icons:
    """The variation icon of the latest point and the assurance icon of the latest limits."""
    return Icons(
        variation=variation_icon(result.variation, size) if result.variation else None,
        assurance=assurance_icon(result.assurance, size) if result.assurance else None,
    )


def variation_icon(code: str, size: int = 40) -> Icon:
    label = VARIATION_LABELS[code]
    colour = _VARIATION_COLOUR[code.split("_")[0]]
    letter = {"high": "H", "low": "L"}.get(code.rsplit("_", 1)[-1], "")
    heights = {"high": (30, 30, 30, 24, 18, 14, 12), "low": (10, 10, 10, 16, 22, 26, 28)}
    dots = heights.get(code.rsplit("_", 1)[-1], (22, 18, 24, 19, 23, 18, 21))
    marks = "".join(
        f'<circle cx="{9 + i * 3.7:.1f}" cy="{y}" r="1.6" fill="{colour if i > 2 and letter else GREY}"/>'
        for i, y in enumerate(dots)
    )
    text = (
        f'<text x="20" y="{15 if letter == "L" else 26}" font-size="11" font-weight="bold" '
        f'text-anchor="middle" fill="{_DARK}" font-family="Arial, sans-serif">{letter}</text>'
        if letter
        else ""
    )
    return Icon(code, label, _SHORT[code], colour, _svg(label, colour, marks + text, size))


def assurance_icon(code: str, size: int = 40) -> Icon:
    label = ASSURANCE_LABELS[code]
    colour, letter = _ASSURANCE[code]
    line = '<path d="M8 20 q3 -6 6 0 t6 0 t6 0 t6 0" fill="none" stroke="#a6a6a6" stroke-width="1.5"/>'
    body = (
        f'<line x1="8" y1="20" x2="32" y2="20" stroke="{colour}" stroke-width="1.5" stroke-dasharray="3 2"/>'
        if code != "hit_and_miss"
        else line
    )
    text = (
        f'<text x="20" y="{14 if code != "fail" else 33}" font-size="11" font-weight="bold" '
        f'text-anchor="middle" fill="{_DARK}" font-family="Arial, sans-serif">{letter}</text>'
    )
    return Icon(code, label, _SHORT[code], colour, _svg(label, colour, body + text, size))


def _svg(label: str, colour: str, body: str, size: int) -> str:
    safe = escape(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="{size}" height="{size}" '
        f'role="img" aria-label="{safe}" class="spc-icon"><title>{safe}</title>'
        f'<circle cx="20" cy="20" r="18" fill="#ffffff" stroke="{colour}" stroke-width="3"/>{body}</svg>'
    )

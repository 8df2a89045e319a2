"""One rating vocabulary for every page, command and export, and how a target reads.

The engine rates a figure green, amber or red against its target and tolerance; these are the
words shown for them everywhere. A figure on fewer cases than the council's minimum
(`min_denominator_to_rate`, default 5) is shown but not rated: one late assessment of three is
not evidence of a service off target. A tolerance counts one way (below a "higher is better"
target, above a "lower is better" one), and the target says so: "target 85%, amber down to 80%".
"""

from __future__ import annotations

TOO_FEW = "too_few"
LABELS = {
    "green": "On target",
    "amber": "Within tolerance",
    "red": "Outside tolerance",
    TOO_FEW: "Too few to rate",
    None: "No target",
}


def rating(rag: str | None, denominator: float | None, minimum: int, aggregate: str = "") -> str | None:
    """The rating to show: the engine's, or too few to rate when the figure rests on too few cases.

    Counts and year-on-year changes have no denominator of cases; they are rated as they are.
    """
    if rag is None or aggregate in {"count", "sum", "yoy"} or denominator is None:
        return rag
    return TOO_FEW if denominator < minimum else rag


def label(key: str | None) -> str:
    return LABELS.get(key, LABELS[None])


def target_text(target: float | None, tolerance: float | None, polarity: str | None, show) -> str:
    """"target 85.0%, amber down to 80.0%" (higher is better) or "target 10.0%, amber up to 20.0%".

    `show` formats a value in the indicator's unit.
    """
    if target is None:
        return "No target"
    text = f"target {show(target)}"
    if tolerance and polarity in {"higher", "lower"}:
        edge = target - tolerance if polarity == "higher" else target + tolerance
        text += f", amber {'down' if polarity == 'higher' else 'up'} to {show(edge)}"
    return text[:1].upper() + text[1:]

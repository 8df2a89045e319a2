"""Direction of travel: a headline figure beside the same figure for the period before, in words.

"Up from 21.0% in October 2026" and whether that is better or worse by the indicator's polarity
(a fall in re-referrals is better). Within a small tolerance it is "much the same"; when either
figure is suppressed, rests on too few cases to rate, or is missing, the two are not compared,
so a move of one child in four is never read as a change. An arrow, where a page draws one, is
decoration beside these words (aria-hidden), never the message alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sightline.indicators.engine import Result
from sightline.indicators.periods import Period

# A change smaller than this is "much the same": a percentage point for a percentage, else a
# share of the earlier figure (2 children in 100, a day in 50).
NO_CHANGE_POINTS = 1.0
NO_CHANGE_SHARE = 0.02
# Figures with no denominator of cases to be too few of.
UNRATED_AGGREGATES = {"count", "sum", "yoy"}
UP, DOWN = "\N{BLACK UP-POINTING TRIANGLE}", "\N{BLACK DOWN-POINTING TRIANGLE}"


@dataclass(frozen=True)
class Travel:
    """The words for a figure's change: `text` says what moved, `verdict` what it means."""

    text: str
    verdict: str  # "better", "worse", "no change", "not compared" or "" (context: neither is better)
    arrow: str = ""  # decoration only, beside the text

    @property
    def label(self) -> str:
        return self.verdict.capitalize()

    @property
    def colour(self) -> str:
        """A GOV.UK tag colour (web.tables.TAG_COLOURS): better never red, worse never green."""
        return {"better": "green", "worse": "red", "no change": "grey", "not compared": "grey"}.get(
            self.verdict, ""
        )


def when(period: Period) -> str:
    """The period before as a sentence says it: 'in October 2026', 'on 31 October 2026'."""
    preposition, what = _named(period)
    return f"{preposition} {what}"


def _named(period: Period) -> tuple[str, str]:
    if period.kind == "month":
        return "in", f"{period.start:%B %Y}"
    if period.kind == "quarter":
        return "in", f"{period.start:%B} to {period.end:%B %Y}"
    if period.kind == "year":
        return "in", period.label
    if period.kind == "rolling_12":
        return "in", f"the 12 months to {period.end:%B %Y}"
    if period.kind == "as_at":
        return "on", f"{period.end:%-d %B %Y}"
    return "in", f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}"


def too_few(result: Result, definition: dict, minimum: int) -> bool:
    """Whether a figure rests on fewer cases than the council rates (the ratings' own rule)."""
    if definition.get("aggregate") in UNRATED_AGGREGATES or result.denominator is None:
        return False
    return result.denominator < minimum


def travel(
    definition: dict,
    now: Result,
    before: Result,
    *,
    minimum: int,
    shown: Callable[[float], str],
    suppressed: tuple[bool, bool] = (False, False),
) -> Travel:
    """How `now` compares with `before` (the period before), worded for a person.

    `shown` formats a value as the page does; `suppressed` says whether the viewer is shown
    each figure (small numbers hidden from elected members)."""
    said, named = when(before.period), _named(before.period)[1]
    if now.value is None:
        return Travel("Not compared: no figure for this period", "not compared")
    if before.value is None:
        return Travel(f"Not compared: no figure for {named}", "not compared")
    if any(suppressed):
        return Travel(f"Not compared with {named}: too few to show", "not compared")
    if too_few(now, definition, minimum) or too_few(before, definition, minimum):
        return Travel(f"Not compared with {named}: too few cases to compare", "not compared")
    change = float(now.value) - float(before.value)
    earlier = shown(before.value)
    if _within_tolerance(change, float(before.value), definition["unit"]):
        if shown(now.value) == earlier:
            return Travel(f"No change from {earlier} {said}", "no change")
        return Travel(f"Much the same as {earlier} {said}", "no change")
    rose = change > 0
    text = f"{'Up' if rose else 'Down'} from {earlier} {said}"
    polarity = definition.get("polarity")
    if polarity not in {"higher", "lower"}:
        return Travel(text, "", UP if rose else DOWN)
    better = rose == (polarity == "higher")
    return Travel(text, "better" if better else "worse", UP if rose else DOWN)


def _within_tolerance(change: float, earlier: float, unit: str) -> bool:
    if unit == "%":
        return abs(change) < NO_CHANGE_POINTS
    if earlier == 0:
        return change == 0
    return abs(change) < NO_CHANGE_SHARE * abs(earlier)

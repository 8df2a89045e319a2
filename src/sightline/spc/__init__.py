"""Statistical process control: NHS England's "Making Data Count" XmR charts, in plain Python.

`analyse(dates, values, polarity=..., target=...)` gives each point its segment's mean and
process limits and the special-cause signals it belongs to, and the series its variation and
assurance; `icon_for(result)` the MDC icons as inline SVG with their text alternatives. The
rules follow NHSRplotthedots (nhs-r-community), the reference implementation of the method.
"""

from __future__ import annotations

from .engine import (
    ASSURANCE_LABELS,
    OUTSIDE,
    SHIFT,
    SIGNALS,
    TREND,
    TRIAL_POINTS,
    TWO_OF_THREE,
    VARIATION_LABELS,
    Point,
    Rebase,
    Result,
    Segment,
    analyse,
    polarity_of,
)
from .icons import Icon, Icons, icon_for

__all__ = [
    "ASSURANCE_LABELS",
    "OUTSIDE",
    "SHIFT",
    "SIGNALS",
    "TREND",
    "TRIAL_POINTS",
    "TWO_OF_THREE",
    "VARIATION_LABELS",
    "Icon",
    "Icons",
    "Point",
    "Rebase",
    "Result",
    "Segment",
    "analyse",
    "icon_for",
    "polarity_of",
]

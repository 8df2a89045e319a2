"""Reads for inequality of outcome: breakdowns by who the children are, exceptions, disproportionality.

Selectors over the indicator engine's `Inequality` (one per engine, so per data and settings
version) and the council's stored population estimate; pages and commands call these, never
the engine directly.
"""

from __future__ import annotations

import threading

from sightline.indicators.definitions import REGISTRY
from sightline.indicators.disproportionality import MEASURES, disproportionality
from sightline.indicators.groups import BREAKDOWNS
from sightline.indicators.inequality import Breakdown, Inequality
from sightline.indicators.periods import Period
from sightline.indicators.population import PopulationTable

from . import selectors
from .models import PopulationEstimate

__all__ = ["BREAKDOWNS", "MEASURES", "breakdown", "disproportionality_table", "exceptions", "population"]

_lock = threading.Lock()
_current: dict = {"engine": None, "inequality": None}


def population() -> PopulationTable | None:
    """The stored population estimate, or None when the council has not loaded one."""
    rows = list(PopulationEstimate.objects.values("ethnicity", "sex", "age", "population"))
    return PopulationTable.from_rows(rows) if rows else None


def population_source() -> str:
    return PopulationEstimate.objects.values_list("source", flat=True).first() or ""


def _inequality() -> Inequality:
    engine = selectors.engine()
    with _lock:
        if _current["engine"] is engine:
            return _current["inequality"]
    built = Inequality(engine, population())
    with _lock:
        _current.update(engine=engine, inequality=built)
    return built


def breakdown(
    indicator_id: str, period: Period, by: str, level: str = "council", unit_id: int | None = None
) -> Breakdown:
    """One indicator's figure split by ethnicity, sex, age band, disability or UASC status."""
    REGISTRY[indicator_id]
    return selectors.memo(
        ("inequality", indicator_id, period, by, level, unit_id),
        lambda _e: _inequality().breakdown(indicator_id, period, by, level, unit_id),
    )


def exceptions(period: Period, level: str = "council", unit_id: int | None = None) -> list[dict]:
    """Groups of children significantly and substantially worse or better than the whole, worst first."""
    return selectors.memo(
        ("inequality-exceptions", period, level, unit_id),
        lambda _e: _inequality().exceptions(period, level, unit_id),
    )


def disproportionality_table(period: Period, by: str = "ethnicity") -> list[dict]:
    """Rates per 10,000 of the stock and flow measures by group, with ratios to White British and council."""
    return selectors.memo(
        ("disproportionality", period, by),
        lambda _e: disproportionality(_inequality(), period, by),
    )

"""Reads for the workforce page: the engine's workforce measures by team, and the ASYE cohorts."""

from __future__ import annotations

from datetime import date

from sightline.performance import selectors as perf

# The engine's workforce measures shown by team on the workforce page (one definition each).
MEASURES = [
    "vacancy_rate",
    "agency_share",
    "turnover_rate",
    "sickness_days_per_fte",
    "training_compliance",
    "practice_observations",
]


def _known(indicator_id: str) -> bool:
    from sightline.indicators.registry import REGISTRY

    return indicator_id in REGISTRY


def overview(on: date) -> dict:
    """The council's value and each team's for the workforce measures over the latest 12 months."""
    shown = [m for m in MEASURES if _known(m)]
    period = perf.default_period("rolling_12", on) if shown else None
    rows = []
    for indicator_id in shown:
        definition = perf.definition(indicator_id)
        council = perf.value(indicator_id, period)
        rows.append({"definition": definition, "council": council})
    return {"measures": rows, "period": period}

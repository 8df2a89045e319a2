"""Every indicator, registered in display order by importing the packages that declare them.

`kpq/` holds one module per Key Performance Question, `cohorts/` one per cohort. Each
declaration says whether a council gets the same answer from its national returns alone
(`supported_by_returns`, tested by exporting the returns, importing them into an empty database
and comparing). The others need history before the collection year (re-referrals, repeat plans
within 2 years, review timeliness, time in care), records the returns do not carry (visits,
contacts, workforce, proceedings, health, PEPs) or children outside them (missing episodes of
children not looked after, care leavers between birthdays).
"""

from . import kpq, cohorts  # noqa: F401, I001 - registers every indicator: the questions, then the cohorts
from .registry import COHORTS, KPQS, REGISTRY, Indicator

__all__ = ["REGISTRY", "SUPPORTED_BY_RETURNS", "Indicator", "all_definitions"]

ORDER = [*KPQS, *COHORTS]

# Indicator id -> the return that alone gives the same answer, read from the declarations.
SUPPORTED_BY_RETURNS: dict[str, str] = {
    d.id: d.supported_by_returns for d in REGISTRY if d.supported_by_returns
}


def all_definitions() -> list[Indicator]:
    """Definitions in display order: by KPQ (1-10, then the cohorts), then declaration order."""
    return sorted(REGISTRY, key=lambda d: (ORDER.index(d.kpq), d.order))

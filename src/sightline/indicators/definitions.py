"""Every indicator, registered in display order by importing the modules that declare them."""

from . import kpq_front_door, kpq_protection, kpq_workforce, kpq_care, kpq_cohorts  # noqa: F401, I001
from .registry import COHORTS, KPQS, REGISTRY, Indicator

ORDER = [*KPQS, *COHORTS]


def all_definitions() -> list[Indicator]:
    """Definitions in display order: by KPQ (1-10, then the cohorts), then declaration order."""
    return sorted(REGISTRY, key=lambda d: (ORDER.index(d.kpq), d.order))

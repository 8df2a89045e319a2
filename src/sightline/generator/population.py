"""The synthetic council's population estimate: its children by single year of age, sex and ethnicity.

Consistent with the generated council: the total is its population aged 0-17, and the ethnic
mix is the one its children are drawn from (`ETHNICITY_WEIGHTS`), except that Black and Mixed
heritage children are a smaller share of the population than of the children the council
works with and Asian children a larger one, as England's statistics show (children in need
and looked after compared with the Census 2021 population). No random draws: the same spec
gives the same table, and the generated records are untouched by it.
"""

from __future__ import annotations

from .spec import CouncilSpec
from .state import ETHNICITY_WEIGHTS, OVER_REPRESENTED_IN_CARE, SLOWER_ASSESSMENT_CODES

MALE_SHARE = 0.512  # ONS mid-year estimates: about 51% of children are boys
SHARE_FACTOR = {
    **dict.fromkeys(OVER_REPRESENTED_IN_CARE, 0.75),
    **dict.fromkeys(SLOWER_ASSESSMENT_CODES, 1.3),
}
NOT_IN_POPULATION = {"REFU", "NOBT"}  # refused or not yet obtained: records only
SOURCE = "Synthetic population estimate for the demo council (in the ONS mid-year estimate layout)"


def population_rows(spec: CouncilSpec) -> list[dict]:
    """Rows of ethnicity, sex, age (0-17) and population, adding up to the council's population."""
    weights = {
        code: weight * SHARE_FACTOR.get(code, 1.0)
        for code, weight in ETHNICITY_WEIGHTS.items()
        if code not in NOT_IN_POPULATION
    }
    cells = [
        (code, sex, age, weights[code] * (MALE_SHARE if sex == "M" else 1 - MALE_SHARE))
        for code in weights
        for sex in ("M", "F")
        for age in range(18)
    ]
    counts = _largest_remainder([share for *_key, share in cells], spec.population)
    return [
        {"ethnicity": code, "sex": sex, "age": age, "population": count}
        for (code, sex, age, _share), count in zip(cells, counts, strict=True)
    ]


def _largest_remainder(shares: list[float], total: int) -> list[int]:
    scale = total / sum(shares)
    exact = [s * scale for s in shares]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts

"""What the journeys share: the weights they draw from and the state kept per child."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

AREAS = ("North", "South", "Central", "East")
# The groups the synthetic council's disparities are drawn on (spec: assessment_gap_ethnic_group,
# care_entry_factor_over_represented).
SLOWER_ASSESSMENT_CODES = frozenset({"AIND", "APKN", "ABAN", "AOTH"})
OVER_REPRESENTED_IN_CARE = frozenset({"MWBC", "MWBA", "MWAS", "MOTH", "BCRB", "BAFR", "BOTH"})
ETHNICITY_WEIGHTS = {
    "WBRI": 70,
    "WOTH": 5,
    "WROM": 1,
    "WIRT": 1,
    "MWBC": 3,
    "MWBA": 1,
    "MWAS": 2,
    "MOTH": 2,
    "AIND": 2,
    "APKN": 5,
    "ABAN": 1,
    "AOTH": 1,
    "BCRB": 1,
    "BAFR": 2,
    "BOTH": 1,
    "CHNE": 0.5,
    "OOTH": 1,
    "REFU": 0.3,
    "NOBT": 0.7,
}
SOURCE_WEIGHTS = {
    "6": 29,
    "2A": 19,
    "3A": 3,
    "3B": 3,
    "3C": 1,
    "3D": 2,
    "3E": 3,
    "3F": 4,
    "1A": 4,
    "1B": 1,
    "1C": 1,
    "1D": 1,
    "4": 2,
    "5A": 4,
    "5B": 2,
    "5C": 1,
    "5D": 1,
    "2B": 1,
    "7": 2,
    "8": 8,
    "9": 3,
    "10": 4,
}
NEED_WEIGHTS = {"N1": 58, "N3": 3, "N4": 12, "N5": 12, "N6": 2, "N7": 1, "N8": 5, "N9": 2, "N0": 5}
CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3}
# CP plan length bands for plans ending (days, weight), shaped like the national figures.
PLAN_BANDS = [((20, 90), 12), ((91, 182), 20), ((183, 365), 39), ((366, 730), 25), ((731, 1100), 4)]
PARTICIPATION = {"PN1": 58, "PN2": 5, "PN3": 3, "PN4": 5, "PN5": 10, "PN6": 12, "PN7": 7}


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def pick_share(rng: random.Random, shares):
    """One value from (value, share) pairs whose shares sum to about 1, with one draw of `rng`
    (the last value when rounding leaves the draw past the sum)."""
    roll, total = rng.random(), 0.0
    for value, share in shares:
        total += share
        if roll < total:
            return value
    return shares[-1][0]


@dataclass
class ChildState:
    id: int
    dob: date | None
    area: str
    expected: date | None = None
    busy_until: date | None = None  # last day of the open episode; date.max while open
    cp_plans: int = 0
    referrals: list[date] = field(default_factory=list)
    home_from_care: date | None = None  # the last period of care ended with a return home
    ethnicity: str = ""
    # Adopted: the child has a new legal family (and, in a council's system, a new record), so no
    # later contact or referral is about this record (SSDA903 rule 1003 would read the old adoption
    # decision as made before a new period of care began).
    adopted: bool = False


@dataclass
class Segment:
    """A stretch of time a child's case sits with one kind of team (for the allocation pass)."""

    child_id: int
    team_kind: str
    role: str
    start: date
    end: date | None
    area: str

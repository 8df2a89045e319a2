"""Drawing a quarter's audits: a random sample stratified by team and cohort, reproducible
from a recorded seed, assigned to auditors from outside the child's team within their quotas.

Proportional allocation with largest remainders: each stratum (team x cohort) gets its share
of the planned number, so a team with a fifth of the open cases gets about a fifth of the
audits, and within the team the CP, CLA, CIN... cases in proportion too.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

COHORTS: dict[str, str] = {
    "cp": "Child protection",
    "cla": "Children looked after",
    "care_leaver": "Care leavers",
    "disabled": "Disabled children",
    "pre_birth": "Pre-birth",
    "cin": "Children in need",
}


@dataclass(frozen=True)
class Candidate:
    child_id: int
    team_id: int
    cohort: str


@dataclass(frozen=True)
class AuditorSlot:
    worker_id: int
    team_id: int | None
    quota: int


@dataclass(frozen=True)
class Pick:
    child_id: int
    team_id: int
    cohort: str
    auditor_id: int | None  # None: no auditor from outside the team had room


@dataclass
class SampleResult:
    picks: list[Pick]
    population: int  # candidates after exclusions
    excluded: int  # candidates left out as audited in the last 12 months (or otherwise excluded)
    strata: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)  # (team, cohort): (pop, n)

    @property
    def unassigned(self) -> list[Pick]:
        return [p for p in self.picks if p.auditor_id is None]


def allocate(sizes: dict, total: int) -> dict:
    """Split `total` across strata in proportion to their sizes (largest remainder, ties by key)."""
    population = sum(sizes.values())
    if population == 0 or total <= 0:
        return {key: 0 for key in sizes}
    total = min(total, population)
    exact = {key: total * size / population for key, size in sizes.items()}
    counts = {key: int(value) for key, value in exact.items()}
    short = total - sum(counts.values())
    by_remainder = sorted(sizes, key=lambda key: (-(exact[key] - counts[key]), -sizes[key], key))
    for key in by_remainder[:short]:
        counts[key] += 1
    return counts


def draw_sample(
    candidates: list[Candidate],
    planned: int,
    auditors: list[AuditorSlot],
    seed: int,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> SampleResult:
    """The same inputs and seed give the same sample and the same assignments."""
    rng = random.Random(seed)
    unique = {c.child_id: c for c in sorted(candidates, key=lambda c: (c.child_id, c.team_id, c.cohort))}
    kept = [c for c in unique.values() if c.child_id not in exclude]
    groups: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    for candidate in kept:
        groups[(candidate.team_id, candidate.cohort)].append(candidate)
    counts = allocate({key: len(members) for key, members in groups.items()}, planned)
    chosen: list[Candidate] = []
    for key in sorted(groups):
        chosen.extend(rng.sample(groups[key], counts[key]))
    return SampleResult(
        picks=assign(chosen, auditors, rng),
        population=len(kept),
        excluded=len(unique) - len(kept),
        strata={key: (len(groups[key]), counts[key]) for key in sorted(groups)},
    )


def assign(chosen: list[Candidate], auditors: list[AuditorSlot], rng: random.Random) -> list[Pick]:
    """Each child to the auditor with most room left who is not in the child's team."""
    room = Counter({a.worker_id: a.quota for a in auditors})
    teams = {a.worker_id: a.team_id for a in auditors}
    order = sorted(room)
    shuffled = list(chosen)
    rng.shuffle(shuffled)
    picks = []
    for candidate in shuffled:
        free = [w for w in order if room[w] > 0 and teams[w] != candidate.team_id]
        auditor = max(free, key=lambda w: (room[w], -order.index(w))) if free else None
        if auditor is not None:
            room[auditor] -= 1
        picks.append(Pick(candidate.child_id, candidate.team_id, candidate.cohort, auditor))
    return sorted(picks, key=lambda p: p.child_id)

"""Sampling: stratified in proportion, exclusions honoured, own team avoided, reproducible."""

import random
from collections import Counter

from sightline.audits.domain.sampling import AuditorSlot, Candidate, allocate, draw_sample


def population(seed=3):
    rng = random.Random(seed)
    cohorts = ["cin", "cp", "cla", "care_leaver", "disabled", "pre_birth"]
    weights = [40, 15, 25, 10, 7, 3]
    return [
        Candidate(i, rng.choice([1, 2, 3, 4, 5]), rng.choices(cohorts, weights)[0]) for i in range(1, 1201)
    ]


AUDITORS = [AuditorSlot(100 + i, (i % 5) + 1, 4) for i in range(15)]


def test_allocation_is_proportional_and_adds_up():
    counts = allocate({"a": 50, "b": 30, "c": 20}, 10)
    assert counts == {"a": 5, "b": 3, "c": 2}
    counts = allocate({"a": 1, "b": 1, "c": 1}, 2)
    assert sum(counts.values()) == 2 and max(counts.values()) == 1
    assert allocate({"a": 2}, 5) == {"a": 2}


def test_each_stratum_gets_its_share_within_one():
    candidates = population()
    result = draw_sample(candidates, 50, AUDITORS, seed=11)
    assert len(result.picks) == 50
    sizes = Counter((c.team_id, c.cohort) for c in candidates)
    got = Counter((p.team_id, p.cohort) for p in result.picks)
    for stratum, size in sizes.items():
        assert abs(got[stratum] - 50 * size / len(candidates)) < 1, stratum
    teams = Counter(p.team_id for p in result.picks)
    team_sizes = Counter(c.team_id for c in candidates)
    for team, size in team_sizes.items():
        assert abs(teams[team] - 50 * size / len(candidates)) < 3


def test_excluded_children_are_never_drawn():
    candidates = population()
    recently = {c.child_id for c in candidates[::3]}
    result = draw_sample(candidates, 60, AUDITORS, seed=2, exclude=recently)
    assert not {p.child_id for p in result.picks} & recently
    assert result.excluded == len(recently) and result.population == len(candidates) - len(recently)


def test_no_auditor_audits_their_own_team_or_beyond_their_quota():
    result = draw_sample(population(), 60, AUDITORS, seed=5)
    teams = {a.worker_id: a.team_id for a in AUDITORS}
    assert all(p.auditor_id is not None for p in result.picks)
    assert all(teams[p.auditor_id] != p.team_id for p in result.picks)
    assert max(Counter(p.auditor_id for p in result.picks).values()) <= 4


def test_auditors_without_room_leave_picks_unassigned():
    result = draw_sample(population(), 10, [AuditorSlot(1, 1, 3)], seed=1)
    assigned = [p for p in result.picks if p.auditor_id == 1]
    assert len(assigned) <= 3 and all(p.team_id != 1 for p in assigned)
    assert len(result.unassigned) == 10 - len(assigned)


def test_same_seed_same_sample_and_another_seed_another():
    candidates = population()
    first = draw_sample(candidates, 50, AUDITORS, seed=42)
    shuffled = list(reversed(candidates))
    again = draw_sample(shuffled, 50, AUDITORS, seed=42)
    assert first.picks == again.picks
    other = draw_sample(candidates, 50, AUDITORS, seed=43)
    assert {p.child_id for p in other.picks} != {p.child_id for p in first.picks}

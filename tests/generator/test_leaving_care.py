"""Leaving care: care leavers in the numbers England's figures lead one to expect."""

from collections import Counter
from datetime import date

import pytest

from sightline.domain.dates import age_on
from sightline.generator.identity import birthday
from sightline.indicators import benchmarks

YEAR_START = date(2025, 4, 1)


def _england(benchmark_id: str, year: str) -> float:
    return next(r["england_value"] for r in benchmarks.history(benchmark_id) if r["year"] == year)


def _looked_after_on(council, day: date) -> set[int]:
    return {
        e["child_id"]
        for e in council.rows("records.LookedAfterEpisode")
        if e["decom"] <= day and (e["dec"] is None or e["dec"] >= day)
    }


def _care_leavers_in_year(council, ref: date) -> set[int]:
    """Care leavers with their birthday contact (SSDA903 OC3) in the collection year, as DfE counts."""
    contacts = council.rows("records.CareLeaverContact")
    return {r["child_id"] for r in contacts if YEAR_START <= r["contact_date"] <= ref}


@pytest.mark.slow
def test_the_demo_council_has_a_few_hundred_care_leavers_in_line_with_england(default_council):
    """Issue 16: 45 in Annex A list 9 for 426 looked-after children. England had 44,590 care leavers
    aged 17-21 for 80,780 children looked after (2021): 0.55 to one. A council without
    unaccompanied asylum-seeking children (a fifth of England's older care leavers) sits lower:
    the band is 0.35 to 0.75 to one, and at least 150 at the default size."""
    ref = default_council.meta["reference_date"]
    leavers = _care_leavers_in_year(default_council, ref)
    looked_after = _looked_after_on(default_council, ref)
    england = _england("cl1721_n", "2020-21") / _england("cla_n", "2020-21")
    assert 0.5 < england < 0.6
    ratio = len(leavers) / len(looked_after)
    assert 0.35 <= ratio <= 0.75, (len(leavers), len(looked_after))
    assert len(leavers) >= 150


@pytest.mark.slow
def test_care_leavers_are_17_to_21_and_were_looked_after_from_14_past_16(default_council):
    ref = default_council.meta["reference_date"]
    children = {r["id"]: r for r in default_council.rows("records.Child")}
    episodes = Counter()
    ended_after_16 = set()
    for e in default_council.rows("records.LookedAfterEpisode"):
        dob = children[e["child_id"]]["date_of_birth"]
        end = e["dec"] or ref
        episodes[e["child_id"]] += max(0, (end - max(e["decom"], birthday(dob, 14))).days)
        if end >= birthday(dob, 16):
            ended_after_16.add(e["child_id"])
    leavers = _care_leavers_in_year(default_council, ref)
    ages = Counter(age_on(children[c]["date_of_birth"], ref) for c in leavers)
    assert set(ages) <= set(range(16, 23)), ages  # a birthday contact up to a month either side
    assert sum(n for age, n in ages.items() if 17 <= age <= 21) >= 0.95 * len(leavers)
    assert all(episodes[c] >= 91 and c in ended_after_16 for c in leavers)

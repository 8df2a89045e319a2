"""The demo council's complaints, compliments and surveys: seed 004's size and shape (tables 1-2),
consistent with the council's own allocations and the complaint timescales."""

from collections import Counter
from statistics import mean

import pytest

from sightline.domain.calendar import default_calendar
from sightline.feedback import domain

# Seed 004 (Durham) tables 1 and 2: stage 1 complaints and compliments by quarter.
SEED_STAGE1 = [32, 38, 26, 41, 34, 21]
SEED_COMPLIMENTS = [21, 43, 10, 61, 50]


@pytest.fixture(scope="module")
def data(default_council):
    return default_council


def _by_quarter(rows):
    return Counter(domain.financial_quarter(r["received_on"]) for r in rows)


def test_stage_1_complaints_a_quarter_are_of_the_seeds_size(data):
    counts = list(_by_quarter(r for r in data.rows("feedback.Complaint") if r["stage"] == 1).values())
    assert len(counts) == 20
    assert min(SEED_STAGE1) * 0.6 <= mean(counts) <= max(SEED_STAGE1) * 1.1
    assert min(counts) >= 10 and max(counts) <= 70


def test_compliments_vary_from_quarter_to_quarter_as_the_seeds_do(data):
    counts = list(_by_quarter(data.rows("feedback.Compliment")).values())
    assert min(SEED_COMPLIMENTS) <= mean(counts) <= max(SEED_COMPLIMENTS)
    assert max(counts) >= 2 * min(counts)  # seed: 10 to 61


def test_few_go_on_to_stages_2_and_3(data):
    stages = Counter(r["stage"] for r in data.rows("feedback.Complaint"))
    assert 0.02 <= stages[2] / stages[1] <= 0.2
    assert stages[3] <= stages[2]


def test_dates_follow_the_timescales_and_the_stages(data):
    calendar, ref = default_calendar(), data.meta["reference_date"]
    rows = data.rows("feedback.Complaint")
    by_reference = {(r["reference"], r["stage"]): r for r in rows}
    for r in rows:
        expected = domain.due_date(r["received_on"], r["stage"], r["extended"], domain.Timescales(), calendar)
        assert r["due_on"] == expected
        assert not domain.complaint_problems(r, ref), r
        if r["stage"] > 1:
            earlier = by_reference[(r["reference"], r["stage"] - 1)]
            assert earlier["escalated_on"] == r["received_on"]
    responded = [r for r in rows if r["responded_on"]]
    in_time = sum(r["responded_on"] <= r["due_on"] for r in responded) / len(responded)
    assert 0.6 <= in_time <= 0.95
    overdue = [r for r in rows if domain.is_overdue(r["responded_on"], r["due_on"], ref)]
    assert 1 <= len(overdue) <= 0.1 * len(rows)


def test_each_complaint_is_about_a_child_allocated_in_its_team_that_day(data):
    allocations = {}
    for a in data.rows("workforce.Allocation"):
        allocations.setdefault((a["child_id"], a["team_id"]), []).append(a)
    for r in data.rows("feedback.Complaint"):
        held = allocations[(r["child_id"], r["team_id"])]
        assert (
            any(
                a["start_date"] <= r["received_on"]
                and (a["end_date"] is None or a["end_date"] >= r["received_on"])
                and a["worker_id"] == r["worker_id"]
                for a in held
                if r["stage"] == 1
            )
            or r["stage"] > 1
        )


def test_survey_scores_are_1_to_5_and_lean_positive(data):
    scores = [a["score"] for a in data.rows("feedback.SurveyAnswer")]
    assert set(scores) <= {1, 2, 3, 4, 5}
    assert 3.2 <= mean(scores) <= 4.5

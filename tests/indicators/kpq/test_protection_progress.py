"""KPQ3 child protection: plan lengths, reviews, core groups: `indicators/kpq/protection_progress.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import MARCH, YEAR, icpc, plan
from ..helpers import engine, figures


def test_plans_ended_by_duration_band_count_only_plans_ending_in_the_period():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2026, 1, 1), date(2026, 3, 31)),  # under 3 months
            plan(2, 2, date(2025, 3, 1), date(2026, 3, 1)),  # 12 months: 1 to 2 years
            plan(3, 3, date(2023, 1, 1), date(2026, 3, 2)),  # over 2 years
            plan(4, 4, date(2025, 1, 1), date(2026, 4, 1)),  # ends in April
        ]
    )
    assert figures(e.value("cpp_ended_under_3m", MARCH)) == (33.3, 1.0, 3.0)
    assert figures(e.value("cpp_ended_1_2y", MARCH)) == (33.3, 1.0, 3.0)
    assert figures(e.value("cpp_ended_2y_plus", MARCH)) == (33.3, 1.0, 3.0)
    assert figures(e.value("cpp_ended_6_12m", MARCH)) == (0.0, 0.0, 3.0)


def test_review_conferences_three_months_after_the_icpc_then_six_months_apart():
    conferences = [
        icpc(1, 1, date(2025, 1, 10), plan_id=1),
        {
            "id": 2,
            "child_id": 1,
            "episode_id": 1,
            "kind": "RCPC",
            "conference_date": date(2025, 4, 10),
            "plan_id": 1,
        },
        {
            "id": 3,
            "child_id": 1,
            "episode_id": 1,
            "kind": "RCPC",
            "conference_date": date(2025, 10, 11),
            "plan_id": 1,
        },
        {
            "id": 4,
            "child_id": 2,
            "episode_id": 2,
            "kind": "RCPC",
            "conference_date": date(2025, 5, 2),
            "plan_id": 2,
        },
    ]
    e = engine(cp_plan=[plan(1, 1, date(2025, 1, 10)), plan(2, 2, date(2025, 2, 1))], conference=conferences)
    # 10 April: exactly 3 months (in time); 11 October: 6 months and a day (late); child 2's first review
    # is timed from the plan start (no ICPC recorded): 2 May is after 1 May (late).
    assert figures(e.value("rcpc_in_time", YEAR)) == (33.3, 1.0, 3.0)


def test_first_core_group_within_ten_working_days_of_the_plan_start():
    e = engine(
        cp_plan=[plan(1, 1, date(2026, 3, 2)), plan(2, 2, date(2026, 3, 2)), plan(3, 3, date(2026, 3, 30))],
        core_group=[
            {"id": 1, "child_id": 1, "plan_id": 1, "meeting_date": date(2026, 3, 16)},  # 10 wd
            {"id": 2, "child_id": 2, "plan_id": 2, "meeting_date": date(2026, 3, 17)},
        ],  # 11 wd
    )
    # Plan 3's core group is not due until 14 April (after Easter): not yet counted.
    assert figures(e.value("core_group_10wd", MARCH)) == (50.0, 1.0, 2.0)


def test_plans_ended_between_3_and_6_months():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 12, 1), date(2026, 3, 1)),  # exactly 3 months
            plan(2, 2, date(2025, 9, 2), date(2026, 3, 1)),
        ]
    )  # 5 months 27 days
    assert figures(e.value("cpp_ended_3_6m", MARCH)) == (100.0, 2.0, 2.0)
    assert figures(e.value("cpp_ended_under_3m", MARCH)) == (0.0, 0.0, 2.0)

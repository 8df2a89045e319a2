"""KPQ3 child protection, KPQ5 visits, KPQ6 abuse types. Expected answers worked out by hand."""

from datetime import date, datetime

import pytest

from sightline.indicators.periods import Period

from .helpers import engine, figures

MARCH = Period.month(date(2026, 3, 1))
YEAR = Period.year(date(2025, 4, 1))
AT_END = Period.as_at(date(2026, 3, 31))


def s47(i, child, start, **extra):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "s47_actual_start_date": start,
        "icpc_not_required": False,
        "outcome": "ICPC",
        **extra,
    }


def icpc(i, child, day, s47_id=None, plan_decided=True, plan_id=None):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "kind": "ICPC",
        "conference_date": day,
        "section47_id": s47_id,
        "plan_decided": plan_decided,
        "plan_id": plan_id,
    }


def plan(i, child, start, end=None, category="NEG", previous=0):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "cpp_start_date": start,
        "cpp_end_date": end,
        "initial_category_of_abuse": category,
        "latest_category_of_abuse": category,
        "number_of_previous_cpp": previous,
    }


def test_icpcs_within_15_working_days_and_an_icpc_dated_before_its_s47():
    e = engine(
        s47=[
            s47(1, 1, date(2026, 3, 2)),
            s47(2, 2, date(2026, 3, 2)),
            s47(3, 3, date(2026, 3, 10)),
            s47(4, 4, date(2026, 3, 12), outcome="NFA"),
        ],
        conference=[
            icpc(1, 1, date(2026, 3, 23), 1),  # 15 working days
            icpc(2, 2, date(2026, 3, 24), 2, plan_decided=False),  # 16 working days
            icpc(3, 3, date(2026, 3, 5), 3),  # before the s47 start: counted, not timed
        ],
    )
    assert figures(e.value("icpc_15wd", MARCH)) == (50.0, 1.0, 2.0)
    assert e.value("icpc_rate", MARCH).numerator == 3.0
    assert figures(e.value("s47_to_icpc", MARCH)) == (75.0, 3.0, 4.0)
    assert figures(e.value("icpc_to_plan", MARCH)) == (66.7, 2.0, 3.0)
    assert e.value("s47_rate", MARCH).value == 48.0  # 4 x 12 per 10,000


def test_cp_plans_open_at_the_date_include_those_spanning_the_period_end():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 1, 1)),  # open
            plan(2, 2, date(2025, 6, 1), date(2026, 3, 31)),  # ended on the day: not open
            plan(3, 3, date(2025, 6, 1), date(2026, 4, 10)),  # ends after the period: open on 31 March
            plan(4, 4, date(2026, 4, 1)),  # starts after
            plan(5, 5, date(2024, 3, 31)),  # exactly 24 months on 31 March 2026
            plan(6, 6, date(2024, 4, 1)),  # 23 months
        ]
    )
    assert figures(e.value("cpp_count", AT_END)) == (4.0, 4.0, None)
    assert e.value("cpp_rate", MARCH).value == 4.0  # population 10,000; a stock rate is not annualised
    assert figures(e.value("cpp_open_2y", AT_END)) == (25.0, 1.0, 4.0)
    # 12-18 months: plan 1 (14 months) only; plans of 23 and 24 months are past the checkpoint window.
    assert e.value("cpp_open_checkpoint", AT_END).value == 1.0


def test_plans_reaching_18_months_with_an_independent_checkpoint():
    plans = [
        plan(1, 1, date(2024, 9, 10)),  # 18 months on 10 March 2026; reviewed at 13 months
        plan(2, 2, date(2024, 9, 20)),  # 18 months on 20 March; reviewed late, at 19 months
        plan(3, 3, date(2024, 9, 25)),  # 18 months on 25 March; never reviewed
        plan(4, 4, date(2024, 9, 1), date(2026, 2, 1)),  # ended at 17 months: never reached 18
        plan(5, 5, date(2024, 10, 5)),  # reaches 18 months on 5 April: next period
        plan(6, 6, date(2024, 9, 15), date(2026, 3, 15)),  # ended on the day it reached 18 months
    ]
    reviews = {1: date(2025, 10, 10), 2: date(2026, 4, 20), 4: date(2025, 10, 1), 6: date(2026, 3, 15)}
    for row in plans:
        row["checkpoint_review_date"] = reviews.get(row["id"])
    e = engine(cp_plan=plans)
    # March: plans 1, 2, 3 and 6 reached 18 months; 1 and 6 were reviewed by then.
    assert figures(e.value("cpp_checkpoint_by_18m", MARCH)) == (50.0, 2.0, 4.0)
    numerator = e.children("cpp_checkpoint_by_18m", MARCH, which="numerator")
    assert {r["child_id"] for r in numerator} == {1, 6}
    assert e.value("cpp_checkpoint_by_18m", Period.month(date(2026, 4, 1))).denominator == 1.0


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


def test_repeat_plans_ever_and_within_two_years():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2022, 1, 1), date(2023, 6, 1)),
            plan(2, 1, date(2026, 3, 1)),  # 2 y 9 m after: ever only
            plan(3, 2, date(2024, 1, 1), date(2024, 9, 1)),
            plan(4, 2, date(2026, 3, 2)),  # 18 months: both
            plan(5, 3, date(2026, 3, 3), previous=1),  # a plan before our records began
            plan(6, 4, date(2026, 3, 4)),
        ]
    )
    assert figures(e.value("cpp_repeat", MARCH)) == (75.0, 3.0, 4.0)
    assert figures(e.value("cpp_repeat_2y", MARCH)) == (25.0, 1.0, 4.0)
    assert figures(e.value("cpp_starts", MARCH)) == (4.0, 4.0, None)


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


def visit(i, child, day, kind="CP", seen=True, alone=False):
    return {"id": i, "child_id": child, "visit_date": day, "kind": kind, "seen": seen, "seen_alone": alone}


def test_children_on_cp_plans_visited_within_ten_working_days():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 6, 1)),
            plan(2, 2, date(2025, 6, 1)),
            plan(3, 3, date(2026, 3, 25)),
            plan(4, 4, date(2025, 6, 1)),
        ],
        visit=[
            visit(1, 1, date(2026, 3, 17)),  # due 31 March: in time
            visit(2, 2, date(2026, 3, 16)),  # due 30 March: overdue
            visit(3, 4, date(2026, 3, 30), seen=False),
        ],  # not seen: does not count
    )
    # Child 3's plan started 4 working days ago; child 4 was never seen.
    assert figures(e.value("cp_visits_in_time", AT_END)) == (50.0, 2.0, 4.0)


def test_looked_after_visits_follow_reg_28():
    episodes = [
        {
            "id": 1,
            "child_id": 1,
            "decom": date(2026, 3, 26),
            "rne": "S",
            "ls": "C2",
            "place": "U4",
        },  # 5 days ago
        {
            "id": 2,
            "child_id": 2,
            "decom": date(2026, 3, 10),
            "rne": "S",
            "ls": "C2",
            "place": "U4",
        },  # no visit
        {"id": 3, "child_id": 3, "decom": date(2025, 12, 1), "rne": "S", "ls": "C2", "place": "U4"},
        {"id": 4, "child_id": 4, "decom": date(2023, 1, 1), "rne": "S", "ls": "C2", "place": "U4"},
    ]
    visits = [
        visit(1, 3, date(2026, 2, 16), "CLA"),  # 6 weeks to 30 March: overdue
        visit(2, 4, date(2026, 1, 5), "CLA"),
    ]  # placement over a year: 3 months, due 5 April
    e = engine(cla_episode=episodes, visit=visits)
    assert figures(e.value("cla_visits_in_time", AT_END)) == (50.0, 2.0, 4.0)


def test_cin_visits_and_seen_alone():
    e = engine(
        cin_plan=[
            {"id": 1, "child_id": 1, "episode_id": 1, "cin_plan_start_date": date(2025, 1, 1)},
            {
                "id": 2,
                "child_id": 2,
                "episode_id": 2,
                "cin_plan_start_date": date(2025, 1, 1),
                "cin_plan_end_date": date(2026, 3, 1),
            },
        ],
        visit=[visit(1, 1, date(2026, 3, 3), "CIN"), visit(2, 1, date(2026, 3, 4), "CP", alone=True)],
    )
    assert figures(e.value("cin_visits_in_time", AT_END)) == (100.0, 1.0, 1.0)  # 20 wd from 3 March: 31 March
    assert figures(e.value("cin_visits_in_time", Period.as_at(date(2026, 4, 1)))) == (0.0, 0.0, 1.0)
    assert figures(e.value("cp_seen_alone", MARCH)) == (100.0, 1.0, 1.0)


def test_assessment_factors_and_plans_by_category():
    e = engine(
        assessment=[
            {
                "id": 1,
                "child_id": 1,
                "episode_id": 1,
                "assessment_actual_start_date": date(2026, 3, 2),
                "assessment_authorisation_date": date(2026, 3, 9),
                "factors": ["3A", "24A"],
            },
            {
                "id": 2,
                "child_id": 2,
                "episode_id": 2,
                "assessment_actual_start_date": date(2026, 3, 2),
                "assessment_authorisation_date": date(2026, 3, 9),
                "factors": ["4B"],
            },
        ],
        cp_plan=[
            plan(1, 1, date(2025, 1, 1), category="NEG"),
            plan(2, 2, date(2025, 1, 1), category="EMO"),
            plan(3, 3, date(2025, 1, 1), category="NEG"),
        ],
    )
    assert figures(e.value("factor_domestic_abuse", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("factor_exploitation", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("factor_cse", MARCH)) == (0.0, 0.0, 2.0)
    assert figures(e.value("cpp_category_neglect", AT_END)) == (66.7, 2.0, 3.0)


def test_return_home_interviews_within_72_hours_and_accepted():
    def missing(i, end, rhi=None, offered=True, accepted=False):
        return {
            "id": i,
            "child_id": i,
            "missing": "M",
            "mis_start": end.replace(hour=1),
            "mis_end": end,
            "rhi_offered": offered,
            "rhi_accepted": accepted,
            "rhi_date": rhi,
        }

    e = engine(
        missing=[
            missing(1, datetime(2026, 3, 2, 10), datetime(2026, 3, 5, 10), accepted=True),  # exactly 72 hours
            missing(2, datetime(2026, 3, 2, 10), datetime(2026, 3, 5, 11), accepted=True),  # 73 hours
            missing(3, datetime(2026, 3, 9, 10), offered=False),
        ]
    )
    assert figures(e.value("rhi_72h", MARCH)) == (33.3, 1.0, 3.0)
    assert figures(e.value("rhi_accepted", MARCH)) == (100.0, 2.0, 2.0)
    assert e.value("missing_episodes", MARCH).value == 3.0


def test_plans_ended_between_3_and_6_months():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 12, 1), date(2026, 3, 1)),  # exactly 3 months
            plan(2, 2, date(2025, 9, 2), date(2026, 3, 1)),
        ]
    )  # 5 months 27 days
    assert figures(e.value("cpp_ended_3_6m", MARCH)) == (100.0, 2.0, 2.0)
    assert figures(e.value("cpp_ended_under_3m", MARCH)) == (0.0, 0.0, 2.0)


@pytest.mark.parametrize(
    ("indicator_id", "code"),
    [
        ("factor_domestic_abuse", "3C"),
        ("factor_mental_health", "4A"),
        ("factor_substance_misuse", "2B"),
        ("factor_neglect", "16A"),
        ("factor_exploitation", "13A"),
        ("factor_cse", "11A"),
        ("factor_cce", "24A"),
    ],
)
def test_each_assessment_factor_counts_its_own_codes(indicator_id, code):
    def done(i, factors):
        return {
            "id": i,
            "child_id": i,
            "episode_id": i,
            "assessment_actual_start_date": date(2026, 3, 2),
            "assessment_authorisation_date": date(2026, 3, 9),
            "factors": factors,
        }

    e = engine(assessment=[done(1, [code]), done(2, ["21"]), done(3, ["20", code])])
    assert figures(e.value(indicator_id, MARCH)) == (66.7, 2.0, 3.0)


@pytest.mark.parametrize(
    ("indicator_id", "code"),
    [
        ("cpp_category_neglect", "NEG"),
        ("cpp_category_physical", "PHY"),
        ("cpp_category_sexual", "SAB"),
        ("cpp_category_emotional", "EMO"),
        ("cpp_category_multiple", "MUL"),
    ],
)
def test_each_category_of_abuse_counts_plans_open_at_the_date(indicator_id, code):
    other = "NEG" if code != "NEG" else "EMO"
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 1, 1), category=code),
            plan(2, 2, date(2025, 1, 1), category=other),
            plan(3, 3, date(2025, 1, 1), date(2026, 3, 1), category=code),
        ]
    )
    assert figures(e.value(indicator_id, AT_END)) == (50.0, 1.0, 2.0)

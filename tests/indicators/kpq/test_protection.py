"""KPQ3 child protection: enquiries, conferences, plans: `indicators/kpq/protection.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period

from ..builders import AT_END, MARCH, icpc, plan, s47
from ..helpers import engine, figures


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

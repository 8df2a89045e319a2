"""KPQ6 abuse types: `indicators/kpq/abuse.py`.

Expected answers worked out by hand.
"""

from datetime import date, datetime

import pytest

from ..builders import AT_END, MARCH, plan
from ..helpers import engine, figures


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

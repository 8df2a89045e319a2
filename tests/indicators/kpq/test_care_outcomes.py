"""KPQ9 outcomes in care: stability, health, PEPs, reviews: `indicators/kpq/care_outcomes.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import AT_END, episode, period_of
from ..helpers import children, engine, figures


def test_short_term_stability_counts_placements_not_legal_changes():
    e = engine(
        cla_episode=[
            # Child 1: placement at the year's start, two moves and a legal change: 3 placements.
            episode(1, 1, date(2024, 1, 1), dec=date(2025, 6, 1), rec="X1"),
            episode(2, 1, date(2025, 6, 1), rne="P", dec=date(2025, 9, 1), rec="X1"),
            episode(3, 1, date(2025, 9, 1), rne="L", ls="C1", dec=date(2026, 1, 1), rec="X1"),
            episode(4, 1, date(2026, 1, 1), rne="P"),
            # Child 2: one move in the year, one before it: 2 placements.
            episode(5, 2, date(2023, 1, 1), dec=date(2024, 6, 1), rec="X1"),
            episode(6, 2, date(2024, 6, 1), rne="P", dec=date(2025, 7, 1), rec="X1"),
            episode(7, 2, date(2025, 7, 1), rne="T"),
        ]
    )
    assert figures(e.value("cla_3plus_placements", AT_END)) == (50.0, 1.0, 2.0)


def test_long_term_stability_under_16_in_care_two_and_a_half_years():
    kids = children(1, 2, 3, dob=date(2015, 1, 1)) + children(4, dob=date(2009, 1, 1))
    e = engine(
        child=kids,
        cla_episode=[
            episode(1, 1, date(2023, 1, 1)),  # same placement 3 years: stable
            episode(2, 2, date(2023, 1, 1), dec=date(2024, 6, 1), rec="X1"),
            episode(3, 2, date(2024, 6, 1), rne="P"),  # moved 22 months ago
            episode(4, 3, date(2024, 1, 1)),  # in care 2 years 3 months: not in the cohort
            episode(5, 4, date(2020, 1, 1)),  # 17: not in the cohort
        ],
    )
    assert figures(e.value("cla_long_term_stability", AT_END)) == (50.0, 1.0, 2.0)


def test_health_dental_and_pep_up_to_date():
    kids = (
        children(1, dob=date(2023, 1, 1))
        + children(2, 3, dob=date(2015, 1, 1))
        + children(4, dob=date(2015, 1, 1))
    )
    e = engine(
        child=kids,
        cla_episode=[episode(i, i, date(2024, 1, 1)) for i in (1, 2, 3)] + [episode(4, 4, date(2025, 12, 1))],
        health_check=[
            {"id": 1, "child_id": 1, "kind": "RHA", "check_date": date(2025, 9, 1)},  # under 5: over 6 months
            {"id": 2, "child_id": 2, "kind": "RHA", "check_date": date(2025, 9, 1)},  # 5 and over: in time
            {"id": 3, "child_id": 2, "kind": "DENTAL", "check_date": date(2025, 4, 1)},
            {"id": 4, "child_id": 3, "kind": "DENTAL", "check_date": date(2025, 3, 31)},  # exactly a year
        ],
        pep=[
            {"id": 1, "child_id": 2, "pep_date": date(2026, 1, 1)},
            {"id": 2, "child_id": 3, "pep_date": date(2025, 11, 1)},
            {"id": 3, "child_id": 4, "pep_date": date(2026, 2, 1)},
        ],
    )
    # Child 4 has been in care under a year: not in the health cohort; child 1 is under school age.
    assert figures(e.value("health_assessment_in_time", AT_END)) == (33.3, 1.0, 3.0)
    assert figures(e.value("dental_in_time", AT_END)) == (33.3, 1.0, 3.0)
    assert figures(e.value("pep_in_time", AT_END)) == (66.7, 2.0, 3.0)


def test_initial_health_assessments_within_20_working_days():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2026, 2, 2)),
            episode(2, 2, date(2026, 2, 2)),
            episode(3, 3, date(2026, 3, 20)),
        ],
        health_check=[
            {"id": 1, "child_id": 1, "kind": "IHA", "check_date": date(2026, 3, 2)},  # 20 wd
            {"id": 2, "child_id": 2, "kind": "IHA", "check_date": date(2026, 3, 3)},
        ],  # 21 wd
    )
    assert figures(e.value("iha_in_time", period_of(2026))) == (50.0, 1.0, 2.0)  # child 3 not yet due


def test_reviews_in_time_and_participation():
    e = engine(
        cla_episode=[episode(1, 1, date(2025, 1, 6))],
        cla_review=[
            {"id": 1, "child_id": 1, "review_date": date(2025, 2, 3), "review_code": "PN1"},  # 20 wd: in time
            {
                "id": 2,
                "child_id": 1,
                "review_date": date(2025, 5, 4),
                "review_code": "PN7",
            },  # 3 months + 1 day
            {"id": 3, "child_id": 1, "review_date": date(2025, 11, 4), "review_code": "PN0"},  # 6 months
        ],
    )
    assert figures(e.value("cla_reviews_in_time", period_of(2025))) == (66.7, 2.0, 3.0)
    assert figures(e.value("cla_review_participation", period_of(2025))) == (50.0, 1.0, 2.0)

"""KPQ4 and KPQ10 workforce health: `indicators/kpq/workforce.py`.

Expected answers worked out by hand (the DfE workforce collection's definitions).
"""

from datetime import date

from ..builders import AT_END, MARCH
from ..helpers import WORKERS, engine, figures, period

ANN, BOB = WORKERS  # Ann: own SW, team 1, 1.0 FTE; Bob: agency SW, team 2, 0.5 FTE


def _worker(i, **changes):
    return {**ANN, "id": i, "staff_id": f"W{i}", **changes}


def test_vacancies_are_funded_posts_not_filled_by_own_staff():
    e = engine(
        establishment=[
            {"id": 1, "team_id": 1, "role": "SW", "funded_fte": 1.0, "effective_from": date(2020, 1, 1)},
            {"id": 2, "team_id": 1, "role": "SW", "funded_fte": 2.0, "effective_from": date(2025, 1, 1)},
            {"id": 3, "team_id": 2, "role": "SW", "funded_fte": 1.0, "effective_from": date(2020, 1, 1)},
            {"id": 4, "team_id": 2, "role": "SW", "funded_fte": 9.0, "effective_from": date(2026, 4, 1)},
        ]
    )
    # Team 1: 2 funded (the 2025 row), Ann fills 1; team 2: 1 funded, Bob is agency cover.
    assert figures(e.value("vacancy_rate", AT_END)) == (66.7, 2.0, 3.0)
    assert figures(e.value("vacancy_rate", AT_END, "team", 2)) == (100.0, 1.0, 1.0)


def test_turnover_is_leavers_in_the_year_over_those_in_post():
    e = engine(
        worker=[
            ANN,
            BOB,
            _worker(3, fte=0.5, leave_date=date(2025, 6, 30)),
            _worker(4, leave_date=date(2025, 3, 31)),  # a year to the day: outside
            _worker(5, leave_date=date(2026, 3, 31)),  # left on the date: a leaver, not in post
            {**BOB, "id": 6, "staff_id": "W6", "leave_date": date(2026, 1, 1)},  # agency: not counted
        ]
    )
    assert figures(e.value("turnover_rate", AT_END)) == (150.0, 1.5, 1.0)


def test_sickness_days_per_fte_and_the_absence_rate():
    e = engine(
        sickness=[
            {
                "id": 1,
                "worker_id": 1,
                "start_date": date(2025, 6, 2),
                "end_date": date(2025, 6, 6),
                "working_days_lost": 5,
            },
            {
                "id": 2,
                "worker_id": 1,
                "start_date": date(2025, 3, 31),
                "end_date": date(2025, 4, 2),
                "working_days_lost": 3,
            },
            {
                "id": 3,
                "worker_id": 1,
                "start_date": date(2026, 3, 30),
                "end_date": date(2026, 3, 31),
                "working_days_lost": 2,
            },
            {
                "id": 4,
                "worker_id": 2,
                "start_date": date(2025, 9, 1),
                "end_date": date(2025, 9, 4),
                "working_days_lost": 4,
            },
        ]
    )
    # Ann's 5 + 2 days (the 31 March 2025 absence is a year before); Bob is agency.
    assert figures(e.value("sickness_days_per_fte", AT_END)) == (7.0, 7.0, 1.0)
    # 1 April 2025 to 31 March 2026: 261 weekdays less 8 bank holidays = 253 working days.
    assert figures(e.value("sickness_absence_rate", AT_END)) == (2.8, 7.0, 253.0)


def test_newly_qualified_retention_at_12_and_24_months():
    nq = {"newly_qualified": True}
    e = engine(
        worker=[
            ANN,
            _worker(
                3, start_date=date(2024, 1, 15), leave_date=date(2024, 12, 1), **nq
            ),  # left before 12 months
            _worker(4, start_date=date(2024, 6, 1), **nq),  # still here at 12 months; not yet 24
            _worker(5, start_date=date(2025, 6, 1), **nq),  # not yet 12 months
            _worker(6, start_date=date(2019, 1, 1), **nq),  # 12 months in 2020: before the five years
        ]
    )
    assert figures(e.value("nqsw_retention_12m", AT_END)) == (50.0, 1.0, 2.0)
    assert figures(e.value("nqsw_retention_24m", AT_END)) == (0.0, 0.0, 1.0)


def test_training_compliance_by_role_renewal_and_a_new_starters_grace():
    e = engine(
        worker=[ANN, BOB, _worker(6, start_date=date(2026, 2, 1)), _worker(7, role="TM")],
        course=[
            {"id": 1, "roles": ["SW"], "renew_months": 12},
            {"id": 2, "roles": ["SW", "TM"], "renew_months": None},
        ],
        training=[
            {"id": 1, "worker_id": 1, "course_id": 1, "completed_on": date(2025, 1, 10)},  # expired
            {"id": 2, "worker_id": 1, "course_id": 2, "completed_on": date(2021, 1, 1)},
            {"id": 3, "worker_id": 2, "course_id": 1, "completed_on": date(2025, 12, 1)},
            {"id": 4, "worker_id": 7, "course_id": 2, "completed_on": date(2026, 4, 1)},  # after the date
        ],
    )
    # Ann 1 of 2, Bob 1 of 2, the TM 0 of 1; the February starter is within three months.
    assert figures(e.value("training_compliance", AT_END)) == (40.0, 2.0, 5.0)


def test_staff_survey_is_weighted_by_responses():
    e = engine(
        staff_survey=[
            {
                "id": 1,
                "surveyed_on": date(2025, 11, 20),
                "team_id": 1,
                "measure": "supported",
                "agree_percent": 80.0,
                "responses": 10,
            },
            {
                "id": 2,
                "surveyed_on": date(2025, 11, 20),
                "team_id": 2,
                "measure": "supported",
                "agree_percent": 60.0,
                "responses": 30,
            },
        ]
    )
    year = period(date(2025, 4, 1), date(2026, 3, 31))
    assert figures(e.value("staff_survey_agree", year)) == (65.0, 2600.0, 40.0)
    assert e.value("staff_survey_agree", year, "team", 1).value == 80.0
    assert e.value("staff_survey_agree", MARCH).value is None

"""Cohort: private fostering: `indicators/cohorts/private_fostering.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period

from ..helpers import engine, figures


def test_private_fostering_first_visit_within_7_working_days_over_easter():
    e = engine(
        private_fostering=[
            {"id": 1, "child_id": 1, "notification_date": date(2026, 4, 1)},  # 7 wd: Tuesday 14 April 2026
            {"id": 2, "child_id": 2, "notification_date": date(2026, 4, 1)},
            {"id": 3, "child_id": 3, "notification_date": date(2025, 1, 6), "end_date": date(2025, 6, 1)},
        ],
        visit=[
            {"id": 1, "child_id": 1, "visit_date": date(2026, 4, 10), "kind": "PF", "seen": True},
            {"id": 2, "child_id": 2, "visit_date": date(2026, 4, 15), "kind": "PF", "seen": True},  # 8 wd
        ],
    )
    assert figures(e.value("pf_first_visit", Period.month(date(2026, 4, 1)))) == (50.0, 1.0, 2.0)
    assert figures(e.value("pf_visits_in_time", Period.as_at(date(2026, 5, 22)))) == (100.0, 2.0, 2.0)
    assert figures(e.value("pf_visits_in_time", Period.as_at(date(2026, 5, 23)))) == (50.0, 1.0, 2.0)

"""Cohort: pre-birth: `indicators/cohorts/prebirth.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import MARCH
from ..helpers import engine, figures


def test_pre_birth_referral_by_21_weeks_and_assessment_by_29():
    e = engine(
        prebirth=[
            {
                "id": 1,
                "child_id": 1,
                "referral_date": date(2026, 3, 2),
                "gestation_weeks_at_referral": 20,
                "assessment_completed_week": 29,
                "outcome_at_birth": "CLA",
            },
            {
                "id": 2,
                "child_id": 2,
                "referral_date": date(2026, 3, 3),
                "gestation_weeks_at_referral": 21,
                "assessment_completed_week": 30,
                "outcome_at_birth": "HOME",
            },
            {"id": 3, "child_id": 3, "referral_date": date(2026, 3, 4), "gestation_weeks_at_referral": 12},
        ]
    )
    assert figures(e.value("prebirth_referred_early", MARCH)) == (66.7, 2.0, 3.0)
    assert figures(e.value("prebirth_assessed_by_29w", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("prebirth_removed_at_birth", MARCH)) == (50.0, 1.0, 2.0)

"""KPQ2 assessments: `indicators/kpq/assessment.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period
from sightline.indicators.standards import LocalStandards

from ..builders import assessment, assessments_over_christmas
from ..helpers import engine, figures, period


def test_assessments_within_45_working_days_on_the_dfe_basis_and_the_referral_basis():
    e = engine(**assessments_over_christmas())
    feb_to_jan = period(date(2026, 1, 1), date(2026, 2, 28))
    assert figures(e.value("assessments_45wd", feb_to_jan)) == (66.7, 2.0, 3.0)
    referral_basis = engine(
        LocalStandards().with_value("assessment_basis", "referral"), **assessments_over_christmas()
    )
    # Counted from the referral on Fri 28 Nov, the first assessment took 46 working days.
    assert figures(referral_basis.value("assessments_45wd", feb_to_jan)) == (33.3, 1.0, 3.0)
    assert e.value("assessment_median_days", feb_to_jan).value == 45.0
    assert e.value("assessments_completed", Period.month(date(2026, 2, 1))).value == 2.0


def test_assessment_outcomes_and_child_seen():
    e = engine(**assessments_over_christmas())
    feb_to_jan = period(date(2026, 1, 1), date(2026, 2, 28))
    assert figures(e.value("assessment_outcome_nfa", feb_to_jan)) == (33.3, 1.0, 3.0)
    assert figures(e.value("assessment_outcome_services", feb_to_jan)) == (66.7, 2.0, 3.0)
    assert figures(e.value("assessment_child_seen", feb_to_jan)) == (66.7, 2.0, 3.0)


def test_open_assessments_past_45_working_days_on_a_date():
    e = engine(
        assessment=[
            assessment(1, 1, date(2025, 12, 1)),  # open: 45 working days on 5 Feb, 46 on 6 Feb
            assessment(2, 2, date(2025, 12, 1), date(2026, 2, 3)),  # authorised before the date
        ]
    )
    assert e.value("assessments_open_over_45", Period.as_at(date(2026, 2, 5))).value == 0.0
    assert e.value("assessments_open_over_45", Period.as_at(date(2026, 2, 6))).value == 1.0
    assert e.value("assessments_open_over_45", Period.month(date(2026, 2, 1))).value == 1.0

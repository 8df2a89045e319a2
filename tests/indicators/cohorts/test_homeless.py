"""Cohort: homeless 16-17-year-olds: `indicators/cohorts/homeless.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period

from ..builders import cohort_engine
from ..helpers import figures


def test_housing_referrals_of_16_17_year_olds_and_those_accommodated():
    e = cohort_engine()
    january = Period.month(date(2026, 1, 1))
    assert e.value("homeless_16_17_referrals", january).value == 1.0
    assert figures(e.value("homeless_16_17_accommodated", january)) == (100.0, 1.0, 1.0)

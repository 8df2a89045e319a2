"""Cohort: disabled children: `indicators/cohorts/disabled.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period

from ..builders import AT_END, cohort_engine
from ..helpers import figures


def test_disabled_children_open_share_and_assessments_in_time():
    e = cohort_engine()
    january = Period.month(date(2026, 1, 1))
    assert figures(e.value("disabled_open_share", AT_END)) == (25.0, 1.0, 4.0)
    assert figures(e.value("disabled_assessments_45wd", january)) == (100.0, 1.0, 1.0)

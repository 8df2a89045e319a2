"""Figures as pages show them: thousands separated, no "-0.0%", the one rating vocabulary, and
too few to rate under the council's minimum number of cases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sightline.accounts.roles import Role
from sightline.accounts.selectors import viewer_for
from sightline.performance import selectors as perf
from sightline.web.indicators import figure, fmt_value


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (-0.04, "%", "0.0%"),
        (-1.25, "%", "-1.2%"),
        (1234.0, "count", "1,234"),
        (12345.67, "per 10k", "12,345.7"),
        (1234.0, "working days", "1,234 working days"),
    ],
)
def test_values_read_as_a_person_writes_them(value, unit, shown):
    assert fmt_value(value, unit) == shown


def test_a_figure_on_too_few_cases_is_shown_but_not_rated(make_user):
    viewer = viewer_for(make_user(Role.PERFORMANCE_ANALYST))
    definition = perf.definition("assessments_45wd")
    result = perf.value("assessments_45wd", perf.default_period("rolling_12"))
    few = replace(result, value=33.3, numerator=1.0, denominator=3.0, rag="red")
    shown = figure(definition, few, viewer)
    assert shown["display"] == "33.3%" and shown["rag_label"] == "Too few to rate"
    enough = figure(definition, replace(few, numerator=2.0, denominator=6.0), viewer)
    assert enough["rag_label"] == "Outside tolerance"
    assert shown["target_text"] == "Target 85.0%, amber down to 80.0%"

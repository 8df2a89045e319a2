"""Small multiples on the dashboard: round ticks, target and England drawn, no red line, suppressed
months marked, one measure per chart."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sightline.web.small_multiples import nice_ticks, small_multiple


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 87.3, [0, 25, 50, 75, 100]), (0, 7, [0, 2, 4, 6, 8]), (0, 1234, [0, 500, 1000, 1500])],
)
def test_ticks_are_round_and_cover_the_values(low, high, expected):
    assert nice_ticks(low, high) == expected


def test_a_chart_draws_the_target_england_and_marks_suppressed_months():
    months = [date(2025, m, 1) for m in range(1, 7)]
    values = [80.0, 82.5, None, 84.0, 86.0, 88.0]
    hidden = [False, False, True, False, False, False]
    svg = small_multiple(
        months, values, title="Assessments in time", unit="%", target=85.0, england=82.0, suppressed=hidden
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert ">Target<" in svg and ">England<" in svg and ">s<" in svg
    assert ">Jan 2025<" in svg and ">Jun 2025<" in svg
    assert "#d4351c" not in svg.lower()  # GOV.UK red: never the colour of a line
    assert svg.count("<polyline") == 2  # broken at the month with no figure
    ticks = re.findall(r'text-anchor="end" font-size="11">([^<]+)<', svg)
    assert ticks[:5] == ["0%", "25%", "50%", "75%", "100%"]

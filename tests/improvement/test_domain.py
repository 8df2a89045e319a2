"""The improvement rules in plain Python: RAG, before and after windows, dispute timescales."""

from datetime import date

import pytest

from sightline.domain.calendar import default_calendar
from sightline.domain.dates import month_label
from sightline.improvement import domain

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("status", "due", "completed", "expected"),
    [
        ("in_progress", date(2026, 3, 30), None, "red"),
        ("not_started", date(2026, 3, 31), None, "amber"),  # due today is not yet overdue
        ("in_progress", date(2026, 4, 28), None, "amber"),  # within four weeks
        ("in_progress", date(2026, 4, 29), None, "green"),
        ("complete", date(2025, 1, 1), date(2025, 2, 1), "done"),
        ("withdrawn", date(2025, 1, 1), None, None),
    ],
)
def test_rag(status, due, completed, expected):
    assert domain.action_rag(status, due, completed, TODAY) == expected


def test_overdue_and_closed_late():
    assert domain.is_overdue("in_progress", date(2026, 3, 1), TODAY)
    assert not domain.is_overdue("complete", date(2026, 3, 1), TODAY)
    assert domain.closed_late("complete", date(2026, 1, 31), date(2026, 2, 1))
    assert not domain.closed_late("complete", date(2026, 1, 31), date(2026, 1, 31))


def test_windows_are_whole_months_either_side_of_the_months_of_change():
    found = domain.impact_windows(date(2025, 5, 10), date(2025, 8, 20), TODAY)
    assert (found.before.start, found.before.end) == (date(2025, 2, 1), date(2025, 4, 30))
    assert (found.after.start, found.after.end) == (date(2025, 9, 1), date(2025, 11, 30))
    assert found.after_complete
    assert found.before.label == f"{month_label(date(2025, 2, 1))} to {month_label(date(2025, 4, 1))}"
    longer = domain.impact_windows(date(2025, 1, 31), date(2025, 12, 1), TODAY, 6, 2)
    assert (longer.before.start, longer.before.end) == (date(2024, 7, 1), date(2024, 12, 31))
    assert (longer.after.start, longer.after.end) == (date(2026, 1, 1), date(2026, 2, 28))


def test_an_open_action_or_one_closed_lately_has_no_after_value_yet():
    assert domain.impact_windows(date(2025, 5, 10), None, TODAY).after is None
    late = domain.impact_windows(date(2025, 5, 10), date(2026, 2, 3), TODAY)
    assert late.after.end == date(2026, 5, 31) and not late.after_complete
    with pytest.raises(ValueError, match="at least one month"):
        domain.impact_windows(date(2025, 5, 10), None, TODAY, 0, 3)


@pytest.mark.parametrize(
    ("before", "after", "polarity", "expected"),
    [
        (60.0, 70.0, "higher", "better"),
        (60.0, 70.0, "lower", "worse"),
        (5.0, 5.0, "higher", "same"),
        (None, 5.0, "higher", None),
        (5.0, 6.0, None, None),
    ],
)
def test_change_direction_follows_polarity(before, after, polarity, expected):
    assert domain.change_direction(before, after, polarity) == expected


def test_dispute_timescale_in_working_days():
    calendar = default_calendar()
    due = domain.dispute_due(date(2026, 3, 2), 5, calendar)  # a Monday with no holiday that week
    assert due == date(2026, 3, 9)
    assert domain.dispute_within_timescale(date(2026, 3, 9), due, TODAY) is True
    assert domain.dispute_within_timescale(date(2026, 3, 10), due, TODAY) is False
    assert domain.dispute_within_timescale(None, due, date(2026, 3, 10)) is False
    assert domain.dispute_within_timescale(None, due, date(2026, 3, 9)) is None

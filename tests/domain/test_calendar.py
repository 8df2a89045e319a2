from datetime import date, timedelta

import pytest

from sightline.domain.calendar import WorkingDayCalendar, default_calendar


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return default_calendar()


@pytest.mark.parametrize(
    ("day", "name_fragment"),
    [
        (date(2024, 12, 25), "Christmas"),
        (date(2024, 12, 26), "Boxing"),
        (date(2025, 4, 18), "Good Friday"),
        (date(2025, 4, 21), "Easter Monday"),
        (date(2023, 5, 8), "Coronation"),  # one-off bank holiday for the coronation of Charles III
        (date(2022, 9, 19), "Funeral"),  # state funeral of Elizabeth II
        (date(2021, 12, 28), "Boxing"),  # Boxing Day substitute when 26 Dec fell on a Sunday
    ],
)
def test_england_bank_holidays_are_not_working_days(cal, day, name_fragment):
    assert not cal.is_working_day(day)
    assert name_fragment.lower() in (cal.holiday_name(day) or "").lower()


def test_scottish_only_holiday_is_a_working_day_in_england(cal):
    # 2 January is a bank holiday in Scotland only.
    assert cal.is_working_day(date(2025, 1, 2))


def test_weekends_are_not_working_days(cal):
    assert not cal.is_working_day(date(2025, 3, 1))  # Saturday
    assert not cal.is_working_day(date(2025, 3, 2))  # Sunday
    assert cal.is_working_day(date(2025, 3, 3))


def test_counting_across_christmas(cal):
    # Tue 24 Dec 2024 -> Fri 27 Dec 2024: only the 27th is a working day.
    assert cal.working_days_between(date(2024, 12, 24), date(2024, 12, 27)) == 1
    assert cal.working_days_between(date(2024, 12, 27), date(2024, 12, 24)) == -1
    assert cal.working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0


def test_45_working_days_matches_a_brute_force_count(cal):
    start = date(2024, 11, 1)
    due = cal.add_working_days(start, 45)
    count, day = 0, start
    while count < 45:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in cal.bank_holidays:
            count += 1
    assert due == day
    assert cal.working_days_between(start, due) == 45


def test_add_working_days_from_a_weekend_and_backwards(cal):
    assert cal.add_working_days(date(2024, 12, 28), 1) == date(2024, 12, 30)
    assert cal.add_working_days(date(2024, 12, 28), -1) == date(2024, 12, 27)
    assert cal.add_working_days(date(2024, 12, 27), -1) == date(2024, 12, 24)
    assert cal.add_working_days(date(2024, 12, 25), 0) == date(2024, 12, 27)


def test_council_closure_days_are_respected():
    cal = WorkingDayCalendar([date(2024, 12, 24)], first_year=2024, last_year=2025)
    assert not cal.is_working_day(date(2024, 12, 24))
    assert cal.working_days_between(date(2024, 12, 23), date(2024, 12, 27)) == 1


def test_dates_outside_the_calendar_are_refused_with_a_clear_message(cal):
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        cal.working_days_between(date(1980, 1, 1), date(2024, 1, 1))

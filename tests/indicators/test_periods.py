from datetime import date

import pytest

from sightline.domain.dates import long_date, month_label
from sightline.indicators.periods import Period, add_months, month_starts


def test_month_quarter_financial_year_and_rolling_twelve_months():
    assert Period.month(date(2024, 2, 10)) == Period("month", date(2024, 2, 1), date(2024, 2, 29))
    assert Period.quarter(date(2025, 11, 5)) == Period("quarter", date(2025, 10, 1), date(2025, 12, 31))
    assert Period.year(date(2026, 3, 31)) == Period("year", date(2025, 4, 1), date(2026, 3, 31))
    assert Period.year(date(2026, 4, 1)).start == date(2026, 4, 1)
    assert Period.rolling_12(date(2026, 3, 15)) == Period("rolling_12", date(2025, 4, 1), date(2026, 3, 31))
    assert Period.as_at(date(2026, 3, 31)).start == Period.as_at(date(2026, 3, 31)).end


def test_parse_reads_each_form_and_names_the_bad_one():
    ref = date(2026, 3, 31)
    assert Period.parse("2025-03", ref) == Period.month(date(2025, 3, 1))
    assert Period.parse("2024-25", ref) == Period.year(date(2024, 4, 1))
    assert Period.parse("2025-q4", ref) == Period.quarter(date(2025, 10, 1))
    assert Period.parse("rolling", ref) == Period.rolling_12(ref)
    assert Period.parse("rolling:2025-06", ref).end == date(2025, 6, 30)
    assert Period.parse("as-at:2025-12-31", ref) == Period.as_at(date(2025, 12, 31))
    assert Period.parse("month", ref) == Period.month(ref)
    with pytest.raises(ValueError, match="'2025-13'"):
        Period.parse("2025-13", ref)
    with pytest.raises(ValueError, match="cannot end"):
        Period("custom", date(2026, 1, 2), date(2026, 1, 1))


def test_add_months_clips_to_the_month_end_and_month_starts_count_back():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -13) == date(2025, 2, 28)
    starts = month_starts(date(2026, 3, 31), 24)
    assert len(starts) == 24 and starts[0] == date(2024, 4, 1) and starts[-1] == date(2026, 3, 1)


def test_shifted_years_and_labels():
    year = Period.year(date(2025, 5, 1))
    assert year.label == "2025-26"
    assert year.shifted_years(-1) == Period("year", date(2024, 4, 1), date(2025, 3, 31))
    assert Period.month(date(2026, 3, 1)).label == month_label(date(2026, 3, 1))
    assert Period.rolling_12(date(2026, 3, 31)).label == f"12 months to {month_label(date(2026, 3, 1))}"
    assert Period.as_at(date(2026, 3, 31)).label == f"at {long_date(date(2026, 3, 31))}"


def test_previous_is_the_period_of_the_same_kind_just_before():
    assert Period.month(date(2026, 3, 1)).previous() == Period.month(date(2026, 2, 1))
    assert Period.month(date(2026, 1, 1)).previous() == Period.month(date(2025, 12, 1))
    assert Period.quarter(date(2026, 2, 1)).previous() == Period(
        "quarter", date(2025, 10, 1), date(2025, 12, 31)
    )
    assert Period.year(date(2026, 3, 31)).previous() == Period("year", date(2024, 4, 1), date(2025, 3, 31))
    assert Period.rolling_12(date(2026, 3, 31)).previous() == Period(
        "rolling_12", date(2024, 4, 1), date(2025, 3, 31)
    )
    assert Period.as_at(date(2026, 3, 31)).previous() == Period.as_at(date(2026, 2, 28))
    assert Period.as_at(date(2026, 2, 28)).previous() == Period.as_at(date(2026, 1, 31))
    assert Period.as_at(date(2026, 3, 15)).previous() == Period.as_at(date(2026, 2, 15))
    assert Period("custom", date(2026, 3, 1), date(2026, 3, 10)).previous() == Period(
        "custom", date(2026, 2, 19), date(2026, 2, 28)
    )

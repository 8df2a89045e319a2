"""The shared date helpers, checked against calendar facts (not against another copy of the arithmetic)."""

import re
from datetime import date, datetime, timedelta

import pytest

from sightline.domain import dates


def test_add_months_clips_to_the_month_end():
    assert dates.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert dates.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert dates.add_months(date(2026, 3, 31), -13) == date(2025, 2, 28)
    assert dates.add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert dates.month_end(date(2024, 2, 3)) == date(2024, 2, 29)
    assert dates.month_start(date(2024, 2, 3)) == date(2024, 2, 1)


def test_window_start_is_the_day_after_the_same_day_months_earlier():
    assert dates.window_start(date(2026, 3, 31), 6) == date(2025, 10, 1)
    assert dates.window_start(date(2026, 3, 31), 12) == date(2025, 4, 1)
    assert dates.window_start(date(2025, 9, 30), 6) == date(2025, 3, 31)
    assert dates.window_start(date(2024, 2, 29), 12) == date(2023, 3, 1)


def test_window_start_covers_exactly_the_months_for_every_day_of_a_leap_year():
    day = date(2024, 1, 1)
    while day.year == 2024:
        start = dates.window_start(day, 12)
        assert start - timedelta(days=1) == dates.add_months(day, -12)
        assert 365 <= (day - start).days + 1 <= 366
        day += timedelta(days=1)


def test_age_turns_on_the_birthday_and_a_leap_day_birthday_on_1_march():
    assert dates.age_on(date(2010, 6, 15), date(2026, 6, 14)) == 15
    assert dates.age_on(date(2010, 6, 15), date(2026, 6, 15)) == 16
    assert dates.age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert dates.age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_collection_years_run_april_to_march_named_by_their_end():
    assert dates.collection_year(date(2025, 4, 1)) == 2026
    assert dates.collection_year(date(2026, 3, 31)) == 2026
    assert dates.collection_year(date(2026, 4, 1)) == 2027
    assert dates.collection_year_bounds(2026) == (date(2025, 4, 1), date(2026, 3, 31))
    assert dates.latest_collection_year(date(2026, 3, 31)) == 2026
    assert dates.latest_collection_year(date(2026, 3, 30)) == 2025
    assert dates.latest_collection_year(date(2026, 12, 1)) == 2026


def test_parse_date_reads_iso_and_english_dates_and_names_the_bad_one():
    assert dates.parse_date("2026-03-31") == date(2026, 3, 31)
    assert dates.parse_date(" 31/03/2026 ") == date(2026, 3, 31)
    for bad in ["31/13/2026", "2026-02-30", "next week", ""]:
        with pytest.raises(ValueError, match="is not a date"):
            dates.parse_date(bad)


def test_dates_are_shown_in_full_the_gov_uk_way():
    assert dates.long_date(date(2026, 3, 1)) == "1 March 2026"
    assert dates.long_date(date(2025, 9, 30)) == "30 September 2025"
    assert dates.month_label(date(2026, 3, 31)) == "March 2026"
    # The one abbreviation: a chart's month ticks.
    assert dates.axis_month(date(2026, 3, 31)) == "Mar 2026"


@pytest.mark.parametrize(
    ("hour", "minute", "second", "shown", "with_seconds"),
    [
        (14, 5, 7, "31 March 2026 at 2:05pm", "31 March 2026 at 2:05:07pm"),
        (9, 0, 0, "31 March 2026 at 9am", "31 March 2026 at 9:00:00am"),
        (12, 0, 0, "31 March 2026 at midday", "31 March 2026 at 12:00:00pm"),
        (0, 0, 0, "31 March 2026 at midnight", "31 March 2026 at 12:00:00am"),
        (0, 30, 0, "31 March 2026 at 12:30am", "31 March 2026 at 12:30:00am"),
        (23, 59, 59, "31 March 2026 at 11:59pm", "31 March 2026 at 11:59:59pm"),
    ],
)
def test_moments_are_shown_with_the_time_as_gov_uk_writes_it(hour, minute, second, shown, with_seconds):
    moment = datetime(2026, 3, 31, hour, minute, second)
    assert dates.long_datetime(moment) == shown
    assert dates.long_datetime(moment, seconds=True) == with_seconds


def test_no_page_or_module_abbreviates_a_month_but_the_chart_helper():
    """Dates read "31 March 2026" everywhere (domain.dates.long_date and its template filters);
    the one abbreviation is `axis_month`, for chart ticks and tables whose columns are months. A
    template's `|date:"j M Y"` (or "M", "b", "N") or a module's `%b` spells a month another way."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "sightline"
    allowed = {root / "domain" / "dates.py"}
    template = re.compile(r"""(\|date:|{%\s*now\s+)["'][^"']*[MbN][^"']*["']""")
    module = re.compile(r"%[-#]?[bh]\b")
    spelt = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*"))
        if path.suffix in {".py", ".html", ".txt"} and path not in allowed
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if (template if path.suffix != ".py" else module).search(line)
    ]
    assert not spelt, spelt

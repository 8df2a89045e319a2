"""Date helpers shared by the returns, the indicators, the generator and the commands.

One copy of each piece of date arithmetic the service lives by: months (clipped to the month's
end, as "a month later" means to a person), ages in whole years, the collection year (1 April
to 31 March, named by the year it ends in: 2026 is 2025-26, as the DfE names its returns), and
the one reader of a date typed by a person, used by the commands and the web pages alike.
Working days and bank holidays are in `calendar.py`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

# What a person may type for a date: ISO (as the pages' date fields send it) or as written in
# England.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), clipped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    first = date(year, month + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def window_start(end: date, months: int) -> date:
    """The first day of the `months`-month window ending on `end` (the day after the same day
    `months` earlier): the six months to 31 March start on 1 October."""
    return add_months(end, -months) + timedelta(days=1)


def age_on(dob: date, day: date) -> int:
    """Age in whole years on `day` (a birthday on 29 February falls on 1 March in other years)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def collection_year(day: date) -> int:
    """The collection year containing `day`: 2026 for any day from 1 April 2025 to 31 March 2026."""
    return day.year + 1 if day.month >= 4 else day.year


def collection_year_bounds(year: int) -> tuple[date, date]:
    """Collection year 2026 is 1 April 2025 to 31 March 2026."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def latest_collection_year(on: date) -> int:
    """The last collection year (1 April to 31 March) that has ended by `on`."""
    return on.year if on >= date(on.year, 3, 31) else on.year - 1


def parse_date(text: str) -> date:
    """A date typed by a person (`DATE_FORMATS`); ValueError with a message a person can act on."""
    cleaned = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{cleaned!r} is not a date ({DATE_HINT})")


# Dates as the service shows them, GOV.UK style: "31 March 2026", "31 March 2026 at 2:05pm".
# Every page, table, export heading and message uses these; tables show full months too (their
# container scrolls at 375 px, and "30 September 2026" is only six characters longer than the
# abbreviation). The one abbreviation is `axis_month`, for a chart's month ticks, where 24
# labels share the width of a laptop screen.


def long_date(day: date) -> str:
    """A date in full: 31 March 2026 (no leading zero, the month spelt out)."""
    return f"{day.day} {day:%B %Y}"


def clock_time(moment: datetime, seconds: bool = False) -> str:
    """A time of day as GOV.UK writes it: 9am, 2:05pm, midday, midnight (with seconds when a
    log needs them: 2:05:07pm)."""
    hour, minute, second = moment.hour, moment.minute, moment.second
    suffix = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    if seconds:
        return f"{twelve}:{minute:02d}:{second:02d}{suffix}"
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "midday"
    return f"{twelve}{suffix}" if minute == 0 else f"{twelve}:{minute:02d}{suffix}"


def long_datetime(moment: datetime, seconds: bool = False) -> str:
    """A moment in full: 31 March 2026 at 2:05pm (give it in local time; see web's filter)."""
    return f"{long_date(moment)} at {clock_time(moment, seconds)}"


def month_label(day: date) -> str:
    """A month in full, as periods and headings name it: March 2026."""
    return f"{day:%B %Y}"


def axis_month(day: date) -> str:
    """A month on a chart's axis, the one place a month is abbreviated: Mar 2026."""
    return f"{day:%b %Y}"

"""Working days in England and Wales.

Statutory timescales count working days (Working Together 2023; the DfE CIN statistics),
so every timescale in Sightline goes through one calendar: Monday to Friday, less the
England and Wales bank holidays (the `holidays` package, subdivision ENG), plus any extra
closure days a council adds. The calendar pre-computes a cumulative working-day count per
date, so counting working days between two dates is two array look-ups, which is what lets
the indicator engine do it for a whole column at once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

FIRST_YEAR = 1990
LAST_YEAR = 2045


class WorkingDayCalendar:
    """Working days between FIRST_YEAR and LAST_YEAR inclusive."""

    def __init__(
        self,
        extra_closures: Iterable[date] = (),
        *,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        self.start = date(first_year, 1, 1)
        self.end = date(last_year, 12, 31)
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.bank_holidays: frozenset[date] = frozenset(bank) | frozenset(extra_closures)
        self._names = dict(bank)
        days = (self.end - self.start).days + 1
        cumulative = [0] * days
        working: list[date] = []
        count = 0
        for offset in range(days):
            day = self.start + timedelta(days=offset)
            if day.weekday() < 5 and day not in self.bank_holidays:
                count += 1
                working.append(day)
            cumulative[offset] = count
        self._cumulative = cumulative
        self._working = working

    def _offset(self, day: date) -> int:
        if not self.start <= day <= self.end:
            raise ValueError(
                f"{day.isoformat()} is outside the working-day calendar "
                f"({self.start.isoformat()} to {self.end.isoformat()})"
            )
        return (day - self.start).days

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays

    def holiday_name(self, day: date) -> str | None:
        return self._names.get(day)

    def cumulative(self, day: date) -> int:
        """Working days from the calendar's start up to and including `day`."""
        return self._cumulative[self._offset(day)]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if end is earlier).

        This is the DfE counting convention: an assessment started and authorised on the same
        day took 0 working days; one authorised on the next working day took 1.
        """
        return self.cumulative(end) - self.cumulative(start)

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (before it if negative).

        Adding 0 to a weekend or holiday rolls forward to the next working day, so that a
        due date always falls on a working day.
        """
        index = self.cumulative(start)
        if days == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        target = index + days
        if days < 0 and not self.is_working_day(start):
            # The count up to a non-working day already stops at the working day before it.
            target += 1
        if not 1 <= target <= len(self._working):
            raise ValueError(f"{days} working days from {start.isoformat()} leaves the calendar")
        return self._working[target - 1]

    def next_working_day(self, day: date) -> date:
        index = bisect_left(self._working, day + timedelta(days=1))
        return self._working[index]

    def cumulative_table(self) -> tuple[date, list[int]]:
        """(first date, cumulative counts) for vectorised use by the indicator engine."""
        return self.start, list(self._cumulative)


@lru_cache(maxsize=8)
def default_calendar(extra_closures: tuple[date, ...] = ()) -> WorkingDayCalendar:
    """The shared calendar; cached because building it walks ~20,000 days."""
    return WorkingDayCalendar(extra_closures)

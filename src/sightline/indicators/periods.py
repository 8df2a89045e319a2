"""Reporting periods: a month, a quarter, a financial year, a rolling 12 months or a single date.

Every period is an inclusive date range; flow indicators count events dated inside it and
stock indicators ("as at") are measured on its last day. Financial years run April to March,
as the national returns do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sightline.domain.dates import (
    add_months,
    collection_year,
    collection_year_bounds,
    long_date,
    month_end,
    month_label,
    month_start,
)

__all__ = ["Period", "add_months", "month_end", "month_start", "month_starts"]


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates with a kind and a label for display."""

    kind: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"A period cannot end ({self.end}) before it starts ({self.start}).")

    @classmethod
    def month(cls, day: date) -> Period:
        return cls("month", month_start(day), month_end(day))

    @classmethod
    def quarter(cls, day: date) -> Period:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        return cls("quarter", start, month_end(add_months(start, 2)))

    @classmethod
    def year(cls, day: date) -> Period:
        """The financial year (April to March) containing `day`."""
        return cls("year", *collection_year_bounds(collection_year(day)))

    @classmethod
    def rolling_12(cls, end: date) -> Period:
        """The 12 whole months ending with the month that contains `end`."""
        last = month_end(end)
        return cls("rolling_12", month_start(add_months(last, -11)), last)

    @classmethod
    def as_at(cls, day: date) -> Period:
        return cls("as_at", day, day)

    @classmethod
    def parse(cls, text: str, reference: date) -> Period:
        """Read a period from text: `2025-03` (month), `2025-Q1`, `2024-25` (financial year: the second
        number is the next year's last two digits),
        `rolling` or `rolling:2025-03`, `as-at` or `as-at:2025-03-31`, `month` (the reference
        month), `year` (the reference financial year)."""
        text = text.strip().lower()
        try:
            if text in ("month", ""):
                return cls.month(reference)
            if text == "year":
                return cls.year(reference)
            if text == "quarter":
                return cls.quarter(reference)
            if text.startswith("rolling"):
                _, _, rest = text.partition(":")
                return cls.rolling_12(_month_or_day(rest) if rest else reference)
            if text.startswith(("as-at", "as_at")):
                _, _, rest = text.partition(":")
                return cls.as_at(date.fromisoformat(rest) if rest else reference)
            if m := re.fullmatch(r"(\d{4})-q([1-4])", text):
                return cls.quarter(date(int(m[1]), int(m[2]) * 3 - 2, 1))
            if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
                if int(m[2]) == (int(m[1]) + 1) % 100:
                    return cls.year(date(int(m[1]), 4, 1))
                return cls.month(date(int(m[1]), int(m[2]), 1))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return cls.as_at(date.fromisoformat(text))
        except ValueError as error:
            raise ValueError(f"Cannot read the period {text!r}: {error}") from None
        raise ValueError(
            f"Cannot read the period {text!r}: use YYYY-MM, YYYY-Qn, YYYY-YY (financial year), "
            "rolling[:YYYY-MM], as-at[:YYYY-MM-DD], month or year."
        )

    @property
    def label(self) -> str:
        if self.kind == "month":
            return month_label(self.start)
        if self.kind == "quarter":
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}-{str(self.end.year)[2:]}"
        if self.kind == "rolling_12":
            return f"12 months to {month_label(self.end)}"
        if self.kind == "as_at":
            return f"at {long_date(self.end)}"
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        out, day = [], month_start(self.start)
        while day <= self.end:
            out.append(day)
            day = add_months(day, 1)
        return out

    def previous(self) -> Period:
        """The period of the same kind just before this one, for direction of travel: the month,
        quarter or financial year before, the 12 months before a rolling year, and a month
        earlier for a single date (the month's end for a month's end)."""
        if self.kind == "month":
            return Period.month(add_months(self.start, -1))
        if self.kind == "quarter":
            return Period.quarter(add_months(self.start, -3))
        if self.kind == "year":
            return Period.year(add_months(self.start, -12))
        if self.kind == "rolling_12":
            return Period.rolling_12(add_months(self.end, -12))
        if self.kind == "as_at":
            earlier = add_months(self.end, -1)
            return Period.as_at(month_end(earlier) if self.end == month_end(self.end) else earlier)
        length = self.end - self.start
        return Period(self.kind, self.start - length - timedelta(days=1), self.start - timedelta(days=1))

    def shifted_years(self, years: int) -> Period:
        return Period(self.kind, add_months(self.start, 12 * years), add_months(self.end, 12 * years))

    def __str__(self) -> str:
        return self.label


def _month_or_day(text: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return month_end(date.fromisoformat(text + "-01"))
    return date.fromisoformat(text)


def month_starts(end: date, months: int) -> list[date]:
    """The first days of the `months` months ending with the month containing `end`."""
    last = month_start(end)
    return [add_months(last, -i) for i in range(months - 1, -1, -1)]

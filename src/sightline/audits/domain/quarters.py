"""Quarters as the audit programme runs them: calendar quarters keyed "2025-Q4" (October to
December 2025), each with its financial-year name ("Q3 2025-26") as council papers write it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4, calendar

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", text or "")
        if not match:
            raise ValueError(f"{text!r} is not a quarter (write it as 2025-Q4)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    @property
    def label(self) -> str:
        return f"{MONTHS[self.start.month - 1]} to {MONTHS[self.end.month - 1]} {self.year}"

    @property
    def financial_label(self) -> str:
        fy = self.year if self.number > 1 else self.year - 1
        return f"Q{(self.number + 2) % 4 + 1} {fy}-{(fy + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.key


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = current.next()
    return out

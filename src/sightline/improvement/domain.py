"""Improvement and learning rules in plain Python (no Django): RAG, before/after windows, timescales.

The web, the reports and the generator all ask these functions, so an action is red, or an
escalation late, by one definition everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sightline.domain.calendar import WorkingDayCalendar
from sightline.domain.dates import add_months, month_end, month_label, month_start

# Action status codes (the model's choices use the same).
NOT_STARTED, IN_PROGRESS, COMPLETE, WITHDRAWN = "not_started", "in_progress", "complete", "withdrawn"
OPEN_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS})
# An open action due within this many days is amber: due soon, a board will ask about it.
DUE_SOON_DAYS = 28

RAG_LABELS = {
    "red": "Red: overdue",
    "amber": "Amber: due soon",
    "green": "Green: on track",
    "done": "Complete",
}


def action_rag(status: str, due: date, completed_on: date | None, today: date) -> str | None:
    """Red when open past its due date; amber when due within four weeks; green otherwise;
    "done" once complete (whether it closed late is `closed_late`); None when withdrawn."""
    if status == WITHDRAWN:
        return None
    if status == COMPLETE:
        return "done"
    if due < today:
        return "red"
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return "amber"
    return "green"


def is_overdue(status: str, due: date, today: date) -> bool:
    return status in OPEN_STATUSES and due < today


def closed_late(status: str, due: date, completed_on: date | None) -> bool:
    return status == COMPLETE and completed_on is not None and completed_on > due


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    @property
    def label(self) -> str:
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return month_label(self.start)
        return f"{month_label(self.start)} to {month_label(self.end)}"


@dataclass(frozen=True)
class ImpactWindows:
    """The months an action's measure is compared over: before it started and after it closed."""

    before: Window
    after: Window | None  # None while the action is open
    after_complete: bool  # False while the after window runs past the data


def impact_windows(
    started: date, closed: date | None, data_end: date, months_before: int = 3, months_after: int = 3
) -> ImpactWindows:
    """Whole calendar months: the `months_before` months before the month the action started,
    and the `months_after` months after the month it closed (the month of the change itself
    belongs to neither, as work in it is part done)."""
    if months_before < 1 or months_after < 1:
        raise ValueError("The before and after windows are at least one month each.")
    first = month_start(started)
    before = Window(add_months(first, -months_before), first - timedelta(days=1))
    if closed is None:
        return ImpactWindows(before, None, False)
    after_start = add_months(month_start(closed), 1)
    after = Window(after_start, month_end(add_months(after_start, months_after - 1)))
    return ImpactWindows(before, after, after.end <= data_end)


def change_direction(before: float | None, after: float | None, polarity: str | None) -> str | None:
    """ "better", "worse" or "same" by the measure's polarity; None if either value is missing
    or the measure has no better direction."""
    if before is None or after is None or polarity is None:
        return None
    if after == before:
        return "same"
    higher = after > before
    return "better" if higher == (polarity == "higher") else "worse"


# ----- IRO dispute resolution -----------------------------------------------------------------
# Stages of the local dispute resolution protocol: the IRO raises the issue with the team
# manager first, then the service manager, the head of service, and the director.
DISPUTE_STAGES = {
    1: "Stage 1: team manager",
    2: "Stage 2: service manager",
    3: "Stage 3: head of service",
    4: "Stage 4: director",
}


def dispute_due(raised_on: date, working_days: int, calendar: WorkingDayCalendar) -> date:
    """The day a response is due: the local timescale in working days from the day raised."""
    return calendar.add_working_days(raised_on, working_days)


def dispute_within_timescale(resolved_on: date | None, due: date, today: date) -> bool | None:
    """True if resolved by the due day, False if resolved later or still open past it,
    None while open and not yet due."""
    if resolved_on is not None:
        return resolved_on <= due
    return False if today > due else None

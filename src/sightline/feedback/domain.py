"""Feedback rules in plain Python (no Django): complaint stages, their timescales, quarters, redaction.

The Children Act 1989 representations procedure has three stages, each with a timescale in
working days from the day the complaint (or the request for the next stage) was received. The
days are council settings (`indicators.standards.LocalStandards`, the regulations' defaults);
the forms, the import, the generator, the indicators and the reports all ask these functions,
so a complaint is overdue by one definition everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sightline.domain.calendar import WorkingDayCalendar

STAGES = {
    1: "Stage 1: local resolution",
    2: "Stage 2: investigation",
    3: "Stage 3: review panel",
}
OUTCOMES = {
    "upheld": "Upheld",
    "partly": "Partly upheld",
    "not_upheld": "Not upheld",
    "withdrawn": "Withdrawn",
}
REDACTED = "[name removed]"
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}


@dataclass(frozen=True)
class Timescales:
    """Working days allowed at each stage, as the council has set them."""

    stage1: int = 10
    stage1_extended: int = 20
    stage2: int = 25
    stage2_extended: int = 65
    stage3: int = 30

    @classmethod
    def from_standards(cls, standards) -> Timescales:
        """From `LocalStandards` (duck-typed, so this module needs nothing of the engine)."""
        return cls(
            stage1=standards.complaint_stage1_working_days,
            stage1_extended=standards.complaint_stage1_extended_working_days,
            stage2=standards.complaint_stage2_working_days,
            stage2_extended=standards.complaint_stage2_extended_working_days,
            stage3=standards.complaint_stage3_working_days,
        )

    def working_days(self, stage: int, extended: bool = False) -> int:
        """The days allowed; stage 3 (the panel) has no extension in the regulations."""
        if stage not in STAGES:
            raise ValueError(f"There is no complaints stage {stage}; the stages are 1, 2 and 3.")
        if stage == 3:
            return self.stage3
        key = f"stage{stage}_extended" if extended else f"stage{stage}"
        return getattr(self, key)


def due_date(
    received: date, stage: int, extended: bool, timescales: Timescales, calendar: WorkingDayCalendar
) -> date:
    """The last day of the timescale: the set number of working days after the day received
    (a complaint received on a Saturday starts counting on Monday; bank holidays do not count)."""
    return calendar.add_working_days(received, timescales.working_days(stage, extended))


def within_timescale(responded_on: date | None, due: date, today: date) -> bool | None:
    """True if responded by the due day, False if later or still open past it, None while
    open and not yet due."""
    if responded_on is not None:
        return responded_on <= due
    return False if today > due else None


def is_overdue(responded_on: date | None, due: date, today: date) -> bool:
    return responded_on is None and today > due


def working_days_taken(received: date, responded_on: date, calendar: WorkingDayCalendar) -> int:
    return calendar.working_days_between(received, responded_on)


def financial_quarter(day: date) -> tuple[int, int]:
    """(financial year it starts in, quarter 1-4): April to June is Q1."""
    year = day.year if day.month >= 4 else day.year - 1
    return year, (day.month - 4) % 12 // 3 + 1


def quarter_label(day: date) -> str:
    """As councils write it: "Q1 2025-26"."""
    year, quarter = financial_quarter(day)
    return f"Q{quarter} {year}-{(year + 1) % 100:02d}"


def _name_parts(names: Iterable[str]) -> list[str]:
    parts = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        parts.add(name)
        parts.update(
            p for p in re.split(r"[\s,]+", name) if len(p) > 1 and p.lower().strip(".") not in TITLES
        )
    # Longest first, so "Jo Bloggs" goes before "Jo" and nothing is left half removed.
    return sorted(parts, key=len, reverse=True)


def redact(text: str, names: Iterable[str]) -> str:
    """`text` with every given name, whole or in parts (first or last name alone), replaced by
    REDACTED; whole words only and regardless of case, so "Joanna" is not touched by "Jo"."""
    result = text or ""
    for part in _name_parts(names):
        result = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", REDACTED, result, flags=re.IGNORECASE)
    return result


def complaint_problems(values: dict, today: date) -> list[tuple[str, str]]:
    """(field, message) for each rule a complaint's values break; the form and the import both
    ask, so a bad row is refused the same way wherever it comes from."""
    received, responded = values.get("received_on"), values.get("responded_on")
    problems = [
        (name, f"The {label} date cannot be in the future.")
        for name, label in (
            ("received_on", "received"),
            ("acknowledged_on", "acknowledged"),
            ("responded_on", "response"),
            ("escalated_on", "next stage"),
        )
        if values.get(name) and values[name] > today
    ]
    if received:
        problems += [
            (name, f"The {label} date cannot be before the complaint was received.")
            for name, label in (
                ("acknowledged_on", "acknowledged"),
                ("responded_on", "response"),
                ("escalated_on", "next stage"),
            )
            if values.get(name) and values[name] < received
        ]
    if responded and not values.get("outcome"):
        problems.append(("outcome", "Give the outcome of a complaint that has had its response."))
    if values.get("outcome") and not responded:
        problems.append(("responded_on", "Give the date of the response the outcome came with."))
    stage = values.get("stage")
    if stage == 3 and values.get("extended"):
        problems.append(("extended", "The stage 3 panel's timescale cannot be extended."))
    if stage == 3 and values.get("escalated_on"):
        problems.append(
            ("escalated_on", "Stage 3 is the last stage: after it the Ombudsman is the next step.")
        )
    if values.get("ombudsman_decision") and not values.get("ombudsman_referred_on"):
        problems.append(("ombudsman_referred_on", "Give the date the complaint went to the Ombudsman."))
    return problems

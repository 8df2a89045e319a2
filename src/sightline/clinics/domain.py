"""The clinic cycle's rules in plain Python: the levels in order, the workflow, the schedule."""

from __future__ import annotations

from datetime import date, timedelta

LEVELS = ("team", "service", "head_of_service", "smt", "chief_executive")
LEVEL_LABELS = {
    "team": "Team clinic",
    "service": "Service clinic",
    "head_of_service": "Heads of service clinic",
    "smt": "Senior management team clinic",
    "chief_executive": "Chief executive's clinic",
}
COUNCIL_LEVELS = ("head_of_service", "smt", "chief_executive")
# What each clinic sees summarised from the one below it.
BELOW = {"service": "team", "head_of_service": "service", "smt": "head_of_service", "chief_executive": "smt"}

DRAFT, SUBMITTED, REVIEWED, SIGNED_OFF = "draft", "submitted", "reviewed", "signed_off"
STATUSES = (DRAFT, SUBMITTED, REVIEWED, SIGNED_OFF)
STATUS_LABELS = {DRAFT: "Draft", SUBMITTED: "Submitted", REVIEWED: "Reviewed", SIGNED_OFF: "Signed off"}
# action -> (from, to)
TRANSITIONS = {
    "submit": (DRAFT, SUBMITTED),
    "review": (SUBMITTED, REVIEWED),
    "sign_off": (REVIEWED, SIGNED_OFF),
    "return": (None, DRAFT),  # from submitted or reviewed
}
DONE = {"submit": "submitted", "review": "reviewed", "sign_off": "signed off", "return": "returned to draft"}
# Days into the following month each level meets: the team's data first, the council's last.
MEETS_DAY = {"team": 7, "service": 12, "head_of_service": 17, "smt": 21, "chief_executive": 26}
# A briefing cannot be submitted without these (seed 004 appendix 3's questions).
REQUIRED_TO_SUBMIT = ("working_well", "worried_about")


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return (first_of_month(month) - timedelta(days=1)).replace(day=1)


def next_month(month: date) -> date:
    return (first_of_month(month) + timedelta(days=32)).replace(day=1)


def month_end(month: date) -> date:
    return next_month(month) - timedelta(days=1)


def meets_on(month: date, level: str) -> date:
    """The day a month's clinic at a level meets: early in the month after, in order of the levels."""
    return next_month(month).replace(day=MEETS_DAY[level])


def next_status(status: str, action: str) -> str:
    """The status after an action, or ValueError saying why it cannot happen now."""
    if action not in TRANSITIONS:
        raise ValueError(f"There is no step {action!r}.")
    before, after = TRANSITIONS[action]
    allowed = (SUBMITTED, REVIEWED) if before is None else (before,)
    if status not in allowed:
        raise ValueError(
            f"A briefing that is {STATUS_LABELS.get(status, status).lower()} cannot be {DONE[action]}."
        )
    return after


def unit_key(level: str, team_id: int | None = None, service_id: int | None = None) -> str:
    """One key per clinic's unit, so a month has one clinic per team, service and council level."""
    if level == "team":
        return f"team:{team_id}"
    if level == "service":
        return f"service:{service_id}"
    return "council"

"""IRO escalations for the demo council: disputes raised by IROs about children with an IRO,
against the local stages and timescales, drawn from the improvement generator's random stream
(so the order of draws, and the generated council, are as they were in one module).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sightline.domain.calendar import default_calendar
from sightline.domain.dates import add_months

from .dataset import Dataset

ISSUES = ["care_plan", "drift", "placement", "permanence", "health", "education", "family_time", "visits"]


def _team_on(allocations: list[dict], day: date) -> int | None:
    """The team holding the child's case (the social work allocation) on a day."""
    return next(
        (
            a["team_id"]
            for a in allocations
            if a["start_date"] <= day and (a["end_date"] is None or a["end_date"] >= day)
        ),
        None,
    )


def _escalation_outcome(rng: random.Random, raised: date, due: date, ref: date) -> tuple[date | None, str]:
    """Most resolved within the timescale, some late, some still open (overdue once past due)."""
    roll = rng.random()
    if due >= ref or roll < 0.12:
        return None, ""
    if roll < 0.75:
        return max(raised, min(raised + timedelta(days=rng.randrange(1, 8)), ref)), "resolved"
    late = min(due + timedelta(days=rng.randrange(3, 30)), ref)
    return max(raised, late), rng.choice(["resolved", "escalated"])


def escalations(rng: random.Random, data: Dataset, ref: date, teams: dict) -> None:
    calendar = default_calendar()
    allocations = data.rows("workforce.Allocation")
    social = {}
    for a in allocations:
        if a["role"] == "SW":
            social.setdefault(a["child_id"], []).append(a)
    iro = [
        a
        for a in allocations
        if a["role"] == "IRO" and (a["end_date"] is None or a["end_date"] >= add_months(ref, -24))
    ]
    rng.shuffle(iro)
    wanted = max(12, round(len(iro) * 0.25))
    made = 0
    for allocation in iro:
        if made >= wanted:
            break
        first = max(allocation["start_date"], add_months(ref, -24))
        last = min(allocation["end_date"] or ref, ref)
        if last <= first:
            continue
        raised = first + timedelta(days=rng.randrange((last - first).days + 1))
        team = _team_on(social.get(allocation["child_id"], []), raised)
        if team is None:
            continue
        due = calendar.add_working_days(raised, 5)
        resolved, outcome = _escalation_outcome(rng, raised, due, ref)
        data.add(
            "improvement.DisputeResolution",
            child_id=allocation["child_id"],
            iro_id=allocation["worker_id"],
            team_id=team,
            stage=1 if rng.random() < 0.8 else 2,
            issue=rng.choice(ISSUES),
            detail="The IRO raised concerns that the plan is not progressing as agreed at the review.",
            raised_with="Team manager",
            raised_on=raised,
            response_due=due,
            resolved_on=resolved,
            outcome=outcome,
            resolution="Actions agreed with timescales and reviewed by the IRO." if resolved else "",
        )
        made += 1

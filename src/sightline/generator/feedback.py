"""Complaints, compliments and child and family feedback for the demo council. Plain Python,
deterministic for a seed, with its own random stream so the rest of the council is unchanged.

Sizes follow seed 004 (Durham, tables 1 and 2): stage 1 complaints of 32, 38, 26, 41, 34 and 21
a quarter (about 32) and compliments of 21, 43, 10, 61 and 50 (about 37, and far more variable).
About one stage 1 complaint in twelve goes on to stage 2 and one stage 2 in four to a panel.
Complaints are about children allocated in the team that day; a few are left open past their
timescale, so the overdue lists have something to find.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import date, timedelta

from sightline.domain.calendar import default_calendar
from sightline.feedback import domain

from .dataset import Dataset
from .identity import person_name
from .spec import CouncilSpec
from .state import pick_share

STAGE1_PER_QUARTER = 32
COMPLIMENTS_PER_QUARTER = 37
COMPLIMENT_SPREAD = 16  # seed 004's quarters run from 10 to 61
SURVEYS_PER_QUARTER = 45
P_ESCALATE = {1: 0.08, 2: 0.25}
P_LATE = 0.18  # responded after the due day
P_EXTENDED = 0.1
P_LEFT_OPEN = 0.08  # of the last six months' complaints, still open past their timescale
P_OMBUDSMAN = 0.3  # of stage 3 complaints
OUTCOMES = [("not_upheld", 0.45), ("partly", 0.3), ("upheld", 0.2), ("withdrawn", 0.05)]
THEMES = [
    ("communication", 0.28),
    ("conduct", 0.12),
    ("delay", 0.14),
    ("decision", 0.16),
    ("contact", 0.1),
    ("placement", 0.06),
    ("support", 0.08),
    ("records", 0.03),
    ("finance", 0.02),
    ("other", 0.01),
]
COMPLAINANTS = [
    ("parent", 0.62),
    ("child", 0.1),
    ("carer", 0.1),
    ("family", 0.1),
    ("advocate", 0.06),
    ("other", 0.02),
]
SUMMARIES = {
    "communication": "Calls and emails to the social worker were not returned.",
    "conduct": "The family felt the worker was dismissive in a meeting.",
    "delay": "A visit was cancelled at short notice and not rearranged.",
    "decision": "The family disagrees with the decision in the assessment.",
    "contact": "Family time arrangements were changed without explanation.",
    "placement": "Concerns about the child's placement were not acted on.",
    "support": "Support agreed in the plan was not put in place.",
    "records": "The assessment records facts the family says are wrong.",
    "finance": "A promised payment for travel costs was not made.",
    "other": "Other concerns about the service received.",
}
QUESTIONS = [
    "My social worker listened to me",
    "I understood what was happening and why",
    "My views were taken into account in decisions",
    "Things are better for my family since we had help",
    "I would know how to complain if I needed to",
]
QUOTES = [
    "{name} always listened and never judged us.",
    "Thank you to {name} for sticking with us when things were hard.",
    "{name} explained everything so that our children understood.",
    "We felt supported from the first visit. Please pass on our thanks to {name}.",
    "The team went above and beyond for our family.",
    "{name} made sure my voice was heard at the conference.",
]
COMMENTS = [
    "I felt listened to.",
    "It took a long time to get a worker.",
    "My worker changed three times.",
    "They helped us get back on track.",
    "Meetings were hard but I knew why they were happening.",
    "",
]


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0) if mean > 0 else float("inf")
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def _quarters(start: date, end: date):
    day = start
    while day <= end:
        following = date(day.year + (day.month >= 10), (day.month + 2) % 12 + 1, 1)
        yield day, min(following - timedelta(days=1), end)
        day = following


class _Allocations:
    """Who held which child in each team: social-work allocations by start date, per team."""

    def __init__(self, data: Dataset) -> None:
        self.by_team: dict[int, list[tuple]] = {}
        for a in data.rows("workforce.Allocation"):
            if a["role"] == "SW":
                self.by_team.setdefault(a["team_id"], []).append(
                    (a["start_date"], a["end_date"], a["child_id"], a["worker_id"])
                )
        for rows in self.by_team.values():
            rows.sort(key=lambda r: r[0])
        self.starts = {t: [r[0] for r in rows] for t, rows in self.by_team.items()}

    def teams(self) -> list[tuple[int, int]]:
        return [(team, len(rows)) for team, rows in sorted(self.by_team.items())]

    def on(self, rng: random.Random, team_id: int, day: date) -> tuple[int, int] | None:
        """(child, worker) of an allocation open in the team on the day, or None."""
        rows = self.by_team.get(team_id, [])
        started = bisect_right(self.starts.get(team_id, []), day)
        for _ in range(40):
            if not started:
                return None
            _start, end, child, worker = rows[rng.randrange(max(0, started - 400), started)]
            if end is None or end >= day:
                return child, worker
        return None


def build_feedback(spec: CouncilSpec, data: Dataset) -> None:
    rng = random.Random(f"feedback-{spec.seed}")
    allocations = _Allocations(data)
    teams = allocations.teams()
    if not teams:
        return
    for number, text in enumerate(QUESTIONS, start=1):
        data.add("feedback.SurveyQuestion", number=number, text=text, active=True)
    workers = {w["id"]: w for w in data.rows("workforce.Worker")}
    counter = [0]
    for first, last in _quarters(spec.history_start, spec.reference_date):
        span = (last - first).days + 1
        for _ in range(_poisson(rng, spec.scaled(STAGE1_PER_QUARTER))):
            day = first + timedelta(days=rng.randrange(span))
            _complaint(rng, spec, data, allocations, teams, day, counter)
        mean = max(5.0, rng.gauss(COMPLIMENTS_PER_QUARTER, COMPLIMENT_SPREAD))
        for _ in range(_poisson(rng, spec.scaled(mean))):
            _compliment(rng, data, allocations, teams, workers, first + timedelta(days=rng.randrange(span)))
        for _ in range(_poisson(rng, spec.scaled(SURVEYS_PER_QUARTER))):
            _survey(rng, data, allocations, teams, first + timedelta(days=rng.randrange(span)))


def _team(rng: random.Random, teams: list[tuple[int, int]]) -> int:
    return rng.choices([t for t, _ in teams], weights=[n for _, n in teams])[0]


def _complaint(rng, spec, data, allocations, teams, day, counter) -> None:
    team = _team(rng, teams)
    held = allocations.on(rng, team, day)
    if held is None:
        return
    counter[0] += 1
    reference = f"CF/{domain.financial_quarter(day)[0] % 100:02d}/{counter[0]:04d}"
    theme = pick_share(rng, THEMES)
    base = {
        "reference": reference,
        "theme": theme,
        "complainant": pick_share(rng, COMPLAINANTS),
        "summary": SUMMARIES[theme],
        "team_id": team,
        "worker_id": held[1],
        "child_id": held[0],
    }
    received, stage = day, 1
    while received is not None and stage <= 3:
        received = _stage(rng, spec, data, base, stage, received)
        stage += 1


def _stage(rng, spec, data, base: dict, stage: int, received: date) -> date | None:
    """One stage's row; returns the day the next stage was asked for, or None."""
    calendar, ref = default_calendar(), spec.reference_date
    extended = stage < 3 and rng.random() < P_EXTENDED
    due = domain.due_date(received, stage, extended, domain.Timescales(), calendar)
    allowed = domain.Timescales().working_days(stage, extended)
    if rng.random() < P_LATE:
        responded = calendar.add_working_days(due, rng.randint(1, max(2, allowed // 2)))
    else:
        responded = calendar.add_working_days(received, rng.randint(max(1, allowed // 3), allowed))
    recent = received > ref - timedelta(days=180)  # older ones would have been chased by now
    if responded > ref or (recent and due < ref and rng.random() < P_LEFT_OPEN):
        responded = None
    outcome = pick_share(rng, OUTCOMES) if responded else ""
    escalated = None
    if responded and outcome != "withdrawn" and stage < 3 and rng.random() < P_ESCALATE[stage]:
        escalated = responded + timedelta(days=rng.randint(3, 40))
        escalated = escalated if escalated <= ref else None
    ombudsman = stage == 3 and responded is not None and rng.random() < P_OMBUDSMAN
    referred = responded + timedelta(days=rng.randint(20, 90)) if ombudsman else None
    referred = referred if referred and referred <= ref else None
    data.add(
        "feedback.Complaint",
        **base,
        stage=stage,
        received_on=received,
        acknowledged_on=min(calendar.add_working_days(received, rng.randint(1, 3)), responded or ref, ref),
        extended=extended,
        due_on=due,
        responded_on=responded,
        outcome=outcome,
        escalated_on=escalated,
        ombudsman_referred_on=referred,
        ombudsman_decision=rng.choice(["upheld", "not_upheld", "closed", "closed"]) if referred else "",
    )
    return escalated


def _compliment(rng, data, allocations, teams, workers, day) -> None:
    team = _team(rng, teams)
    held = allocations.on(rng, team, day)
    worker = workers.get(held[1]) if held else None
    who = rng.choice(["parent", "parent", "child", "carer", "family", "professional"])
    first, last = person_name(rng, rng.choice("FM"))
    data.add(
        "feedback.Compliment",
        received_on=day,
        team_id=team,
        worker_id=worker["id"] if worker else None,
        from_whom=who,
        from_name=f"{first} {last}" if rng.random() < 0.7 else "",
        quote=rng.choice(QUOTES).format(name=worker["first_name"] if worker else "the team"),
    )


def _survey(rng, data, allocations, teams, day) -> None:
    team = _team(rng, teams)
    held = allocations.on(rng, team, day)
    respondent = rng.choice(["child", "child", "parent", "parent", "carer", "family"])
    response = data.add(
        "feedback.SurveyResponse",
        received_on=day,
        team_id=team,
        respondent=respondent,
        child_id=held[0] if held else None,
        comment=rng.choice(COMMENTS),
    )
    # Most say they were listened to; fewer that things got better (seed 004's "what did they feel").
    leaning = rng.gauss(3.9, 0.6)
    for number in range(1, len(QUESTIONS) + 1):
        if rng.random() < 0.08:
            continue
        score = round(leaning + rng.gauss(-0.3 if number == 4 else 0.0, 0.7))
        data.add(
            "feedback.SurveyAnswer", response_id=response, question_id=number, score=min(5, max(1, score))
        )

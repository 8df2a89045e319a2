"""Workforce health for the demo council, from the workforce already generated: funded posts,
why people left, sickness absence, mandatory training and the annual staff survey. Plain Python,
deterministic for a seed, with its own random stream so the rest of the council is unchanged.

Funded posts are the generated posts (the gaps between holders are the vacancies), with two teams
funded for more a year before the data date, so their vacancy rate rises. Sickness is about 7-8
working days per FTE a year (England 2023: 3.2% of working days, about 8 days per FTE; DfE
children's social work workforce statistics). Training: most complete each mandatory course soon
after starting and renew it, some late, so compliance sits near 80%.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from .dataset import Dataset
from .spec import CouncilSpec
from .state import pick_share

PRACTICE_ROLES = ["SW", "SP", "TM", "IRO", "PA"]
# (course, roles it is mandatory for, renewed every n months or None); seed 000: Keeping Babies Safe.
COURSES = [
    ("Keeping Babies Safe Level 3", ["SW", "SP", "TM"], 36),
    ("Safeguarding children Level 3", ["SW", "SP", "TM", "IRO", "PA", "FW"], 36),
    ("Data protection and information sharing", ["SW", "SP", "TM", "HOS", "IRO", "PA", "FW"], 12),
    ("Domestic abuse: risk assessment (DASH)", ["SW", "SP"], None),
    ("Court skills", ["SW", "SP", "TM"], None),
]
P_COMPLETE = 0.9
P_RENEW = 0.85
SHORT_SPELLS_PER_YEAR = 1.8
SHORT_SPELL_DAYS = (1, 5)
P_LONG_SPELL = 0.1
LONG_SPELL_DAYS = (15, 60)
SURVEY_MEASURES = ["supported", "workload", "supervision", "morale", "development", "staying"]
LEAVING_PERMANENT = [
    ("resigned_la", 0.33),
    ("resigned_agency", 0.14),
    ("resigned_other", 0.2),
    ("retired", 0.1),
    ("internal", 0.12),
    ("dismissed", 0.03),
    ("other", 0.08),
]


def build_workforce_health(spec: CouncilSpec, data: Dataset) -> None:
    rng = random.Random(f"workforce-health-{spec.seed}")
    workers = data.rows("workforce.Worker")
    _establishment(rng, spec, data, workers)
    _departures(rng, data, workers)
    _sickness(rng, spec, data, workers)
    _training(rng, spec, data, workers)
    _staff_survey(rng, spec, data, workers)


def _establishment(rng, spec: CouncilSpec, data: Dataset, workers) -> None:
    """One funded post per generated post: a team and role's most workers in post on any 1 April."""
    posts = _peak_headcount(workers, spec)
    grown = sorted(k for k in posts if k[1] == "SW")[:2]
    for (team_id, role), funded in sorted(posts.items()):
        data.add(
            "workforce.Establishment",
            team_id=team_id,
            role=role,
            funded_fte=float(funded),
            effective_from=spec.warm_up_start,
        )
        if (team_id, role) in grown:
            data.add(
                "workforce.Establishment",
                team_id=team_id,
                role=role,
                funded_fte=float(funded + 2),
                effective_from=spec.reference_date - timedelta(days=365),
            )


def _peak_headcount(workers, spec: CouncilSpec) -> dict[tuple[int, str], int]:
    """Each team and role's largest number of workers in post on any 1 April: its posts."""
    peak: dict[tuple[int, str], int] = defaultdict(int)
    for year in range(spec.warm_up_start.year, spec.reference_date.year + 1):
        day = date(year, 4, 1)
        counted: dict[tuple[int, str], int] = defaultdict(int)
        for w in workers:
            if (
                w["role"] != "HOS"
                and w["start_date"] <= day
                and (w["leave_date"] is None or w["leave_date"] >= day)
            ):
                counted[(w["team_id"], w["role"])] += 1
        for key, n in counted.items():
            peak[key] = max(peak[key], n)
    return peak


def _departures(rng, data: Dataset, workers) -> None:
    for w in workers:
        if w["leave_date"] is None:
            continue
        if w["agency"]:
            reason = "contract_ended" if rng.random() < 0.7 else pick_share(rng, LEAVING_PERMANENT)
        else:
            reason = pick_share(rng, LEAVING_PERMANENT)
        data.add("workforce.Departure", worker_id=w["id"], reason=reason, notes="")


def _in_post(w, day: date) -> bool:
    return w["start_date"] <= day and (w["leave_date"] is None or w["leave_date"] >= day)


def _sickness(rng, spec: CouncilSpec, data: Dataset, workers) -> None:
    window = spec.history_start - timedelta(days=365)
    for w in workers:
        start = max(w["start_date"], window)
        stop = min(w["leave_date"] or spec.reference_date, spec.reference_date)
        years = (stop - start).days / 365.25
        if years <= 0:
            continue
        fte = float(w["fte"])
        spells = _poisson(rng, SHORT_SPELLS_PER_YEAR * years)
        longs = sum(rng.random() < P_LONG_SPELL for _ in range(max(1, round(years))))
        lengths = [rng.randint(*SHORT_SPELL_DAYS) for _ in range(spells)]
        lengths += [rng.randint(*LONG_SPELL_DAYS) for _ in range(longs)]
        for length in lengths:
            first = start + timedelta(days=rng.randrange(max(1, (stop - start).days)))
            calendar_days = round(length * 7 / 5)
            last = min(first + timedelta(days=max(0, calendar_days - 1)), stop)
            lost = round(max(0.5, min(length, ((last - first).days + 1) * 5 / 7) * fte), 1)
            data.add(
                "workforce.SicknessAbsence",
                worker_id=w["id"],
                start_date=first,
                end_date=last,
                working_days_lost=lost,
            )


def _training(rng, spec: CouncilSpec, data: Dataset, workers) -> None:
    course_ids = {}
    for name, roles, renew in COURSES:
        course_ids[name] = data.add("workforce.Course", name=name, roles=roles, renew_months=renew)
    for w in workers:
        stop = min(w["leave_date"] or spec.reference_date, spec.reference_date)
        for name, roles, renew in COURSES:
            if w["role"] not in roles or rng.random() > P_COMPLETE:
                continue
            day = w["start_date"] + timedelta(days=rng.randint(10, 150))
            while day <= stop:
                data.add(
                    "workforce.TrainingRecord",
                    worker_id=w["id"],
                    course_id=course_ids[name],
                    completed_on=day,
                )
                if renew is None or rng.random() > P_RENEW:
                    break
                day += timedelta(days=round(renew * 30.4) + rng.randint(-60, 45))


def _staff_survey(rng, spec: CouncilSpec, data: Dataset, workers) -> None:
    """Each November's health check: a team's share agreeing, lower where turnover is high."""
    teams = sorted({w["team_id"] for w in workers if w["role"] != "HOS"})
    for year in range(spec.history_start.year, spec.reference_date.year + 1):
        day = date(year, 11, 20)
        if day > spec.reference_date:
            continue
        for team in teams:
            staff = [w for w in workers if w["team_id"] == team and _in_post(w, day)]
            if not staff:
                continue
            agency = sum(w["agency"] for w in staff) / len(staff)
            mood = rng.gauss(72, 6) - 40 * agency
            responses = max(1, round(len(staff) * rng.uniform(0.55, 0.85)))
            for measure in SURVEY_MEASURES:
                shift = {"workload": -18, "morale": -6, "staying": -4}.get(measure, 0)
                share = min(100.0, max(5.0, round(mood + shift + rng.gauss(0, 6), 1)))
                data.add(
                    "workforce.StaffSurveyResult",
                    surveyed_on=day,
                    team_id=team,
                    measure=measure,
                    agree_percent=share,
                    responses=responses,
                )


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0) if mean > 0 else float("inf")
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count

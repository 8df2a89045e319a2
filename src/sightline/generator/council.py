"""Generating a whole council: workforce, children's journeys, allocations."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from sightline.domain.calendar import default_calendar
from sightline.domain.dates import add_months

from .allocation import Allocator
from .audits import generate_audits
from .dataset import Dataset
from .feedback import build_feedback
from .improvement import build_improvement
from .journeys import Journeys
from .population import SOURCE as POPULATION_SOURCE
from .population import population_rows
from .returns_fit import fit_to_returns
from .spec import CouncilSpec
from .workforce import build_workforce
from .workforce_health import build_workforce_health

# Relative contact volume by calendar month: the school-year shape seen in seed 002.
SEASON = {
    1: 1.0,
    2: 1.02,
    3: 1.06,
    4: 0.93,
    5: 1.0,
    6: 1.08,
    7: 1.04,
    8: 0.86,
    9: 1.02,
    10: 1.08,
    11: 1.06,
    12: 0.85,
}


def months(start: date, end: date):
    day = date(start.year, start.month, 1)
    while day <= end:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def month_length(first: date) -> int:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return (following - first).days


def generate(
    spec: CouncilSpec | None = None, progress: Callable[[str, int, int], None] | None = None
) -> Dataset:
    """Generate a council. `progress(stage, done, total)` is called as months are generated."""
    spec = spec or CouncilSpec()
    rng = random.Random(spec.seed)
    data = Dataset()
    data.meta.update(
        council_name=spec.council_name,
        la_code=spec.la_code,
        population=spec.population,
        reference_date=spec.reference_date,
        history_start=spec.history_start,
        seed=spec.seed,
        size=spec.size,
        population_estimate=population_rows(spec),
        population_source=POPULATION_SOURCE,
    )
    calendar = default_calendar()
    workforce = build_workforce(spec, rng, data)
    journeys = Journeys(spec, rng, data, calendar)
    _initial_care_population(spec, rng, journeys)
    all_months = list(months(spec.warm_up_start, spec.reference_date))
    span_years = max(1, spec.history_years - 1)
    for index, first in enumerate(all_months):
        length = month_length(first)
        years_in = max(0.0, (first - spec.history_start).days / 365.25)
        level = spec.contacts_first_year + (spec.contacts_last_year - spec.contacts_first_year) * min(
            1.0, years_in / span_years
        )
        expected = spec.scaled(level) * SEASON[first.month]
        count = max(0, round(rng.gauss(expected, expected**0.5)))
        warm_up = first < spec.history_start
        if warm_up:
            # Before the history window only referrals are kept, as a case system archives contacts.
            count = round(count * spec.p_referral * 0.9)
        days = sorted(first + timedelta(days=rng.randrange(length)) for _ in range(count))
        for day in days:
            if day > spec.reference_date:
                continue
            if warm_up:
                journeys.warm_up_referral(day)
            else:
                journeys.contact(day)
        for _ in range(_poisson(rng, spec.scaled(spec.private_fostering_per_year) / 12)):
            journeys.private_fostering(first + timedelta(days=rng.randrange(length)))
        for _ in range(_poisson(rng, spec.scaled(spec.pre_birth_per_year) / 12)):
            day = first + timedelta(days=rng.randrange(length))
            if day <= spec.reference_date:
                journeys.pre_birth(day)
        if progress:
            progress("months", index + 1, len(all_months))
    allocator = Allocator(rng, data, workforce, spec.reference_date)
    allocator.run(journeys.segments)
    allocator.assign_workers()
    fit_to_returns(spec, data)
    _cp_checkpoints(spec, rng, data)
    generate_audits(spec, data)
    build_improvement(spec, data)
    build_workforce_health(spec, data)
    build_feedback(spec, data)
    return data


# Independent checkpoint reviews of CP plans reaching 12 months (seed 001, Derbyshire: plans of
# 12-18 months independently reviewed): most held between 12 and 18 months, some late, some never.
P_CHECKPOINT_IN_TIME = 0.8
P_CHECKPOINT_LATE = 0.1


def _cp_checkpoints(spec: CouncilSpec, rng: random.Random, data: Dataset) -> None:
    """Draws each long plan's checkpoint once the plans are final, so the returns fit cannot move it."""
    for plan in data.rows("records.CPPlan"):
        plan["checkpoint_review_date"] = None
        start = plan["cpp_start_date"]
        last = min(plan["cpp_end_date"] or spec.reference_date, spec.reference_date)
        if add_months(start, 12) > last:
            continue
        roll = rng.random()
        if roll < P_CHECKPOINT_IN_TIME:
            day = add_months(start, 12) + timedelta(days=rng.randrange(0, 180))
        elif roll < P_CHECKPOINT_IN_TIME + P_CHECKPOINT_LATE:
            day = add_months(start, 18) + timedelta(days=rng.randrange(1, 120))
        else:
            continue
        if day <= last:
            plan["checkpoint_review_date"] = day


def _initial_care_population(spec: CouncilSpec, rng: random.Random, journeys: Journeys) -> None:
    """Children already in long-term care when the warm-up begins, so the stock starts full."""
    start = spec.warm_up_start
    for _ in range(round(spec.scaled(spec.initial_cla_stock))):
        age = rng.randint(2, 16)
        child = journeys.new_child(start, age=age)
        entered = start - timedelta(days=rng.randint(60, min(age, 9) * 365))
        referral = entered - timedelta(days=rng.randint(5, 60))
        _long_term_care(journeys, child, referral, entered)


def _long_term_care(journeys: Journeys, child, referral: date, entered: date) -> None:
    episode_id = journeys.data.add(
        "records.CINEpisode",
        child_id=child.id,
        cin_referral_date=referral,
        referral_source="5A",
        primary_need_code="N1",
        referral_nfa=False,
        cin_closure_date=None,
        reason_for_closure="",
        contact_id=None,
    )
    child.referrals.append(referral)
    child.busy_until = date.max
    episode = journeys.data.rows("records.CINEpisode")[episode_id - 1]
    end, reason = journeys.run_states(child, episode_id, "cla", entered)
    journeys.close_episode(child, episode, end, reason)


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0) if mean > 0 else float("inf")
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count

"""The demo council's clinics: last month's cycle completed, team to chief executive, and the month
before with the actions it raised, so a pack shows last month's actions with their status.

Synthetic words only, chosen deterministically from the team's own exceptions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from sightline.improvement.models import PlanAction, Priority
from sightline.performance import selectors as perf
from sightline.workforce.models import Service, Team, Worker

from . import domain, services
from .exceptions import ExceptionContext, engine_level, find_all
from .models import Clinic

WORKING_WELL = [
    "Visits to children on plans are on time and recorded the same week.",
    "Supervision is regular and reflective; the new template is being used well.",
    "Core groups are well attended by schools and health visitors.",
    "Assessments are focused and the child's voice comes through clearly.",
    "Step-downs to early help are planned with the family and the lead professional.",
]
PROUD = [
    "A sibling group returned home safely with a strong family network plan.",
    "Two newly qualified social workers completed their first year with excellent feedback.",
    "A young person's own words shaped their pathway plan.",
    "The team's work with a family was praised by the family court.",
]
MORALE = [
    "Steady; caseloads are manageable and the team feels supported.",
    "Stretched by two vacancies, but the team is pulling together.",
    "Good: agency cover has ended and the team is settled.",
]
PRIORITIES = [
    "Keep visits on time through the holiday period.",
    "Improve the timeliness of initial child protection conferences.",
    "Embed management oversight recorded on every file each month.",
]


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _words(clinic: Clinic, rng: random.Random) -> dict:
    exceptions = list(clinic.exceptions.all())
    concern = [e for e in exceptions if e.variation.startswith("concern")]
    worried = (
        f"{concern[0].title}: {concern[0].detail} We are looking at the cases behind it."
        if concern
        else f"{exceptions[0].title}: {exceptions[0].detail}"
        if exceptions
        else "Nothing beyond the usual ups and downs this month."
    )
    return {
        "working_well": rng.choice(WORKING_WELL),
        "worried_about": worried,
        "most_proud_of": rng.choice(PROUD),
        "staff_morale": rng.choice(MORALE),
        "leadership_priorities": rng.choice(PRIORITIES),
    }


def _complete(clinic: Clinic, rng: random.Random, users: dict) -> None:
    commentary = {
        e.pk: "Looked at with the team; the cases behind it are being reviewed."
        for e in clinic.exceptions.all()
        if e.variation.startswith("concern")
    }
    services.save_briefing(clinic, _words(clinic, rng), commentary)
    writer = (
        users["team"]
        if clinic.level == "team"
        else users["service"]
        if clinic.level == "service"
        else users["chair"]
    )
    services.move(clinic, writer, "submit")
    services.move(clinic, users["review"], "review")
    services.move(
        clinic, users["service"] if clinic.level in {"team", "service"} else users["chair"], "sign_off"
    )


def _raise(clinic: Clinic, priority: Priority, on: date) -> None:
    manager = Worker.objects.filter(team=clinic.team, role="TM").exclude(leave_date__lt=on).first()
    exception = next((e for e in clinic.exceptions.all() if e.variation.startswith("concern")), None)
    if manager is None or exception is None:
        return
    services.raise_action(
        clinic,
        None,
        text=f"Review the cases behind '{exception.title}' and report back next month",
        owner=manager,
        due_date=on + timedelta(days=28),
        priority=priority,
        today=on,
    )


def _demo_months(on: date) -> tuple[date, date]:
    last = domain.previous_month(on) if on != domain.month_end(on) else domain.first_of_month(on)
    return domain.previous_month(last), last


def demo_cycle_complete(on: date) -> bool:
    return Clinic.objects.filter(month=domain.first_of_month(_demo_months(on)[1])).exists()


def find_demo_exceptions(on: date) -> int:
    """Every briefing's data exceptions for the demo's two months, computed (and kept in this
    process's caches) without writing, as `services.schedule_month` will ask for them."""
    if demo_cycle_complete(on):
        return 0
    teams = list(Team.objects.order_by("name"))
    units = [("team", t.pk) for t in teams]
    services_ = Service.objects.filter(pk__in={t.service_id for t in teams}).values_list("pk", flat=True)
    units += [("service", pk) for pk in services_]
    units += [(level, None) for level in domain.COUNCIL_LEVELS]
    found = 0
    with perf.one_engine():
        for month in _demo_months(on):
            for level, unit_id in units:
                context = ExceptionContext(domain.first_of_month(month), engine_level(level), unit_id)
                found += len(find_all(context))
    return found


@transaction.atomic
def complete_demo_cycle(on: date) -> int:
    """The last full month's clinics signed off, and the month before's with its actions; once."""
    before, last = _demo_months(on)
    if Clinic.objects.filter(month=last).exists():
        return 0
    priority = Priority.objects.order_by("number").first()
    users = {
        "team": _user("team-manager"),
        "service": _user("head-of-service"),
        "chair": _user("director"),
        "review": _user("qa-lead"),
    }
    rng = random.Random(2026)
    for clinic in services.schedule_month(before):
        if clinic.level == "team" and priority is not None:
            _raise(clinic, priority, domain.meets_on(before, "team"))
        _complete(clinic, rng, users)
    # Last month's clinic finds some of those actions under way.
    for index, action in enumerate(PlanAction.objects.filter(source="clinic").order_by("pk")):
        action.status = PlanAction.Status.IN_PROGRESS if index % 2 == 0 else PlanAction.Status.NOT_STARTED
        action.save(update_fields=["status"])
    clinics = services.schedule_month(last)
    for clinic in clinics:
        _complete(clinic, rng, users)
    return len(clinics)

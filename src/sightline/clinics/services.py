"""Writes: schedule a month's clinics with their exceptions, write and move briefings on, raise actions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.performance import selectors as perf
from sightline.workforce.models import Service, Team

from . import domain, registers
from .exceptions import ExceptionContext, engine_level, find_all
from .models import Clinic, ClinicAction, ClinicException

NARRATIVE = (
    "working_well",
    "worried_about",
    "most_proud_of",
    "inequality",
    "practice_reviews",
    "complaints",
    "staff_morale",
    "leadership_priorities",
)


@transaction.atomic
def schedule_month(month: date, *, teams=None) -> list[Clinic]:
    """Every clinic of a month (each team, each service, then the council's three), each briefing
    pre-populated with its data exceptions. Clinics already scheduled are left as they are."""
    month = domain.first_of_month(month)
    teams = list(teams if teams is not None else Team.objects.select_related("service").order_by("name"))
    services = Service.objects.filter(pk__in={t.service_id for t in teams}).order_by("name")
    units = [("team", t, None) for t in teams] + [("service", None, s) for s in services]
    units += [(level, None, None) for level in domain.COUNCIL_LEVELS]
    clinics = []
    with perf.one_engine():  # every briefing's exceptions from one engine, its versions asked once
        for level, team, service in units:
            key = domain.unit_key(level, team.pk if team else None, service.pk if service else None)
            clinic = Clinic.objects.filter(month=month, level=level, unit_key=key).first()
            if clinic is None:
                clinic = Clinic.objects.create(
                    month=month,
                    level=level,
                    team=team,
                    service=service,
                    meets_on=domain.meets_on(month, level),
                )
                prepopulate(clinic)
            clinics.append(clinic)
    return clinics


def prepopulate(clinic: Clinic) -> int:
    """The briefing's data exceptions from every registered provider, at the clinic's level, and
    its audits and complaints answers from those registers."""
    level = engine_level(clinic.level)
    unit_id = clinic.team_id if level == "team" else clinic.service_id if level == "service" else None
    for name, text in registers.answers(clinic.month, level, unit_id).items():
        if not getattr(clinic, name):
            setattr(clinic, name, text)
    clinic.save(update_fields=list(registers.FIELDS))
    found = find_all(ExceptionContext(clinic.month, level, unit_id))
    ClinicException.objects.bulk_create(
        ClinicException(
            clinic=clinic,
            source=provider.key,
            indicator_id=finding.indicator_id,
            title=finding.title[:200],
            detail=finding.detail[:500],
            variation=finding.variation,
            assurance=finding.assurance,
            value_display=finding.value_display[:40],
            target_display=finding.target_display[:40],
            order=index,
        )
        for index, (provider, finding) in enumerate(found)
    )
    return len(found)


@transaction.atomic
def save_briefing(clinic: Clinic, data: dict, commentary: dict[int, str] | None = None) -> Clinic:
    """The narrative and each exception's commentary, while the briefing is a draft."""
    if clinic.status != domain.DRAFT:
        raise ValidationError("Only a draft briefing can be changed; ask for it to be returned to draft.")
    for name in NARRATIVE:
        if name in data:
            setattr(clinic, name, (data[name] or "").strip())
    clinic.save()
    for exception in clinic.exceptions.all():
        if commentary and exception.pk in commentary:
            exception.commentary = (commentary[exception.pk] or "").strip()
            exception.save(update_fields=["commentary"])
    return clinic


@transaction.atomic
def move(clinic: Clinic, user, action: str, note: str = "") -> Clinic:
    """One step of draft → submitted → reviewed → signed off (or back to draft, with a note)."""
    clinic = Clinic.objects.select_for_update().get(pk=clinic.pk)
    try:
        after = domain.next_status(clinic.status, action)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    if action == "submit":
        missing = [
            Clinic._meta.get_field(n).verbose_name
            for n in domain.REQUIRED_TO_SUBMIT
            if not getattr(clinic, n)
        ]
        if missing:
            raise ValidationError(f"Before submitting, answer: {'; '.join(str(m) for m in missing)}.")
    if action == "return" and not note.strip():
        raise ValidationError("Say why the briefing is returned to draft.")
    now = timezone.now()
    stamp = {"submit": "submitted", "review": "reviewed", "sign_off": "signed_off"}.get(action)
    if stamp:
        setattr(clinic, f"{stamp}_by", user)
        setattr(clinic, f"{stamp}_at", now)
    clinic.returned_note = note.strip() if action == "return" else clinic.returned_note
    clinic.status = after
    clinic.save()
    return clinic


@transaction.atomic
def raise_action(
    clinic: Clinic, user, *, text: str, owner, due_date: date, priority, today: date
) -> ClinicAction:
    """An action raised at a clinic, put on the improvement plan under a priority at once."""
    from sightline.improvement import sources
    from sightline.improvement.models import PlanAction

    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = "Say what the action is."
    if due_date is None or due_date < today:
        errors["due_date"] = "The due date must be today or later."
    if errors:
        raise ValidationError(errors)
    action = ClinicAction.objects.create(
        clinic=clinic, text=text[:300], owner=owner, due_date=due_date, raised_by=user
    )
    level = engine_level(clinic.level)
    action.plan_action = PlanAction.objects.create(
        priority=priority,
        title=text[:300],
        owner=owner,
        start_date=today,
        due_date=due_date,
        measure_level=level,
        measure_unit_id=clinic.team_id if level == "team" else clinic.service_id,
        **sources.link_fields(action),
    )
    action.save(update_fields=["plan_action"])
    return action

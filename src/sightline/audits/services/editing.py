"""Writes for one audit: answers and grades saved as they change, finalising, new versions,
actions, safeguarding concerns, practice observations and moderations."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from sightline.domain.numbers import is_whole_number
from sightline.records.services import bump_data_version
from sightline.workforce.models import Allocation, PracticeObservation, Worker

from .. import selectors
from ..domain.defaults import OBSERVATION
from ..domain.grades import GRADES, valid_answer
from ..domain.tools import Definition, finalise_problems, overall_grade
from ..models import (
    Audit,
    AuditAction,
    Moderation,
    SafeguardingConcern,
)
from .errors import AuditError

TEXT_FIELDS = {"practitioner_view", "family_feedback", "overall_comment"}


@transaction.atomic
def save_change(audit: Audit, field: str, value: str, *, agency: str | None = None) -> Audit:
    """Store one change to a draft (what the page posts on every change).

    Fields: `answer:<question>`, `evidence:<question>`, `section:<section>`, `overall_grade`,
    `audit_date`, `practitioner_participated` and the free-text fields. A partner agency
    (`agency`) may change only the questions of its own sections.
    """
    audit = Audit.objects.select_for_update().select_related("tool_version").get(pk=audit.pk)
    if not audit.is_open:
        raise AuditError("This audit is finalised: changes need a new version with a reason.")
    definition = selectors.definition_of(audit.tool_version)
    value = value.strip() if field not in TEXT_FIELDS and not field.startswith("evidence:") else value
    kind, _, key = field.partition(":")
    if agency is not None and kind not in {"answer", "evidence"}:
        raise AuditError("A partner agency completes only its own section.")
    if kind in {"answer", "evidence"}:
        _set_answer(audit, definition, kind, key, value, agency)
    elif kind == "section":
        _set_section_grade(audit, definition, key, value)
    else:
        _set_field(audit, field, value)
    if audit.status == Audit.Status.PLANNED:
        audit.status = Audit.Status.IN_PROGRESS
    audit.updated_at = timezone.now()
    audit.save()
    return audit


def _set_answer(audit: Audit, definition: Definition, kind: str, key: str, value: str, agency: str | None):
    question = definition.question(key)
    if question is None:
        raise AuditError("That question is not in this audit's tool.")
    section = next(s for s, q in definition.questions() if q.key == key)
    if agency is not None and section.agency != agency:
        raise AuditError("A partner agency completes only its own section.")
    if kind == "answer" and not valid_answer(question.kind, value):
        raise AuditError(f"\u201c{value}\u201d is not an answer to \u201c{question.text}\u201d.")
    entry = dict(audit.answers.get(key) or {})
    entry["value" if kind == "answer" else "evidence"] = value
    audit.answers = {**audit.answers, key: entry}


def _set_section_grade(audit: Audit, definition: Definition, key: str, value: str):
    if definition.section(key) is None:
        raise AuditError("That section is not in this audit's tool.")
    grades = dict(audit.section_grades)
    if value == "":
        grades.pop(key, None)
    elif is_whole_number(value) and int(value) in GRADES:
        grades[key] = int(value)
    else:
        raise AuditError("A section grade is one of the four grades.")
    audit.section_grades = grades


def _set_field(audit: Audit, field: str, value: str):
    if field == "overall_grade":
        if value and not (is_whole_number(value) and int(value) in GRADES):
            raise AuditError("The overall grade is one of the four grades.")
        audit.overall_grade = int(value) if value else None
    elif field == "audit_date":
        try:
            audit.audit_date = date.fromisoformat(value) if value else None
        except ValueError as error:
            raise AuditError("The audit date must be a date (day, month and year).") from error
    elif field == "practitioner_participated":
        audit.practitioner_participated = {"yes": True, "no": False}.get(value)
    elif field == "practitioner":
        worker = (
            Worker.objects.filter(pk=value).first() if is_whole_number(value) and len(value) < 10 else None
        )
        if value and worker is None:
            raise AuditError("Choose the practitioner from the list of staff.")
        audit.practitioner = worker
    elif field in TEXT_FIELDS:
        setattr(audit, field, value)
    else:
        raise AuditError("That is not part of an audit.")


def finalise_problems_for(audit: Audit) -> list[str]:
    definition = selectors.definition_of(audit.tool_version)
    problems = finalise_problems(definition, audit.answers, audit.section_grades, audit.overall_grade)
    if audit.audit_date is None:
        problems.append("The date of the audit is not given")
    if audit.tool_version.tool.kind == OBSERVATION:
        if audit.practitioner_id is None:
            problems.append("The practitioner observed is not given")
        if audit.auditor_id is None:
            problems.append("The observer is not recorded (the audit has no auditor on the staff list)")
    return problems


@transaction.atomic
def finalise(audit: Audit) -> Audit:
    """Finalise when every mandatory question is answered and the grades are consistent."""
    audit = Audit.objects.select_for_update().select_related("tool_version__tool").get(pk=audit.pk)
    if not audit.is_open:
        raise AuditError("This audit is already finalised.")
    problems = finalise_problems_for(audit)
    if problems:
        raise AuditError("The audit cannot be finalised yet: " + "; ".join(problems) + ".")
    definition = selectors.definition_of(audit.tool_version)
    audit.overall_grade = overall_grade(definition, audit.section_grades, audit.overall_grade)
    audit.status = Audit.Status.FINALISED
    audit.finalised_at = audit.updated_at = timezone.now()
    if audit.tool_version.tool.kind == OBSERVATION:
        audit.observation = record_observation(audit)
    audit.save()
    return audit


def record_observation(audit: Audit) -> PracticeObservation:
    """The finalised observation as the practitioner's practice observation (what the
    twice-a-year standard counts); a new version of the audit updates the same row."""
    observation = audit.observation or PracticeObservation(
        worker_id=audit.practitioner_id, observer_id=audit.auditor_id, observation_date=audit.audit_date
    )
    observation.worker_id, observation.observer_id = audit.practitioner_id, audit.auditor_id
    observation.observation_date = audit.audit_date
    observation.save()
    transaction.on_commit(bump_data_version)  # the indicator frames read the observations
    return observation


@transaction.atomic
def new_version(audit: Audit, reason: str) -> Audit:
    """Reopen a finalised audit as its next version; the finalised one is kept as it was."""
    if not reason.strip():
        raise AuditError("Give the reason for the new version (it is kept with the audit).")
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.status != Audit.Status.FINALISED:
        raise AuditError("Only a finalised audit gets a new version; a draft can simply be changed.")
    fresh = Audit.objects.get(pk=audit.pk)
    fresh.pk = None
    fresh.version, fresh.previous, fresh.version_reason = audit.version + 1, audit, reason.strip()
    fresh.status, fresh.finalised_at, fresh.updated_at = Audit.Status.IN_PROGRESS, None, timezone.now()
    fresh.save()
    audit.status = Audit.Status.SUPERSEDED
    audit.save(update_fields=["status"])
    return fresh


def raise_action(
    audit: Audit, *, description: str, owner: Worker | None, owner_name: str, due_date: date, on: date
):
    if not description.strip():
        raise AuditError("Describe the action.")
    if not (owner or owner_name.strip()):
        raise AuditError("Name the action's owner.")
    if due_date < on:
        raise AuditError("The action's due date is in the past.")
    return AuditAction.objects.create(
        audit=audit,
        description=description.strip(),
        owner=owner,
        owner_name=str(owner) if owner else owner_name.strip(),
        due_date=due_date,
        created_on=on,
    )


def close_action(action: AuditAction, note: str, on: date) -> AuditAction:
    if not note.strip():
        raise AuditError("Say what was done (the note is kept with the action).")
    action.status, action.closed_on, action.closure_note = (
        AuditAction.Status.CLOSED,
        max(on, action.created_on),
        note,
    )
    action.save()
    return action


def raise_concern(audit: Audit, description: str, by: str) -> SafeguardingConcern:
    """Alert the child's team manager at once: the concern shows on their pages until answered."""
    if not description.strip():
        raise AuditError("Describe the safeguarding concern.")
    team_id = audit.team_id or (
        Allocation.objects.filter(child_id=audit.child_id, role=Allocation.Role.SOCIAL_WORKER)
        .order_by("-start_date")
        .values_list("team_id", flat=True)
        .first()
    )
    return SafeguardingConcern.objects.create(
        audit=audit, team_id=team_id, description=description.strip(), raised_by=by, raised_at=timezone.now()
    )


def respond_to_concern(concern: SafeguardingConcern, response: str, by: str) -> SafeguardingConcern:
    if not concern.is_open:
        raise AuditError("A response to this concern is already recorded.")
    if not response.strip():
        raise AuditError("Record the response: the concern cannot be cleared without one.")
    concern.response, concern.responded_by, concern.responded_at = response.strip(), by, timezone.now()
    concern.save()
    return concern


def submit_moderation(
    moderation: Moderation, section_grades: dict[str, int], overall: int | None, comment: str, on: date
):
    if moderation.submitted:
        raise AuditError("This moderation is already submitted.")
    if overall not in GRADES:
        raise AuditError("Give the moderated overall grade.")
    if any(g not in GRADES for g in section_grades.values()):
        raise AuditError("Section grades are one of the four grades.")
    moderation.section_grades, moderation.overall_grade, moderation.comment = (
        section_grades,
        overall,
        comment.strip(),
    )
    moderation.moderation_date, moderation.submitted_at = on, timezone.now()
    moderation.save()
    return moderation

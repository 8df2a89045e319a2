"""Writes for the audit programme. Every rule about what may change lives in domain/ and
accounts/roles.py; these functions apply them and store the result."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sightline.records.models import Child
from sightline.records.services import bump_data_version
from sightline.workforce.models import Allocation, PracticeObservation, Worker

from . import selectors
from .domain.defaults import OBSERVATION, default_tools
from .domain.grades import GRADES, valid_answer
from .domain.moderation import choose_for_moderation
from .domain.sampling import AuditorSlot, draw_sample
from .domain.tools import Definition, finalise_problems, overall_grade
from .models import (
    Audit,
    AuditAction,
    AuditProgramme,
    AuditTool,
    AuditToolVersion,
    Moderation,
    ProgrammeMember,
    SafeguardingConcern,
)


class AuditError(ValueError):
    """A change refused, with a message for the person who asked."""


def ensure_default_tools() -> int:
    """Create the shipped tools where the council has none yet (idempotent); returns how many."""
    made = 0
    now = timezone.now()
    for tool in default_tools():
        if AuditTool.objects.filter(key=tool["key"]).exists():
            continue
        created = AuditTool.objects.create(
            key=tool["key"],
            name=tool["name"],
            kind=tool["kind"],
            theme=tool["theme"],
            description=tool["description"],
        )
        AuditToolVersion.objects.create(
            tool=created,
            number=1,
            definition=tool["definition"],
            reason="Shipped with Sightline",
            created_at=now,
        )
        made += 1
    return made


def latest_version(tool: AuditTool) -> AuditToolVersion:
    return tool.versions.order_by("-number").first()


@transaction.atomic
def new_tool_version(tool: AuditTool, data: dict, reason: str, by: str) -> AuditToolVersion:
    """Changing a tool makes its next version; audits already done keep the one they used."""
    if not reason.strip():
        raise AuditError("Say why the tool is changing (the reason is kept with the version).")
    definition = Definition.from_data(data)
    number = (tool.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return AuditToolVersion.objects.create(
        tool=tool,
        number=number,
        definition=definition.to_data(),
        reason=reason.strip(),
        created_at=timezone.now(),
        created_by=by,
    )


@transaction.atomic
def create_programme(
    *,
    name,
    quarter,
    tool_version,
    planned,
    due_date,
    auditors,
    moderators=(),
    cohorts=(),
    moderation_share=0.2,
    seed=None,
    by="",
) -> AuditProgramme:
    """`auditors` are (worker, quota) pairs; the seed is drawn now and recorded unless given."""
    programme = AuditProgramme.objects.create(
        name=name,
        quarter=quarter,
        tool_version=tool_version,
        planned=planned,
        due_date=due_date,
        cohorts=list(cohorts),
        moderation_share=moderation_share,
        seed=seed if seed is not None else secrets.randbelow(2**31),
        created_at=timezone.now(),
        created_by=by,
    )
    ProgrammeMember.objects.bulk_create(
        [ProgrammeMember(programme=programme, worker=worker, quota=quota) for worker, quota in auditors]
        + [
            ProgrammeMember(programme=programme, worker=worker, role=ProgrammeMember.Role.MODERATOR, quota=0)
            for worker in moderators
        ]
    )
    return programme


@dataclass(frozen=True)
class SampleSummary:
    drawn: int
    unassigned: int
    population: int
    excluded: int


@transaction.atomic
def draw_programme_sample(programme: AuditProgramme, on: date) -> SampleSummary:
    """Draw the programme's sample from the recorded seed and create its planned audits."""
    if programme.sampled_at is not None:
        raise AuditError("This programme's sample has already been drawn.")
    pool = list(programme.members.filter(role=ProgrammeMember.Role.AUDITOR).select_related("worker"))
    slots = [AuditorSlot(m.worker_id, m.worker.team_id, m.quota) for m in pool]
    result = draw_sample(
        selectors.sampling_candidates(on, programme.cohorts or None),
        programme.planned,
        slots,
        programme.seed,
        exclude=selectors.recently_audited(on),
    )
    names = {m.worker_id: str(m.worker) for m in pool}
    practitioners = _allocated_workers([p.child_id for p in result.picks], on)
    now = timezone.now()
    Audit.objects.bulk_create(
        Audit(
            programme=programme,
            tool_version=programme.tool_version,
            child_id=p.child_id,
            team_id=p.team_id,
            cohort=p.cohort,
            auditor_id=p.auditor_id,
            auditor_name=names.get(p.auditor_id, ""),
            practitioner_id=practitioners.get(p.child_id),
            due_date=programme.due_date,
            updated_at=now,
        )
        for p in result.picks
    )
    programme.sampled_at = now
    programme.save(update_fields=["sampled_at"])
    return SampleSummary(len(result.picks), len(result.unassigned), result.population, result.excluded)


def _allocated_workers(child_ids: list[int], on: date) -> dict[int, int]:
    """Each child's social worker on a date (the latest allocation begun by then), in one read."""
    found: dict[int, int] = {}
    for child_id, worker_id in (
        Allocation.objects.filter(
            child_id__in=child_ids, role=Allocation.Role.SOCIAL_WORKER, start_date__lte=on
        )
        .order_by("start_date", "pk")
        .values_list("child_id", "worker_id")
    ):
        found[child_id] = worker_id
    return found


def _allocated_worker(child_id: int, on: date) -> int | None:
    return (
        Allocation.objects.filter(child_id=child_id, role=Allocation.Role.SOCIAL_WORKER, start_date__lte=on)
        .order_by("-start_date")
        .values_list("worker_id", flat=True)
        .first()
    )


@transaction.atomic
def add_to_programme(
    programme: AuditProgramme, child: Child, auditor: Worker | None, reason: str, on: date
) -> Audit:
    """A child added by hand (a concern, a complaint, a manager's request), with the reason kept."""
    if not reason.strip():
        raise AuditError("Give the reason this child is added to the programme.")
    if child.restricted:
        raise AuditError(
            f"Child {child.la_child_id} has a restricted record and cannot be added to a programme."
        )
    if programme.audits.filter(selectors.CURRENT, child=child).exists():
        raise AuditError(f"Child {child.la_child_id} is already in this programme.")
    team_id = (
        Allocation.objects.filter(child=child, role=Allocation.Role.SOCIAL_WORKER, start_date__lte=on)
        .order_by("-start_date")
        .values_list("team_id", flat=True)
        .first()
    )
    if auditor is not None and team_id is not None and auditor.team_id == team_id:
        raise AuditError(f"{auditor} works in the child's team: choose an auditor from another team.")
    cohort = selectors.cohorts_on(on, {child.pk} if child.disabilities else set()).get(child.pk, "cin")
    return Audit.objects.create(
        programme=programme,
        tool_version=programme.tool_version,
        child=child,
        team_id=team_id,
        cohort=cohort,
        auditor=auditor,
        auditor_name=str(auditor) if auditor else "",
        practitioner_id=_allocated_worker(child.pk, on),
        source=Audit.Source.MANUAL,
        added_reason=reason.strip(),
        due_date=programme.due_date,
        updated_at=timezone.now(),
    )


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
    elif value.isdigit() and int(value) in GRADES:
        grades[key] = int(value)
    else:
        raise AuditError("A section grade is one of the four grades.")
    audit.section_grades = grades


def _set_field(audit: Audit, field: str, value: str):
    if field == "overall_grade":
        if value and not (value.isdigit() and int(value) in GRADES):
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
        worker = Worker.objects.filter(pk=value).first() if value.isdigit() else None
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


@transaction.atomic
def choose_moderation(programme: AuditProgramme) -> int:
    """Pick the programme's finalised audits for moderation and give them to its moderators,
    never to the audit's own auditor. Returns how many were assigned."""
    moderators = [
        m.worker
        for m in programme.members.filter(role=ProgrammeMember.Role.MODERATOR).select_related("worker")
    ]
    if not moderators:
        raise AuditError("Add at least one moderator to the programme first.")
    audits = list(programme.audits.filter(status=Audit.Status.FINALISED, moderation__isnull=True))
    chosen = choose_for_moderation(
        [(a.pk, a.overall_grade) for a in audits], programme.seed, programme.moderation_share
    )
    now, made = timezone.now(), 0
    for index, audit in enumerate(a for a in audits if a.pk in chosen):
        options = [m for m in moderators if m.pk != audit.auditor_id] or moderators
        moderator = options[index % len(options)]
        Moderation.objects.create(
            audit=audit, moderator=moderator, moderator_name=str(moderator), assigned_at=now
        )
        made += 1
    return made


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

"""Writes for the audit tools and programmes: the default tools, new tool versions, a
programme, its sample drawn from the recorded seed, audits added by hand, and the audits chosen
for moderation."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sightline.records.models import Child
from sightline.workforce.models import Allocation, Worker

from .. import selectors
from ..domain.defaults import default_tools
from ..domain.moderation import choose_for_moderation
from ..domain.sampling import AuditorSlot, draw_sample
from ..domain.tools import Definition
from ..models import (
    Audit,
    AuditProgramme,
    AuditTool,
    AuditToolVersion,
    Moderation,
    ProgrammeMember,
)
from .errors import AuditError


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

"""Reads for the audit programme: who may see which audits, what a programme has done,
sampling's candidates, and the rows the analysis and agreement figures are computed from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import BooleanField, ExpressionWrapper, Q

from sightline.accounts import roles
from sightline.accounts.roles import AuditScope, ChildScope, Role, Viewer
from sightline.records import models as r
from sightline.workforce.models import Allocation, Team

from .domain.agreement import Pair
from .domain.quarters import Quarter
from .domain.sampling import Candidate
from .domain.tools import Definition
from .models import Audit, AuditAction, AuditToolVersion, Moderation, SafeguardingConcern

CURRENT = ~Q(status=Audit.Status.SUPERSEDED)


def audits_given_to(worker_id: int):
    """The current audits a worker is given to do or to moderate, as a queryset (the viewer's
    other ids are read with it in one query: accounts.selectors.viewer_for)."""
    return Audit.objects.filter(CURRENT).filter(
        Q(auditor_id=worker_id) | Q(moderation__moderator_id=worker_id)
    )


def audit_children_of(worker_id: int) -> frozenset[int]:
    """Children of the audits a worker is given to do or to moderate (for Viewer.audit_child_ids)."""
    return frozenset(audits_given_to(worker_id).values_list("child_id", flat=True))


@lru_cache(maxsize=256)
def _definition(version_id: int, stamp: str) -> Definition:
    return Definition.from_data(AuditToolVersion.objects.get(pk=version_id).definition)


def definition_of(version: AuditToolVersion) -> Definition:
    """A tool version's definition, read once per version (versions never change)."""
    return _definition(version.pk, version.created_at.isoformat())


def agency_version_ids(agency: str) -> set[int]:
    return {
        v.pk
        for v in AuditToolVersion.objects.filter(tool__kind="multi_agency")
        if agency in Definition.from_data(v.definition).agencies()
    }


def audit_scope(audit: Audit, child: ChildScope) -> AuditScope:
    moderation = getattr(audit, "moderation", None) if _has_moderation(audit) else None
    definition = definition_of(audit.tool_version)
    return AuditScope(
        audit_id=audit.pk,
        child=child,
        auditor_worker_id=audit.auditor_id,
        moderator_worker_id=moderation.moderator_id if moderation else None,
        moderation_submitted=bool(moderation and moderation.submitted),
        finalised=audit.status in {Audit.Status.FINALISED, Audit.Status.SUPERSEDED},
        agencies=frozenset(definition.agencies()),
    )


def _has_moderation(audit: Audit) -> bool:
    try:
        audit.moderation  # noqa: B018 - the reverse one-to-one raises when there is none
    except Moderation.DoesNotExist:
        return False
    return True


def moderation_of(audit: Audit) -> Moderation | None:
    return audit.moderation if _has_moderation(audit) else None


def visible_audits(viewer: Viewer, on: date):
    """The audits a viewer may open, as a queryset (the same rules as roles.can_view_audit)."""
    from sightline.accounts.selectors import visible_children

    audits = Audit.objects.select_related("child", "team", "tool_version__tool", "auditor")
    if viewer.role is Role.PARTNER_AGENCY:
        return (
            audits.filter(tool_version_id__in=agency_version_ids(viewer.agency or ""))
            if viewer.agency
            else audits.none()
        )
    if not roles.sees_child_level_data(viewer):
        return audits.none()
    restricted_ok = Q(child__restricted=False) | Q(child_id__in=viewer.named_restricted_child_ids)
    if viewer.role in roles.COUNCIL_WIDE:
        return audits.filter(restricted_ok)
    mine = (
        Q(auditor_id=viewer.worker_id) | Q(moderation__moderator_id=viewer.worker_id)
        if viewer.worker_id
        else Q(pk__in=[])
    )
    if viewer.role is Role.AUDITOR:
        return audits.filter(restricted_ok, mine)
    return audits.filter(Q(restricted_ok, mine) | Q(child__in=visible_children(viewer, on)))


def open_concerns(viewer: Viewer):
    """Safeguarding concerns awaiting a response that this viewer should be alerted to."""
    # A restricted child is named only to those named on it (accounts.roles.can_view_child).
    concerns = (
        SafeguardingConcern.objects.filter(responded_at__isnull=True)
        .filter(Q(audit__child__restricted=False) | Q(audit__child_id__in=viewer.named_restricted_child_ids))
        .select_related("audit__child", "team")
    )
    if viewer.role is Role.TEAM_MANAGER:
        return concerns.filter(team_id__in=viewer.team_ids)
    if roles.can_manage_audits(viewer):
        return concerns
    return concerns.none()


def team_audits(team: Team, since: date):
    return (
        Audit.objects.filter(CURRENT, team=team, audit_date__gte=since, status=Audit.Status.FINALISED)
        .select_related("child", "tool_version__tool")
        .order_by("-audit_date")
    )


def cohorts_on(on: date, disabled: set[int] | None = None) -> dict[int, str]:
    """Each open case's cohort on a date, most specific first: CP, CLA, care leaver, disabled,
    pre-birth, otherwise CIN. `disabled`: the disabled children among those asked about, when
    the caller has read them already (finding them here reads every child ever known)."""
    cohort: dict[int, str] = {}

    def mark(ids, name):
        for child_id in ids:
            cohort.setdefault(child_id, name)

    def open_(start: str, end: str) -> Q:
        return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on}))

    def ids(rows, key="child_id"):
        return rows.order_by().values_list(key, flat=True)

    mark(ids(r.CPPlan.objects.filter(open_("cpp_start_date", "cpp_end_date"))), "cp")
    mark(ids(r.LookedAfterEpisode.objects.filter(open_("decom", "dec"))), "cla")
    year_before = on - timedelta(days=365)
    mark(
        ids(r.CareLeaverContact.objects.filter(contact_date__gte=year_before, contact_date__lte=on)),
        "care_leaver",
    )
    mark(
        disabled if disabled is not None else ids(r.Child.objects.exclude(disabilities=[]), "pk"), "disabled"
    )
    since = on - timedelta(days=270)
    mark(ids(r.PreBirthReferral.objects.filter(referral_date__gte=since, referral_date__lte=on)), "pre_birth")
    return cohort


def disabled_among(child_ids) -> set[int]:
    return {
        pk
        for pk, disabilities in r.Child.objects.filter(pk__in=child_ids)
        .order_by()
        .values_list("pk", "disabilities")
        if disabilities
    }


def sampling_candidates(on: date, cohorts: list[str] | None = None) -> list[Candidate]:
    """Every child with an open social work allocation on the date (not restricted), with
    their team and cohort."""
    allocations = list(
        Allocation.objects.filter(
            role=Allocation.Role.SOCIAL_WORKER, start_date__lte=on, child__restricted=False
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .exclude(team__kind__in=[Team.Kind.FRONT_DOOR, Team.Kind.IRO])
        # Whether the child is disabled, worked out by the database (decoding 2,500 JSON lists
        # in Python was a third of the time).
        .annotate(needs=ExpressionWrapper(~Q(child__disabilities=[]), output_field=BooleanField()))
        .order_by()
        .values_list("child_id", "team_id", "needs")
    )
    cohort = cohorts_on(on, disabled={child_id for child_id, _, needs in allocations if needs})
    found = [
        Candidate(child_id, team_id, cohort.get(child_id, "cin")) for child_id, team_id, _ in allocations
    ]
    return [c for c in found if not cohorts or c.cohort in cohorts]


def recently_audited(on: date, months: int = 12) -> set[int]:
    since = on - timedelta(days=round(months * 30.44))
    return set(
        Audit.objects.filter(CURRENT, audit_date__gte=since, audit_date__lte=on).values_list(
            "child_id", flat=True
        )
    ) | set(
        Audit.objects.filter(status__in=[Audit.Status.PLANNED, Audit.Status.IN_PROGRESS]).values_list(
            "child_id", flat=True
        )
    )


@dataclass(frozen=True)
class Progress:
    planned: int
    finalised: int
    in_progress: int
    overdue: int

    @property
    def completion_pct(self) -> float | None:
        return round(100 * self.finalised / self.planned, 1) if self.planned else None


def _progress(audits: list[tuple[str, date | None]], on: date) -> Progress:
    return Progress(
        planned=len(audits),
        finalised=sum(s == Audit.Status.FINALISED for s, _ in audits),
        in_progress=sum(s == Audit.Status.IN_PROGRESS for s, _ in audits),
        overdue=sum(s != Audit.Status.FINALISED and d is not None and d < on for s, d in audits),
    )


def programme_progress(programme, on: date) -> Progress:
    return _progress(list(programme.audits.filter(CURRENT).values_list("status", "due_date")), on)


def programmes_progress(programmes, on) -> list[tuple]:
    """(programme, Progress) for each programme, from one query over their audits: the
    programmes list and the analysis page's completion table show every programme at once.
    `on` is a date, or a function of the programme giving its date."""
    programmes = list(programmes)
    audits: dict[int, list] = {p.pk: [] for p in programmes}
    for programme_id, status, due in Audit.objects.filter(CURRENT, programme__in=programmes).values_list(
        "programme_id", "status", "due_date"
    ):
        audits[programme_id].append((status, due))
    return [(p, _progress(audits[p.pk], on(p) if callable(on) else on)) for p in programmes]


def overdue_audits(on: date):
    return (
        Audit.objects.filter(status__in=[Audit.Status.PLANNED, Audit.Status.IN_PROGRESS], due_date__lt=on)
        .select_related("child", "auditor", "team", "programme")
        .order_by("due_date")
    )


def finalised_rows(
    start: date | None = None, end: date | None = None, team_id: int | None = None, *, answers: bool = True
) -> list[dict]:
    """One row per finalised audit (current versions) with its moderation: what the analysis,
    agreement figures, report sections and the summary command are all computed from.
    `answers=False` leaves each audit's answers unread (empty): the agreement figures need only
    the grades, and reading every answer was most of the agreement page's time."""
    audits = Audit.objects.filter(status=Audit.Status.FINALISED, audit_date__isnull=False)
    if start:
        audits = audits.filter(audit_date__gte=start)
    if end:
        audits = audits.filter(audit_date__lte=end)
    if team_id:
        audits = audits.filter(team_id=team_id)
    moderations = {
        m["audit_id"]: m
        for m in Moderation.objects.filter(audit__in=audits, submitted_at__isnull=False).values(
            "audit_id", "overall_grade", "section_grades", "moderator_name", "moderation_date"
        )
    }
    rows = []
    for a in audits.values(
        "id",
        "audit_date",
        "team_id",
        "team__name",
        "cohort",
        "tool_version_id",
        "tool_version__tool__kind",
        "tool_version__tool__name",
        "auditor_name",
        "auditor_id",
        "auditor__team__name",
        "auditor__staff_id",
        "overall_grade",
        "section_grades",
        *(["answers"] if answers else []),
        "child_id",
    ):
        m = moderations.get(a["id"])
        rows.append(
            {
                "id": a["id"],
                "child_id": a["child_id"],
                "audit_date": a["audit_date"],
                "quarter": Quarter.of(a["audit_date"]).key,
                "team_id": a["team_id"],
                "team": a["team__name"] or "No team recorded",
                "cohort": a["cohort"] or "",
                "version_id": a["tool_version_id"],
                "kind": a["tool_version__tool__kind"],
                "tool": a["tool_version__tool__name"],
                "auditor": a["auditor_name"] or "Not recorded",
                "auditor_id": a["auditor_id"],
                "_auditor_team": a["auditor__team__name"] or "",
                "_auditor_staff_id": a["auditor__staff_id"] or "",
                "grade": a["overall_grade"],
                "section_grades": a["section_grades"] or {},
                "answers": a.get("answers") or {},
                "moderated_grade": m["overall_grade"] if m else None,
                "moderated_sections": (m["section_grades"] or {}) if m else {},
                "moderator": m["moderator_name"] if m else "",
            }
        )
    return _auditors_told_apart(rows)


def _auditors_told_apart(rows: list[dict]) -> list[dict]:
    """Two auditors of one name are two people: each is shown with their team (or staff ID), so
    one's over-optimism is not averaged with the other's grades."""
    ids_by_name: dict[str, set] = {}
    for row in rows:
        ids_by_name.setdefault(row["auditor"], set()).add(row["auditor_id"])
    shared = {name for name, ids in ids_by_name.items() if len(ids) > 1}
    teams: dict[tuple[str, str], set] = {}
    for row in rows:
        if row["auditor"] in shared:
            teams.setdefault((row["auditor"], row["_auditor_team"]), set()).add(row["auditor_id"])
    for row in rows:
        team, staff_id = row.pop("_auditor_team"), row.pop("_auditor_staff_id")
        if row["auditor"] not in shared or row["auditor_id"] is None:
            continue
        alone_in_team = team and len(teams[(row["auditor"], team)]) == 1
        row["auditor"] = f"{row['auditor']} ({team if alone_in_team else 'staff ID ' + staff_id})"
    return rows


def moderation_pairs(rows: list[dict]) -> list[Pair]:
    return [
        Pair(row["auditor"], row["grade"], row["moderated_grade"], row["moderator"])
        for row in rows
        if row["moderated_grade"] is not None and row["grade"] is not None
    ]


def actions_for_improvement_plan(status: str | None = None):
    """Actions audits raised, for the Quality Improvement Plan to link to (stable read)."""
    actions = AuditAction.objects.select_related("audit__child", "audit__team", "owner")
    return actions.filter(status=status) if status else actions

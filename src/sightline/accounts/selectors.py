"""Reads about users and what they may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from sightline.records.models import Child
from sightline.workforce.models import Allocation

from .models import RestrictedRecordAccess, StaffProfile
from .roles import COUNCIL_WIDE, ChildScope, Role, Viewer


def viewer_for(user) -> Viewer:
    """The Viewer for a signed-in user; a user with no profile is treated as seeing nothing."""
    profile = StaffProfile.objects.filter(user=user).prefetch_related("teams", "services").first()
    if profile is None:
        return Viewer(role=Role.ELECTED_MEMBER)
    named = frozenset(RestrictedRecordAccess.objects.filter(user=user).values_list("child_id", flat=True))
    return Viewer(
        role=Role(profile.role),
        worker_id=profile.worker_id,
        team_ids=frozenset(t.id for t in profile.teams.all()),
        service_ids=frozenset(s.id for s in profile.services.all()),
        named_restricted_child_ids=named,
        agency=profile.agency or None,
        user_id=user.pk,
        audit_child_ids=_audit_children(profile.worker_id),
    )


def _audit_children(worker_id: int | None) -> frozenset[int]:
    """Children of the audits this worker is given to do or to moderate."""
    if worker_id is None:
        return frozenset()
    from sightline.audits.selectors import audit_children_of

    return audit_children_of(worker_id)


def _current(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def child_scope(child: Child, on: date) -> ChildScope:
    allocations = list(Allocation.objects.filter(_current(on), child=child).select_related("team"))
    social = [a for a in allocations if a.role != Allocation.Role.IRO]
    return ChildScope(
        child_id=child.pk,
        restricted=child.restricted,
        worker_ids=frozenset(a.worker_id for a in allocations),
        team_ids=frozenset(a.team_id for a in social),
        service_ids=frozenset(a.team.service_id for a in social),
        iro_worker_ids=frozenset(a.worker_id for a in allocations if a.role == Allocation.Role.IRO),
    )


def visible_children(viewer: Viewer, on: date):
    """A queryset of the children this viewer may open (the same rules as can_view_child)."""
    children = Child.objects.all()
    if viewer.role is Role.ELECTED_MEMBER:
        return children.none()
    restricted_ok = Q(restricted=False) | Q(pk__in=viewer.named_restricted_child_ids)
    if viewer.role in COUNCIL_WIDE:
        return children.filter(restricted_ok)
    audited = Q(pk__in=viewer.audit_child_ids)
    if viewer.role is Role.AUDITOR:
        return children.filter(restricted_ok, audited)
    current = Allocation.objects.filter(_current(on))
    if viewer.role is Role.IRO:
        held = current.filter(Q(role=Allocation.Role.IRO) | Q(worker_id=viewer.worker_id))
    elif viewer.role is Role.HEAD_OF_SERVICE:
        held = current.filter(team__service_id__in=viewer.service_ids).exclude(role=Allocation.Role.IRO)
    elif viewer.role is Role.TEAM_MANAGER:
        held = current.filter(team_id__in=viewer.team_ids).exclude(role=Allocation.Role.IRO)
    else:
        held = current.filter(
            Q(worker_id=viewer.worker_id) | (Q(team_id__in=viewer.team_ids) & ~Q(role=Allocation.Role.IRO))
        )
    return children.filter(restricted_ok, Q(pk__in=held.values("child_id")) | audited)

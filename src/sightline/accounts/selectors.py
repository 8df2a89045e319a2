"""Reads about users and what they may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, Q, Value

from sightline.records.models import Child
from sightline.workforce.models import Allocation, Team

from . import roles
from .models import RestrictedRecordAccess, StaffProfile
from .roles import COUNCIL_WIDE, ChildScope, Role, TeamScope, Viewer


def viewer_for(user) -> Viewer:
    """The Viewer for a signed-in user; a user with no profile is treated as seeing nothing.

    Two queries: the profile, then its teams, services, named restricted records and the
    children of the audits its worker is given, in one UNION (each page asks for it)."""
    profile = (
        StaffProfile.objects.filter(user=user)
        .values("id", "role", "worker_id", "agency")
        .order_by("pk")
        .first()
    )
    if profile is None:
        return Viewer(role=Role.ELECTED_MEMBER)
    ids: dict[str, set] = {"team": set(), "service": set(), "named": set(), "audit": set()}
    for kind, value in _viewer_ids(profile, user.pk):
        ids[kind].add(value)
    return Viewer(
        role=Role(profile["role"]),
        worker_id=profile["worker_id"],
        team_ids=frozenset(ids["team"]),
        service_ids=frozenset(ids["service"]),
        named_restricted_child_ids=frozenset(ids["named"]),
        agency=profile["agency"] or None,
        user_id=user.pk,
        audit_child_ids=frozenset(ids["audit"]),
    )


def _viewer_ids(profile: dict, user_id: int):
    """(kind, id) rows: the profile's teams and services, the restricted children the user is
    named for and, for a worker, the children of the audits they are given."""

    def labelled(queryset, kind: str, column: str):
        kinded = queryset.order_by().annotate(kind=Value(kind, output_field=CharField()))
        return kinded.values_list("kind", column)

    parts = [
        labelled(StaffProfile.teams.through.objects.filter(staffprofile_id=profile["id"]), "team", "team_id"),
        labelled(
            StaffProfile.services.through.objects.filter(staffprofile_id=profile["id"]),
            "service",
            "service_id",
        ),
        labelled(RestrictedRecordAccess.objects.filter(user_id=user_id), "named", "child_id"),
    ]
    if profile["worker_id"] is not None:
        from sightline.audits.selectors import audits_given_to

        parts.append(labelled(audits_given_to(profile["worker_id"]), "audit", "child_id"))
    return parts[0].union(*parts[1:], all=True)


def _current(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def child_scope(child: Child, on: date, allocations: list[Allocation] | None = None) -> ChildScope:
    """Who holds the child's case on `on`; `allocations`, the child's current ones with their
    teams, when the caller has read them already (the child page shows them)."""
    if allocations is None:
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
    if not roles.sees_child_level_data(viewer):
        return Child.objects.none()
    return Child.objects.filter(_restricted_ok(viewer), _in_reach(viewer, on))


def hidden_children_count(viewer: Viewer, on: date) -> int:
    """How many children within this viewer's reach are restricted records they are not named
    for: a list says this many were left out, so a short list is not taken as complete."""
    if not roles.sees_child_level_data(viewer):
        return 0
    return Child.objects.filter(_in_reach(viewer, on)).exclude(_restricted_ok(viewer)).count()


def _restricted_ok(viewer: Viewer) -> Q:
    return Q(restricted=False) | Q(pk__in=viewer.named_restricted_child_ids)


def _in_reach(viewer: Viewer, on: date) -> Q:
    """The children this viewer's role covers, before restricted records are taken out."""
    if viewer.role in COUNCIL_WIDE:
        return Q()
    audited = Q(pk__in=viewer.audit_child_ids)
    if viewer.role is Role.AUDITOR:
        return audited
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
    return Q(pk__in=held.values("child_id")) | audited


@dataclass(frozen=True)
class ChildFilter:
    """Which children a viewer may open, for keeping rows of a list or an export.

    Council-wide roles open every child but the restricted ones they are not named for, so
    their filter holds the few `hidden` ids; everyone else's holds the `allowed` ones.
    """

    allowed: frozenset[int] | None
    hidden: frozenset[int] = frozenset()

    def allows(self, child_id: int | None) -> bool:
        if child_id is None:
            return True  # a row about a worker or a team, not a child
        if self.allowed is None:
            return child_id not in self.hidden
        return child_id in self.allowed

    def keep(self, rows: Iterable, key=lambda row: row["child_id"]) -> tuple[list, int]:
        """The rows the viewer may see and how many were left out."""
        rows = list(rows)
        kept = [row for row in rows if self.allows(key(row))]
        return kept, len(rows) - len(kept)


def child_filter(viewer: Viewer, on: date, among: Iterable[int] | None = None) -> ChildFilter:
    """The same rules as can_view_child and visible_children, as a filter over rows; `among`,
    the only children it will be asked about (a list's), so the database reads no others."""
    if not roles.sees_child_level_data(viewer):
        return ChildFilter(allowed=frozenset())
    if viewer.role in COUNCIL_WIDE:
        restricted = Child.objects.filter(restricted=True).exclude(pk__in=viewer.named_restricted_child_ids)
        return ChildFilter(allowed=None, hidden=frozenset(restricted.values_list("pk", flat=True)))
    visible = visible_children(viewer, on)
    if among is not None:
        visible = visible.filter(pk__in=list(among))
    return ChildFilter(allowed=frozenset(visible.values_list("pk", flat=True)))


def team_scope(team: Team) -> TeamScope:
    return TeamScope(team_id=team.pk, service_id=team.service_id)


def visible_teams(viewer: Viewer):
    """The teams whose pages this viewer may open (the same rule as can_view_team)."""
    teams = Team.objects.select_related("service").order_by("service__name", "name")
    return [team for team in teams if roles.can_view_team(viewer, team_scope(team))]

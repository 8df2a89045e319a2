"""The access rules of `accounts.roles` applied to a register's rows: one row, or a whole queryset.

The rules themselves live in roles.py (plain functions over `RowScope`); this module only
reads a row's agencies, owner and child into a `RowScope`, and turns the same rules into a
queryset filter. A test checks the two agree for every role.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from sightline.accounts import roles
from sightline.accounts.roles import RowScope, Viewer
from sightline.accounts.selectors import child_scope, visible_children

from .declarations import Register


def _values_at(row, path: str) -> set:
    """Every value at a lookup path from one row, following foreign keys and reverse relations."""
    items = [row]
    for part in path.split("__"):
        found = []
        for item in items:
            value = getattr(item, part, None)
            if value is None:
                continue
            if hasattr(value, "all"):
                found.extend(value.all())
            else:
                found.append(value)
        items = found
    return {v for v in items if v not in (None, "")}


def row_scope(register: Register, row, on: date) -> RowScope:
    agencies = frozenset(_values_at(row, register.agency_field)) if register.agency_field else frozenset()
    owner = getattr(row, register.owner_field) if register.owner_field else None
    child = getattr(row, register.child_field) if register.child_field else None
    return RowScope(
        agencies=agencies,
        owner_worker_id=owner.pk if owner else None,
        owner_team_id=owner.team_id if owner else None,
        owner_service_id=owner.team.service_id if owner else None,
        child=child_scope(child, on) if child is not None else None,
    )


def can_see(register: Register, viewer: Viewer, row, on: date) -> bool:
    return roles.can_see_row(viewer, register.rules, row_scope(register, row, on))


def can_change(register: Register, viewer: Viewer, row, on: date) -> bool:
    return roles.can_change_row(viewer, register.rules, row_scope(register, row, on))


def can_add(register: Register, viewer: Viewer) -> bool:
    return roles.can_add_row(viewer, register.rules)


def visible_rows(register: Register, viewer: Viewer, queryset, on: date):
    """The rows of `queryset` this viewer may see, by the same rules as `can_see`."""
    access = roles.register_access(viewer, register.rules)
    if access == "agency":
        return queryset.filter(**{register.agency_field: viewer.agency}).distinct()
    if access != "rows":
        return queryset.none()
    if register.rules.child_rows:
        children = visible_children(viewer, on).values("pk")
        return queryset.filter(
            Q(**{f"{register.child_field}__isnull": True}) | Q(**{f"{register.child_field}__in": children})
        )
    return queryset

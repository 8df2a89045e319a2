"""Writing the access log. Called by the views that show or export child-level data."""

from __future__ import annotations

from sightline.accounts.roles import ChildScope, Viewer

from .models import RecordAccess


def outside_team(viewer: Viewer, scope: ChildScope) -> bool:
    return viewer.worker_id not in scope.worker_ids and not (viewer.team_ids & scope.team_ids)


def log_child_view(
    user, viewer: Viewer, scope: ChildScope, what: str, *, allowed: bool, reason: str = ""
) -> RecordAccess:
    return RecordAccess.objects.create(
        user=user,
        username=user.get_username(),
        child_id=scope.child_id,
        what=what[:300],
        reason=reason[:300],
        action=RecordAccess.Action.VIEW if allowed else RecordAccess.Action.DENIED,
        outside_team=outside_team(viewer, scope),
    )


def log_export(user, what: str, *, child_id: int | None = None, reason: str = "") -> RecordAccess:
    return RecordAccess.objects.create(
        user=user,
        username=user.get_username(),
        child_id=child_id,
        what=what[:300],
        reason=reason[:300],
        action=RecordAccess.Action.EXPORT,
    )


def log_list_view(user, what: str, *, shown: int) -> RecordAccess | None:
    """A page listing children (a team's drift list, a caseload, an indicator's children):
    which page, and how many children it named. A list naming none is not logged."""
    if not shown:
        return None
    return RecordAccess.objects.create(
        user=user,
        username=user.get_username(),
        what=f"{what} ({shown} children listed)"[:300],
        action=RecordAccess.Action.LIST,
    )

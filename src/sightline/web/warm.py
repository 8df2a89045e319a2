"""Build the caches a web process needs (indicator engine, dashboard) before serving."""

from __future__ import annotations

from sightline.accounts.roles import Role, Viewer
from sightline.records.models import Council

from . import homes, selectors


def warm_caches() -> bool:
    """Compute the dashboard for staff and for elected members; False when there is no data yet."""
    if not Council.objects.exists():
        return False
    on = selectors.as_at()
    for role in (Role.DIRECTOR, Role.ELECTED_MEMBER):
        homes.dashboard(Viewer(role=role), on)
    return True

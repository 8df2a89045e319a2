"""The improvement panels on the team page and the child's record."""

from __future__ import annotations

from sightline.accounts import roles
from sightline.web.selectors import as_at

from . import selectors, tables


def team_panel(request, team) -> dict | None:
    """The team's plan actions past their due date and IRO escalations past their timescale."""
    viewer = request.viewer
    on = as_at()
    actions = selectors.overdue_actions(viewer, on, team_ids={team.pk})
    escalations = selectors.overdue_escalations(viewer, team, on)
    if not actions and not escalations:
        return None
    return {
        "actions": tables.actions(
            [(a, a.rag(on)) for a in actions],
            "Plan actions past their due date, owned in this team",
            "team-overdue-actions",
        )
        if actions
        else None,
        "escalations": tables.overdue_escalations(escalations) if escalations else None,
    }


def child_panel(request, child) -> dict | None:
    from .registers import DISPUTES

    viewer = request.viewer
    escalations = selectors.escalations_for_child(viewer, child, as_at())
    return {
        "escalations": tables.child_escalations(escalations) if escalations else None,
        "can_raise": roles.can_add_row(viewer, DISPUTES.rules),
    }

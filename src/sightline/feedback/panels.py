"""The feedback panel on the team page: the team's complaints open past their timescale."""

from __future__ import annotations

from sightline.web.selectors import as_at

from . import selectors, tables


def team_panel(request, team) -> dict | None:
    on = as_at()
    overdue = selectors.overdue_complaints(request.viewer, on, team_ids={team.pk})
    compliments = selectors.compliments_by_quarter(on, team_id=team.pk)
    return {
        "overdue": tables.overdue(overdue, "Complaints open past their timescale", "team-overdue-complaints"),
        "compliments": tables.compliments(compliments, "team-compliments"),
        "as_at": on,
    }

"""The audits panel on the team page: the team's finalised audits of the last year (links only to
audits the viewer may open) and its open safeguarding concerns."""

from __future__ import annotations

from datetime import timedelta

from sightline.accounts.selectors import viewer_for
from sightline.web.selectors import as_at

from . import selectors, tables
from .domain.analysis import good_or_better_pct


def team_panel(request, team) -> dict:
    viewer = getattr(request, "viewer", None) or viewer_for(request.user)
    on = as_at()
    audits = list(selectors.team_audits(team, on - timedelta(days=365)))
    visible = set(
        selectors.visible_audits(viewer, on)
        .filter(pk__in=[a.pk for a in audits])
        .values_list("pk", flat=True)
    )
    rows = selectors.finalised_rows(on - timedelta(days=365), on, team.pk)
    shown = [a for a in audits if a.pk in visible][:20]
    return {
        "audits": tables.team_audits(shown) if shown else None,
        "total": len(audits),
        "good_pct": good_or_better_pct(rows),
        "concerns": selectors.open_concerns(viewer).filter(team=team),
        "team": team,
    }

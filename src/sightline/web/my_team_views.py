"""The home of a team manager ('My team') and of a practitioner ('My caseload'): thin, reading
through web.my_team; the council's dashboard is one click away (`?view=council`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from sightline.accesslog.services import log_list_view
from sightline.accounts import roles
from sightline.accounts.selectors import team_scope
from sightline.workforce.models import Team

from . import export_registry as exports
from . import my_team, params
from .exports import table_response
from .indicators import parse_period
from .selectors import CASE_STATUSES

PAGE = 50
FILTERS = ("team", "worker", "status", "show", "kind")
TITLES = {roles.TEAM_HOME: "My team", roles.CASELOAD_HOME: "My caseload"}


def own_home(request, own: str, on):
    """The viewer's own home: their team's (or their own) children, narrowed as asked, and the
    figures of the teams they work in (or of the one team asked for)."""
    viewer = request.viewer
    teams = list(Team.objects.filter(pk__in=viewer.team_ids).order_by("name"))
    openable = {team.pk: team.name for team in teams if roles.can_view_team(viewer, team_scope(team))}
    if own == roles.TEAM_HOME:
        found, hidden = my_team.cases(viewer, on, team_ids=viewer.team_ids)
    else:
        found, hidden = my_team.cases(viewer, on, worker_id=viewer.worker_id)
    workers, kinds = my_team.workers_of(found), my_team.kinds_of(found)
    asked = params.read(params.HomeForm, request, data_to=on, workers=workers, teams=openable)
    listed = my_team.narrowed(found, **{key: asked[key] for key in FILTERS})
    if asked["team"] is not None:  # one of the manager's teams: its children and its figures
        teams = [team for team in teams if team.pk == asked["team"]]
        found = my_team.narrowed(found, team=asked["team"])
        hidden = [held_by for held_by in hidden if asked["team"] in held_by]
    if asked["format"]:
        described = _described(asked, workers, openable)
        return _download(request, own, asked["format"], listed, teams, on, described)
    page = params.page_of(listed, PAGE, asked["page"])
    log_list_view(request.user, request.get_full_path(), shown=len(page.object_list))
    filters = {key: asked[key] for key in FILTERS if asked[key]}
    kept = {**filters, **({"period": asked["period"]} if asked["period"] else {})}
    count = page.paginator.count
    context = {
        "own": own,
        "title": TITLES[own],
        "as_at": on,
        **_figures(viewer, own, teams, asked, on),
        "table": my_team.rendered_table(page, f"{count} child{'ren' * (count != 1)} listed, overdue first"),
        "page": page,
        "page_query": urlencode(kept),
        "download_query": urlencode(kept),
        "total": len(found),
        "hidden": len(hidden),
        "form": {
            "asked": asked,
            "workers": workers,
            "statuses": CASE_STATUSES,
            "show": _show(),
            "kinds": kinds,
            "teams": openable if len(openable) > 1 else {},
        },
        "filtered": bool(filters),
    }
    return render(request, "web/my_team.html", context)


def _download(request, own: str, fmt: str, listed: list, teams: list, on, described: str):
    """The children listed as a download, its About sheet saying the filters it was made with."""
    names = ", ".join(team.name for team in teams)
    return table_response(
        request,
        exports.MY_TEAM if own == roles.TEAM_HOME else exports.MY_CASELOAD,
        "my-team" if own == roles.TEAM_HOME else "my-caseload",
        my_team.EXPORT_HEADERS,
        my_team.export_rows(listed),
        fmt,
        title=f"{TITLES[own]}: children and what is due next",
        level=f"Team: {names}" if own == roles.TEAM_HOME else f"Worker's caseload ({names})",
        period=f"As at {on:%-d %B %Y}",
        notes=[("Children listed", described)],
    )


def _figures(viewer, own: str, teams: list, asked: dict, on) -> dict:
    """The period of the figures and each team's headline figures (a practitioner's own beside)."""
    kind, _, period = parse_period(asked, on)
    mine = viewer.worker_id if own == roles.CASELOAD_HOME else None
    return {
        "period": period,
        "period_kind": kind,
        "period_kinds": params.PERIOD_KINDS,
        "teams": [
            {
                "team": team,
                "href": reverse("team", args=[team.pk])
                if roles.can_view_team(viewer, team_scope(team))
                else None,
                "figures": my_team.rendered_figures(viewer, team.pk, team.name, period, kind, mine),
            }
            for team in teams
        ],
    }


def _show() -> dict:
    return dict(params.HomeForm.base_fields["show"].choices)


def _described(asked: dict, workers: dict, teams: dict) -> str:
    """The filters a download was made with, in the page's words ('Every child' when none)."""
    fields = params.HomeForm.base_fields
    said = [
        ("Team", teams.get(asked["team"])),
        ("Worker", workers.get(asked["worker"])),
        ("Status", CASE_STATUSES.get(asked["status"])),
        (fields["kind"].label, dict(fields["kind"].choices).get(asked["kind"])),
        ("Show", _show().get(asked["show"])),
    ]
    return "; ".join(f"{label}: {value}" for label, value in said if value) or "Every child"

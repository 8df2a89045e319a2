"""Thin views: check who is asking, read through selectors, render or export."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sightline.accesslog.models import RecordAccess
from sightline.accesslog.services import log_child_view, log_list_view
from sightline.accounts import roles
from sightline.accounts.selectors import (
    child_filter,
    child_scope,
    hidden_children_count,
    team_scope,
    viewer_for,
    visible_children,
    visible_teams,
)
from sightline.domain.dates import long_datetime
from sightline.performance.selectors import drift_kinds
from sightline.records.models import Child
from sightline.workforce.models import Team

from . import drift, fragments, page_tables, panels, params, selectors
from . import export_registry as exports
from .exports import table_response

CHRONOLOGY_PAGE = 100
DRIFT_PAGE = 50
ACCESS_LOG_MAX = 20_000


def with_viewer(view):
    """Sign-in required; the request gets `viewer` (role, teams) for the rules."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # Kept per user under the data and content versions (a profile's role, teams or named
        # records, or the audits given, raise the content version): two queries a page less.
        user = request.user
        request.viewer = fragments.kept("viewer", (user.pk,), lambda: viewer_for(user), figures=False)
        return view(request, *args, **kwargs)

    return wrapped


def export_format(request) -> str | None:
    """The download format a page was asked for (`?format=csv|xlsx`), if any; another value is
    a ParameterError (a 400 page saying which formats there are), never a page instead."""
    return params.read(params.DownloadForm, request)["format"] or None


@with_viewer
def child_detail(request, pk: int):
    asked = params.read(params.ChildForm, request)
    child = get_object_or_404(Child, pk=pk)
    on = selectors.as_at()
    allocations = selectors.current_allocations(child, on)
    scope = child_scope(child, on, allocations)
    allowed = roles.can_view_child(request.viewer, scope)
    log_child_view(
        request.user,
        request.viewer,
        scope,
        request.path,
        allowed=allowed,
        reason=asked["reason"],
    )
    if not allowed:
        raise Http404("No child found")
    if fmt := asked["format"]:
        events = selectors.child_chronology(child)
        return table_response(
            request,
            exports.CHRONOLOGY,
            f"chronology-{child.la_child_id}",
            ["Date", "Kind", "Event", "Detail"],
            [(e.day, e.kind, e.title, e.detail) for e in events],
            fmt,
            title=f"Chronology of child {child.la_child_id}",
            period=f"Every event to {on:%-d %B %Y}",
            level=f"Child: {child.la_child_id}",
        )
    show_all = asked["all"] == "1"
    chronology, total = fragments.chronology(child, show_all, CHRONOLOGY_PAGE)
    return render(
        request,
        "web/child.html",
        {
            "child": child,
            "chronology": chronology,
            "more_events": 0 if show_all else max(0, total - CHRONOLOGY_PAGE),
            "event_total": total,
            "as_at": on,
            "badges": fragments.kept(
                "child-status", (child.pk, on), lambda: selectors.child_status(child, on), figures=False
            ),
            "allocations": allocations,
            "due": fragments.due_next(child, on),
            "panels": panels.for_page("child", request, child=child),
        },
    )


@with_viewer
def caseload(request):
    """The children the user may open, searchable: for a practitioner, their own and their team's."""
    if not roles.sees_child_level_data(request.viewer):
        raise PermissionDenied
    asked = params.read(params.CaseloadForm, request)
    on = selectors.as_at()
    children = visible_children(request.viewer, on)
    query = asked["q"].strip()
    if query:
        children = children.filter(
            Q(la_child_id__iexact=query) | Q(last_name__iexact=query) | Q(first_name__iexact=query)
        )
    page = params.page_of(children.order_by("la_child_id"), 50, asked["page"])
    log_list_view(request.user, request.get_full_path(), shown=len(page.object_list))
    hidden = hidden_children_count(request.viewer, on)
    context = {
        "page": page,
        "query": query,
        "as_at": on,
        "hidden": hidden,
        "table": page_tables.caseload(page, on),
    }
    return render(request, "web/caseload.html", context)


@with_viewer
def teams(request):
    if not roles.sees_team_pages(request.viewer):
        raise PermissionDenied
    return render(request, "web/teams.html", {"table": page_tables.teams(visible_teams(request.viewer))})


@with_viewer
def team_detail(request, pk: int):
    team = get_object_or_404(Team.objects.select_related("service"), pk=pk)
    if not roles.can_view_team(request.viewer, team_scope(team)):
        raise PermissionDenied
    on = selectors.as_at()
    children = child_filter(request.viewer, on)
    unallocated, unallocated_hidden = children.keep(
        selectors.unallocated_children(on, team), key=lambda row: row[0].pk
    )
    everything, drift_hidden = children.keep(selectors.team_drift(team, on))
    workers = drift.workers_of(everything)
    asked = params.read(params.TeamForm, request, workers=workers)
    narrowed = drift.narrowed(everything, show=asked["show"], kind=asked["kind"], worker=asked["worker"])
    fmt, table = asked["format"], asked["table"]
    if fmt and table == "caseloads":
        return _caseloads_download(request, team, selectors.team_caseloads(team, on), on, fmt)
    if fmt and table == "drift":
        return table_response(
            request,
            exports.TEAM_DRIFT,
            f"drift-{team.pk}",
            [label for _, label in drift.EXPORT_COLUMNS],
            [[row[c] for c, _ in drift.EXPORT_COLUMNS] for row in narrowed],
            fmt,
            title=f"What is due and overdue: {team.name}",
            level=f"Team: {team.name}",
            period=f"As at {on:%-d %B %Y}",
        )
    page = params.page_of(narrowed, DRIFT_PAGE, asked["page"])
    listed = {row["child_id"] for row in page.object_list} | {child.pk for child, _ in unallocated}
    log_list_view(request.user, request.get_full_path(), shown=len(listed))
    filters = {k: asked[k] for k in ("show", "kind", "worker") if asked[k]}
    return render(
        request,
        "web/team.html",
        {
            "team": team,
            "caseloads": page_tables.caseloads(selectors.team_caseloads(team, on), linked=workers),
            "unallocated": unallocated,
            "unallocated_hidden": unallocated_hidden,
            "drift": page_tables.drift(page),
            "page": page,
            "page_query": urlencode(filters),
            "drift_total": len(everything),
            "drift_hidden": drift_hidden,
            "drift_form": {"asked": asked, "show": drift.SHOW, "kinds": drift_kinds(), "workers": workers},
            "as_at": on,
            "panels_html": panels.rendered("team", request, team=team),
        },
    )


def _caseloads_download(request, team: Team, loads, on, fmt: str):
    return table_response(
        request,
        exports.TEAM_CASELOADS,
        f"caseloads-{team.pk}",
        ["Worker", "Role", "Agency", "Children", "Limit", "Last supervision"],
        [
            (w.name, w.worker.get_role_display(), w.worker.agency, w.children, w.limit, w.last_supervision)
            for w in loads
        ],
        fmt,
        title=f"Caseloads: {team.name}",
        level=f"Team: {team.name}",
        period=f"As at {on:%-d %B %Y}",
    )


@with_viewer
def demand(request):
    on = selectors.as_at()
    if fmt := export_format(request):
        rows = selectors.demand_by_month(on)
        return table_response(
            request,
            exports.DEMAND,
            "demand",
            [
                "Month",
                "Contacts",
                "Contacts a year before",
                "Contacts change %",
                "Referrals",
                "Referrals a year before",
                "Referrals change %",
            ],
            [
                (
                    r["month"].strftime("%Y-%m"),
                    r["contacts"],
                    r["contacts_year_before"],
                    r["contacts_change"],
                    r["referrals"],
                    r["referrals_year_before"],
                    r["referrals_change"],
                )
                for r in rows
            ],
            fmt,
            title="Contacts and referrals by month",
            period=f"24 months to {on:%-d %B %Y}",
            level="Council",
        )
    return render(request, "web/demand.html", {"as_at": on, **fragments.demand(on)})


@with_viewer
def access_log(request):
    if not roles.can_review_access_log(request.viewer):
        raise PermissionDenied
    asked = params.read(params.AccessLogForm, request)
    entries = RecordAccess.objects.select_related("child")
    if asked["flagged"]:
        entries = entries.filter(outside_team=True)
    if user := asked["user"]:
        entries = entries.filter(username=user)
    if fmt := asked["format"]:
        return table_response(
            request,
            exports.ACCESS_LOG,
            "access-log",
            ["When", "User", "Action", "Child", "What", "Reason", "Outside team"],
            [
                (
                    timezone.localtime(e.at),
                    e.username,
                    e.action,
                    e.child.la_child_id if e.child else "",
                    e.what,
                    e.reason,
                    e.outside_team,
                )
                for e in entries[:ACCESS_LOG_MAX]
            ],
            fmt,
            title="Access log" + (" (entries outside the user's teams)" if asked["flagged"] else ""),
            period=f"The latest {ACCESS_LOG_MAX:,} entries to {long_datetime(timezone.localtime())}",
            level=f"User: {user}" if user else "Council",
        )
    page = params.page_of(entries, 100, asked["page"])
    context = {"page": page, "table": page_tables.access_log(page), "flagged": bool(asked["flagged"])}
    return render(request, "web/access_log.html", context)

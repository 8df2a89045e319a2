"""The improvement pages beyond the kit's: the plan's front page, closing the loop, the summary of
progress of a practice review, an agency's progress update, escalations by team and month."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from sightline.accounts import roles
from sightline.domain.dates import axis_month
from sightline.indicators.periods import add_months, month_start
from sightline.registers import services as register_services
from sightline.registers.access import can_change, can_see
from sightline.web import export_registry as exports
from sightline.web import params
from sightline.web.exports import table_response
from sightline.web.selectors import as_at
from sightline.web.views import export_format, with_viewer

from . import selectors, sources, tables
from .forms import ProgressFormatForm, ProgressUpdateForm
from .models import AgencyResponse, PracticeReview
from .registers import CHALLENGES, DISPUTES, INSPECTIONS, PLAN_ACTIONS, PRIORITIES, RESPONSES, REVIEWS

SECTIONS = [PRIORITIES, PLAN_ACTIONS, CHALLENGES, REVIEWS, RESPONSES, INSPECTIONS, DISPUTES]


@with_viewer
def overview(request):
    viewer = request.viewer
    shown = roles.visible_registers(viewer, SECTIONS)
    if not shown:
        raise PermissionDenied
    on = as_at()
    context = {"registers": shown, "as_at": on}
    if roles.register_access(viewer, PLAN_ACTIONS.rules) == "rows":
        mine = selectors.my_actions(viewer, on)
        summary = selectors.plan_summary(viewer, on)
        context["summary"] = tables.plan_summary(summary) if summary else None
        context["own"] = (
            tables.actions(mine["own"], "Your open actions", "my-actions") if mine["own"] else None
        )
        context["managed"] = (
            tables.actions(mine["managed"], "Open actions of the staff you manage", "managed-actions")
            if mine["managed"]
            else None
        )
    return render(request, "improvement/overview.html", context)


@with_viewer
def closing_the_loop(request, model: str, pk: int):
    """Everything raised from one inspection, review, audit programme or challenge: done, and changed?"""
    viewer = request.viewer
    if roles.register_access(viewer, PLAN_ACTIONS.rules) != "rows":
        raise PermissionDenied
    if not any(model in (k.model, k.origin_model) for k in sources.kinds()):
        raise Http404("No such source")
    origin = sources.origin_of(model, pk)
    if origin is None:
        raise Http404("No such source")
    on = as_at()
    rows = selectors.loop_report(viewer, origin, on)
    if fmt := export_format(request):
        return table_response(
            request,
            exports.CLOSING_THE_LOOP,
            f"closing-the-loop-{pk}",
            [
                "Source",
                "Action",
                "Owner",
                "Due",
                "Status",
                "Completed",
                "Evidence",
                "Measure",
                "Before",
                "After",
                "Change",
                "Verdict",
            ],
            [
                (
                    r["action"].source_label,
                    r["action"].title,
                    str(r["action"].owner),
                    r["action"].due_date,
                    r["action"].get_status_display(),
                    r["action"].completed_on,
                    r["action"].evidence,
                    r["impact"].title if r["impact"] else "",
                    r["impact"].before if r["impact"] else None,
                    r["impact"].after if r["impact"] else None,
                    r["impact"].change if r["impact"] else None,
                    r["impact"].verdict if r["impact"] else "",
                )
                for r in rows
            ],
            fmt,
            title=f"Closing the loop: {origin}",
            period=f"As at {on:%-d %B %Y}",
        )
    done = sum(1 for r in rows if r["action"].status == "complete")
    better = sum(1 for r in rows if r["impact"] and r["impact"].verdict == "Improved")
    measured = sum(1 for r in rows if r["impact"] and r["impact"].direction is not None)
    return render(
        request,
        "improvement/loop.html",
        {
            "origin": origin,
            "rows": rows,
            "groups": tables.loop(rows),
            "done": done,
            "better": better,
            "measured": measured,
            "as_at": on,
        },
    )


@with_viewer
def progress_summary(request, pk: int):
    review = get_object_or_404(PracticeReview, pk=pk)
    if not can_see(REVIEWS, request.viewer, review, as_at()):
        raise Http404("No practice review found")
    context = selectors.progress_summary(review, request.viewer)
    if fmt := params.read(ProgressFormatForm, request)["format"]:
        html = render_to_string("improvement/progress_standalone.html", context, request=request)
        content_type = "application/msword" if fmt == "doc" else "text/html; charset=utf-8"
        response = HttpResponse(html, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="summary-of-progress-{review.reference}.{fmt}"'
        )
        return response
    return render(request, "improvement/progress.html", context)


@with_viewer
def add_progress_update(request, pk: int):
    """An agency adds a dated update (and its evidence) to its own part of a recommendation."""
    response = get_object_or_404(AgencyResponse.objects.select_related("recommendation"), pk=pk)
    on = as_at()
    if not can_see(RESPONSES, request.viewer, response, on):
        raise Http404("No agency action found")
    if not can_change(RESPONSES, request.viewer, response, on) or request.method != "POST":
        raise PermissionDenied
    form = ProgressUpdateForm(request.POST)
    if not form.is_valid():
        context = {"register": RESPONSES, "row": response, "form": form}
        return render(request, "improvement/update_form.html", context, status=200)
    update = form.save(commit=False)
    update.response = response
    update.added_by = request.user
    update.added_by_name = request.user.get_username()
    update.save()
    register_services.record(
        response,
        request.user,
        "note",
        [
            {
                "field": "Progress update",
                "old": "",
                "new": f"{update.update_date:%-d %B %Y}: {update.progress}",
            }
        ],
        summary="progress update",
    )
    messages.success(request, "The update was added.")
    return redirect(RESPONSES.detail_url(response))


@with_viewer
def escalations_by_team(request):
    if roles.register_access(request.viewer, DISPUTES.rules) == "none":
        raise PermissionDenied
    on = as_at()
    start = add_months(month_start(on), -11)
    counts = selectors.escalations_by_team_and_month(start, on)
    suppress = roles.suppresses_small_numbers(request.viewer)

    rows = [
        _team_row(name, [counts["cells"].get((team_id, m), 0) for m in counts["months"]], suppress)
        for team_id, name in sorted(counts["teams"].items(), key=lambda t: t[1])
    ]
    if fmt := export_format(request):
        return table_response(
            request,
            exports.IRO_ESCALATIONS,
            "iro-escalations-by-team",
            ["Team", *[axis_month(m) for m in counts["months"]], "Total"],
            [(name, *cells, total) for name, cells, total in rows],
            fmt,
            title="IRO escalations raised, by team and month",
            period=f"{start:%B %Y} to {on:%B %Y}",
        )
    return render(
        request,
        "improvement/by_team.html",
        {
            "table": tables.by_team(counts["months"], rows) if rows else None,
            "as_at": on,
            "start": start,
            "today": date.today(),
        },
    )


def _team_row(name: str, cells: list[int], suppress: bool) -> tuple:
    """A team's monthly counts and total; for elected members 1 to 5 suppressed, and the total too
    when a month is, so the hidden month cannot be worked out from it."""
    if not suppress:
        return name, cells, sum(cells)
    shown = [roles.small_count(n) for n in cells]
    total = sum(cells)
    if any(isinstance(n, str) for n in shown) or 1 <= total <= roles.SMALL_NUMBER_MAX:
        total = roles.small_count(total) if 1 <= total <= roles.SMALL_NUMBER_MAX else "suppressed"
    return name, shown, total

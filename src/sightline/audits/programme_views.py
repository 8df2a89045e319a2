"""The audit hub, quarterly programmes (sampling, additions by hand, moderation), the
overdue list and the actions register."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sightline.accounts import roles
from sightline.records.models import Child
from sightline.web import export_registry as exports
from sightline.web import params
from sightline.web.exports import table_response
from sightline.web.selectors import as_at
from sightline.web.views import export_format, with_viewer
from sightline.workforce.models import Worker

from . import posts, selectors, services, tables
from .domain.grades import grade_label
from .domain.quarters import Quarter
from .domain.sampling import COHORTS
from .models import Audit, AuditAction, AuditProgramme, AuditTool, ProgrammeMember
from .params import ActionsForm, PageForm


def _grade_shown(viewer, audit: Audit) -> str:
    """The first grade, unless this viewer is the audit's moderator and has not yet submitted."""
    moderation = selectors.moderation_of(audit)
    if moderation and moderation.moderator_id == viewer.worker_id and not moderation.submitted:
        return "Withheld until you moderate"
    return grade_label(audit.overall_grade)


@with_viewer
def hub(request):
    """Audits: what this viewer has to do, and the way to everything else they may open."""
    viewer = request.viewer
    on = as_at()
    audits = selectors.visible_audits(viewer, on).exclude(status=Audit.Status.SUPERSEDED)
    mine = (
        audits.filter(auditor_id=viewer.worker_id).exclude(status=Audit.Status.FINALISED)
        if viewer.worker_id
        else []
    )
    to_moderate = (
        audits.filter(moderation__moderator_id=viewer.worker_id, moderation__submitted_at__isnull=True)
        if viewer.worker_id
        else []
    )
    recent = params.page_of(
        audits.filter(status=Audit.Status.FINALISED).order_by("-audit_date", "-pk"),
        25,
        params.read(PageForm, request)["page"],
    )
    for audit in recent:
        audit.grade_shown = _grade_shown(viewer, audit)
    partner = roles.agency_sections(viewer)
    # A partner agency's open audits: where they complete their section.
    agency_open = (
        audits.exclude(status=Audit.Status.FINALISED).order_by("due_date", "pk")[:50] if partner else []
    )
    return render(
        request,
        "audits/hub.html",
        {
            "mine": tables.to_do(mine) if mine else None,
            "to_moderate": to_moderate,
            "recent": recent,
            "recent_table": tables.finalised(recent, bool(partner)),
            "open_audits": audits.exclude(status=Audit.Status.FINALISED).count()
            if roles.sees_child_level_data(viewer)
            else 0,
            "partner": partner,
            "agency_open": tables.agency_open(agency_open) if agency_open else None,
            "manages": roles.can_manage_audits(viewer),
            "reviews": roles.can_review_moderation(viewer),
            "lists": roles.sees_child_level_data(viewer) or viewer.role is roles.Role.PARTNER_AGENCY,
            "concerns": selectors.open_concerns(viewer),
            "as_at": on,
        },
    )


def _require_lead(request):
    if not roles.can_manage_audits(request.viewer):
        raise PermissionDenied


@with_viewer
def programmes(request):
    _require_lead(request)
    services.ensure_default_tools()
    on = as_at()
    rows = selectors.programmes_progress(AuditProgramme.objects.select_related("tool_version__tool"), on)
    if request.method == "POST":
        return _create_programme(request, on)
    tools = AuditTool.objects.filter(active=True)
    return render(
        request,
        "audits/programmes.html",
        {
            "programmes": tables.programmes(rows) if rows else None,
            "tools": tools,
            "workers": Worker.objects.filter(leave_date__isnull=True)
            .select_related("team")
            .order_by("last_name"),
            "cohorts": COHORTS.items(),
            "next_quarter": Quarter.of(on).next().key,
            "as_at": on,
            "programme_form": posts.ProgrammeForm(auto_id="p-%s"),
        },
    )


def _create_programme(request, on: date):
    asked = posts.posted(posts.ProgrammeForm, request)
    if asked is None:
        return redirect("audit-programmes")
    quarter, quota, share = asked["quarter"], asked["quota"] or 3, asked["moderation_share"]
    programme = services.create_programme(
        name=asked["name"].strip() or f"Case-file audits {quarter.label}",
        quarter=quarter.key,
        tool_version=services.latest_version(asked["tool"]),
        planned=asked["planned"],
        due_date=asked["due_date"],
        auditors=[(worker, quota) for worker in asked["auditors"]],
        moderators=asked["moderators"],
        cohorts=asked["cohorts"],
        moderation_share=(20.0 if share is None else share) / 100,
        by=request.user.get_username(),
    )
    messages.success(request, f"Programme created; its sample will be drawn with seed {programme.seed}.")
    return redirect("audit-programme", pk=programme.pk)


AUDIT_COLUMNS = ["Child", "Team", "Cohort", "Auditor", "Added", "Due", "Status", "Grade", "Moderator"]


@with_viewer
def programme_detail(request, pk: int):
    _require_lead(request)
    programme = get_object_or_404(AuditProgramme.objects.select_related("tool_version__tool"), pk=pk)
    on = as_at()
    audits = list(
        programme.audits.filter(selectors.CURRENT)
        .select_related("child", "team", "auditor", "moderation")
        .order_by("due_date", "child__la_child_id")
    )
    rows = []
    for a in audits:
        moderation = selectors.moderation_of(a)
        rows.append(
            {
                "audit": a,
                "cells": [
                    a.child.la_child_id,
                    a.team.name if a.team else "",
                    COHORTS.get(a.cohort, ""),
                    a.auditor_name or "Not assigned",
                    "By hand: " + a.added_reason
                    if a.source == Audit.Source.MANUAL
                    else a.get_source_display(),
                    a.due_date,
                    "Overdue" if a.is_open and a.due_date and a.due_date < on else a.get_status_display(),
                    _grade_shown(request.viewer, a) if a.status == Audit.Status.FINALISED else "",
                    moderation.moderator_name if moderation else "",
                ],
            }
        )
    if fmt := export_format(request):
        return table_response(
            request,
            exports.AUDIT_PROGRAMME,
            f"programme-{programme.pk}",
            AUDIT_COLUMNS,
            [r["cells"] for r in rows],
            fmt,
            title=f"Audit programme: {programme}",
            period=f"{Quarter.parse(programme.quarter).label}, as at {on:%-d %B %Y}",
        )
    return render(
        request,
        "audits/programme.html",
        {
            "programme": programme,
            "quarter": Quarter.parse(programme.quarter),
            "audits": tables.programme_audits(rows, AUDIT_COLUMNS) if rows else None,
            "progress": selectors.programme_progress(programme, on),
            "members": programme.members.select_related("worker__team"),
            "workers": Worker.objects.filter(leave_date__isnull=True).order_by("last_name"),
            "as_at": on,
        },
    )


@require_POST
@with_viewer
def programme_sample(request, pk: int):
    _require_lead(request)
    programme = get_object_or_404(AuditProgramme, pk=pk)
    try:
        summary = services.draw_programme_sample(programme, as_at())
    except services.AuditError as error:
        messages.error(request, str(error))
        return redirect("audit-programme", pk=pk)
    note = (
        f" {summary.unassigned} could not be given to an auditor outside the child's team."
        if summary.unassigned
        else ""
    )
    messages.success(
        request,
        f"{summary.drawn} audits drawn from {summary.population} open cases ({summary.excluded} audited in "
        f"the last 12 months left out), seed {programme.seed}.{note}",
    )
    return redirect("audit-programme", pk=pk)


@require_POST
@with_viewer
def programme_add(request, pk: int):
    _require_lead(request)
    programme = get_object_or_404(AuditProgramme, pk=pk)
    asked = posts.posted(posts.ProgrammeAddForm, request)
    if asked is None:
        return redirect("audit-programme", pk=pk)
    child = Child.objects.filter(la_child_id__iexact=asked["la_child_id"].strip()).first()
    try:
        if child is None:
            raise services.AuditError("No child has that LA child ID.")
        services.add_to_programme(programme, child, asked["auditor"], asked["reason"], as_at())
        messages.success(request, f"Child {child.la_child_id} added to the programme.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect("audit-programme", pk=pk)


@require_POST
@with_viewer
def programme_moderation(request, pk: int):
    _require_lead(request)
    programme = get_object_or_404(AuditProgramme, pk=pk)
    asked = posts.posted(posts.ModeratorForm, request)
    if asked is None:
        return redirect("audit-programme", pk=pk)
    if worker := asked["moderator"]:
        ProgrammeMember.objects.get_or_create(
            programme=programme, worker=worker, role=ProgrammeMember.Role.MODERATOR, defaults={"quota": 0}
        )
    try:
        made = services.choose_moderation(programme)
        messages.success(request, f"{made} audits chosen for moderation and given to the moderators.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect("audit-programme", pk=pk)


OVERDUE_COLUMNS = ["Child", "Programme", "Team", "Auditor", "Due", "Days overdue", "Status"]


@with_viewer
def overdue(request):
    """Planned audits past their due date, most overdue first (the viewer's own audits only,
    unless they run the programme)."""
    if not roles.sees_child_level_data(request.viewer):
        raise PermissionDenied
    on = as_at()
    visible = selectors.visible_audits(request.viewer, on).values("pk")
    audits = selectors.overdue_audits(on).filter(pk__in=visible)
    rows = [
        (
            a.child.la_child_id,
            str(a.programme) if a.programme else "",
            a.team.name if a.team else "",
            a.auditor_name,
            a.due_date,
            (on - a.due_date).days,
            a.get_status_display(),
        )
        for a in audits
    ]
    if fmt := export_format(request):
        return table_response(
            request,
            exports.OVERDUE_AUDITS,
            "overdue-audits",
            OVERDUE_COLUMNS,
            rows,
            fmt,
            title="Overdue audits, most overdue first",
            period=f"As at {on:%-d %B %Y}",
            level="Council: the audits you may open",
        )
    return render(
        request,
        "audits/overdue.html",
        {
            "overdue": tables.overdue(zip(audits, rows, strict=True), OVERDUE_COLUMNS) if rows else None,
            "as_at": on,
        },
    )


ACTION_COLUMNS = ["Action", "Child", "Team", "Owner", "Raised", "Due", "Status", "Closed"]


@with_viewer
def actions(request):
    if not roles.sees_child_level_data(request.viewer):
        raise PermissionDenied
    on = as_at()
    visible = selectors.visible_audits(request.viewer, on).values("pk")
    asked = params.read(ActionsForm, request)
    status = asked["status"] or None
    found = (
        selectors.actions_for_improvement_plan(status)
        .filter(audit__in=visible)
        .order_by("status", "due_date")
    )
    rows = [
        (
            a.description,
            a.audit.child.la_child_id,
            a.audit.team.name if a.audit.team else "",
            a.owner_name,
            a.created_on,
            a.due_date,
            "Overdue" if a.status == AuditAction.Status.OPEN and a.due_date < on else a.get_status_display(),
            a.closed_on,
        )
        for a in found
    ]
    if fmt := asked["format"]:
        return table_response(
            request,
            exports.AUDIT_ACTIONS,
            "audit-actions",
            ACTION_COLUMNS,
            rows,
            fmt,
            title="Actions from audits" + (f" ({status})" if status else ""),
            period=f"As at {on:%-d %B %Y}",
        )
    page = params.page_of(list(zip(found, rows, strict=True)), 50, asked["page"])
    context = {"page": page, "actions": tables.actions(page, ACTION_COLUMNS), "status": status}
    return render(request, "audits/actions.html", context)

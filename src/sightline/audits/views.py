"""Doing an audit: the form (saved on every change), finalising, new versions, actions, the
safeguarding concern, and the moderator's blind re-grading. Thin: rules in accounts/roles.py,
writes in services.py, reads in selectors.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sightline.accounts import roles
from sightline.accounts.selectors import child_scope
from sightline.domain.agencies import agency_label
from sightline.web.date_input import PARTS, read_date
from sightline.web.selectors import as_at
from sightline.web.views import with_viewer
from sightline.workforce.models import Worker

from . import posts, selectors, services, tables
from .domain.grades import GRADES, YES_NO_VALUES, answer_label, grade_label
from .models import Audit, AuditAction, SafeguardingConcern


def _audit_for(request, pk: int) -> tuple[Audit, roles.AuditScope]:
    audit = get_object_or_404(
        Audit.objects.select_related(
            "child", "team", "tool_version__tool", "auditor", "practitioner", "programme"
        ),
        pk=pk,
    )
    scope = selectors.audit_scope(audit, child_scope(audit.child, as_at()))
    if not roles.can_view_audit(request.viewer, scope):
        raise Http404("No audit found")
    return audit, scope


def _sections(audit: Audit, definition, agency: str | None, show_grades: bool):
    """The sections this viewer sees, each with its questions and current answers."""
    sections = definition.sections if agency is None else definition.sections_for_agency(agency)
    out = []
    for section in sections:
        questions = []
        for q in section.questions:
            entry = audit.answers.get(q.key) or {}
            value = str(entry.get("value") or "")
            questions.append(
                {
                    "q": q,
                    "value": value,
                    "label": answer_label(q.kind, value),
                    "evidence": entry.get("evidence") or "",
                    "hidden": q.kind == "grade" and not show_grades,
                }
            )
        out.append(
            {
                "s": section,
                "agency": agency_label(section.agency),
                "questions": questions,
                "grade": audit.section_grades.get(section.key) if show_grades else None,
            }
        )
    return out


@with_viewer
def audit_detail(request, pk: int):
    audit, scope = _audit_for(request, pk)
    viewer = request.viewer
    agency = roles.agency_sections(viewer)
    definition = selectors.definition_of(audit.tool_version)
    show_grades = roles.can_see_first_grades(viewer, scope) or agency is not None
    editable = roles.can_edit_audit(viewer, scope)
    moderation = selectors.moderation_of(audit)
    context = {
        "audit": audit,
        "tool": audit.tool_version.tool,
        "sections": _sections(audit, definition, agency, show_grades),
        "partner": agency is not None,
        "partner_agency": agency_label(agency),
        "editable": editable,
        "show_grades": show_grades and agency is None,
        "grades": sorted(GRADES.items(), reverse=True),
        "yes_no": list(YES_NO_VALUES.items()),
        "scale": range(11),
        "overall_label": grade_label(audit.overall_grade),
        "rule": definition.overall_rule,
        "problems": services.finalise_problems_for(audit) if editable and agency is None else [],
        "can_finalise": editable and agency is None,
        "can_new_version": audit.status == Audit.Status.FINALISED
        and (roles.is_auditor_of(viewer, scope) or roles.can_manage_audits(viewer)),
        "can_moderate": roles.can_moderate(viewer, scope),
        "moderation": moderation if (moderation and (moderation.submitted and show_grades)) else None,
        "actions": _actions(request, audit, editable or roles.is_auditor_of(viewer, scope))
        if agency is None
        else None,
        "concerns": audit.concerns.all() if agency is None else [],
        "can_raise": agency is None and (editable or roles.is_auditor_of(viewer, scope)),
        "can_respond": roles.can_respond_to_concern(viewer, audit.team_id),
        "child_opens": roles.can_view_child(viewer, scope.child),
        "workers": Worker.objects.filter(leave_date__isnull=True).order_by("last_name", "first_name")
        if agency is None and editable
        else [],
        "versions": _versions(audit),
        "today": as_at(),
        "audit_date_form": posts.AuditDateForm(initial={"audit_date": audit.audit_date}, auto_id="f-%s"),
        "action_form": posts.ActionForm(auto_id="action-%s"),
    }
    return render(request, "audits/audit.html", context)


def _actions(request, audit: Audit, can_close: bool):
    """The audit's actions, each offering "Raise a plan action" to those who may add one."""
    from sightline.improvement.selectors import raise_url_for

    actions = list(audit.actions.all())
    if not actions:
        return None
    return tables.audit_actions(actions, can_close, lambda action: raise_url_for(request.viewer, action))


def _versions(audit: Audit) -> list[Audit]:
    chain, current = [], audit
    while current.previous_id:
        current = current.previous
        chain.append(current)
    return chain


@require_POST
@with_viewer
def audit_save(request, pk: int):
    """Saves one change (posted by the page's script as field/value) or the whole form."""
    audit, scope = _audit_for(request, pk)
    if not roles.can_edit_audit(request.viewer, scope):
        raise PermissionDenied
    agency = roles.agency_sections(request.viewer)
    if "field" in request.POST:
        changes = [(request.POST["field"], request.POST.get("value", ""))]
    else:
        changes = [(k, v) for k, v in request.POST.items() if _is_field(k)]
        if any(f"audit_date-{part}" in request.POST for part in PARTS):
            changes.append(("audit_date", ""))
    problems = []
    for field, value in changes:
        try:
            if field == "audit_date":
                value = _audit_date(request.POST, value)
            audit = services.save_change(audit, field, value, agency=agency)
        except services.AuditError as error:
            problems.append(str(error))
    if request.headers.get("X-Requested-With") == "fetch":
        status = 400 if problems else 200
        return JsonResponse(
            {"saved": not problems, "problems": problems, "at": audit.updated_at.isoformat()}, status=status
        )
    for problem in problems:
        messages.error(request, problem)
    if not problems:
        messages.success(request, "Draft saved.")
    return redirect("audit", pk=audit.pk)


def _audit_date(post, value: str) -> str:
    """The date of the audit as posted (Day, Month and Year, or one 2026-03-31) as the service
    stores it; AuditError with GOV.UK's message ("Date of the audit must be a real date")."""
    boxes = {key: post[key] for key in (f"audit_date-{part}" for part in PARTS) if key in post}
    try:
        day = read_date({"audit_date": value, **boxes}, "audit_date", "Date of the audit")
    except ValidationError as error:
        raise services.AuditError(error.messages[0]) from None
    return day.isoformat() if day else ""


def _is_field(name: str) -> bool:
    return name.split(":", 1)[0] in {"answer", "evidence", "section"} or name in {
        "overall_grade",
        "audit_date",
        "practitioner_participated",
        "practitioner",
        *services.TEXT_FIELDS,
    }


@require_POST
@with_viewer
def audit_finalise(request, pk: int):
    audit, scope = _audit_for(request, pk)
    if not roles.can_edit_audit(request.viewer, scope) or roles.agency_sections(request.viewer):
        raise PermissionDenied
    try:
        services.finalise(audit)
        messages.success(request, "Audit finalised.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect("audit", pk=audit.pk)


@require_POST
@with_viewer
def audit_new_version(request, pk: int):
    audit, scope = _audit_for(request, pk)
    if not (roles.is_auditor_of(request.viewer, scope) or roles.can_manage_audits(request.viewer)):
        raise PermissionDenied
    try:
        asked = posts.posted(posts.ReasonForm, request)
        if asked is None:
            return redirect("audit", pk=audit.pk)
        fresh = services.new_version(audit, asked["reason"])
    except services.AuditError as error:
        messages.error(request, str(error))
        return redirect("audit", pk=audit.pk)
    messages.success(request, f"Version {fresh.version} opened; version {audit.version} is kept as it was.")
    return redirect("audit", pk=fresh.pk)


@require_POST
@with_viewer
def action_add(request, pk: int):
    audit, scope = _audit_for(request, pk)
    if roles.agency_sections(request.viewer) or not (
        roles.is_auditor_of(request.viewer, scope) or roles.can_manage_audits(request.viewer)
    ):
        raise PermissionDenied
    asked = posts.posted(posts.ActionForm, request)
    try:
        if asked is not None:
            services.raise_action(
                audit,
                description=asked["description"],
                owner=asked["owner"],
                owner_name=asked["owner_name"],
                due_date=asked["due"],
                on=as_at(),
            )
        messages.success(request, "Action recorded.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect(f"/audits/{audit.pk}/#actions")


@require_POST
@with_viewer
def action_close(request, pk: int):
    action = get_object_or_404(AuditAction, pk=pk)
    audit, scope = _audit_for(request, action.audit_id)
    allowed = roles.can_manage_audits(request.viewer) or roles.is_auditor_of(request.viewer, scope)
    allowed = allowed or (
        request.viewer.worker_id is not None and action.owner_id == request.viewer.worker_id
    )
    if not allowed:
        raise PermissionDenied
    try:
        if (asked := posts.posted(posts.NoteForm, request)) is not None:
            services.close_action(action, asked["note"], as_at())
            messages.success(request, "Action closed.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next") == "/audits/actions/"
        else f"/audits/{audit.pk}/#actions"
    )


@require_POST
@with_viewer
def concern_raise(request, pk: int):
    audit, scope = _audit_for(request, pk)
    if roles.agency_sections(request.viewer) or not (
        roles.is_auditor_of(request.viewer, scope) or roles.can_manage_audits(request.viewer)
    ):
        raise PermissionDenied
    try:
        services.raise_concern(audit, request.POST.get("description", ""), request.user.get_username())
        messages.success(request, "Safeguarding concern raised: the team manager has been alerted.")
    except services.AuditError as error:
        messages.error(request, str(error))
    return redirect(f"/audits/{audit.pk}/#concerns")


@with_viewer
def concern_detail(request, pk: int):
    concern = get_object_or_404(SafeguardingConcern.objects.select_related("audit__child", "team"), pk=pk)
    audit, scope = _audit_for(request, concern.audit_id)
    can_respond = roles.can_respond_to_concern(request.viewer, concern.team_id)
    if request.method == "POST":
        if not can_respond:
            raise PermissionDenied
        try:
            services.respond_to_concern(
                concern, request.POST.get("response", ""), request.user.get_username()
            )
            messages.success(request, "Response recorded; the alert is cleared.")
            return redirect("audit-concern", pk=concern.pk)
        except services.AuditError as error:
            messages.error(request, str(error))
    return render(
        request,
        "audits/concern.html",
        {
            "concern": concern,
            "audit": audit,
            "can_respond": can_respond and concern.is_open,
            "child_opens": roles.can_view_child(request.viewer, scope.child),
        },
    )


@with_viewer
def moderate(request, pk: int):
    """The moderator grades sections and overall without seeing the first grades."""
    audit, scope = _audit_for(request, pk)
    if not roles.can_moderate(request.viewer, scope):
        raise PermissionDenied
    definition = selectors.definition_of(audit.tool_version)
    moderation = selectors.moderation_of(audit)
    graded = [s for s in definition.sections if s.graded]
    if request.method == "POST":
        asked = posts.posted(posts.ModerateForm, request, sections=graded)
        try:
            if asked is not None:
                graded_now = {s.key: asked[f"section:{s.key}"] for s in graded}
                sections = {key: grade for key, grade in graded_now.items() if grade is not None}
                overall = asked["overall_grade"]
                services.submit_moderation(moderation, sections, overall, asked["comment"], as_at())
                messages.success(
                    request, "Moderation submitted. The auditor's grades are now shown beside yours."
                )
                return redirect("audit", pk=audit.pk)
        except services.AuditError as error:
            messages.error(request, str(error))
    return render(
        request,
        "audits/moderate.html",
        {
            "audit": audit,
            "tool": audit.tool_version.tool,
            "sections": _sections(audit, definition, None, show_grades=False),
            "graded": graded,
            "grades": sorted(GRADES.items(), reverse=True),
            "child_opens": roles.can_view_child(request.viewer, scope.child),
        },
    )

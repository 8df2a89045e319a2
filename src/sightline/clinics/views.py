"""The clinic pages: a month's schedule, and each clinic's pack with its briefing and workflow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sightline.accounts import roles
from sightline.reports import assembly
from sightline.reports.downloads import report_response
from sightline.web import export_registry as exports
from sightline.web import params
from sightline.web.selectors import as_at
from sightline.web.views import with_viewer

from . import domain, selectors, services, tables
from .forms import ActionForm, BriefingForm, CommentaryForm, MonthForm, PackDownloadForm
from .models import Clinic

STEPS = {
    "submit": (roles.can_submit_briefing, "The briefing is submitted."),
    "review": (roles.can_review_briefing, "The briefing is marked as reviewed."),
    "sign_off": (roles.can_sign_off_briefing, "The briefing is signed off."),
    "return": (roles.can_return_briefing, "The briefing is returned to draft."),
}


def _month(request):
    month = params.read(MonthForm, request)["month"]
    return domain.first_of_month(month) if month else None


@with_viewer
def schedule(request):
    viewer = request.viewer
    if not roles.sees_clinics(viewer):
        raise PermissionDenied
    known = selectors.months()
    month = _month(request) or (known[0] if known else domain.first_of_month(as_at()))
    rows = selectors.visible(viewer, month)
    context = {
        "month": month,
        "months": known,
        "clinics": tables.schedule([{"clinic": c, "status": domain.STATUS_LABELS[c.status]} for c in rows]),
        "can_schedule": roles.can_schedule_clinics(viewer) and month not in known,
        "next_month": domain.first_of_month(as_at()),
    }
    return render(request, "clinics/schedule.html", context)


@with_viewer
@require_POST
def schedule_month(request):
    if not roles.can_schedule_clinics(request.viewer):
        raise PermissionDenied
    month = domain.first_of_month(as_at())
    clinics = services.schedule_month(month)
    messages.success(
        request, f"{len(clinics)} clinics are scheduled for {month:%B %Y}, with their data exceptions."
    )
    return redirect(f"/clinics/?month={month:%Y-%m}")


@with_viewer
@require_http_methods(["GET", "POST"])
def clinic_detail(request, pk: int):
    viewer = request.viewer
    clinic = get_object_or_404(Clinic.objects.select_related("team", "team__service", "service"), pk=pk)
    scope = selectors.scope(clinic)
    if not roles.can_view_clinic(viewer, scope):
        raise PermissionDenied
    if request.method == "GET" and (download := params.read(PackDownloadForm, request))["format"]:
        return _pack_download(request, clinic, download)
    today = as_at()
    form = BriefingForm(instance=clinic)
    action_form = ActionForm(clinic=clinic, today=today)
    errors = []
    if request.method == "POST":
        step = request.POST.get("step", "")
        done, form, action_form, errors = _post(request, clinic, scope, step, today)
        if done:
            return redirect("clinic", pk=clinic.pk)
    pack = selectors.pack(clinic)
    can_edit = roles.can_edit_briefing(viewer, scope)
    commentary = CommentaryForm(exceptions=pack["exceptions"]) if can_edit else None
    context = {
        **pack,
        **tables.pack_tables(pack, commentary),
        "status_colour": tables.status_tag(clinic, pack["status_label"]).colour,
        "form": form,
        "action_form": action_form,
        "errors": errors,
        "can_edit": can_edit,
        "can_raise": roles.can_raise_clinic_action(viewer, scope),
        "steps": [key for key, (rule, _) in STEPS.items() if rule(viewer, scope)],
        "pack_level": selectors.pack_unit(clinic)[0],
    }
    return render(request, "clinics/clinic.html", context, status=400 if errors else 200)


def _pack_download(request, clinic: Clinic, asked: dict):
    """The month's pack at the clinic's level, for a viewer who may open the clinic; elected
    members (who do not see clinics today) would only ever get the committee paper."""
    level, unit_id = selectors.pack_unit(clinic)
    committee = roles.reads_committee_version(request.viewer) or asked["version"] == "committee"
    report = assembly.clinic_pack(clinic.month, level, unit_id, viewer=request.viewer, committee=committee)
    chosen = exports.CLINIC_PACK_COMMITTEE if committee else exports.CLINIC_PACK
    return report_response(request, chosen, report, asked["format"])


def _post(request, clinic, scope, step, today):
    """One posted step; returns (done, briefing form, action form, errors)."""
    viewer = request.viewer
    form = BriefingForm(instance=clinic)
    action_form = ActionForm(clinic=clinic, today=today)
    try:
        if step in {"save", "submit"}:
            if not roles.can_edit_briefing(viewer, scope):
                raise PermissionDenied
            form = BriefingForm(request.POST, instance=clinic)
            if not form.is_valid():
                return False, form, action_form, [str(e) for errs in form.errors.values() for e in errs]
            commentary = {
                e.pk: request.POST.get(f"commentary-{e.pk}", e.commentary) for e in clinic.exceptions.all()
            }
            services.save_briefing(clinic, form.cleaned_data, commentary)
            if step == "save":
                messages.success(request, "The briefing is saved as a draft.")
                return True, form, action_form, []
        if step == "action":
            return _raise(request, clinic, scope, today, form)
        rule, said = STEPS.get(step, (None, ""))
        if rule is None or not rule(viewer, scope):
            raise PermissionDenied
        services.move(clinic, request.user, step, request.POST.get("note", ""))
        messages.success(request, said)
        return True, form, action_form, []
    except ValidationError as error:
        return False, form, action_form, error.messages


def _raise(request, clinic, scope, today, form):
    if not roles.can_raise_clinic_action(request.viewer, scope):
        raise PermissionDenied
    action_form = ActionForm(request.POST, clinic=clinic, today=today)
    if not action_form.is_valid():
        return (
            False,
            form,
            action_form,
            [f"{action_form.fields[f].label}: {e}" for f, errs in action_form.errors.items() for e in errs],
        )
    data = action_form.cleaned_data
    services.raise_action(
        clinic,
        request.user,
        text=data["text"],
        owner=data["owner"],
        due_date=data["due_date"],
        priority=data["priority"],
        today=today,
    )
    messages.success(request, "The action is on the improvement plan.")
    return True, form, action_form, []

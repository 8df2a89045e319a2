"""The Quality of Practice report's page, its workbook, and its PDF built as a background job."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accesslog.services import log_export
from sightline.accounts import roles
from sightline.jobs import services as jobs
from sightline.jobs.models import Job, JobFile
from sightline.web import export_registry as exports
from sightline.web import params
from sightline.web.views import with_viewer

from . import assembly, selectors, selfeval
from . import render as rendering
from .downloads import report_response
from .models import Area, Question
from .params import ReportForm, YearForm

REFRESH_SECONDS = 3


def _readers_only(viewer) -> None:
    if not roles.can_read_board_reports(viewer):
        raise PermissionDenied


@require_GET
@with_viewer
def quality_of_practice(request):
    _readers_only(request.viewer)
    on = assembly.perf.reference_date()
    asked = params.read(ReportForm, request, on=on)
    quarter = asked["quarter"]
    # Elected members always get the committee version; others may ask for it.
    committee = roles.reads_committee_version(request.viewer) or asked["version"] == "committee"
    report = assembly.quality_of_practice(quarter, viewer=request.viewer, committee=committee)
    if fmt := asked["format"]:
        chosen = exports.QUALITY_OF_PRACTICE_COMMITTEE if committee else exports.QUALITY_OF_PRACTICE
        return report_response(request, chosen, report, fmt)
    return render(
        request,
        "reports/quality_of_practice.html",
        {
            **rendering.context(report),
            **selectors.choices(on),
            "quarter": quarter,
            "committee": report.committee,
            "may_choose_version": not roles.reads_committee_version(request.viewer),
            "jobs": selectors.report_jobs(request.user),
            "viewer_reads_self_evaluation": roles.can_read_self_evaluation(request.viewer),
        },
    )


@require_POST
@with_viewer
def queue_pdf(request):
    """A PDF takes seconds to draw: a worker builds it and the page says when it is ready."""
    _readers_only(request.viewer)
    asked = params.read(ReportForm, request, on=assembly.perf.reference_date(), data=request.POST)
    quarter = asked["quarter"]
    committee = roles.reads_committee_version(request.viewer) or asked["version"] == "committee"
    job = jobs.enqueue(
        "report",
        user=request.user,
        parameters={
            "report": "quality-of-practice",
            "quarter": quarter.key,
            "committee": committee,
            "format": "pdf",
        },
    )
    return redirect("reports-job", pk=job.pk)


def _own_job(request, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk, kind="report")
    if job.user_id != request.user.pk and not roles.can_change_settings(request.viewer):
        raise Http404("No such report")
    return job


@require_GET
@with_viewer
def job_detail(request, pk: int):
    job = _own_job(request, pk)
    return render(
        request,
        "reports/job.html",
        {
            "job": job,
            "what": selectors.job_label(job),
            "files": job.files.filter(role=JobFile.Role.OUTPUT).defer("content"),
            "refresh_seconds": None if job.finished else REFRESH_SECONDS,
        },
    )


@require_GET
@with_viewer
def job_file(request, pk: int, file_pk: int):
    job = _own_job(request, pk)
    item = get_object_or_404(JobFile, pk=file_pk, job=job, role=JobFile.Role.OUTPUT)
    log_export(request.user, f"{item.name} ({item.size:,} bytes) from report job {pk}")
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.name}"'
    return response


# ----- the self-evaluation -------------------------------------------------------------------
def _year(request, text: str | None = None) -> int:
    """The year in the address, the query or the form posted; the latest if none is given."""
    if text is None:
        text = request.GET.get("year") or request.POST.get("year")
    data = {"year": text or None}
    return params.read(YearForm, request, on=assembly.perf.reference_date(), data=data)["year"]


@require_http_methods(["GET", "POST"])
@with_viewer
def self_evaluation(request):
    if not roles.can_read_self_evaluation(request.viewer):
        raise PermissionDenied
    year = _year(request)
    may_edit = roles.can_edit_self_evaluation(request.viewer)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        made = selfeval.start_draft(year, request.user)
        messages.success(request, f"The draft was started from the evidence held ({made} answers).")
        return redirect(f"{reverse('self-evaluation')}?year={year}")
    answers = selfeval.current(year)
    areas = [
        {
            "key": area.value,
            "label": area.label,
            "questions": [
                {"key": q.value, "label": q.label, "answer": answers.get((area.value, q.value))}
                for q in Question
            ],
        }
        for area in Area
    ]
    return render(
        request,
        "reports/self_evaluation.html",
        {
            "year": year,
            "year_label": selfeval.year_period(year).label,
            "areas": areas,
            "started": bool(answers),
            "may_edit": may_edit,
        },
    )


@require_http_methods(["GET", "POST"])
@with_viewer
def self_evaluation_answer(request, year: int, area: str, question: str):
    if not roles.can_read_self_evaluation(request.viewer):
        raise PermissionDenied
    year = _year(request, str(year))
    if area not in Area.values or question not in Question.values:
        raise Http404("No such question")
    may_edit = roles.can_edit_self_evaluation(request.viewer)
    error = ""
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        text = request.POST.get("text", "")
        if text.strip():
            selfeval.save_answer(year, area, question, text, request.user)
            messages.success(request, "Saved as a new version.")
            return redirect(f"{reverse('self-evaluation')}?year={year}#{area}")
        error = "Write the answer before saving it (the earlier versions are kept)."
    versions = selfeval.history(year, area, question)
    return render(
        request,
        "reports/self_evaluation_answer.html",
        {
            "year": year,
            "year_label": selfeval.year_period(year).label,
            "area": Area(area),
            "question": Question(question),
            "versions": versions,
            "text": request.POST.get("text", "") if error else (versions[0].text if versions else ""),
            "error": error,
            "may_edit": may_edit,
        },
        status=400 if error else 200,
    )

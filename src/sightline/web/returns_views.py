"""The Returns page: queue imports, validations and exports as background jobs, and show their outcome.

Views only check who is asking, hand the work to `sightline.jobs` and render what it recorded;
nothing here reads or writes a return itself, and nothing waits for a job to finish.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sightline.accesslog.services import log_export
from sightline.accounts import roles
from sightline.domain.dates import latest_collection_year
from sightline.imports import selectors as import_selectors
from sightline.jobs import selectors as job_selectors
from sightline.jobs import services as jobs
from sightline.jobs.models import Job, JobFile
from sightline.returns.validators import validators_being_prepared, validators_unavailable

from . import page_tables, returns_tables, selectors
from .returns_forms import ExportForm, ImportForm, ValidateForm, max_upload_bytes
from .views import with_viewer

# Seconds between reloads of a job page while the job is queued or running.
REFRESH_SECONDS = 3


def returns_access(view):
    """Signed in, and a role that manages returns; anyone else gets 403."""

    @with_viewer
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not roles.can_manage_returns(request.viewer):
            raise PermissionDenied("Only performance analysts and administrators manage returns")
        return view(request, *args, **kwargs)

    return wrapped


def _forms(**bound) -> dict:
    year = latest_collection_year(selectors.as_at())
    return {
        "import_form": bound.get("import_form") or ImportForm(prefix="import"),
        "validate_form": bound.get("validate_form") or ValidateForm(prefix="validate"),
        "export_form": bound.get("export_form") or ExportForm(prefix="export", initial={"year": year}),
    }


def _page(request, status: int = 200, **bound):
    standing = import_selectors.standing_summary()
    context = {
        **_forms(**bound),
        "jobs": returns_tables.jobs(job_selectors.recent_jobs()),
        "ssd_runs": page_tables.ssd_runs(import_selectors.ssd_refreshes()),
        "standing": standing,
        "standing_by_rule": page_tables.standing_by_rule(standing["by_rule"]),
        "standing_by_team": page_tables.standing_by_team(standing["by_team"]),
        "max_upload_mb": max_upload_bytes() // (1024 * 1024),
        "ssd_database": _ssd_database(),
        "validators_preparing": validators_being_prepared(),
        "validators_unavailable": validators_unavailable(),
    }
    return render(request, "web/returns.html", context, status=status)


def _ssd_database() -> str:
    """Where the council's SSD tables are read from, as staff may be told it (no password)."""
    from django.conf import settings

    from sightline.returns.ssd_database import described

    url = settings.SIGHTLINE_SSD_DATABASE_URL
    return f"schema {settings.SIGHTLINE_SSD_SCHEMA} of {described(url)}" if url else ""


@require_GET
@returns_access
def returns_page(request):
    return _page(request)


def _queue(request, kind: str, form, **kwargs):
    job = jobs.enqueue(kind, user=request.user, parameters=form.parameters(), **kwargs)
    return redirect("returns-job", pk=job.pk)


@require_POST
@returns_access
def queue_import(request):
    form = ImportForm(request.POST, request.FILES, prefix="import")
    if not form.is_valid():
        return _page(request, 400, import_form=form)
    return _queue(request, "import", form, files=form.uploads())


@require_POST
@returns_access
def queue_ssd_database(request):
    """Import the SSD tables from the council's database now (configured in the settings)."""
    if not _ssd_database():
        raise Http404("No SSD database is configured")
    job = jobs.enqueue("import", user=request.user, parameters={"source": "ssd-database"})
    return redirect("returns-job", pk=job.pk)


@require_POST
@returns_access
def queue_validation(request):
    form = ValidateForm(request.POST, request.FILES, prefix="validate")
    if not form.is_valid():
        return _page(request, 400, validate_form=form)
    return _queue(request, "validate", form, files=form.uploads())


@require_POST
@returns_access
def queue_export(request):
    form = ExportForm(request.POST, prefix="export")
    if not form.is_valid():
        return _page(request, 400, export_form=form)
    return _queue(request, "export", form)


@require_GET
@returns_access
def job_detail(request, pk: int):
    job = get_object_or_404(Job, pk=pk)
    context = job_selectors.job_page(job)
    context.update(
        what=returns_tables.what(job),
        status_tag=returns_tables.status_tag(job),
        import_runs=[(run, returns_tables.import_run(run)) for run in context["import_runs"]],
        problems_table=returns_tables.problems(context["problems"]),
        rule_hits=returns_tables.rule_hits((job.result or {}).get("by_rule", [])),
        child_hits=returns_tables.child_hits(context["by_child"]),
    )
    context["refresh_seconds"] = None if job.finished else REFRESH_SECONDS
    return render(request, "web/returns_job.html", context)


@require_GET
@returns_access
def job_file(request, pk: int, file_pk: int):
    """An output file from the database; every download is logged, as the files carry children's rows."""
    item = get_object_or_404(JobFile, pk=file_pk, job_id=pk)
    if item.role != JobFile.Role.OUTPUT:
        raise Http404("No such file")
    log_export(request.user, f"{item.name} ({item.size:,} bytes) from returns job {pk}: {request.path}")
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.name}"'
    response["Content-Length"] = str(len(item.content))
    return response

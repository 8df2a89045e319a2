"""Reads for the Returns pages: recent jobs and what one job found, without loading file contents."""

from __future__ import annotations

from django.db.models import Count, Q

from sightline.imports.models import ImportRun

from .models import Job, JobFile

# A page lists this many children's validation issues; the downloads hold every one.
CHILDREN_SHOWN = 200

OUTCOME_LABELS = {
    "imported": "Imported",
    "rejected": "Rejected: nothing written",
    "validated": "Validated",
    "unreadable": "Could not be read",
    "exported": "Exported",
}


def recent_jobs(limit: int = 25) -> list[Job]:
    return list(
        Job.objects.annotate(
            inputs=Count("files", filter=Q(files__role=JobFile.Role.INPUT)),
        ).order_by("-created_at", "-pk")[:limit]
    )


def files_of(job: Job, role: str):
    return job.files.filter(role=role).defer("content").order_by("pk")


def outcome_label(job: Job) -> str:
    if job.status != Job.Status.DONE:
        return job.get_status_display()
    return OUTCOME_LABELS.get(job.result.get("outcome", ""), "Done")


def import_runs(job: Job) -> list[ImportRun]:
    ids = job.result.get("import_runs", [])
    return list(ImportRun.objects.filter(pk__in=ids).order_by("pk"))


def job_page(job: Job) -> dict:
    """Everything the job page shows; child-level validation detail is cut to CHILDREN_SHOWN."""
    by_child = job.result.get("by_child", [])
    return {
        "job": job,
        "outcome": outcome_label(job),
        "inputs": list(files_of(job, JobFile.Role.INPUT)),
        "outputs": list(files_of(job, JobFile.Role.OUTPUT)),
        "import_runs": import_runs(job) if job.kind == "import" else [],
        "problems": job.result.get("problems", []),
        "problem_count": job.result.get("problem_count", 0),
        "by_child": by_child[:CHILDREN_SHOWN],
        "children_not_shown": max(0, len(by_child) - CHILDREN_SHOWN),
    }

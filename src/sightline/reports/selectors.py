"""Reads for the report pages: the quarters a report can be chosen for, and a user's report jobs."""

from __future__ import annotations

from datetime import date

from sightline.audits.domain.quarters import Quarter
from sightline.jobs.models import Job

from . import assembly

QUARTERS_OFFERED = 8


def choices(on: date) -> dict:
    """The last eight quarters ended by the records' date, newest first."""
    latest = assembly.latest_quarter(on)
    quarters: list[Quarter] = [latest]
    while len(quarters) < QUARTERS_OFFERED:
        quarters.append(quarters[-1].previous())
    return {"quarters": quarters, "as_at": on}


def job_label(job: Job) -> str:
    params = job.parameters
    if params.get("report") == "quality-of-practice":
        try:
            quarter = Quarter.parse(params.get("quarter", ""))
        except ValueError:
            return "Quality of Practice report"
        version = ", committee version" if params.get("committee") else ""
        return f"Quality of Practice report, {quarter.label}{version}"
    return f"Performance clinic pack, {params.get('month', '')}"


def report_jobs(user, limit: int = 5) -> list[dict]:
    jobs = Job.objects.filter(kind="report", user=user).order_by("-created_at", "-pk")[:limit]
    return [{"job": job, "what": job_label(job)} for job in jobs]

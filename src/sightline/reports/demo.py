"""The demo's generated report (kept apart from the services the job handler calls, so the jobs
and the reports do not import each other)."""

from __future__ import annotations

from . import assembly

DEMO_READER = "director"


def queue_demo_report() -> str | None:
    """The demo's quarterly report: the director's PDF of the last quarter ended, queued once
    for the worker to build, so the Reports page has a generated report to open."""
    from django.contrib.auth import get_user_model

    from sightline.jobs import services as jobs
    from sightline.jobs.models import Job

    director = get_user_model().objects.filter(username=DEMO_READER).first()
    if director is None or Job.objects.filter(kind="report", user=director).exists():
        return None
    quarter = assembly.latest_quarter(assembly.perf.reference_date())
    params = {"report": "quality-of-practice", "quarter": quarter.key, "committee": False, "format": "pdf"}
    jobs.enqueue("report", user=director, parameters=params)
    return f"Quality of Practice report for {quarter.label}"

"""The Returns pages' tables (recent jobs; a job's import counts, problems and validation hits),
declared as columns and rows (web/tables.py), with the words for a job's kind and status."""

from __future__ import annotations

from django.urls import reverse

from .tables import Cell, Group, Table, Tag, columns

COLLECTIONS = {"cin": "CIN census", "903": "SSDA903"}  # otherwise Annex A
OUTCOME_TAGS = {"rejected": Tag("Rejected", "orange"), "unreadable": Tag("Unreadable", "orange")}
STATUS_TAGS = {
    "queued": Tag("Queued", "grey"),
    "running": Tag("Running", "blue"),
    "failed": Tag("Failed", "red"),
}
_COUNTS = ("Added", "Updated", "Unchanged")
_ISSUE = ("rule_code", "file", "table", "field", "row_id")


def what(job) -> str:
    """What the job does, as the jobs list and the job's own page name it ("Export: SSDA903 2026")."""
    kind = job.get_kind_display()
    parameters = job.parameters or {}
    if job.kind == "export":
        collection = COLLECTIONS.get(parameters.get("collection"), "Annex A")
        at = f" at {parameters['reference_date']}" if parameters.get("reference_date") else ""
        return f"{kind}: {collection} {parameters.get('year', '')}{at}"
    inputs = getattr(job, "inputs", 0)  # counted by jobs.selectors.recent_jobs
    return f"{kind} of {inputs} file{'' if inputs == 1 else 's'}" if inputs else kind


def status_tag(job) -> Tag:
    if job.status in STATUS_TAGS:
        return STATUS_TAGS[job.status]
    return OUTCOME_TAGS.get((job.result or {}).get("outcome"), Tag("Done", "green"))


def jobs(recent) -> Table:
    return Table(
        "Recent imports, validations and exports",
        columns("Job", "What", "Who", "Queued", "Status"),
        [
            (
                Cell(job.pk, reverse("returns-job", args=[job.pk])),
                what(job),
                job.username or "-",
                job.created_at,
                Cell(tags=(status_tag(job),)),
            )
            for job in recent
        ],
        id="jobs-table",
    )


def import_run(run) -> Table:
    """A run's records added, updated and unchanged by table, then all records."""
    keys = ("added", "updated", "unchanged")
    return Table(
        f"Counts of import run {run.pk}",
        columns("Table", *_COUNTS, numeric=_COUNTS),
        [
            *((table, *(counts.get(k) or 0 for k in keys)) for table, counts in run.counts.items()),
            (f"All records ({run.children} children)", run.added, run.updated, run.unchanged),
        ],
        id=f"import-run-{run.pk}",
        row_headers=True,
    )


def problems(found) -> Table:
    return Table(
        "Problems found in the files",
        columns("File", "Where", "Field", "Problem", "Child"),
        [tuple(p.get(k, "") for k in ("file", "where", "field", "message", "child")) for p in found],
        id="problems-table",
    )


def rule_hits(by_rule) -> Table:
    return Table(
        "Rule hits",
        columns("Rule", "DfE description", "Hits", "Children", numeric=["Hits", "Children"]),
        [(r["code"], r["description"], r["hits"], r["children"]) for r in by_rule],
        id="rules-table",
    )


def child_hits(by_child) -> Table:
    """Each child's validation issues under the child's id, one row per issue."""
    return Table(
        "Rule hits per child",
        columns("Child", "Rule", "File", "Table", "Field", "Row"),
        [
            Group(
                child.get("child_id") or "(no child)",
                [tuple(i.get(k, "") for k in _ISSUE) for i in child["issues"]],
            )
            for child in by_child
            if child.get("issues")
        ],
        id="children-table",
    )

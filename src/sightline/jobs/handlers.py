"""What each kind of job does: small functions over the existing import, validation and export services.

A handler gets the job and a transient working directory (deleted when the job ends), and
returns an `Outcome`: the result to show and the output files to keep in the database.
Expected outcomes (a rejected import, an unreadable file) are results; only the unexpected
raises, and the job is then recorded as failed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from sightline.domain.dates import parse_date

from .models import Job, JobFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml",
    ".xlsx": XLSX,
    ".zip": "application/zip",
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
}
# Enough to find and fix a wrong file; the full list stays on the import run (admin).
MAX_PROBLEMS = 1000


@dataclass
class OutputFile:
    name: str
    content: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(Path(self.name).suffix.lower(), "application/octet-stream")


@dataclass
class Outcome:
    result: dict
    files: list[OutputFile] = field(default_factory=list)


def write_inputs(job: Job, workdir: Path) -> list[Path]:
    """The uploaded files under their own names: readers and problems name the file the user sent."""
    paths = []
    for item in job.files.filter(role=JobFile.Role.INPUT).defer("content").order_by("pk"):
        path = workdir / "in" / item.name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            for piece in item.iter_bytes():
                handle.write(piece)
        paths.append(path)
    return paths


def _problems(problems) -> list[dict]:
    return [asdict(p) for p in problems[:MAX_PROBLEMS]]


def _day(text: str | None) -> date | None:
    return parse_date(text) if text else None


def run_import(job: Job, workdir: Path) -> Outcome:
    from sightline.imports.services import ImportRejectedError, import_files
    from sightline.imports.ssd_import import import_ssd, is_ssd_extract

    params = job.parameters
    inputs = write_inputs(job, workdir)
    try:
        if params.get("source") == "ssd-database":
            return _import_ssd_database(job)
        if is_ssd_extract(inputs):
            from sightline.imports.standing import after_refresh

            runs = [import_ssd(inputs, user=job.user, full=not params.get("ssd_delta"))]
            after_refresh(runs[0])
            return Outcome({"outcome": "imported", "import_runs": [run.pk for run in runs]})
        runs = import_files(
            inputs,
            user=job.user,
            year=params.get("year"),
            skip_bad_children=bool(params.get("skip_bad_children")),
            reference_date=_day(params.get("reference_date")),
        )
    except ImportRejectedError as error:
        return Outcome(
            {
                "outcome": "rejected",
                "import_runs": [run.pk for run in error.imported] + [error.run.pk],
                "problem_count": len(error.problems),
                "problems": _problems(error.problems),
            }
        )
    return Outcome({"outcome": "imported", "import_runs": [run.pk for run in runs]})


def _import_ssd_database(job: Job) -> Outcome:
    """The SSD tables read from the council's database (settings SIGHTLINE_SSD_DATABASE_URL and
    SIGHTLINE_SSD_SCHEMA), then the standing validation list for the children changed."""
    from django.conf import settings

    from sightline.imports.ssd_import import import_ssd_database
    from sightline.imports.standing import after_refresh

    if not settings.SIGHTLINE_SSD_DATABASE_URL:
        return Outcome({"outcome": "refused", "reason": "no SSD database is configured"})
    run = import_ssd_database(
        settings.SIGHTLINE_SSD_DATABASE_URL, settings.SIGHTLINE_SSD_SCHEMA, user=job.user
    )
    after_refresh(run)
    return Outcome({"outcome": "imported", "import_runs": [run.pk]})


def run_validate(job: Job, workdir: Path) -> Outcome:
    from sightline.imports.validation import validate_files, write_report
    from sightline.returns.common import ReturnFileError
    from sightline.returns.validators import BUILD_WAIT_SECONDS

    try:
        report = validate_files(
            write_inputs(job, workdir), year=job.parameters.get("year"), wait=BUILD_WAIT_SECONDS
        )
    except ReturnFileError as error:
        return Outcome(
            {
                "outcome": "unreadable",
                "problem_count": len(error.problems),
                "problems": _problems(error.problems),
            }
        )
    result = {
        "outcome": "validated",
        "not_validated": _problems(report.not_validated),
        "results": [
            {
                "ruleset": r.ruleset,
                "rules_label": r.rules_label,
                "files": [Path(f).name for f in r.files],
                "rules_run": r.rules_run,
                "issues": len(r.issues) + len(r.return_issues),
                "children": len({i.child_id for i in r.issues}),
                "failed_rules": r.failed_rules,
            }
            for r in report.results
        ],
        "by_rule": [
            {"code": code, "description": description, "hits": hits, "children": children}
            for code, description, hits, children in report.by_rule()
        ],
        "by_child": [
            {"child_id": child_id, "issues": [asdict(i) for i in issues]}
            for child_id, issues in report.by_child().items()
        ],
    }
    files = []
    for suffix in (".csv", ".xlsx"):
        path = write_report(report, workdir / "out" / f"validation-job-{job.pk}{suffix}")
        files.append(OutputFile(path.name, path.read_bytes()))
    return Outcome(result, files)


def _zipped(paths: list[Path]) -> bytes:
    """The 903 CSVs as one download, with fixed times so the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(paths):
            info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def run_export(job: Job, workdir: Path) -> Outcome:
    from sightline.imports import services

    collection = job.parameters["collection"]
    year = int(job.parameters["year"])
    out = workdir / "out"
    if collection == "cin":
        path = services.export_cin(year, out / f"cin_census_{year}.xml")
        files = [OutputFile(path.name, path.read_bytes())]
    elif collection == "903":
        paths = services.export_903(year, out / "ssda903")
        files = [OutputFile(f"ssda903_{year}.zip", _zipped(paths))]
    elif collection == "annex-a":
        reference = _day(job.parameters.get("reference_date"))
        name = f"annex_a_{(reference.isoformat() if reference else year)}.xlsx"
        path = services.export_annex_a(year, out / name, reference)
        files = [OutputFile(path.name, path.read_bytes())]
    else:
        raise ValueError(f"unknown return {collection!r}: expected cin, 903 or annex-a")
    return Outcome(
        {"outcome": "exported", "collection": collection, "year": year, "files": [f.name for f in files]},
        files,
    )


def run_report(job: Job, workdir: Path) -> Outcome:
    """A report's PDF or workbook (the Quality of Practice report, a clinic pack)."""
    from sightline.reports.assembly import ReportError
    from sightline.reports.services import build_file

    try:
        built = build_file(job.parameters)
    except ReportError as error:
        return Outcome({"outcome": "refused", "reason": str(error)})
    return Outcome({"outcome": "built", "title": built.title}, [OutputFile(built.name, built.content)])


HANDLERS: dict[str, Callable[[Job, Path], Outcome]] = {
    "import": run_import,
    "validate": run_validate,
    "export": run_export,
    "report": run_report,
}

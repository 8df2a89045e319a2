"""Importing complaints from the systems councils already use (`sightline import-feedback FILE`).

One row per complaint stage under a header row (the layout is in docs/feedback.md). The whole
file is read and checked against the import rules (`sightline.imports.rules.feedback`) before
anything is written; any error rejects the file, naming its row and column, and nothing is
written. Stages already in Sightline (the same reference and stage) are left as they are, so a
file can be imported again after a correction. Due dates come from the council's timescales.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction

from sightline.domain.calendar import default_calendar
from sightline.imports.checked_rows import checked, workers_by_id_or_name
from sightline.imports.rules.feedback import KIND, LABELS, TABLE
from sightline.performance import selectors as perf
from sightline.records.models import Child
from sightline.records.services import bump_data_version
from sightline.returns.common import Problem, ReturnFileError
from sightline.workforce.models import Team, Worker

from . import domain, spreadsheet
from .models import Complaint


class FeedbackImportError(ReturnFileError):
    """The file was rejected and nothing written; `problems` says where and why."""


@dataclass
class ImportResult:
    file: str
    imported: int = 0
    already: int = 0
    repeated: int = 0
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Lookups:
    teams: dict[str, int]
    workers: dict[str, int]
    children: dict[str, int]
    existing: set[tuple[str, int]]


def _lookups(rows: list[dict]) -> _Lookups:
    teams = {name.lower(): pk for pk, name in Team.objects.values_list("pk", "name")}
    # A name two workers share cannot say which one: it is not found, and the row says so.
    people = Worker.objects.only("pk", "staff_id", "first_name", "last_name")
    workers = {key: worker.pk for key, worker in workers_by_id_or_name(people).items()}
    ids = {row["child_id"] for row in rows if row["child_id"]}
    references = {row["reference"] for row in rows if row["reference"]}
    return _Lookups(
        teams=teams,
        workers=workers,
        children=dict(Child.objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk")),
        existing=set(Complaint.objects.filter(reference__in=references).values_list("reference", "stage")),
    )


def _resolve(rows: list[dict], found: _Lookups) -> None:
    """What the records say about each row, as the columns the rules read."""
    in_file = {(row["reference"], row["stage"]) for row in rows}
    for row in rows:
        row["_team_known"] = (row["team"] or "").lower() in found.teams
        row["_child_known"] = (row["child_id"] or "") in found.children
        row["_worker_known"] = (row["worker"] or "").lower() in found.workers
        earlier = (row["reference"], (row["stage"] or 1) - 1)
        row["_earlier_known"] = earlier in in_file or earlier in found.existing
        row["_already"] = (row["reference"], row["stage"]) in found.existing


def import_complaints(path: str | Path, today: date | None = None) -> ImportResult:
    """Check the whole file, then write every complaint stage in it, or nothing."""
    path = Path(path)
    rows, problems = spreadsheet.read(path)
    if problems:
        raise FeedbackImportError(problems)
    found = _lookups(rows)
    _resolve(rows, found)
    kept = checked(KIND, TABLE, LABELS, rows, today or date.today(), FeedbackImportError)
    result = ImportResult(path.name, already=kept.already, repeated=kept.repeated, warnings=kept.warnings)
    try:
        _write(kept.rows, found, result)
    except IntegrityError:
        raise FeedbackImportError(
            [Problem(path.name, "", "", "a row conflicts with a complaint already held: nothing was written")]
        ) from None
    return result


@transaction.atomic
def _write(rows: list[dict], found: _Lookups, result: ImportResult) -> None:
    timescales = domain.Timescales.from_standards(perf.stored_standards())
    calendar = default_calendar()
    made = []
    for row in sorted(rows, key=lambda r: (r["reference"], r["stage"])):
        extended = row["extended"] == "yes"
        made.append(
            Complaint(
                reference=row["reference"],
                stage=row["stage"],
                received_on=row["received"],
                acknowledged_on=row["acknowledged"],
                extended=extended,
                due_on=domain.due_date(row["received"], row["stage"], extended, timescales, calendar),
                responded_on=row["responded"],
                outcome=row["outcome"] or "",
                escalated_on=row["next_stage_requested"],
                theme=row["theme"],
                complainant=row["complainant"],
                summary=row["summary"] or "Imported without a summary.",
                team_id=found.teams[row["team"].lower()],
                worker_id=found.workers.get((row["worker"] or "").lower()),
                child_id=found.children.get(row["child_id"] or ""),
                ombudsman_referred_on=row["ombudsman_referred"],
                ombudsman_decision=row["ombudsman_decision"] or "",
            )
        )
    Complaint.objects.bulk_create(made)
    result.imported = len(made)
    if made:
        bump_data_version()

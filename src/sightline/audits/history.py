"""Importing a council's audit history (`sightline import-audits FILE.csv|.xlsx`).

Councils arrive with years of audits in spreadsheets: one row per audit, with its child, date,
auditor, tool and overall grade, and where it was moderated the moderator's grade. The whole
file is read and checked against the import rules (`sightline.imports.rules.audits`) before
anything is written; any error rejects the file, naming its row and column, and nothing is
written. Rows already in Sightline (the same child, tool and date) are left as they are, so a
file can be imported again after a correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sightline.imports.checked_rows import checked, workers_by_id_or_name
from sightline.imports.rules.audits import KIND, LABELS, TABLE
from sightline.records.models import Child
from sightline.returns.common import Problem, ReturnFileError
from sightline.workforce.models import Allocation, Team, Worker

from . import selectors, services, spreadsheet
from .models import Audit, AuditTool, Moderation


class AuditImportError(ReturnFileError):
    """The file was rejected and nothing written; `problems` says where and why."""


@dataclass
class ImportResult:
    file: str
    imported: int = 0
    moderated: int = 0
    already: int = 0
    repeated: int = 0
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Lookups:
    children: dict[str, int]
    tools: dict[str, AuditTool]
    teams: dict[str, int]
    workers: dict[str, Worker]


def _lookups(rows: list[dict]) -> _Lookups:
    ids = {row["child_id"] for row in rows if row["child_id"]}
    services.ensure_default_tools()
    tools: dict[str, AuditTool] = {}
    for tool in AuditTool.objects.all():
        tools.setdefault(tool.key.lower(), tool)
        tools.setdefault(tool.name.lower(), tool)
    teams = {name.lower(): pk for pk, name in Team.objects.values_list("pk", "name")}
    # A name two workers share cannot say which one: the name alone is kept.
    workers = workers_by_id_or_name(Worker.objects.all())
    return _Lookups(
        children=dict(Child.objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk")),
        tools=tools,
        teams=teams,
        workers=workers,
    )


def _existing(children: dict[str, int]) -> set[tuple[int, int, date]]:
    return set(
        Audit.objects.filter(selectors.CURRENT, child_id__in=children.values()).values_list(
            "child_id", "tool_version__tool_id", "audit_date"
        )
    )


def _resolve(rows: list[dict], found: _Lookups) -> None:
    """What the records say about each row, as the columns the rules read."""
    existing = _existing(found.children)
    for row in rows:
        child = found.children.get(row["child_id"] or "")
        tool = found.tools.get((row["tool"] or "").lower())
        row["_child_known"] = child is not None
        row["_tool_known"] = tool is not None
        row["_team_known"] = (row["team"] or "").lower() in found.teams
        row["_tool"] = tool.key if tool else row["tool"]
        row["_already"] = (child, tool.pk if tool else None, row["audit_date"]) in existing


def import_audits(path: str | Path, today: date | None = None) -> ImportResult:
    """Check the whole file, then write every audit in it, or nothing."""
    path = Path(path)
    rows, problems = spreadsheet.read(path)
    if problems:
        raise AuditImportError(problems)
    found = _lookups(rows)
    _resolve(rows, found)
    kept = checked(KIND, TABLE, LABELS, rows, today or date.today(), AuditImportError)
    result = ImportResult(path.name, already=kept.already, repeated=kept.repeated, warnings=kept.warnings)
    _write(kept.rows, found, result)
    return result


def _allocations(child_ids) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for child_id, start, end, team_id, worker_id in (
        Allocation.objects.filter(child_id__in=child_ids, role=Allocation.Role.SOCIAL_WORKER)
        .order_by("start_date")
        .values_list("child_id", "start_date", "end_date", "team_id", "worker_id")
    ):
        found.setdefault(child_id, []).append((start, end, team_id, worker_id))
    return found


def _held_by(allocations: list[tuple], on: date) -> tuple[int | None, int | None]:
    """The team and social worker holding the case on a date (the latest allocation begun by then)."""
    held = [a for a in allocations if a[0] <= on and (a[1] is None or a[1] >= on)]
    return (held[-1][2], held[-1][3]) if held else (None, None)


@transaction.atomic
def _write(rows: list[dict], found: _Lookups, result: ImportResult) -> None:
    now = timezone.now()
    children = [found.children[row["child_id"]] for row in rows]
    allocations = _allocations(set(children))
    versions = {
        tool.pk: services.latest_version(tool) for tool in {found.tools[r["tool"].lower()] for r in rows}
    }
    cohorts: dict[date, dict[int, str]] = {}
    disabled = selectors.disabled_among(set(children))
    made = []
    for row, child_id in zip(rows, children, strict=True):
        on = row["audit_date"]
        tool = found.tools[row["tool"].lower()]
        team_id, practitioner_id = _held_by(allocations.get(child_id, []), on)
        if row["team"]:
            team_id = found.teams[row["team"].lower()]
        if on not in cohorts:
            cohorts[on] = selectors.cohorts_on(on, disabled)
        auditor = found.workers.get(row["auditor"].lower())
        made.append(
            Audit(
                tool_version=versions[tool.pk],
                child_id=child_id,
                team_id=team_id,
                cohort=cohorts[on].get(child_id, "cin"),
                auditor=auditor,
                auditor_name=str(auditor) if auditor else row["auditor"],
                practitioner_id=practitioner_id,
                source=Audit.Source.IMPORT,
                added_reason=f"Imported from {result.file}",
                status=Audit.Status.FINALISED,
                audit_date=on,
                overall_grade=row["overall_grade"],
                finalised_at=now,
                updated_at=now,
            )
        )
    Audit.objects.bulk_create(made)
    moderations = [_moderation(audit, row, found, now) for audit, row in zip(made, rows, strict=True)]
    Moderation.objects.bulk_create([m for m in moderations if m is not None])
    if made:  # a bulk write sends no save signal: raise the content version for kept page parts
        from sightline.web import versions

        versions.bump()
    result.imported = len(made)
    result.moderated = sum(m is not None for m in moderations)


def _moderation(audit: Audit, row: dict, found: _Lookups, now) -> Moderation | None:
    if row["moderated_grade"] is None:
        return None
    moderator = found.workers.get((row["moderator"] or "").lower())
    return Moderation(
        audit=audit,
        moderator=moderator,
        moderator_name=str(moderator) if moderator else (row["moderator"] or "Not recorded"),
        overall_grade=row["moderated_grade"],
        assigned_at=now,
        moderation_date=row["moderation_date"],
        submitted_at=now,
    )

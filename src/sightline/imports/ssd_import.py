"""Importing a Standard Safeguarding Dataset extract: one import run, one transaction.

A full extract (the common case, each day) holds every table; rows gone from it are deleted.
A delta extract holds changed rows only, in the tables that changed; nothing is deleted.
A bad extract is rejected with located messages and nothing written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from sightline.records.models import Council
from sightline.records.services import analyze_records, bump_data_version
from sightline.returns.common import Problem, ReturnFileError, collecting_later
from sightline.returns.ssd import Extract, read_ssd, records_of

from . import bulk, services
from .models import ImportRun
from .ssd import SSDLoader
from .ssd_export import adopt_records


def is_ssd_extract(paths: list[str | Path]) -> bool:
    """A directory given to `sightline import` (or CSVs with SSD columns) is an SSD extract."""
    from sightline.returns.ssd import recognise

    for path in map(Path, paths):
        if path.is_dir():
            return True
        if path.suffix.lower() == ".csv" and path.is_file():
            with path.open(encoding="utf-8-sig", errors="replace") as handle:
                if recognise(handle.readline().strip().split(",")):
                    return True
    return False


def _files(paths: list[str | Path]) -> list[str]:
    out = []
    for path in map(Path, paths):
        out.extend(str(p) for p in sorted(path.glob("*.csv"))) if path.is_dir() else out.append(str(path))
    return out


def _ensure_council(records: dict) -> None:
    if Council.objects.exists() or records.get("records.Council"):
        return
    from datetime import date

    Council.objects.create(name="Council", la_code="000", population_0_17=0, reference_date=date.today())


def check_extract(extract: Extract, *, full: bool) -> list[Problem]:
    """The import rules over the extract (sightline.imports.rules, kind "ssd"); a delta's rows
    may be about people loaded before."""
    from datetime import date

    from .models import SSDKey
    from .rules import all_rules, context_for
    from .rules.ssd import check_extract_rules

    loaded = SSDKey.objects.filter(label="records.Child").values_list("ssd_id", flat=True)
    today = date.today()
    ctx = context_for(today.year + 1, today)
    return check_extract_rules(all_rules(), extract, ctx, full=full, people=set() if full else set(loaded))


def import_ssd(paths: list[str | Path], *, user=None, full: bool = True) -> ImportRun:
    """Import an extract; raises services.ImportRejectedError (nothing written) if it is bad."""
    files = _files(paths)
    run = services._run(files, None, user, kind="ssd")
    with collecting_later():  # a million rows read are a million dicts that all live on
        return _import_extract(run, read_ssd([Path(p) for p in paths]), full=full)


def import_ssd_database(url: str, schema: str, *, user=None, full: bool = True) -> ImportRun:
    """Import the SSD tables of a schema in the council's database (PostgreSQL), as a full extract
    unless `full` is False; the same checks and one transaction as for files."""
    import psycopg

    from sightline.returns.ssd_database import described, read_ssd_database

    run = services._run([], None, user, kind="ssd")
    run.file_names = f"the SSD tables of schema {schema} in {described(url)}"
    try:
        with psycopg.connect(url, connect_timeout=10) as connection:
            connection.read_only = True
            extract = read_ssd_database(connection, schema)
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        problem = Problem(described(url), "", "", f"the SSD database could not be read: {reason}")
        services._reject(run, [problem])
    return _import_extract(run, extract, full=full)


def _import_extract(run: ImportRun, extract: Extract, *, full: bool) -> ImportRun:
    with collecting_later():  # the records and the rows' values: more millions of objects
        return _import_checked(run, extract, full=full)


def _import_checked(run: ImportRun, extract: Extract, *, full: bool) -> ImportRun:
    files = [extract.files[name] for name in extract.files]
    records = records_of(extract)
    with transaction.atomic():
        adopt_records()  # once, for a database loaded otherwise: its records keep their ids
    problems = [*extract.problems, *check_extract(extract, full=full)]
    if problems:
        services._reject(run, problems)
    loader = SSDLoader(records, set(extract.tables), full=full)
    try:
        with transaction.atomic():
            bulk.serialise_imports()
            _ensure_council(records)
            counts = loader.load()
            changed = any(what != "unchanged" for _, what in counts)
            if changed:
                _record_change(run, bump_data_version(), loader)
    except ReturnFileError as error:
        services._reject(run, error.problems)
    except DatabaseError as error:
        services._reject(run, [Problem(Path(files[0]).name if files else "", "", "", _refusal(error))])
    if changed:
        analyze_records()  # after the commit: the pages' queries are planned on the new rows
    _finish(run, records, counts)
    run.changed_children = sorted(loader.changed_children)
    return run


def _record_change(run: ImportRun, version: int, loader: SSDLoader) -> None:
    """Which children this data version changed, in the import's own transaction: the engine
    cache refreshes only their figures when it finds every version since its own recorded."""
    run.data_version = version
    run.changed_child_ids = sorted(loader.changed_children | loader.deleted_children)
    run.status = ImportRun.Status.IMPORTED
    run.save()


def _refusal(error: DatabaseError) -> str:
    from .rules.backstop import _named

    _, constraint = _named(str(error))
    if constraint is not None and getattr(constraint, "violation_error_message", None):
        return str(constraint.violation_error_message)
    return "the records refused a row of the extract (a rule is missing: please report it)"


def _finish(run: ImportRun, records: dict, counts: Counter) -> None:
    per_table: dict[str, dict[str, int]] = {}
    for (table, what), value in sorted(counts.items()):
        per_table.setdefault(table, {})[what] = value
    run.counts = per_table
    run.children = len(records.get("records.Child", []))
    run.added = sum(v for (_, what), v in counts.items() if what == "added")
    run.updated = sum(v for (_, what), v in counts.items() if what in {"updated", "deleted"})
    run.unchanged = sum(v for (_, what), v in counts.items() if what == "unchanged")
    run.status = ImportRun.Status.IMPORTED if run.added or run.updated else ImportRun.Status.UNCHANGED
    run.finished_at = timezone.now()
    run.save()

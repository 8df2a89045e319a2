"""Import runs and exports: the writes and file outputs of the imports app."""

from __future__ import annotations

import getpass
import hashlib
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from django.db import DatabaseError, transaction
from django.utils import timezone

from sightline.records.models import Council
from sightline.records.services import analyze_records, bump_data_version
from sightline.returns.common import DEFAULT_MAX_BYTES, Problem, ReturnFileError
from sightline.returns.detect import read_returns
from sightline.returns.records import ReturnData, frames_hold_every_row, infer_year_with_notes

from . import bulk, exporters, reported
from .annex_a_loader import AnnexALoader
from .loaders import CINLoader, SSDA903Loader, year_bounds
from .models import ImportRun
from .rules import all_rules, check_return, context_for
from .rules.backstop import refusal
from .rules.tables import LABELS

# Problems kept on an import run (the counts are of all of them).
KEPT = 1000

LOADERS = {"cin": CINLoader, "903": SSDA903Loader, "annex-a": AnnexALoader}


class ImportRejectedError(Exception):
    """The import wrote nothing; `run` records why."""

    def __init__(self, run: ImportRun, problems: list[Problem]) -> None:
        self.run = run
        self.problems = problems
        # Returns in the same call imported (and committed) before this one was rejected.
        self.imported: list[ImportRun] = []
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"import rejected, nothing written: {len(problems)} problem(s)\n{shown}{more}")


def file_hash(paths: list[str]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _run(paths, data: ReturnData | None, user, kind="") -> ImportRun:
    return ImportRun(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or _os_user(),
        kind=kind or (data.kind if data else ""),
        file_names="\n".join(Path(p).name for p in paths),
        file_hash=file_hash([p for p in paths if Path(p).is_file()]),
    )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _reject(run: ImportRun, problems: list[Problem]) -> NoReturn:
    run.status = ImportRun.Status.REJECTED
    run.errors = [str(p) for p in problems[:KEPT]]
    run.error_count = len(problems)
    run.finished_at = timezone.now()
    run.save()
    raise ImportRejectedError(run, problems)


def read_files(paths: list[str | Path], user=None, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ReturnData]:
    """Read and check the files; a file that cannot be read is recorded as a rejected run."""
    try:
        return read_returns(paths, max_bytes)
    except ReturnFileError as error:
        _reject(_run([str(p) for p in paths], None, user), error.problems)


def import_files(
    paths: list[str | Path],
    *,
    user=None,
    year: int | None = None,
    skip_bad_children: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    reference_date: date | None = None,
) -> list[ImportRun]:
    """Import each return in the files; each return is one transaction, all or nothing.

    `reference_date` is the day an Annex A was taken (default: the collection year's end).
    """
    runs = []
    for data in read_files(paths, user, max_bytes):
        if data.kind == "annex-a" and reference_date:
            data.header["reference_date"] = reference_date
        try:
            runs.append(import_return(data, user=user, year=year, skip_bad_children=skip_bad_children))
        except ImportRejectedError as error:
            error.imported = runs
            raise
    return runs


def _drop_bad_children(data: ReturnData) -> tuple[list[Problem], int]:
    """Lenient mode: leave out children with errors, and rows with errors of their own (the
    reader has already left those rows out); other errors not tied to a child stay fatal.
    Returns the fatal errors and how many children were left out."""
    bad = {p.child for p in data.errors if p.child}
    left_out = 0
    for child_id in bad:
        left_out += data.children.pop(child_id, None) is not None
    fatal = [p for p in data.errors if not p.child and not p.row_only]
    if left_out and not data.children and not fatal:
        file = Path(data.files[0]).name if data.files else ""
        fatal = [
            Problem(
                file, "", "", f"every child in the file has errors ({left_out:,} left out): nothing to import"
            ),
            *data.errors,
        ]
    return fatal, left_out


def _not_said_already(found: list[Problem], said: list[Problem]) -> list[Problem]:
    """The rules' problems less those on a field the reader already found wrong for that child or
    row (a date that is not a date is not also "blank")."""
    seen = {(p.file, p.child or p.where, p.field) for p in said}
    return [p for p in found if (p.file, p.child or p.where, p.field) not in seen]


def collection_year(data: ReturnData, year: int | None = None) -> int:
    """The year asked for, else the return's own (header, else reporting dates), with notes as warnings."""
    found, notes = infer_year_with_notes(data)
    file = Path(data.files[0]).name if data.files else ""
    if year is None:
        data.problems.extend(
            Problem(file, "header" if data.kind == "cin" else "", "", n, severity="warning") for n in notes
        )
    return year or found


def _check(data: ReturnData, year: int) -> list[Problem]:
    """The import rules on the return: on the frames its reader made (the 903's), where they still
    hold every row read, else on tables made from its children (`check_return`)."""
    if not frames_hold_every_row(data):
        return check_return(data, year)
    return all_rules().check_frames(data.kind, data.frames, context_for(year), LABELS.get(data.kind, {}))


def import_return(
    data: ReturnData, *, user=None, year: int | None = None, skip_bad_children: bool = False
) -> ImportRun:
    run = _run(data.files, data, user)
    run.collection_year = collection_year(data, year)
    # The rules across fields and rows, on everything the reader could read: every problem at once.
    data.problems.extend(_not_said_already(_check(data, run.collection_year), data.errors))
    fatal, run.children_skipped = _drop_bad_children(data) if skip_bad_children else (data.errors, 0)
    if fatal:
        _reject(run, fatal)
    loader_class = LOADERS[data.kind]
    try:
        with transaction.atomic():
            bulk.serialise_imports()
            _ensure_council(data, run.collection_year)
            counts = loader_class(data, run.collection_year).load()
            reported.forget(data.kind, data.children, counts)
            changed = sum(v for (_, what), v in counts.items() if what in {"added", "updated"})
            if changed:
                bump_data_version()
    except ReturnFileError as error:
        _reject(run, error.problems)
    except DatabaseError as error:
        # The rules check what the records need first; the database's constraints are the last word,
        # and a refusal still names what it can (never the database's own text).
        _reject(run, refusal(error, data))
    if changed:
        analyze_records()  # after the commit: the pages' queries are planned on the new rows
    _finish(run, data, counts)
    return run


def _ensure_council(data: ReturnData, year: int) -> None:
    """An empty database learns its LA code from the first CIN census imported into it."""
    if Council.objects.exists():
        return
    la_code = data.header.get("la_code") or "000"
    Council.objects.create(
        name=f"Council {la_code}", la_code=la_code, population_0_17=0, reference_date=year_bounds(year)[1]
    )


def _finish(run: ImportRun, data: ReturnData, counts: Counter) -> None:
    run.children = len(data.children)
    run.added = sum(v for (_, what), v in counts.items() if what == "added")
    run.updated = sum(v for (_, what), v in counts.items() if what == "updated")
    run.unchanged = sum(v for (_, what), v in counts.items() if what == "unchanged")
    per_table: dict[str, dict[str, int]] = {}
    for (table, what), value in sorted(counts.items()):
        per_table.setdefault(table, {})[what] = value
    run.counts = per_table
    noted = [p for p in data.problems if p.severity == "warning" or p.child or p.row_only]
    run.warnings = [str(p) for p in noted[:KEPT]]
    run.warning_count = len(noted)
    run.status = ImportRun.Status.IMPORTED if run.added or run.updated else ImportRun.Status.UNCHANGED
    run.finished_at = timezone.now()
    run.save()


# ---------------------------------------------------------------------------------------
# Exports


def _council() -> Council:
    council = Council.objects.first()
    if council is None:
        return Council(name="Unknown council", la_code="000", population_0_17=0, reference_date=date.today())
    return council


def export_cin(year: int, out: str | Path) -> Path:
    from sightline.returns.cin import header_for, write_cin_xml

    council = _council()
    _, end = year_bounds(year)
    header = header_for(year, council.la_code, end, datetime(year, 4, 1).isoformat(timespec="seconds"))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_cin_xml(out, header, exporters.cin_children(year))
    return out


def export_903(year: int, out: str | Path) -> list[Path]:
    """The SSDA903 set as CSVs in the directory `out`, or as XML if `out` ends in .xml."""
    out = Path(out)
    children = exporters.ssda903_children(year)
    if out.suffix.lower() == ".xml":
        out.parent.mkdir(parents=True, exist_ok=True)
        from sightline.returns.ssda903_xml import write_903_xml

        write_903_xml(out, children, year)
        return [out]
    from sightline.returns.ssda903 import write_903_csvs

    return write_903_csvs(out, children, year=year)


def export_annex_a(year: int, out: str | Path, reference_date: date | None = None) -> Path:
    from sightline.returns.annex_a import write_annex_a

    from .annex_a_exporter import annex_a_lists

    _, end = year_bounds(year)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    reference = reference_date or end
    write_annex_a(out, annex_a_lists(reference), reference)
    return out

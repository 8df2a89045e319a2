"""Annex A figures kept as reported: stored on import, written back on export, dropped when superseded.

An Annex A row mixes facts the records hold (dates, codes) with figures the records can only
compute from a history the workbook does not carry: "referrals in the last 12 months" counts
referrals before the list's six-month window; the allocated worker, case status and "EPO in
the last six months" come from data outside the list. Lists 8 (from the SSDA903) and 11
(adopters, who have no record here) are not loaded into the records at all. Those cells and
rows are kept here against the workbook's reference date, so an Annex A imported into an
empty database is written out again as it came in. A CIN census or SSDA903 import brings a
child's own records, which then speak for the lists it feeds: the child's reported rows for
those lists are dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from sightline.domain.numbers import is_whole_number
from sightline.records import models as m
from sightline.returns.annex_a import LISTS, is_date_column
from sightline.returns.records import ReturnData

from .models import AnnexAReportedRow

START_COLUMNS = 5
# The column that names a row within a child's rows of a list, for the lists loaded into the records.
KEY_COLUMN = {
    3: "Date of referral",
    4: "Continuous Assessment Start Date",
    5: "Strategy discussion initiating Section 47 Enquiry Start Date",
    6: "CIN Start Date",
    7: "Child Protection Plan Start Date",
    9: "Date of Latest Contact",
    10: "Date of Decision that the Child Should be Placed for Adoption",
}
# Columns the records cannot recompute from the workbook alone.
REPORTED = {
    "Number of Referrals in Last 12 Months",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months",
    "Allocated Team",
    "Allocated Worker",
    "Case Status",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
    "Date the Child Entered Care",
}
WHOLE_ROWS = {8, 11}
# Which lists each return speaks for, once it brings a child's own records.
SUPERSEDES = {"cin": {3, 4, 5, 6, 7}, "903": {8, 9, 10}}


def _to_json(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_json(name: str, value):
    """The cell as the exporter writes it: dates as dates, counts as numbers, blanks as None."""
    if value in (None, ""):
        return None
    if is_date_column(name):
        return date.fromisoformat(value)
    if name.startswith("Number of") and is_whole_number(str(value)):
        return int(value)
    return value


def _columns(number: int) -> list[str]:
    columns = LISTS[number][1]
    return columns if number == 11 else columns[START_COLUMNS:]


def _row_key(number: int, row: dict, place: int) -> str:
    if number in KEY_COLUMN:
        return _to_json(row[KEY_COLUMN[number]]) or ""
    if number == 8:
        return f"{_to_json(row['Placement Start Date']) or ''}#{place}"
    return f"{row['Adopter Unique ID']}|{row['Adoptive Family Unique ID'] or ''}#{place}"


def _wanted(data: ReturnData, children: dict[str, m.Child], adopters: list[dict]) -> dict[tuple, dict]:
    """(list, child pk, row key) -> {"position", "cells"} for every row the workbook reports."""
    tables = [
        (number, children[child_id].pk, rows)
        for child_id, record in data.children.items()
        for table, rows in record.tables.items()
        if (number := int(table.removeprefix("list"))) in KEY_COLUMN or number in WHOLE_ROWS
    ]
    tables.append((11, None, sorted(adopters, key=_position)))
    wanted: dict[tuple, dict] = {}
    for number, child_pk, rows in tables:
        keep = _columns(number) if number in WHOLE_ROWS else [c for c in _columns(number) if c in REPORTED]
        seen: Counter = Counter()
        for row in rows:
            row_key = _row_key(number, row, seen[row.get("Adopter Unique ID")])
            seen[row.get("Adopter Unique ID")] += 1
            wanted[(number, child_pk, row_key)] = {
                "position": _position(row),
                "cells": {c: _to_json(row.get(c)) for c in keep},
            }
    return wanted


def _position(row: dict) -> int:
    """The row number in its sheet, from the reader's location ("sheet 'List 8', row 12")."""
    return int(row["where"].rsplit("row ", 1)[1])


def store(
    data: ReturnData, children: dict[str, m.Child], adopters: list[dict], reference: date, counts: Counter
) -> None:
    """Keep what the workbook reports, replacing what an earlier import reported for the same rows.

    Lists present in the workbook replace the stored rows of its children for that reference
    date (list 11, which has no children, is replaced whole); other lists are left alone.
    """
    council = m.Council.objects.first()
    lists = set(data.header.get("lists", []))
    stored = AnnexAReportedRow.objects.filter(
        council=council, reference_date=reference, list_number__in=lists & (set(KEY_COLUMN) | WHOLE_ROWS)
    )
    pks = {c.pk for c in children.values()}
    existing = {
        (r.list_number, r.child_id, r.row_key): r for r in stored if r.list_number == 11 or r.child_id in pks
    }
    wanted = _wanted(data, children, adopters)
    label = "annex a reported row"
    stale = [r.pk for key, r in existing.items() if key not in wanted]
    changed = []
    new = []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            number, child_pk, row_key = key
            new.append(
                AnnexAReportedRow(
                    council=council,
                    reference_date=reference,
                    list_number=number,
                    child_id=child_pk,
                    row_key=row_key,
                    **values,
                )
            )
        elif (row.position, row.cells) != (values["position"], values["cells"]):
            row.position, row.cells = values["position"], values["cells"]
            changed.append(row)
        else:
            counts[(label, "unchanged")] += 1
    AnnexAReportedRow.objects.filter(pk__in=stale).delete()
    AnnexAReportedRow.objects.bulk_create(new, batch_size=1000)
    AnnexAReportedRow.objects.bulk_update(changed, ["position", "cells"], batch_size=1000)
    counts[(label, "added")] += len(new)
    counts[(label, "updated")] += len(changed) + len(stale)


def forget(kind: str, child_ids: Iterable[str], counts: Counter) -> None:
    """A CIN census or SSDA903 brings these children's records: their reported rows give way."""
    lists = SUPERSEDES.get(kind)
    ids = list(child_ids)
    if not lists or not ids:
        return
    if not AnnexAReportedRow.objects.filter(list_number__in=lists).exists():
        return  # the usual case, no Annex A imported: one query, not a delete's per 2,000 children
    dropped = 0
    for start in range(0, len(ids), 2000):
        dropped += AnnexAReportedRow.objects.filter(
            list_number__in=lists, child__la_child_id__in=ids[start : start + 2000]
        ).delete()[0]
    if dropped:
        counts[("annex a reported row", "updated")] += dropped


def overlay(
    lists: dict[int, list[list]], reference: date, start_cells: Callable[[m.Child], list]
) -> dict[int, list[list]]:
    """The computed lists with the reported cells and rows for `reference` put back."""
    rows = AnnexAReportedRow.objects.filter(reference_date=reference).select_related("child")
    keyed: dict[int, dict[tuple, dict]] = defaultdict(dict)
    whole: dict[int, list[AnnexAReportedRow]] = defaultdict(list)
    for row in rows:
        if row.list_number in WHOLE_ROWS:
            whole[row.list_number].append(row)
        else:
            keyed[row.list_number][(row.child.la_child_id, row.row_key)] = row.cells
    out = dict(lists)
    for number, reported in keyed.items():
        columns = LISTS[number][1]
        at = columns.index(KEY_COLUMN[number])
        out[number] = [_with_reported(row, reported, columns, at) for row in out.get(number, [])]
    if whole.get(8):
        computed = {row[0] for row in out.get(8, [])}
        extra = [
            [*start_cells(r.child), *(_from_json(c, r.cells.get(c)) for c in _columns(8))]
            for r in sorted(whole[8], key=lambda r: r.position)
            if r.child.la_child_id not in computed
        ]
        out[8] = sorted([*out.get(8, []), *extra], key=lambda row: row[0])
    if whole.get(11):
        out[11] = [
            [_from_json(c, r.cells.get(c)) for c in _columns(11)]
            for r in sorted(whole[11], key=lambda r: r.position)
        ]
    return out


def _with_reported(row: list, reported: dict[tuple, dict], columns: list[str], at: int) -> list:
    cells = reported.get((row[0], _to_json(row[at]) or ""))
    if cells is None:
        return row
    return [_from_json(c, cells[c]) if c in cells else value for c, value in zip(columns, row, strict=True)]

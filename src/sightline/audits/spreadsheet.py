"""Reading an audit history spreadsheet (CSV or XLSX) into rows for the import rules.

One row per audit under a header row. Headers are matched ignoring case, spaces and
hyphens ("Child ID", "child-id" and "CHILD_ID" are all `child_id`); other columns are left
alone. Each cell is kept as typed (`<column>_given`) beside what was read from it (a date, a
grade score), so the rules in `sightline.imports.rules.audits` can say what is wrong with it.
Only the file's own shape (unreadable, empty, a required column missing or given twice) is
checked here.
"""

from __future__ import annotations

from pathlib import Path

from sightline.imports.rules.audits import COLUMNS, DATES, GRADES_READ, REQUIRED
from sightline.imports.sheet_rows import blank, cells_by_name, date_cell, header_key, read_rows, text
from sightline.returns.common import Problem

from .domain.grades import parse_grade

__all__ = ["header_key", "read"]


def read(path: Path) -> tuple[list[dict], list[Problem]]:
    """The file's rows (each with `_file`, `_where` and `_child`) and the problems with its shape."""
    return read_rows(path, columns=COLUMNS, required=REQUIRED, thing="audit", make_row=_row)


def _row(file: str, number: int, cells: list, position: dict[str, int]) -> dict:
    cell = cells_by_name(cells, position)
    row = {name: text(cell.get(name)) for name in COLUMNS}
    for name in DATES:
        row[f"{name}_given"], row[name] = row[name], date_cell(cell.get(name))
    for name in GRADES_READ:
        given = cell.get(name)
        row[f"{name}_given"] = row[name]
        row[name] = (
            None if blank(given) else parse_grade(given if isinstance(given, int | float) else row[name])
        )
    row["_hash"] = repr([row[name] for name in COLUMNS])
    return {"_file": file, "_where": f"row {number}", "_child": row["child_id"] or "", **row}

"""Reading a complaints spreadsheet (CSV or XLSX) into rows for the import rules.

One row per complaint stage under a header row. Headers are matched ignoring case, spaces and
hyphens ("Child ID", "child-id" and "CHILD_ID" are all `child_id`); other columns are left alone.
Each cell is kept as typed (`<column>_given`) beside what was read from it (a date, a stage, a
code), so the rules in `sightline.imports.rules.feedback` can say what is wrong with it. Only the
file's own shape (unreadable, empty, a required column missing or given twice) is checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

from sightline.imports.rules.feedback import CODED, COLUMNS, DATES, REQUIRED
from sightline.imports.sheet_rows import cells_by_name, date_cell, header_key, read_rows, text
from sightline.returns.common import Problem

from . import domain
from .models import Complaint

__all__ = ["header_key", "read"]

YES, NO = {"yes", "y", "true", "1", "extended"}, {"no", "n", "false", "0", ""}


def _codes(choices) -> dict[str, str]:
    """Each code and its label, lower-cased, to the code."""
    found = {}
    for value, label in choices:
        found[str(value).lower()] = str(value)
        found[str(label).lower()] = str(value)
    return found


THEMES = _codes(Complaint.Theme.choices)
COMPLAINANTS = _codes(Complaint.Complainant.choices) | {"young person": "child", "foster carer": "carer"}
OUTCOMES = _codes(domain.OUTCOMES.items()) | {"partially upheld": "partly", "not upheld": "not_upheld"}
OMBUDSMAN = _codes(Complaint.Ombudsman.choices) | {
    "upheld": "upheld",
    "not upheld": "not_upheld",
    "closed": "closed",
}


def read(path: Path) -> tuple[list[dict], list[Problem]]:
    """The file's rows (each with `_file`, `_where` and `_child`) and the problems with its shape."""
    return read_rows(path, columns=COLUMNS, required=REQUIRED, thing="complaint", make_row=_row)


def _stage(text: str | None) -> int | None:
    found = re.fullmatch(r"(?:stage\s*)?([123])(?:\s*[:\-].*)?", (text or "").strip().lower())
    return int(found.group(1)) if found else None


def _extended(text: str | None) -> str | None:
    value = (text or "").strip().lower()
    return "yes" if value in YES else "no" if value in NO else None


def _coded(name: str, text: str | None):
    if text is None:
        return "no" if name == "extended" else None
    key = text.strip().lower()
    readers = {
        "stage": lambda: _stage(text),
        "theme": lambda: THEMES.get(key),
        "complainant": lambda: COMPLAINANTS.get(key),
        "outcome": lambda: OUTCOMES.get(key),
        "extended": lambda: _extended(text),
        "ombudsman_decision": lambda: OMBUDSMAN.get(key),
    }
    return readers[name]()


def _row(file: str, number: int, cells: list, position: dict[str, int]) -> dict:
    cell = cells_by_name(cells, position)
    row = {name: text(cell.get(name)) for name in COLUMNS}
    for name in DATES:
        row[f"{name}_given"], row[name] = row[name], date_cell(cell.get(name))
    for name in CODED:
        row[f"{name}_given"], row[name] = row[name], _coded(name, row[name])
    row["_hash"] = repr([row[f"{n}_given"] if n in DATES + CODED else row[n] for n in COLUMNS])
    return {"_file": file, "_where": f"row {number}", "_child": row["child_id"] or "", **row}

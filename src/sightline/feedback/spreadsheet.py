"""Reading a complaints spreadsheet (CSV or XLSX) into rows for the import rules.

One row per complaint stage under a header row. Headers are matched ignoring case, spaces and
hyphens ("Child ID", "child-id" and "CHILD_ID" are all `child_id`); other columns are left alone.
Each cell is kept as typed (`<column>_given`) beside what was read from it (a date, a stage, a
code), so the rules in `sightline.imports.rules.feedback` can say what is wrong with it. Only the
file's own shape (unreadable, empty, a required column missing or given twice) is checked here.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

from sightline.domain.dates import parse_date
from sightline.imports.rules.feedback import CODED, COLUMNS, DATES, REQUIRED
from sightline.returns.common import Problem

from . import domain
from .models import Complaint

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


def header_key(text: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().lower())


def read(path: Path) -> tuple[list[dict], list[Problem]]:
    """The file's rows (each with `_file`, `_where` and `_child`) and the problems with its shape."""
    try:
        cells = _xlsx(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv(path)
    except _UnreadableError as error:
        return [], [Problem(path.name, "", "", str(error))]
    start = next((i for i, row in enumerate(cells) if not _blank_row(row)), None)
    if start is None:
        return [], [
            Problem(path.name, "", "", "the file is empty: expected a header row and one row per complaint")
        ]
    header = [header_key(cell) for cell in cells[start]]
    problems = _header_problems(path.name, start + 1, header)
    if problems:
        return [], problems
    position = {name: header.index(name) for name in COLUMNS if name in header}
    rows = [
        _row(path.name, number, cells[number - 1], position)
        for number in range(start + 2, len(cells) + 1)
        if not _blank_row(cells[number - 1])
    ]
    if not rows:
        return [], [Problem(path.name, "", "", "there are no complaints below the header row")]
    return rows, []


class _UnreadableError(Exception):
    pass


def _csv(path: Path) -> list[list]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return [row for row in csv.reader(handle)]
    except UnicodeDecodeError:
        raise _UnreadableError("not a text CSV file (save it as CSV UTF-8 or as an Excel workbook)") from None
    except (csv.Error, OSError) as error:
        raise _UnreadableError(f"not a readable CSV file ({error})") from None


def _xlsx(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged or mislabelled file
        raise _UnreadableError("not a readable Excel workbook (.xlsx)") from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _blank_row(row) -> bool:
    return all(_blank(cell) for cell in row)


def _header_problems(file: str, line: int, header: list[str]) -> list[Problem]:
    problems = [
        Problem(file, f"row {line}", name, f"the column {name} is missing (every complaint needs one)")
        for name in REQUIRED
        if name not in header
    ]
    problems += [
        Problem(file, f"row {line}", name, f"the column {name} is given {header.count(name)} times")
        for name in COLUMNS
        if header.count(name) > 1
    ]
    return problems


def _text(cell) -> str | None:
    if _blank(cell):
        return None
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date(cell) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return parse_date(str(cell)) if not _blank(cell) else None
    except ValueError:
        return None


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
    cell = {name: (cells[i] if i < len(cells) else None) for name, i in position.items()}
    row = {name: _text(cell.get(name)) for name in COLUMNS}
    for name in DATES:
        row[f"{name}_given"], row[name] = row[name], _date(cell.get(name))
    for name in CODED:
        row[f"{name}_given"], row[name] = row[name], _coded(name, row[name])
    row["_hash"] = repr([row[f"{n}_given"] if n in DATES + CODED else row[n] for n in COLUMNS])
    return {"_file": file, "_where": f"row {number}", "_child": row["child_id"] or "", **row}

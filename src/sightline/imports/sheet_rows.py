"""Reading a council's own spreadsheet (CSV or XLSX, one record per row under a header row) for
the import rules: audit histories, complaints. Headers are matched ignoring case, spaces and
hyphens ("Child ID", "child-id" and "CHILD_ID" are all `child_id`); other columns are left alone.
Only the file's own shape (unreadable, empty, a required column missing or given twice) is
checked here; each importer reads its cells into a row (`make_row`) for its rules.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sightline.domain.dates import parse_date
from sightline.returns.common import Problem


def header_key(text: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().lower())


def read_rows(
    path: Path,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    thing: str,
    make_row: Callable[[str, int, list, dict[str, int]], dict],
) -> tuple[list[dict], list[Problem]]:
    """The file's rows (as `make_row(file, row number, cells, column positions)` builds them) and
    the problems with its shape; `thing` names one record ("audit", "complaint") in messages."""
    try:
        cells = _xlsx(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv(path)
    except _UnreadableError as error:
        return [], [Problem(path.name, "", "", str(error))]
    start = next((i for i, row in enumerate(cells) if not blank_row(row)), None)
    if start is None:
        message = f"the file is empty: expected a header row and one row per {thing}"
        return [], [Problem(path.name, "", "", message)]
    header = [header_key(cell) for cell in cells[start]]
    problems = _header_problems(path.name, start + 1, header, columns, required, thing)
    if problems:
        return [], problems
    position = {name: header.index(name) for name in columns if name in header}
    rows = [
        make_row(path.name, number, cells[number - 1], position)
        for number in range(start + 2, len(cells) + 1)
        if not blank_row(cells[number - 1])
    ]
    if not rows:
        return [], [Problem(path.name, "", "", f"there are no {thing}s below the header row")]
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


def blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def blank_row(row) -> bool:
    return all(blank(cell) for cell in row)


def _header_problems(file, line, header, columns, required, thing) -> list[Problem]:
    problems = [
        Problem(file, f"row {line}", name, f"the column {name} is missing (every {thing} needs one)")
        for name in required
        if name not in header
    ]
    problems += [
        Problem(file, f"row {line}", name, f"the column {name} is given {header.count(name)} times")
        for name in columns
        if header.count(name) > 1
    ]
    return problems


def cells_by_name(cells: list, position: dict[str, int]) -> dict:
    """A row's cells by column name (a short row's missing cells as None)."""
    return {name: (cells[i] if i < len(cells) else None) for name, i in position.items()}


def text(cell) -> str | None:
    """A cell as the text the user typed (dates as dd/mm/yyyy, whole numbers without .0)."""
    if blank(cell):
        return None
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def date_cell(cell) -> date | None:
    """A cell's date (typed in Excel or written as the returns accept), None if it is not one."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return parse_date(str(cell)) if not blank(cell) else None
    except ValueError:
        return None

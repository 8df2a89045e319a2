"""Ofsted ILACS Annex A workbook: lists 1-11, one sheet per list, read and written.

Sheets are recognised by their header rows, not their names (the lists' columns and the header
matching are in annex_a_columns); coded cells are checked against their code lists
(annex_a_codes), so a value that names no code is a located problem, not a stored guess. The
reader streams rows with openpyxl's read-only mode; the writer uses write-only mode.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

from sightline.domain.numbers import is_whole_number

from .annex_a_codes import CODED, SUITABLE, Coded, code
from .annex_a_columns import LISTS, SPLIT, header_key, identify, is_date_column, key
from .common import Collector, Problem, ReturnFileError, check_file, fixed_zip_times, parse_date
from .records import ReturnData

DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)


def parse_cell(name: str, value) -> object:
    """A cell's value: dates as dates, whole numbers as text ("12345.0" is an id or a code)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if is_date_column(name):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(str(value), DATE_FORMATS)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(rows, limit: int = 10):
    """The header row may sit under a title row or two; look at the first few rows."""
    for index, row in enumerate(rows, start=1):
        values = ["" if v is None else str(v) for v in row]
        number, message = identify(values)
        if number is not None or "looks like" in message:
            return index, values, number, message
        if index >= limit:
            break
    return None, [], None, "no header row matching an Annex A list in the first 10 rows"


def read_annex_a(path: str | Path, max_bytes: int | None = None) -> ReturnData:
    from openpyxl import load_workbook

    path = check_file(path, **({"max_bytes": max_bytes} if max_bytes else {}))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl on damaged bytes raises anything (zlib, KeyError, TypeError...)
        raise ReturnFileError(
            [Problem(path.name, "", "", f"not a readable xlsx workbook ({_why(error)})")]
        ) from None
    out = Collector(path.name)
    data = ReturnData("annex-a", [str(path)])
    found = {}
    sheet = None
    try:
        for sheet in book.worksheets:
            _read_sheet(sheet, out, data, found)
    except ReturnFileError:
        raise
    except Exception as error:  # a damaged or truncated sheet is found only when its rows are read
        where = f"sheet '{sheet.title}'" if sheet is not None else ""
        raise ReturnFileError(
            [
                Problem(
                    path.name,
                    where,
                    "",
                    f"the workbook is damaged or cut short ({_why(error)}): save it again from Excel",
                )
            ]
        ) from None
    finally:
        book.close()
    if not found:
        out.error("", "", "no sheet in the workbook has the header row of an Annex A list")
    data.header["lists"] = sorted(found)
    data.problems = out.problems
    return data


def _why(error: Exception) -> str:
    """What went wrong, in words, without the library's internals."""
    import zlib

    if isinstance(error, BadZipFile | zlib.error | EOFError):
        return "its compressed contents are damaged or cut short"
    if isinstance(error, KeyError):
        return "a part of the workbook is missing"
    return "its contents are not those of a workbook"


def _joined(name: str, cells: list, position: dict[str, int]) -> str | None:
    """A split column's cells read as the one code ("B: Parents/relatives", "a) Suitable" -> "B1")."""
    kind, suitable = (parse_cell(part, cells[position[key(part)]]) for part in SPLIT[name])
    if kind is None and suitable is None:
        return None
    letter = code(kind) if kind is not None else ""
    digit = SUITABLE.read(suitable) if suitable is not None else None
    return f"{letter}{digit or ''}" if digit or suitable is None else f"{kind} / {suitable}"


def _read_sheet(sheet, out: Collector, data: ReturnData, found: dict) -> None:
    rows = sheet.iter_rows(values_only=True)
    header_row, headers, number, message = _find_header(rows)
    where = f"sheet '{sheet.title}'"
    if number is None:
        if "looks like" in message:
            out.error(f"{where}, row {header_row}", "", message)
        return
    if number in found:
        out.error(where, "", f"a second sheet for list {number} (the first was '{found[number]}')")
        return
    found[number] = sheet.title
    if message:
        out.warning(f"{where}, row {header_row}", "", message)
    columns = LISTS[number][1]
    position = {}
    for i, header in enumerate(headers):
        position.setdefault(header_key(header), i)
    id_column = columns[0]
    for row_number, row in enumerate(rows, start=header_row + 1):
        if row is None or not any(v not in (None, "") for v in row):
            continue
        cells = list(row) + [None] * (len(headers) - len(row))
        place = f"{where}, row {row_number}"
        raw_id = cells[position[key(id_column)]]
        child_id = (
            str(int(raw_id)) if isinstance(raw_id, float) and raw_id.is_integer() else str(raw_id or "")
        ).strip()
        if not child_id:
            # No child to hold the row: a lenient import leaves out the row alone.
            out.error(place, id_column, "is blank", row_only=True)
            continue
        values = _row(columns, cells, position, out, place, child_id)
        values["where"] = place
        data.child(child_id, values["where"]).rows(f"list{number}").append(values)


def _row(
    columns: list[str], cells: list, position: dict[str, int], out: Collector, place: str, child_id: str
):
    """A row's values by column: dates parsed, counts whole numbers, coded cells checked against
    their code lists."""
    values = {}
    for name in columns:
        try:
            if key(name) in position:
                values[name] = parse_cell(name, cells[position[key(name)]])
            elif name in SPLIT:
                values[name] = _joined(name, cells, position)
            else:
                values[name] = None  # a column an older template lacks
        except ValueError:
            out.error(place, name, f"{cells[position[key(name)]]!r} is not a date", child_id)
            values[name] = None
            continue
        if (
            name.startswith("Number of")
            and values[name] is not None
            and not is_whole_number(str(values[name]))
        ):
            out.error(place, name, f"{values[name]!r} is not a whole number", child_id)
        if name in CODED and values[name] is not None:
            found = CODED[name].read(values[name])
            if found is None:
                out.error(place, name, f"unknown code {values[name]!r}", child_id)
            else:
                values[name] = Coded(values[name], found)
    return values


def write_annex_a(out: str | Path, lists: dict[int, Iterable[list]], reference: date | None = None) -> Path:
    """One sheet per list with the Ofsted headers; dates as dd/mm/yyyy cells.

    Written by the one spreadsheet writer (`domain.sheets`): text kept as given but never a
    live formula, header frozen, columns sized, OFFICIAL-SENSITIVE at the top of each printed
    page and in the file's properties (no extra sheet: the file is Ofsted's template). The same
    lists always give the same bytes: a blank is no cell (not an empty string), the workbook's
    created date is the reference date and the zip entries carry a fixed time, so an export can
    be compared with another by checksum.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from sightline.domain.sheets import OFFICIAL_SENSITIVE, write_table

    book = Workbook(write_only=True)
    stamp = datetime.combine(reference or date(2000, 1, 1), datetime.min.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.title = "Annex A"
    book.properties.keywords = OFFICIAL_SENSITIVE
    for number, (title, columns) in LISTS.items():
        write_table(
            book.create_sheet(title),
            columns,
            lists.get(number, []),
            OFFICIAL_SENSITIVE,
            day_format="DD/MM/YYYY",
            coerce_text=False,
        )
    out = Path(out)
    # openpyxl's save() stamps "modified" with the time now; its writer, called directly, does not.
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    fixed_zip_times(out)
    return out

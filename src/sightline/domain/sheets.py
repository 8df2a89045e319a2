"""The one writer of every CSV and Excel file Sightline produces.

Why one: a value that begins with "=", "+", "-", "@", a tab or a carriage return is read by a
spreadsheet as a formula, so a reason typed into the access log or an ID in an imported file
could run when an administrator opens the download. Every text cell passes through `inert`
(CSV) or is written as a typed string cell with Excel's quote prefix (XLSX), so it shows as the
text it is. In Excel, numbers and dates are typed cells (a percentage shown as "85.2%" becomes
0.852 formatted as a percentage), the header row is styled and frozen, columns are sized, and
a first sheet says what the file is, for when, who made it and its protective marking.

Plain Python (openpyxl, no Django), so the national returns' writers use it too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a plain number is not a formula: "-3", "-1,234.5", "-2.0%".
PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
_PERCENT = re.compile(r"^-?\d+(\.\d+)?%$")
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_SIGNED = re.compile(r"^[+-]\d+$")  # a run of digits alone is an ID; with a sign, a number
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
DAY_FORMAT = "D MMMM YYYY"
TIME_FORMAT = "D MMMM YYYY HH:MM"
MONTH_FORMAT = "MMMM YYYY"


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet treat this text as the start of a formula?"""
    return bool(text) and text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text)


def inert(text: str) -> str:
    """The text as a spreadsheet will show it, never run it: a formula-like start is quoted."""
    return "'" + text if is_formula_like(text) else text


def csv_cell(value) -> str:
    """A value as CSV text: dates in ISO form, None blank, text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | int | float | Decimal):
        return str(value)
    return inert(str(value))


def typed(value, *, coerce_text: bool = True) -> tuple[object, str | None]:
    """The value as an Excel cell holds it, and its number format (None: General or text).

    Numbers and dates keep their type; text that is a formatted number or an ISO date (what
    pages show) is read back into one. A run of digits alone stays text: it is an ID.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return ("yes" if value else "no"), None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), TIME_FORMAT
    if isinstance(value, date):
        return value, DAY_FORMAT
    if isinstance(value, int):
        return value, "#,##0" if abs(value) >= 1000 else None
    if isinstance(value, float | Decimal):
        return float(value), "#,##0.0##" if abs(value) >= 1000 else None
    return _typed_text(str(value)) if coerce_text else (str(value), None)


def _typed_text(text: str) -> tuple[object, str | None]:
    if _PERCENT.match(text):
        places = len(text.rstrip("%").partition(".")[2])
        return float(text.rstrip("%")) / 100, "0" + ("." + "0" * places if places else "") + "%"
    if _GROUPED.match(text):
        number = float(text.replace(",", ""))
        return (int(number) if "." not in text else number), "#,##0" if "." not in text else "#,##0.0##"
    if _DECIMAL.match(text):
        return float(text), None
    if _SIGNED.match(text):
        return int(text), None
    try:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text), DAY_FORMAT
        if _ISO_TIME.match(text):
            return datetime.fromisoformat(text), TIME_FORMAT
        if _ISO_MONTH.match(text):
            return date.fromisoformat(text + "-01"), MONTH_FORMAT
    except ValueError:
        pass
    return text, None


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = SHEET_NAME_BAD.sub(" ", text).strip().strip("'")[:31] or "Sheet"
    name, n = base, 2
    taken = {t.lower() for t in taken}
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


@dataclass
class About:
    """What the first sheet says: what the file is and who may see it."""

    title: str
    marking: str = OFFICIAL_SENSITIVE
    period: str = ""
    level: str = ""
    generated_at: datetime | None = None
    generated_by: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, object]]:
        rows: list[tuple[str, object]] = [("Title", self.title)]
        rows += [(k, v) for k, v in (("Period", self.period), ("Level", self.level)) if v]
        if self.generated_at:
            rows.append(("Generated", self.generated_at))
        if self.generated_by:
            rows.append(("Generated by", self.generated_by))
        rows.append(("Protective marking", self.marking))
        return rows + list(self.notes)


@dataclass
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence]


def write_csv(handle, headers: Sequence[str], rows: Iterable[Sequence], lineterminator: str = "\r\n") -> None:
    """The header row and the rows, every cell through `csv_cell`."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([csv_cell(v) for v in row] for row in rows)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    write_csv(buffer, headers, rows)
    return buffer.getvalue()


def xlsx_bytes(tables: Sequence[Table], about: About | None = None, stamp: datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, tables, about, stamp)
    return buffer.getvalue()


def write_xlsx(out, tables: Sequence[Table], about: About | None = None, stamp: datetime | None = None):
    """Write the workbook to a path or binary handle: an "About" sheet (if given), then one sheet
    per table. `stamp` fixes the workbook's created and modified times (same input, same bytes)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    marking = about.marking if about else ""
    book.properties.title = about.title if about else (tables[0].title if tables else "")
    if marking:
        book.properties.keywords = marking
    if about:
        _about_sheet(book, about)
    taken: list[str] = ["About"] if about else []
    for table in tables:
        name = sheet_name(table.title, taken)
        taken.append(name)
        write_table(book.create_sheet(name), table.headers, table.rows, marking)
    if about and tables:
        book.active = 1  # opens on the data; the About sheet is the first tab
    if stamp is None:
        book.save(out)
        return out
    from zipfile import ZIP_DEFLATED, ZipFile

    book.properties.created = book.properties.modified = stamp
    target = out if not isinstance(out, str | Path) else Path(out)
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()  # save() would stamp "modified" with the time now
    return out


def _about_sheet(book, about: About) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet("About")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 70
    _mark(sheet, about.marking)
    for label, value in about.rows():
        key = WriteOnlyCell(sheet, value=label)
        key.font = Font(bold=True)
        sheet.append([key, cell(sheet, value)])


def _mark(sheet, marking: str) -> None:
    """The protective marking at the top of every printed page."""
    if marking:
        sheet.oddHeader.center.text = marking
        sheet.evenHeader.center.text = marking


HEADER_FILL = "FFDDE3EA"


def write_table(
    sheet,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    marking: str = "",
    *,
    day_format: str = DAY_FORMAT,
    coerce_text: bool = True,
) -> None:
    """Header styled and frozen, columns sized to their content, every cell typed and inert.

    `sheet` is a write-only worksheet with nothing written yet. A return's template keeps its
    text as given (`coerce_text=False`) and its own date format.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = [[cell(sheet, v, day_format=day_format, coerce_text=coerce_text) for v in row] for row in rows]
    for index, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [_width(r[index - 1]) for r in rows[:500] if index <= len(r)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    _mark(sheet, marking)
    head = []
    for header in headers:
        made = WriteOnlyCell(sheet, value=inert(str(header)))
        made.font = Font(bold=True)
        made.fill = PatternFill("solid", fgColor=HEADER_FILL)
        head.append(made)
    sheet.append(head)
    for row in rows:
        sheet.append(row)


def _width(cell) -> int:
    value = cell.value
    if isinstance(value, datetime):
        return 17
    if isinstance(value, date):
        return 17
    if isinstance(value, float):
        return 8
    return len(str(value)) if value is not None else 0


def cell(sheet, value, *, day_format: str = DAY_FORMAT, coerce_text: bool = True):
    """A write-only cell holding the value typed; a blank (None or "") is an empty cell."""
    from openpyxl.cell import WriteOnlyCell

    value, number_format = typed(None if value == "" else value, coerce_text=coerce_text)
    if number_format == DAY_FORMAT:
        number_format = day_format
    made = WriteOnlyCell(sheet, value=value)
    if number_format:
        made.number_format = number_format
    if isinstance(value, str) and is_formula_like(value):
        made.data_type = "s"  # text that looks like a formula is stored as text...
        made.quotePrefix = True  # ...and Excel keeps it text when the cell is edited
    return made

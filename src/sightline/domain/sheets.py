"""The one writer of every CSV and Excel file Sightline produces.

Why one: a value that begins with "=", "+", "-", "@", a tab or a carriage return is read by a
spreadsheet as a formula, so a reason typed into the access log or an ID in an imported file
could run when an administrator opens the download. Every text cell passes through `inert`
(CSV) or is written as a typed string cell with Excel's quote prefix (XLSX), so it shows as the
text it is. In Excel, numbers and dates are typed cells with a number format (a count "1,234"
or "61" is the number 1234 or 61, a percentage shown as "85.2%" is 0.852 formatted as a
percentage, "2026-03-31" a date), the header row is styled and frozen, columns are sized, and a
first sheet says what the file is, for when, at what level, who made it and its protective
marking.

The typing rule: a table declares its identifier columns (a child's ID, a UPN, a team code, a
reference), whose values stay text as given, digits and all, so "000123" keeps its zeros and
"20240117" is not a number. Everywhere else text that is a number or a date is typed; a run of
digits with a leading zero is kept as text, being no count anyone writes.

Plain Python (openpyxl, no Django), so the national returns' writers use it too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
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
_INTEGER = re.compile(r"^[+-]?(0|[1-9]\d*)$")  # "007" is an ID someone forgot to declare, not 7
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
COUNT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.0##"
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


def typed(value, *, coerce_text: bool = True, identifier: bool = False) -> tuple[object, str | None]:
    """The value as an Excel cell holds it, and its number format (None: General or text).

    Numbers and dates keep their type; text that is a number or an ISO date (what pages show) is
    read back into one. In an identifier column every value is text, as given.
    """
    if value is None:
        return None, None
    if identifier:
        return str(value), None
    if isinstance(value, bool):
        return ("yes" if value else "no"), None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), TIME_FORMAT
    if isinstance(value, date):
        return value, DAY_FORMAT
    if isinstance(value, int):
        return value, COUNT_FORMAT
    if isinstance(value, float | Decimal):
        number = float(value)
        return number, COUNT_FORMAT if number.is_integer() else NUMBER_FORMAT
    return _typed_text(str(value)) if coerce_text else (str(value), None)


def _typed_text(text: str) -> tuple[object, str | None]:
    if _PERCENT.match(text):
        places = len(text.rstrip("%").partition(".")[2])
        return float(text.rstrip("%")) / 100, "0" + ("." + "0" * places if places else "") + "%"
    if _GROUPED.match(text):
        number = float(text.replace(",", ""))
        return (int(number), COUNT_FORMAT) if "." not in text else (number, NUMBER_FORMAT)
    if _DECIMAL.match(text):
        return float(text), NUMBER_FORMAT
    if _INTEGER.match(text):
        return int(text), COUNT_FORMAT
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


SHEET_NAME_MAX = 31
_LOOSE_ENDS = {"a", "an", "and", "at", "after", "by", "for", "from", "in", "of", "on", "or", "over", "per"}
_LOOSE_ENDS |= {"the", "to", "with", "within", "-", "\N{EN DASH}"}


def shorten(text: str, limit: int = SHEET_NAME_MAX) -> str:
    """The text in `limit` characters, cut between words (never inside one) and marked "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text[: limit - 1].split(" ")
    if len(words) > 1 and not text[limit - 1 : limit].isspace():
        words = words[:-1]  # the last one was cut through
    while len(words) > 1 and words[-1].lower().strip(",;:(") in _LOOSE_ENDS:
        words = words[:-1]
    return " ".join(words).rstrip(",;:( ") + "…"


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook, readable:
    the characters Excel refuses become spaces, and a long title is cut between words."""
    base = " ".join(SHEET_NAME_BAD.sub(" ", text).split()).strip("'") or "Sheet"
    name, n = shorten(base), 2
    taken = {t.lower() for t in taken}
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = shorten(base, SHEET_NAME_MAX - len(suffix)) + suffix, n + 1
    return name


@dataclass
class About:
    """What the first sheet says: what the file is, for when, at what level, who made it and who
    may see it. Every line is always there, so a reader finds each in the same place."""

    title: str
    marking: str = OFFICIAL_SENSITIVE
    period: str = ""
    level: str = ""
    generated_at: datetime | None = None
    generated_by: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, object]]:
        return [
            ("Title", self.title),
            ("Period", self.period or NOT_STATED),
            ("Level", self.level or NOT_STATED),
            ("Generated", self.generated_at or NOT_STATED),
            ("Generated by", self.generated_by or NOT_STATED),
            ("Protective marking", self.marking),
            *self.notes,
        ]


NOT_STATED = "Not stated"
ABOUT_LABELS = ("Title", "Period", "Level", "Generated", "Generated by", "Protective marking")


@dataclass
class Table:
    """A sheet's rows under its headers; `identifiers` names the columns whose values stay text,
    `sheet` the tab when the title is too long to make a good one (the About sheet lists both)."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence]
    identifiers: Collection[str] = ()
    sheet: str = ""


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
    taken: list[str] = ["About"] if about else []
    names = []
    for table in tables:
        names.append(sheet_name(table.sheet or table.title, taken))
        taken.append(names[-1])
    if about:
        contents = [(n, t.title) for n, t in zip(names, tables, strict=True)]
        _about_sheet(book, about, contents if any(n != title for n, title in contents) else [])
    for name, table in zip(names, tables, strict=True):
        sheet = book.create_sheet(name)
        write_table(sheet, table.headers, table.rows, marking, identifiers=table.identifiers)
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


def _about_sheet(book, about: About, contents: Sequence[tuple[str, str]] = ()) -> None:
    """The metadata block; when a sheet's name had to be shortened, a list of the sheets with
    each one's full title below it."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet("About")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 80
    _mark(sheet, about.marking)

    def bold(text: str):
        made = WriteOnlyCell(sheet, value=text)
        made.font = Font(bold=True)
        return made

    for label, value in about.rows():
        sheet.append([bold(label), cell(sheet, value)])
    if contents:
        sheet.append([])
        sheet.append([bold("Sheet"), bold("What it holds")])
        for name, title in contents:
            sheet.append([cell(sheet, name, identifier=True), cell(sheet, title, identifier=True)])


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
    identifiers: Collection[str] = (),
) -> None:
    """Header styled and frozen, columns sized to their content, every cell typed and inert.

    `sheet` is a write-only worksheet with nothing written yet. The `identifiers` columns (by
    header) keep their values as text. A return's template keeps all its text as given
    (`coerce_text=False`) and its own date format.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ids = [str(h) in identifiers for h in headers]
    rows = [
        [
            cell(sheet, v, day_format=day_format, coerce_text=coerce_text, identifier=i < len(ids) and ids[i])
            for i, v in enumerate(row)
        ]
        for row in rows
    ]
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
    if isinstance(value, int | float) and not isinstance(value, bool):
        return max(len(f"{value:,}"), 6)
    return len(str(value)) if value is not None else 0


def cell(sheet, value, *, day_format: str = DAY_FORMAT, coerce_text: bool = True, identifier: bool = False):
    """A write-only cell holding the value typed; a blank (None or "") is an empty cell."""
    from openpyxl.cell import WriteOnlyCell

    blank = value is None or (isinstance(value, str) and value == "")
    value, number_format = typed(None if blank else value, coerce_text=coerce_text, identifier=identifier)
    if number_format == DAY_FORMAT:
        number_format = day_format
    made = WriteOnlyCell(sheet, value=value)
    if number_format:
        made.number_format = number_format
    if isinstance(value, str) and is_formula_like(value):
        made.data_type = "s"  # text that looks like a formula is stored as text...
        made.quotePrefix = True  # ...and Excel keeps it text when the cell is edited
    return made

"""Ofsted ILACS Annex A workbook: lists 1-11, one sheet per list.

Sheets are recognised by their header rows (not their names), with header matching that
ignores case, spacing and punctuation; coded values may carry a "a) " style prefix or the
code's label after it ("1A) Individual: family member"). The reader streams rows with
openpyxl's read-only mode; the writer uses write-only mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

from .common import Collector, Problem, ReturnFileError, check_file, fixed_zip_times, parse_date
from .records import ReturnData

START = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
ALLOCATED = ["Allocated Team", "Allocated Worker"]

# (list number, sheet name, columns after the common start, whether the allocated columns end it)
LISTS: dict[int, tuple[str, list[str]]] = {
    1: ("List 1 - Contacts", [*START, "Date of Contact", "Contact Source"]),
    2: (
        "List 2 - Early Help",
        [*START, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    ),
    3: (
        "List 3 - Referrals",
        [
            *START,
            "Date of referral",
            "Referral Source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            *ALLOCATED,
        ],
    ),
    4: (
        "List 4 - Assessments",
        [
            *START,
            "Disability",
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support?",
            *ALLOCATED,
        ],
    ),
    5: (
        "List 5 - Section 47",
        [
            *START,
            "Disability",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            *ALLOCATED,
        ],
    ),
    6: (
        "List 6 - Children in Need",
        [
            *START,
            "Disability",
            "CIN Start Date",
            "Primary Need Code",
            "Date Child Was Last Seen",
            "CIN Closure Date",
            "Reason for Closure",
            "Case Status",
            *ALLOCATED,
        ],
    ),
    7: (
        "List 7 - Child Protection",
        [
            *START,
            "Disability",
            "Child Protection Plan Start Date",
            "Initial Category of Abuse",
            "Latest Category of Abuse",
            "Date of the Last Statutory Visit",
            "Was the Child Seen Alone?",
            "Date of latest review conference",
            "Child Protection Plan End Date",
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
            "Number of Previous Child Protection Plans",
            *ALLOCATED,
        ],
    ),
    8: (
        "List 8 - Children in Care",
        [
            *START,
            "UASC",
            "Date Started to be Looked After",
            "Child's Category of Need",
            "Legal Status",
            "Date of Latest Statutory Review",
            "Date Child Was Last Seen",
            "Date of Last Health Assessment",
            "Date of Last Dental Check",
            "Number of Placements in the Last 12 Months",
            "Date Ceased to be Looked After",
            "Reason Ceased to be Looked After",
            "Placement Start Date",
            "Placement Type",
            "Placement Provider",
            "Placement Postcode",
            "Placement Unique Reference Number (URN)",
            "Number of Missing Episodes in the Last 12 Months",
            *ALLOCATED,
        ],
    ),
    9: (
        "List 9 - Care Leavers",
        [
            *START,
            "Date of Latest Contact",
            "LA in Touch",
            "Activity Status",
            "Accommodation Type and Suitability",
            *ALLOCATED,
        ],
    ),
    10: (
        "List 10 - Adoption",
        [
            *START,
            "Date the Child Entered Care",
            "Date of Decision that the Child Should be Placed for Adoption",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Date the Child was Placed for Fostering in FFA or Concurrency Placement",
        ],
    ),
    11: (
        "List 11 - Adopters",
        [
            "Adopter Unique ID",
            "Adoptive Family Unique ID",
            "Gender",
            "Ethnicity",
            "Disability",
            "Is the adopter a foster carer?",
            "Date of Initial Enquiry",
            "Date Stage 1 Started",
            "Date Stage 1 Ended",
            "Date Stage 2 Started",
            "Date Stage 2 Ended",
            "Date of Application",
            "Date Approved",
            "Date Matched",
            "Date Child Placed",
            "Number of Children Placed",
            "Date of Adoption Order",
            "Date Left Process",
            "Reason Left Process",
        ],
    ),
}
DATE_WORDS = ("date", "started to be looked after")
PREFIX = re.compile(r"^\s*([A-Za-z0-9]{1,6})\)\s*")


def key(header: str) -> str:
    """Header matching that ignores case, spacing and punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


KEYS = {number: [key(c) for c in columns] for number, (_, columns) in LISTS.items()}


def identify(headers: list[str]) -> tuple[int | None, str]:
    given = [key(h) for h in headers if key(h)]
    best, best_overlap = None, 0
    for number, expected in KEYS.items():
        if set(expected) <= set(given):
            return number, ""
        overlap = len(set(expected) & set(given))
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    if best is None or best_overlap < 4:
        return None, "the header row matches no Annex A list"
    names = dict(zip(KEYS[best], LISTS[best][1], strict=True))
    missing = [names[k] for k in KEYS[best] if k not in given]
    return None, f"looks like Annex A list {best} but lacks column(s): {', '.join(missing)}"


def code(value) -> str:
    """The code in a coded cell: '1A) Individual' -> '1A', 'a) Yes' -> 'a', 'N1' -> 'N1'."""
    text = str(value or "").strip()
    match = PREFIX.match(text)
    return match.group(1) if match else text


def is_date_column(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in DATE_WORDS) and "number" not in lowered


def parse_cell(name: str, value) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if is_date_column(name):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(str(value), ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"))
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
    except (BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReturnFileError(
            [Problem(path.name, "", "", f"not a readable xlsx workbook: {error}")]
        ) from None
    out = Collector(path.name)
    data = ReturnData("annex-a", [str(path)])
    found = {}
    try:
        for sheet in book.worksheets:
            _read_sheet(sheet, out, data, found)
    finally:
        book.close()
    if not found:
        out.error("", "", "no sheet in the workbook has the header row of an Annex A list")
    data.header["lists"] = sorted(found)
    data.problems = out.problems
    return data


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
    columns = LISTS[number][1]
    position = {key(h): i for i, h in enumerate(headers)}
    index = [position[key(c)] for c in columns]
    id_column = columns[0]
    for row_number, row in enumerate(rows, start=header_row + 1):
        if row is None or not any(v not in (None, "") for v in row):
            continue
        cells = list(row) + [None] * (len(headers) - len(row))
        raw_id = cells[index[0]]
        child_id = (
            str(int(raw_id)) if isinstance(raw_id, float) and raw_id.is_integer() else str(raw_id or "")
        )
        child_id = child_id.strip()
        values = {}
        for name, i in zip(columns, index, strict=True):
            try:
                values[name] = parse_cell(name, cells[i])
            except ValueError:
                out.error(f"{where}, row {row_number}", name, f"{cells[i]!r} is not a date", child_id)
                values[name] = None
        if not child_id:
            out.error(f"{where}, row {row_number}", id_column, "is blank")
            continue
        values["where"] = f"{where}, row {row_number}"
        data.child(child_id, values["where"]).rows(f"list{number}").append(values)


def write_annex_a(out: str | Path, lists: dict[int, Iterable[list]], reference: date | None = None) -> Path:
    """One sheet per list with the Ofsted headers; dates as dd/mm/yyyy cells.

    The same lists always give the same bytes: a blank is no cell (not an empty string), the
    workbook's created date is the reference date and the zip entries carry a fixed time, so
    an export can be compared with another by checksum.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    stamp = datetime.combine(reference or date(2000, 1, 1), datetime.min.time())
    book.properties.created = book.properties.modified = stamp
    for number, (title, columns) in LISTS.items():
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for row in lists.get(number, []):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=None if value == "" else value)
                if isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
                cells.append(cell)
            sheet.append(cells)
    out = Path(out)
    # openpyxl's save() stamps "modified" with the time now; its writer, called directly, does not.
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    fixed_zip_times(out)
    return out

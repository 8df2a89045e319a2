"""Ofsted ILACS Annex A workbook: lists 1-11, one sheet per list.

Sheets are recognised by their header rows (not their names), with header matching that
ignores case, spacing and punctuation and knows the wordings councils' exports use for the
same column. Coded values may come as the code, the code's label, or one of Ofsted's
drop-down options ("a) WBRI", "g) 3A: Health services", "b) Female", "N1 - Abuse or
neglect"); each is checked against its code list, so a value that names no code is a
located problem, not a stored guess. The reader streams rows with openpyxl's read-only
mode; the writer uses write-only mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

from sightline.domain import codes as c

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
DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)
PREFIX = re.compile(r"^\s*([A-Za-z0-9]{1,6})\)\s*(.*)$", re.DOTALL)
# "3A: Health services", "N1 - Abuse or neglect": a code, a separator (colon or dash), its label.
LEADING = re.compile(r"^([A-Za-z0-9]{1,6})\s*(?::|\s[-\u2013\u2014]\s)")
LEADING_CODE = re.compile(r"^([A-Z0-9]{1,5})\s*(?::|\s[-\u2013\u2014]\s)")
CODE_LIKE = re.compile(r"^[A-Z0-9]{1,5}$")

# Other wordings of a column in councils' exports and in other years' Ofsted templates.
ALIASES = {
    "Child Unique ID": ["Child ID", "Child Unique Identifier", "Unique Child ID", "Child Identifier"],
    "Gender": ["Sex"],
    "Age of Child (Years)": ["Age of Child", "Age"],
    "Disability": ["Does the Child have a Disability"],
    "Date of Contact": ["Contact Date"],
    "Contact Source": ["Source of Contact"],
    "Date of referral": ["Referral Date"],
    "Referral Source": ["Source of Referral"],
    "UASC": [
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        "Unaccompanied Asylum Seeking Child (UASC)",
    ],
    "Legal Status": ["Child's Legal Status"],
    "Date Child Was Last Seen": ["Date of Last Social Work Visit"],
    "Placement Start Date": ["Start Date of Most Recent Placement"],
    "Placement Unique Reference Number (URN)": ["URN of Placement", "Placement URN"],
    "Number of Missing Episodes in the Last 12 Months": [
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
    ],
    "Date of Latest Contact": ["Latest Date of Contact"],
    "Date of Decision that the Child Should be Placed for Adoption": [
        "Date of Decision that Child Should be Placed for Adoption"
    ],
    "Date of Decision that Child Should No Longer be Placed for Adoption": [
        "Date of Decision that the Child Should No Longer be Placed for Adoption"
    ],
    "Date the Child was Placed for Fostering in FFA or Concurrency Placement": [
        "Date the child was placed for fostering in FFA or concurrent planning placement"
    ],
    "Adopter Unique ID": ["Individual adopter identifier"],
    "Adoptive Family Unique ID": ["Family identifier"],
    "Is the adopter a foster carer?": ["Is the (prospective) adopter fostering for adoption?"],
    "Date of Initial Enquiry": ["Date enquiry received"],
    "Date of Application": ["Date application submitted"],
    "Date Approved": ["Date application approved"],
    "Date Matched": ["Date adopter matched with child(ren)"],
    "Date Child Placed": ["Date child/children placed with adopter(s)"],
    "Number of Children Placed": ["No. of children placed"],
    "Date Left Process": ["Date of leaving adoption process"],
    "Reason Left Process": ["Reason for leaving adoption process"],
}
# Newer templates split list 9's accommodation into its type ("B: Parents/relatives") and
# whether it is suitable ("a) Suitable"); the SSDA903 code joins them ("B1").
SPLIT = {"Accommodation Type and Suitability": ("Type of Accommodation", "Suitability of Accommodation")}


# Columns later Ofsted templates added: a workbook on an older template is read without them.
OPTIONAL = {
    4: {"Child Seen During Continuous Assessment"},
    6: {"Case Status"},
    7: {
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Was the Child Seen Alone?",
    },
    8: {"UASC", "Placement Unique Reference Number (URN)", "Placement Provider"},
    10: {"Date the Child was Placed for Fostering in FFA or Concurrency Placement"},
}


def key(header: str) -> str:
    """Header matching that ignores case, spacing and punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


CANONICAL = {key(alias): key(name) for name, aliases in ALIASES.items() for alias in aliases}


def header_key(header: str) -> str:
    """A header's key, with another wording of a column read as the column itself."""
    found = key(header)
    return CANONICAL.get(found, found)


KEYS = {number: [key(c) for c in columns] for number, (_, columns) in LISTS.items()}


def _given(headers: list[str]) -> set[str]:
    given = {header_key(h) for h in headers if key(h)}
    for name, parts in SPLIT.items():
        if {key(p) for p in parts} <= given:
            given.add(key(name))
    return given


def identify(headers: list[str]) -> tuple[int | None, str]:
    """The list a header row is, or None with why not. A list lacking only columns that later
    templates added is read, with a message (a warning) naming what was not there to read."""
    given = _given(headers)
    best, best_overlap = None, 0
    for number, expected in KEYS.items():
        if set(expected) <= given:
            return number, ""
        overlap = len(set(expected) & given)
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    if best is None or best_overlap < 4:
        return None, "the header row matches no Annex A list"
    names = dict(zip(KEYS[best], LISTS[best][1], strict=True))
    missing = [names[k] for k in KEYS[best] if k not in given]
    if set(missing) <= OPTIONAL.get(best, set()):
        return best, (
            f"no column {', '.join(missing)} (an older template): read without it, so it is blank for "
            "every row of this list"
        )
    return None, f"looks like Annex A list {best} but lacks column(s): {', '.join(missing)}"


class Coded(str):
    """A coded cell as written (so it can be kept as reported), knowing the code it was read as."""

    code: str

    def __new__(cls, text: str, found: str = "") -> Coded:
        cell = super().__new__(cls, text)
        cell.code = found or text
        return cell

    def __reduce__(self):
        return (Coded, (str(self), self.code))


def code(value) -> str:
    """The code in a coded cell: 'g) 3A: Health services' -> '3A', '1A) Individual' -> '1A',
    'a) WBRI' -> 'WBRI', 'N1 - Abuse or neglect' -> 'N1', 'a) Yes' -> 'a'.

    A cell the reader checked against its column's code list carries its code; this reading
    of the text alone is for values from elsewhere.
    """
    if isinstance(value, Coded):
        return value.code
    text = str(value or "").strip()
    prefixed = PREFIX.match(text)
    rest = prefixed.group(2).strip() if prefixed else text
    leading = LEADING_CODE.match(rest)
    if leading:
        return leading.group(1)
    if prefixed:
        return rest if CODE_LIKE.match(rest) else prefixed.group(1)
    return text


class CodeList:
    """A column's codes, with the labels, other names and Ofsted letter options that stand for them."""

    def __init__(self, choices, names: dict[str, str] | None = None, letters: dict[str, str] | None = None):
        self.codes = {str(found).upper(): found for found, _ in choices}
        self.names = {key(label): found for found, label in choices}
        self.names.update({key(name): found for name, found in (names or {}).items()})
        self.letters = letters or {}

    def read(self, text: str) -> str | None:
        """The code a cell names, or None when it names none."""
        prefixed = PREFIX.match(text)
        rest = prefixed.group(2).strip() if prefixed else text
        leading = LEADING.match(rest)
        candidates = [rest, leading.group(1) if leading else "", prefixed.group(1) if prefixed else "", text]
        for candidate in candidates:
            if candidate and candidate.upper() in self.codes:
                return self.codes[candidate.upper()]
        for candidate in (rest, text):
            if key(candidate) in self.names:
                return self.names[key(candidate)]
        if prefixed and prefixed.group(1).lower() in self.letters:
            return self.letters[prefixed.group(1).lower()]
        return None


YES_NO = CodeList(
    [("Yes", "Yes"), ("No", "No"), ("Unknown", "Unknown")],
    {"y": "Yes", "true": "Yes", "1": "Yes", "n": "No", "false": "No", "0": "No", "not known": "Unknown"},
    {"a": "Yes", "b": "No", "c": "Unknown"},
)
SEX = CodeList(
    c.SEX,
    {
        "unknown": "U",
        "indeterminate": "U",
        "not stated": "U",
        "not recorded": "U",
        "not stated/recorded": "U",
        "not known": "U",
        "neither": "U",
    },
    {"a": "M", "b": "F", "c": "U", "d": "U"},
)
# Coded columns and their code lists. The columns recomputed on export (case status, EPO in
# the last six months) and list 11's reason for leaving (no code list here) are not checked.
CODED = {
    "Gender": SEX,
    "Ethnicity": CodeList(c.ETHNICITY),
    "Contact Source": CodeList(c.REFERRAL_SOURCE),
    "Referral Source": CodeList(c.REFERRAL_SOURCE),
    "Primary Need Code": CodeList(c.PRIMARY_NEED),
    "Reason for Closure": CodeList(c.REASON_FOR_CLOSURE),
    "Initial Category of Abuse": CodeList(c.CATEGORY_OF_ABUSE, {"Multiple/not recommended": "MUL"}),
    "Latest Category of Abuse": CodeList(c.CATEGORY_OF_ABUSE, {"Multiple/not recommended": "MUL"}),
    "Child's Category of Need": CodeList(c.CIN_CATEGORY),
    "Legal Status": CodeList(c.LEGAL_STATUS),
    "Reason Ceased to be Looked After": CodeList(c.REASON_EPISODE_CEASED),
    "Placement Type": CodeList(c.PLACEMENT_TYPE),
    "Placement Provider": CodeList(c.PLACEMENT_PROVIDER),
    "LA in Touch": CodeList(c.IN_TOUCH),
    "Activity Status": CodeList(c.ACTIVITY),
    "Accommodation Type and Suitability": CodeList(c.ACCOMMODATION),
    **{
        name: YES_NO
        for name in (
            "Disability",
            "UASC",
            "Referral NFA?",
            "Child Seen During Continuous Assessment",
            "Was the child assessed as requiring LA children's social care support?",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Was the Child Seen Alone?",
            "Is the adopter a foster carer?",
        )
    },
}
SUITABLE = CodeList([("1", "Suitable"), ("2", "Unsuitable")], {"not suitable": "2"}, {"a": "1", "b": "2"})


def is_date_column(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in DATE_WORDS) and "number" not in lowered


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
        if name.startswith("Number of") and values[name] is not None and not str(values[name]).isdigit():
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

"""SSDA903 as CSV files: tables recognised by their column headers, read column-wise or row by row.

Each table is a list of columns; each column maps to a record-model field with a parser
(a date in dd/mm/yyyy, a code from a list, or text kept as returned). The reader types each
file column by column (ssda903_frame.py), or row by row with the csv module where the file
needs it (quoting); the writer writes the canonical column order, which is
what csc-validator-be-903 recognises.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sightline.domain.sheets import write_csv

from .common import Collector, Problem, ReturnFileError, check_file, parse_date, sniff, text_encoding
from .records import ChildReturn, ReturnData
from .ssda903_columns import (
    DATES,
    FILE_NAMES,
    NOT_KEPT,
    OPTIONAL,
    SEX_903,
    TABLES,
    UN_FROM_903,
    UN_TO_903,
    UPN_UNKNOWN,
    Column,
    sex_out,
)
from .ssda903_frame import lines_of, read_lines, table_frames


def normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "_", name.strip().upper().lstrip("\ufeff"))


def identify(columns: list[str]) -> tuple[str | None, str]:
    """The table whose columns these are, or None with a message naming missing/extra columns."""
    given = {normalise(col) for col in columns if col.strip()}
    best, best_key = "Header", (-1, 0)
    for table, spec in TABLES.items():
        needed = {col.name for col in spec}
        if needed <= given and given - needed <= OPTIONAL:
            return table, ""
        key = (len(needed & given), -len(needed ^ given))
        if key > best_key:
            best, best_key = table, key
    needed = {col.name for col in TABLES[best]}
    missing, extra = sorted(needed - given), sorted(given - needed - OPTIONAL)
    if len(needed & given - {"CHILD", "DOB", "SEX"}) < 1:
        return None, f"the columns {sorted(given)} match no SSDA903 table"
    parts = []
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected column(s) {', '.join(extra)}")
    return None, f"looks like the {best} table but has {' and '.join(parts)}"


def _not_kept(columns: list[str]) -> tuple[str, str] | None:
    given = {normalise(col) for col in columns if col.strip()}
    for name, (needed, what) in NOT_KEPT.items():
        if needed <= given and given - needed <= OPTIONAL:
            return name, what
    return None


def _parse(col: Column, raw: str, row_where: str, out: Collector, child: str):
    value = raw.strip()
    if not value:
        if col.required:
            out.error(row_where, col.name, "is blank", child)
        return None if col.kind == "date" else ""
    if col.kind == "date":
        try:
            return parse_date(value, DATES)
        except ValueError:
            out.error(row_where, col.name, f"{value!r} is not a date (dd/mm/yyyy)", child)
            return None
    if col.kind == "code":
        code = value.upper()
        if code not in col.allowed:
            out.error(row_where, col.name, f"unknown code {value!r}", child)
        return code
    return value


def _open_text(path: Path):
    """Open as the text it is (UTF-8 with or without BOM, UTF-16, or Windows-1252 as Excel
    writes it); a byte that is none of them is a located rejection (`text_encoding`)."""
    return path.open("r", encoding=text_encoding(path), newline="")


def read_csv_table(path: Path, data: ReturnData, out: Collector, frames: list | None = None) -> str | None:
    """Read one 903 CSV into `data`; returns the table name (None if not recognised).

    Column-wise (ssda903_frame.py) where the file allows, else row by row with the csv module.
    `frames` gets the table's recorded rows as a frame, or None for a file read row by row."""
    with _open_text(path) as handle:
        text = handle.read()
    lines = lines_of(text)
    header = lines[0].split(",") if lines else None
    table = identify(header)[0] if header else None
    if table is None or lines is None:
        if frames is not None:
            frames.append(None)
        return _read_rows(csv.reader(io.StringIO(text, newline="")), data, out)
    spec, width = _spec(table, header)
    rows, frame = read_lines(lines, table, spec, width, data, out, _record)
    if frames is not None:
        frames.append((table, frame))
    if rows == 0:
        out.warning("", "", f"the {table} table has no rows")
    return table


def _spec(table: str, header: list[str]) -> tuple[list[tuple[Column, int]], int]:
    positions = {normalise(name): i for i, name in enumerate(header)}
    return [(col, positions[col.name]) for col in TABLES[table]], len(header)


def _read_rows(reader, data: ReturnData, out: Collector) -> str | None:
    try:
        header = next(reader)
    except StopIteration:
        out.error("", "", "the file is empty")
        return None
    except csv.Error as error:
        out.error("line 1", "", f"not a readable CSV file: {error}")
        return None
    table, message = identify(header)
    if table is None:
        kept_not = _not_kept(header)
        if kept_not:
            rows = sum(1 for raw in reader if any(cell.strip() for cell in raw))
            name, what = kept_not
            out.warning(
                "",
                "",
                f"the {name} table ({what}, {rows:,} row{'' if rows == 1 else 's'}) is recognised but "
                "not imported: Sightline's records have no place for it yet",
            )
            return name
        out.error("line 1 (header row)", "", message)
        return None
    spec, width = _spec(table, header)
    rows = 0
    try:
        for raw in reader:
            if not any(cell.strip() for cell in raw):
                continue
            rows += 1
            _read_row(table, spec, raw, width, f"row {reader.line_num}", data, out)
    except csv.Error as error:
        out.error(f"line {reader.line_num}", "", f"not a readable CSV row: {error}")
    if rows == 0:
        out.warning("", "", f"the {table} table has no rows")
    return table


def _read_row(table, spec, raw, width, where, data: ReturnData, out: Collector) -> None:
    if len(raw) != width:
        out.error(where, "", f"has {len(raw)} values but the header has {width} columns")
        return
    child_id = raw[spec[0][1]].strip()
    values = {col.field: _parse(col, raw[i], where, out, child_id) for col, i in spec}
    if child_id:
        _record(table, where, values, data, out)


def _record(table: str, where: str, values: dict, data: ReturnData, out) -> bool:
    """One row's parsed values (a child's, CHILD first) into `data`, with the checks across them;
    False if they leave it out."""
    child_id = values["la_child_id"]
    if table == "Episodes" and bool(values.get("dec")) != bool(values.get("rec")):
        field = "REC" if values.get("dec") else "DEC"
        out.error(
            where,
            field,
            "DEC and REC go together: an ended episode needs both, an open one neither",
            child_id,
        )
        return False
    record = data.child(child_id)
    values.pop("la_child_id")
    values["where"] = f"{out.file}, {where}"
    if table == "Header":
        if record.person:
            out.error(where, "CHILD", "the child appears twice in the Header table", child_id)
            return False
        record.where = values["where"]
        upn = values.pop("upn")
        if UPN_UNKNOWN.match(upn.upper()):
            values["upn"], values["upn_unknown"] = "", UN_FROM_903.get(upn.upper(), upn.upper())
        else:
            values["upn"], values["upn_unknown"] = upn, ""
        values["sex"] = SEX_903.get(values["sex"], "U")
        record.person = values
        return True
    record.rows(table).append(values)
    return True


def read_903_csvs(paths: Iterable[str | Path], max_bytes: int | None = None) -> ReturnData:
    """Read a set of 903 CSV files (any names, any order) into one ReturnData."""
    paths = [check_file(p, **({"max_bytes": max_bytes} if max_bytes else {})) for p in paths]
    data = ReturnData("903", [str(p) for p in paths])
    seen: dict[str, str] = {}
    problems = []
    frames: list = []
    for path in paths:
        out = Collector(path.name)
        kind = sniff(path)
        if kind != "csv":
            raise ReturnFileError([out_problem(path.name, f"a {kind} file, not a CSV")])
        table = read_csv_table(path, data, out, frames)
        if table and table in seen:
            out.error("", "", f"a second {table} table (the first was {seen[table]})")
        elif table:
            seen[table] = path.name
        problems.extend(out.problems)
    data.header["tables"] = sorted(seen)
    # The rules' tables as frames, if every file was read column-wise (else they are made from rows).
    data.frames = table_frames([f for f in frames if f], data) if None not in frames else None
    problems.extend(check_children_defined(data, "Header" in seen))
    data.problems = problems
    return data


def out_problem(file: str, message: str) -> Problem:
    return Problem(file, "", "", message)


def check_children_defined(data: ReturnData, has_header: bool) -> list:
    """Every child in any table must be in the Header table."""
    problems = []
    if not has_header:
        return [
            Problem(
                ", ".join(Path(f).name for f in data.files),
                "",
                "",
                "no Header table among the files: the 903 set needs header.csv to define its children",
            )
        ]
    for child_id, record in data.children.items():
        if record.person:
            continue
        for table, rows in record.tables.items():
            where = rows[0]["where"]
            file, _, place = where.partition(", ")
            problems.append(
                Problem(
                    file,
                    place,
                    "CHILD",
                    f"child {child_id} is in {table} but not in the Header table",
                    child_id,
                )
            )
            break
    return problems


# ---------------------------------------------------------------------------------------
# Writer


def _cell(col: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def header_row(record: ChildReturn, year: int | None = None) -> dict:
    p = record.person
    return {
        "la_child_id": record.la_child_id,
        "sex": sex_out(p.get("sex"), year),
        "date_of_birth": p.get("date_of_birth"),
        "ethnicity": p.get("ethnicity"),
        "upn": p.get("upn") or UN_TO_903.get(p.get("upn_unknown", ""), p.get("upn_unknown", "")),
        "mother": p.get("mother", ""),
        "mother_child_dob": p.get("mother_child_dob"),
    }


def table_rows(table: str, children: Iterable[ChildReturn], year: int | None = None) -> Iterable[list[str]]:
    spec = TABLES[table]
    for record in children:
        if table == "Header":
            rows = [header_row(record, year)] if record.person else []
        else:
            rows = record.tables.get(table, [])
        for row in rows:
            values = {
                "la_child_id": record.la_child_id,
                "date_of_birth": record.person.get("date_of_birth"),
                "sex": sex_out(record.person.get("sex"), year),
                **row,
            }
            yield [_cell(col, values.get(col.field)) for col in spec]


def write_903_csvs(
    outdir: str | Path,
    children: list[ChildReturn],
    tables: Iterable[str] | None = None,
    year: int | None = None,
) -> list[Path]:
    """Write one CSV per table (all tables unless `tables` says which) into `outdir`, coded as
    collection `year` codes them (default: the current codes)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables or TABLES:
        path = outdir / FILE_NAMES[table]
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_csv(handle, [col.name for col in TABLES[table]], table_rows(table, children, year), "\n")
        written.append(path)
    return written

"""The Standard Safeguarding Dataset as CSV files: written from records, read back into them.

Plain Python: the writer takes rows per model label (field name -> value, as the database
holds them) with each row's SSD id, and writes one CSV per SSD table; the reader recognises
each CSV by its columns (any file name, any case) and gives back records per label with
their SSD ids, for the imports app to load (`sightline.imports.ssd`). The tables are declared
in `ssd_tables`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from .common import Problem
from .ssd_tables import DISABILITY, EXT, TABLES, Table, file_tables

Rows = dict[str, list[dict]]  # label -> rows (field -> value, with "id")
Ids = dict[str, dict[int, str]]  # label -> primary key -> SSD id


def text(value) -> str:
    """A value as the SSD files hold it: dates ISO, flags Y/N, lists as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def ssd_id(table: Table, row: dict, ids: Ids) -> str:
    return ids.get(table.label, {}).get(row["id"]) or (
        str(row[table.natural_key]) if table.natural_key else f"{table.prefix}{row['id']}"
    )


class _Writer:
    def __init__(self, rows: Rows, ids: Ids) -> None:
        self.rows = rows
        self.ids = ids
        self.files: dict[str, list[list[str]]] = defaultdict(list)

    def ref(self, label: str, pk) -> str:
        if pk is None:
            return ""
        table = next(t for t in TABLES if t.label == label)
        known = self.ids.get(label, {}).get(pk)
        if known:
            return known
        if table.natural_key:
            return str(self.by_pk(label)[pk][table.natural_key])
        return f"{table.prefix}{pk}"

    def by_pk(self, label: str) -> dict:
        cache = self.__dict__.setdefault("_by_pk", {})
        if label not in cache:
            cache[label] = {r["id"]: r for r in self.rows.get(label, [])}
        return cache[label]

    def value(self, table: Table, column: str, name: str, row: dict) -> str:
        value = row.get(name)
        if name in table.fks:
            return self.ref(table.fks[name], value)
        if column in table.coded:
            return table.coded[column].get(value, value or "")
        if column in table.json_columns:
            return json.dumps([value] if value else [])
        return text(value)

    def table(self, table: Table) -> None:
        columns = file_tables()[table.name]
        for row in self.rows.get(table.label, []):
            if table.kinds and row.get("kind") not in table.kinds:
                continue
            own = ssd_id(table, row, self.ids) if not table.natural_key else self.ref(table.label, row["id"])
            cells = {table.id_column: own}
            for column, name in table.columns.items():
                cells[column] = self.value(table, column, name, row)
            for name in table.extension:
                cells[EXT + name] = self.value(table, EXT + name, name, row)
            for companion in table.companions:
                self.companion(table, companion, own, row, cells)
            self.files[table.name].append([cells.get(c, "") for c in columns])

    def companion(self, table: Table, companion, own: str, row: dict, cells: dict) -> None:
        if companion.optional_if_empty and not row.get(companion.optional_if_empty):
            return
        their = f"{companion.id_prefix}{own}"
        if companion.via:
            cells[companion.via] = their
        out = {companion.id_column: their}
        if companion.key:
            out[companion.key] = own
        if companion.person:
            out[companion.person] = self.ref("records.Child", row["child_id"])
        for column, name in companion.columns.items():
            out[column] = self.value(table, column, name, row)
        self.files[companion.table].append([out.get(c, "") for c in file_tables()[companion.table]])

    def disabilities(self) -> None:
        for row in self.rows.get("records.Child", []):
            person = self.ref("records.Child", row["id"])
            for n, code in enumerate(row.get("disabilities") or [], start=1):
                self.files[DISABILITY.name].append([f"{person}.{n}", person, code])


def write_ssd(out: Path, rows: Rows, ids: Ids) -> list[Path]:
    """One CSV per SSD table (and extension table) in `out`, rows in the order given."""
    writer = _Writer(rows, ids)
    for table in TABLES:
        writer.table(table)
    writer.disabilities()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in file_tables().items():
        buffer = io.StringIO()
        csv_out = csv.writer(buffer, lineterminator="\n")
        csv_out.writerow(columns)
        csv_out.writerows(writer.files.get(name, []))
        path = out / f"{name}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------------------------------
# Reading


@dataclass
class Extract:
    """An SSD extract as read: each table's rows (lower-case columns, text values)."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file name
    problems: list[Problem] = field(default_factory=list)


def recognise(header: list[str]) -> str | None:
    """The table a file's columns say it is: the one whose id column it has and most columns."""
    have = {h.strip().lower() for h in header}
    best, score = None, 0
    for name, columns in file_tables().items():
        if columns[0] not in have:
            continue
        overlap = len(have & set(columns))
        if overlap > score and overlap * 2 >= min(len(columns), 4):
            best, score = name, overlap
    return best


def read_ssd(paths: list[Path]) -> Extract:
    """Read the CSV files of an extract (a directory's *.csv, or the files given)."""
    extract = Extract()
    for path in _csv_files(paths):
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("cp1252", errors="replace")
        reader = csv.reader(io.StringIO(content, newline=""))
        header = next(reader, [])
        name = recognise(header)
        if name is None:
            extract.problems.append(
                Problem(path.name, "line 1", "", "its columns are not those of any SSD table Sightline reads")
            )
            continue
        if name in extract.files:
            extract.problems.append(
                Problem(
                    path.name,
                    "",
                    "",
                    f"a second file of the table {name} (the first is {extract.files[name]})",
                )
            )
            continue
        columns = [h.strip().lower() for h in header]
        rows = []
        width = len(columns)
        for line, values in enumerate(reader, start=2):
            cells = list(map(str.strip, values))
            if not any(cells):
                continue
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            row = dict(zip(columns, cells, strict=False))  # cells past the header are dropped
            row["_row"] = line
            rows.append(row)
        extract.tables[name] = rows
        extract.files[name] = path.name
    return extract


def _csv_files(paths: list[Path]) -> list[Path]:
    out = []
    for path in map(Path, paths):
        out.extend(
            sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv") if path.is_dir() else [path]
        )
    return out


def one_code(value: str) -> str:
    """A JSON column holding one code (["CIN"]), as the code; text that is not JSON as it is,
    for the rules to name (SSD-JSON)."""
    if not value:
        return ""
    try:
        found = json.loads(value)
    except json.JSONDecodeError:
        return value
    if isinstance(found, list):
        return str(found[0]) if found else ""
    if isinstance(found, dict):
        return str(next(iter(found.values()), ""))
    return str(found)


_FIELD_ORDER: dict[tuple, tuple] = {}


def digest(record: dict) -> str:
    """What a record's rows said, so a refresh knows what changed: the repr of its fields' (name,
    value) pairs (not the `_` notes of where it was read) sorted by name. The records of one table
    share their keys, so the order, and the repr's text around the values, is made once per set
    of keys (a daily extract digests every row; the digests stored by earlier versions hold)."""
    keys = tuple(record)
    found = _FIELD_ORDER.get(keys)
    if found is None:
        order = sorted(k for k in keys if not k.startswith("_"))
        shape = "[" + ", ".join("(" + repr(k).replace("%", "%%") + ", %r)" for k in order) + "]"
        pick = itemgetter(*order) if len(order) > 1 else lambda r: tuple(r[k] for k in order)
        found = _FIELD_ORDER[keys] = (shape, pick)
    shape, pick = found
    return hashlib.sha1((shape % pick(record)).encode(), usedforsecurity=False).hexdigest()


class _Records:
    """Records per label from the tables read: our fields, text values, references as SSD ids."""

    def __init__(self, extract: Extract) -> None:
        self.extract = extract
        self.out: dict[str, list[dict]] = defaultdict(list)
        self.cla_person = {
            r.get("clae_cla_id", ""): r.get("clae_person_id", "")
            for r in extract.tables.get("ssd_cla_episodes", [])
        }
        self.disabilities: dict[str, list[str]] = defaultdict(list)
        for r in extract.tables.get(DISABILITY.name, []):
            self.disabilities[r.get("disa_person_id", "")].append(r.get("disa_disability_code", ""))
        self.index: dict[tuple[str, str], dict[str, dict]] = {}
        self.codes: dict[str, str] = {}  # a JSON column's text -> its code (a few texts, many rows)
        self.back: dict[tuple[str, str], dict[str, str]] = {}  # a coded column's SSD code -> ours
        self.special = {t.name: {*t.json_columns, *t.coded} for t in TABLES}  # what `cell` changes

    def companion_rows(self, companion) -> dict[str, dict]:
        key = (companion.table, companion.key or companion.id_column)
        if key not in self.index:
            self.index[key] = {r.get(key[1], ""): r for r in self.extract.tables.get(companion.table, [])}
        return self.index[key]

    def table(self, table: Table) -> None:
        rows = self.extract.tables.get(table.name)
        if rows is None:
            return
        for row in rows:
            if table.label == "workforce.Service" and row.get("dept_team_parent_id"):
                continue
            if table.label == "workforce.Team" and not row.get("dept_team_parent_id"):
                continue
            self.out[table.label].append(self.record(table, row))

    def record(self, table: Table, row: dict) -> dict:
        own = row.get(table.id_column, "")
        record = {
            "_table": table.name,
            "_id": own,
            "_file": self.extract.files[table.name],
            "_row": row["_row"],
        }
        special = self.special[table.name]
        for column, name in table.columns.items():
            if name not in record:
                record[name] = self.cell(table, column, row) if column in special else row.get(column, "")
        if table.person_via:
            record["child_id"] = self.cla_person.get(record.get("child_id", ""), record.get("child_id", ""))
        for name in table.extension:
            if EXT + name in row:
                record[name] = row[EXT + name]
        if table.kinds and len(table.kinds) == 1:
            record["kind"] = table.kinds[0]
        for companion in table.companions:
            self.merge(table, companion, own, row, record)
        if table.label == "workforce.Worker":
            self.worker_from_ssd_columns(own, row, record)
        if table.label == "records.Child":
            record["disabilities"] = json.dumps(self.disabilities.get(own, []))
            record.setdefault("la_child_id", own)
            record["la_child_id"] = record["la_child_id"] or own
        record["_child"] = own if table.label == "records.Child" else record.get("child_id", "")
        record["_digest"] = digest(record)
        return record

    def worker_from_ssd_columns(self, own: str, row: dict, record: dict) -> None:
        """A council's own extract has no `sl_` columns for a worker's team, start date and names:
        the team is the department the SSD names (`prof_professional_department`, a team's name)
        or else the team of the worker's latest involvement; the start date is their first
        involvement's (a worker with none, a manager say, has been there since the records begin:
        the extract's first involvement); the names are split from `prof_professional_name`."""
        involvements = self.involvements().get(own, [])
        if not record.get("team_id"):
            team = self.team_names().get(row.get("prof_professional_department", "").strip().lower())
            latest = max(involvements, default=None)
            if team or latest:
                record["team_id"] = team or latest[1]
        if not record.get("start_date"):
            first = min(involvements, default=None) or self.first_involvement()
            if first:
                record["start_date"] = first[0]
        name = row.get("prof_professional_name", "").strip()
        if name and not record.get("last_name") and not record.get("first_name"):
            first, _, last = name.rpartition(" ")
            record["first_name"], record["last_name"] = (first, last) if first else ("", name)

    def team_names(self) -> dict[str, str]:
        if "_teams" not in self.__dict__:
            self._teams = {
                r.get("dept_team_name", "").strip().lower(): r.get("dept_team_id", "")
                for r in self.extract.tables.get("ssd_department", [])
                if r.get("dept_team_parent_id")
            }
        return self._teams

    def first_involvement(self) -> tuple[str, str] | None:
        return min((i for found in self.involvements().values() for i in found), default=None)

    def involvements(self) -> dict[str, list[tuple[str, str]]]:
        """Per professional, (start day, team) of each involvement with an ISO start date."""
        if "_involvements" not in self.__dict__:
            found: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for r in self.extract.tables.get("ssd_involvements", []):
                day = r.get("invo_involvement_start_date", "")[:10]
                if len(day) == 10 and day[4] == "-" and day[7] == "-":
                    found[r.get("invo_professional_id", "")].append(
                        (day, r.get("invo_professional_team", ""))
                    )
            self._involvements = found
        return self._involvements

    def cell(self, table: Table, column: str, row: dict) -> str:
        value = row.get(column, "")
        if column in table.json_columns:
            codes = self.codes
            if value not in codes:
                codes[value] = one_code(value)
            return codes[value]
        if column in table.coded:
            key = (table.name, column)
            if key not in self.back:
                self.back[key] = {v: k for k, v in table.coded[column].items()}
            return self.back[key].get(value, value)
        return value

    def merge(self, table: Table, companion, own: str, row: dict, record: dict) -> None:
        found = self.companion_rows(companion).get(row.get(companion.via, "") if companion.via else own)
        if found is None:
            if companion.optional_if_empty:
                record[companion.optional_if_empty] = "[]"
            return
        record[f"_{companion.table}_row"] = found["_row"]
        for column, name in companion.columns.items():
            if found.get(column, "") or name not in record:
                record[name] = found.get(column, "")


def records_of(extract: Extract) -> dict[str, list[dict]]:
    """Records per model label, in the order the SSD files hold them."""
    builder = _Records(extract)
    for table in TABLES:
        builder.table(table)
    return dict(builder.out)

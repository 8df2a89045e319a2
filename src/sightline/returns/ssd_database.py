"""The Standard Safeguarding Dataset read straight from the council's database.

Councils that run the SSD's extract scripts keep the tables in a schema of their reporting
database (PostgreSQL or SQL Server). Reading them there saves the CSV drop: each SSD table the
schema holds is read with one query, its cells turned into text exactly as the CSV writer
would write them (dates ISO, flags Y/N, JSON as JSON), so the same rules and loader take over
(`read_ssd` for files gives the same `Extract`). Plain Python over a DB-API connection; the
caller opens and closes it. A row is located as "<schema>.<table>, row N", rows numbered in
the order of the table's id column.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from .common import Problem
from .ssd import Extract, text
from .ssd_tables import file_tables


def quoted(identifier: str) -> str:
    """An identifier as the SQL standard quotes it (the names come from the database's catalogue)."""
    return '"' + identifier.replace('"', '""') + '"'


def _placeholder(connection) -> str:
    module = __import__(type(connection).__module__.split(".")[0])
    return "?" if getattr(module, "paramstyle", "format") in {"qmark", "numeric"} else "%s"


def schema_columns(connection, schema: str) -> dict[str, dict[str, str]]:
    """The schema's tables and columns, lower-cased name -> name as the database spells it."""
    sql = (
        "SELECT table_name, column_name FROM information_schema.columns "
        f"WHERE table_schema = {_placeholder(connection)}"
    )
    out: dict[str, dict[str, str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, (schema,))
        for table, column in cursor.fetchall():
            out.setdefault(table.lower(), {"": table})[column.lower()] = column
    return out


def cell(value) -> str:
    """A database value as the SSD's CSV files hold it."""
    return text(value).strip()


def read_ssd_database(connection, schema: str) -> Extract:
    """Every SSD table Sightline reads that the schema holds, as an `Extract`."""
    extract = Extract()
    present = schema_columns(connection, schema)
    known = file_tables()
    found = [name for name in known if name in present]
    if not found:
        extract.problems.append(
            Problem(schema, "", "", f"the schema {schema} holds none of the SSD tables Sightline reads")
        )
        return extract
    for name in found:
        columns = present[name]
        # Every column, as the CSV reader keeps every column of a file (some are read when the
        # `sl_` extension columns are missing, e.g. prof_professional_department).
        wanted = [c for c in columns if c]
        where = f"{schema}.{columns['']}"
        id_column = known[name][0]
        if id_column not in columns:
            extract.problems.append(Problem(where, "", id_column, "the table has no id column"))
            continue
        select = ", ".join(quoted(columns[c]) for c in wanted)
        sql = (
            f"SELECT {select} FROM {quoted(schema)}.{quoted(columns[''])} "
            f"ORDER BY {quoted(columns[id_column])}"
        )
        rows = []
        with connection.cursor() as cursor:
            cursor.execute(sql)
            for number, values in enumerate(cursor.fetchall(), start=1):
                row = {c: cell(v) for c, v in zip(wanted, values, strict=True)}
                row["_row"] = number
                rows.append(row)
        extract.tables[name] = rows
        extract.files[name] = where
    return extract


def described(url: str) -> str:
    """A connection address without its password, for the import run and its messages."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))

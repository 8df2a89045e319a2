"""Database -> Polars: one query per table, one text each, straight into frames with the engine's
schemas (`table_text`)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import cache

import polars as pl
from django.apps import apps
from django.db import connection

from sightline.indicators.frames import SCHEMAS, Frames
from sightline.records.models import Council

from . import table_text
from .scope import scoped


class NoCouncilError(Exception):
    """The database holds no council yet: load or import data first."""


# Values other apps read with the council's row, in its one query: name -> expression
# (web.versions' content version). Register from AppConfig.ready().
COUNCIL_ANNOTATIONS: dict = {}


def council_row() -> Council | None:
    """The council's row, read once per page (`scope.scoped`): its name, data date and version."""
    return scoped("council", lambda: Council.objects.order_by("pk").annotate(**COUNCIL_ANNOTATIONS).first())


def council() -> Council:
    found = council_row()
    if found is None:
        raise NoCouncilError(
            "There is no council in the database yet: run `sightline generate` or import the returns first."
        )
    return found


def data_version() -> tuple[int, int]:
    """(council id, data version); (0, 0) when there is no council."""
    row = council_row()
    return (row.pk, row.data_version) if row else (0, 0)


def _frame(name: str, label: str, schema: dict, where: str = "", raw=None) -> pl.DataFrame:
    """One table as one CSV text built by the database (`table_text`), in id ranges when its ids
    span more than `table_text.CHUNK_IDS`; `where` is a WHERE clause of literal ids only. `raw`:
    a PostgreSQL connection of its own to read by."""
    model = apps.get_model(label)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = {c: (quote(fields[c].column), dtype, fields[c].null) for c, dtype in schema.items()}
    table = quote(model._meta.db_table)
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    cursor = raw.cursor()
    try:
        parts = []
        for clause in [where] if where else _id_ranges(cursor, table, quote(fields["id"].column)):
            cursor.execute(table_text.query(connection.vendor, table, columns, clause))
            parts.append(table_text.parse(cursor.fetchone()[0], schema, connection.vendor))
    finally:
        cursor.close()
    frame = parts[0] if len(parts) == 1 else pl.concat(parts, how="vertical")
    # In id order, whatever order the database returned them in (PostgreSQL returns an updated row
    # where its new version lies, often last), so the frames, and the pages and downloads that list
    # their rows, are the same on both databases.
    if not frame["id"].is_sorted():
        frame = frame.sort("id")
    return frame


def _id_ranges(cursor, table: str, id_column: str) -> list[str]:
    """WHERE clauses of id ranges spanning `CHUNK_IDS` ids each, so no table's text nears the
    databases' 1 GB limit on one value; one (no clause) for a table whose ids span fewer."""
    cursor.execute(f"SELECT min({id_column}), max({id_column}) FROM {table}")
    low, high = cursor.fetchone()
    span = table_text.CHUNK_IDS
    if low is None or high - low < span:
        return [""]
    starts = range(low, high + 1, span)
    return [f" WHERE {id_column} >= {start} AND {id_column} < {start + span}" for start in starts]


READERS = 2  # PostgreSQL connections reading tables side by side (the server's work is most of it)


def load_frames() -> Frames:
    """Every table the engine reads, once. Raises NoCouncilError on an empty database."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block and READERS > 1:
        return _frames(_read_side_by_side())
    tables = {name: _frame(name, label, schema) for name, (label, schema) in SCHEMAS.items()}
    return _frames(tables)


def _read_side_by_side() -> dict[str, pl.DataFrame]:
    """The tables read by `READERS` connections of their own, each taking the next table as it
    finishes one, all in one snapshot (`_readers`). Not inside a transaction: other connections
    would not see its rows."""
    names = list(SCHEMAS)
    queue = iter(names)
    lock = threading.Lock()
    read: dict[str, pl.DataFrame] = {}

    def reader(raw) -> None:
        while True:
            with lock:
                name = next(queue, None)
            if name is None:
                return
            label, schema = SCHEMAS[name]
            read[name] = _frame(name, label, schema, raw=raw)

    with _readers(READERS) as raws, ThreadPoolExecutor(READERS) as pool:
        for done in [pool.submit(reader, raw) for raw in raws]:
            done.result()
    return {name: read[name] for name in names}


@contextmanager
def _readers(count: int):
    """`count` PostgreSQL connections of their own in one read-only snapshot (the first exports
    it, the others take it), so no table's rows are older or newer than another's; floats are
    written with every digit whatever the server's extra_float_digits."""
    raws = []
    try:
        snapshot = None
        for _ in range(count):
            raw = connection.get_new_connection(connection.get_connection_params())
            raws.append(raw)
            raw.autocommit = True
            raw.execute("SET extra_float_digits = 3")
            raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if snapshot is None:
                snapshot = raw.execute("SELECT pg_export_snapshot()").fetchone()[0]
            else:
                raw.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
        yield raws
    finally:
        for raw in raws:
            raw.close()


def _frames(tables: dict[str, pl.DataFrame]) -> Frames:
    found = council()
    return Frames(
        tables=tables,
        reference_date=found.reference_date or date.today(),
        population_0_17=found.population_0_17,
        la_code=found.la_code,
    )


@cache
def child_keys() -> dict[str, str]:
    """Frame name -> the column naming its child, for the tables every row of which is one child's
    (the child's own row, or a required foreign key to the child); the others are read whole."""
    keys = {}
    for name, (label, _) in SCHEMAS.items():
        model = apps.get_model(label)
        if model is apps.get_model("records.Child"):
            keys[name] = "id"
            continue
        field = next((f for f in model._meta.concrete_fields if f.attname == "child_id"), None)
        if field is not None and not field.null:
            keys[name] = "child_id"
    return keys


def patch_frames(previous: Frames, children: set[int], reached: set[int] | None = None) -> Frames:
    """The frames after a change to these children's records only: each child-keyed table keeps
    its other children's rows and has these children's re-read (`WHERE child_id IN (...)`); the
    small tables not keyed by child are read whole. As `load_frames` would give, row for row in id
    order, provided no other child's rows changed. A row moved from another child to one of these
    takes that child in too (read again), so an update that changes a row's child is not missed.
    A row gone from a table read whole (a worker, a team) may have taken others' rows with it: then
    every table is read again (`load_frames`). `reached`, if given, gets every child whose rows
    were read again (these children and any a row moved from): the children whose facts changed."""
    keys = child_keys()
    children = {int(c) for c in children}
    tables = {}
    for name, (label, schema) in SCHEMAS.items():
        key = keys.get(name)
        if key is None:
            tables[name] = _frame(name, label, schema)
            if not previous[name]["id"].is_in(tables[name]["id"].implode()).all():
                return load_frames()  # a delete may have reached other children's rows (a worker's)
            continue
        old = previous[name]
        while True:
            fresh = _frame(name, label, schema, _where_in(label, key, children))
            moved = old.filter(pl.col("id").is_in(fresh["id"].implode()) & ~pl.col(key).is_in(list(children)))
            if moved.is_empty():
                break
            children |= set(moved[key].to_list())
        kept = old.filter(~pl.col(key).is_in(list(children)))
        tables[name] = _merged(kept, fresh.sort("id"))
    if reached is not None:
        reached |= children
    return _frames(tables)


def _merged(kept: pl.DataFrame, fresh: pl.DataFrame) -> pl.DataFrame:
    """Both frames' rows in id order: merged when the kept rows are in id order already (as read,
    and as patched), else sorted."""
    if kept["id"].is_sorted():
        return kept.merge_sorted(fresh, "id")
    return pl.concat([kept, fresh], how="vertical").sort("id")


def _where_in(label: str, key: str, ids: set[int]) -> str:
    model = apps.get_model(label)
    column = connection.ops.quote_name(model._meta.get_field("id" if key == "id" else "child").column)
    listed = ", ".join(str(int(i)) for i in sorted(ids)) or "NULL"
    return f" WHERE {column} IN ({listed})"

"""ORM -> Polars: one query per table, straight into frames with the engine's schemas."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from functools import cache

import polars as pl
from django.apps import apps
from django.conf import settings
from django.db import connection

from sightline.indicators.frames import LOCAL_ZONE, SCHEMAS, Frames
from sightline.records.models import Council

from .scope import scoped


class NoCouncilError(Exception):
    """The database holds no council yet: load or import data first."""


def council_row() -> Council | None:
    """The council's row, read once per page (`scope.scoped`): its name, data date and version."""
    return scoped("council", lambda: Council.objects.order_by("pk").first())


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


def _select(label: str, schema: dict, where: str = "") -> str:
    model = apps.get_model(label)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    return "SELECT {} FROM {}{}".format(
        ", ".join(quote(fields[c].column) for c in schema), quote(model._meta.db_table), where
    )


def _frame(name: str, label: str, schema: dict, where: str = "", raw=None) -> pl.DataFrame:
    """One table by one query: one CSV text on PostgreSQL, a plain SELECT elsewhere; `where` is
    a WHERE clause of literal ids only. `raw`: a PostgreSQL connection of its own to read by."""
    if connection.vendor == "postgresql":
        frame = _frame_by_copy(label, schema, where, raw)
    else:
        frame = _frame_by_fetch(name, label, schema, where)
    # In id order, whatever order the database returned them in (PostgreSQL returns an updated row
    # where its new version lies, often last), so the frames, and the pages and downloads that list
    # their rows, are the same on both databases.
    if not frame["id"].is_sorted():
        frame = frame.sort("id")
    return frame


def _frame_by_copy(label: str, schema: dict, where: str = "", raw=None) -> pl.DataFrame:
    """PostgreSQL writes the whole table as one CSV text and Polars parses it in one pass.

    The server joins the rows (`string_agg`) so one value crosses the wire: COPY hands psycopg
    one message per row, a Python step each (most of the time at the default size). Every
    column arrives as text and is typed in Polars (text marked so that an empty string and a
    null stay apart); timestamps are turned into English wall-clock time by the server.
    """
    model = apps.get_model(label)
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    row = " || ',' || ".join(_copied(quote(columns[c]), dtype) for c, dtype in schema.items())
    sql = f"SELECT string_agg({row}, E'\\n') FROM {quote(model._meta.db_table)}{where}"
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(sql)
        (text,) = cursor.fetchone()
    if not text:
        return pl.DataFrame(schema=schema)
    text = pl.read_csv(
        text.encode(),
        has_header=False,
        new_columns=list(schema),
        schema={c: pl.Utf8 for c in schema},
        null_values="\\N",
    )
    out = [_typed(c, text[c], dtype) for c, dtype in schema.items()]
    frame = pl.DataFrame(out)
    if "disabilities" in frame.columns:
        frame = frame.with_columns(pl.col("disabilities").fill_null([]))
    return frame


def _copied(column: str, dtype: pl.DataType) -> str:
    """One column as a CSV field: English wall-clock times; text and lists quoted, text marked
    so "" and null stay apart; booleans as t/f (as COPY writes them); null as \\N."""
    if isinstance(dtype, pl.Datetime):
        field = f"({column} AT TIME ZONE 'Europe/London')::text"
    elif dtype == pl.Utf8:
        field = f"'\"s' || replace({column}, '\"', '\"\"') || '\"'"
    elif isinstance(dtype, pl.List):
        field = f"'\"' || replace({column}::text, '\"', '\"\"') || '\"'"
    elif dtype == pl.Boolean:
        field = f"CASE WHEN {column} THEN 't' ELSE 'f' END"
    else:
        field = f"{column}::text"
    return f"coalesce({field}, '\\N')"


def _typed(name: str, text: pl.Series, dtype: pl.DataType) -> pl.Series:
    """A column of PostgreSQL's CSV text as the engine's dtype."""
    text = text.alias(name)
    if isinstance(dtype, pl.Datetime):
        return text.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us").cast(dtype)
    if dtype == pl.Date:
        return text.str.slice(0, 10).str.to_date("%Y-%m-%d")
    if isinstance(dtype, pl.List):
        return text.str.json_decode(dtype)
    if dtype == pl.Boolean:
        return text.replace_strict({"t": True, "f": False}, default=None, return_dtype=pl.Boolean)
    if dtype == pl.Utf8:
        return text.str.slice(1)
    return text.cast(dtype)


def _frame_by_fetch(name: str, label: str, schema: dict, where: str = "") -> pl.DataFrame:
    """One table by one plain SELECT, converted column by column in Polars.

    The ORM's per-row converters (dates from SQLite text, JSON decoding) cost seconds at the
    default size; here the database driver's values go straight into a frame and Polars
    parses whole columns (ISO dates and times, 0/1 booleans, JSON lists) at once.
    """
    sql = _select(label, schema, where)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    frame = pl.DataFrame(
        [_column(c, values, dtype) for (c, dtype), values in zip(schema.items(), columns, strict=True)]
    )
    if "disabilities" in frame.columns:
        frame = frame.with_columns(pl.col("disabilities").fill_null([]))
    return frame


def _column(name: str, values: tuple, dtype: pl.DataType) -> pl.Series:
    """One column from the driver's values: SQLite gives text dates, 0/1 booleans and JSON text."""
    if isinstance(dtype, pl.Datetime):
        # Timestamps are few (missing episodes): convert each to English wall-clock time.
        return pl.Series(name, [_stamp(v) for v in values], dtype=dtype)
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, str) and (dtype == pl.Date or isinstance(dtype, pl.List)):
        text = pl.Series(name, values, dtype=pl.Utf8)
        if dtype == pl.Date:
            return text.str.slice(0, 10).str.to_date("%Y-%m-%d")
        return text.str.json_decode(dtype)
    if dtype == pl.Boolean and isinstance(sample, int) and not isinstance(sample, bool):
        return pl.Series(name, values, dtype=pl.Int64).cast(pl.Boolean)
    return pl.Series(name, values, dtype=dtype, strict=False)


def _stamp(value):
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is None:
        return None
    if value.tzinfo is None and settings.USE_TZ:
        value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without an offset
    return value.astimezone(LOCAL_ZONE).replace(tzinfo=None) if value.tzinfo else value


READERS = 2  # PostgreSQL connections reading tables side by side (the server's work is most of it)


def load_frames() -> Frames:
    """Every table the engine reads, once. Raises NoCouncilError on an empty database."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block and READERS > 1:
        return _frames(_read_side_by_side())
    tables = {name: _frame(name, label, schema) for name, (label, schema) in SCHEMAS.items()}
    return _frames(tables)


def _read_side_by_side() -> dict[str, pl.DataFrame]:
    """The tables read by `READERS` connections of their own, each taking the next table as it
    finishes one. Not inside a transaction: other connections would not see its rows."""
    names = list(SCHEMAS)
    queue = iter(names)
    lock = threading.Lock()
    read: dict[str, pl.DataFrame] = {}

    def reader() -> None:
        raw = connection.get_new_connection(connection.get_connection_params())
        try:
            raw.autocommit = True
            while True:
                with lock:
                    name = next(queue, None)
                if name is None:
                    return
                label, schema = SCHEMAS[name]
                read[name] = _frame(name, label, schema, raw=raw)
        finally:
            raw.close()

    with ThreadPoolExecutor(READERS) as pool:
        for done in [pool.submit(reader) for _ in range(READERS)]:
            done.result()
    return {name: read[name] for name in names}


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

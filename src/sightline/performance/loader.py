"""ORM -> Polars: one query per table, straight into frames with the engine's schemas."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl
from django.apps import apps
from django.conf import settings
from django.db import connection

from sightline.indicators.frames import LOCAL_ZONE, SCHEMAS, Frames
from sightline.records.models import Council


class NoCouncilError(Exception):
    """The database holds no council yet: load or import data first."""


def council() -> Council:
    found = Council.objects.order_by("pk").first()
    if found is None:
        raise NoCouncilError(
            "There is no council in the database yet: run `sightline generate` or import the returns first."
        )
    return found


def data_version() -> tuple[int, int]:
    """(council id, data version); (0, 0) when there is no council."""
    row = Council.objects.order_by("pk").values_list("pk", "data_version").first()
    return tuple(row) if row else (0, 0)


def _select(label: str, schema: dict) -> str:
    model = apps.get_model(label)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    return "SELECT {} FROM {}".format(
        ", ".join(quote(fields[c].column) for c in schema), quote(model._meta.db_table)
    )


def _frame(name: str, label: str, schema: dict) -> pl.DataFrame:
    """One table by one query: COPY as CSV on PostgreSQL, a plain SELECT elsewhere."""
    if connection.vendor == "postgresql":
        return _frame_by_copy(label, schema)
    return _frame_by_fetch(name, label, schema)


def _frame_by_copy(label: str, schema: dict) -> pl.DataFrame:
    """PostgreSQL streams the table as CSV and Polars parses it in one pass, no Python per row.

    Every column arrives as text and is typed in Polars (text marked so that an empty string
    and a null stay apart); timestamps are turned into English wall-clock time by the server.
    """
    model = apps.get_model(label)
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    select = "SELECT {} FROM {}".format(
        ", ".join(_copied(quote(columns[c]), dtype) for c, dtype in schema.items()),
        quote(model._meta.db_table),
    )
    sql = f"COPY ({select}) TO STDOUT WITH (FORMAT csv, NULL '\\N')"
    buffer = bytearray()
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for block in copy:
            buffer += block
    if not buffer:
        return pl.DataFrame(schema=schema)
    text = pl.read_csv(
        bytes(buffer),
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
    """The SELECT expression: English wall-clock times; text marked so "" and null stay apart in CSV."""
    if isinstance(dtype, pl.Datetime):
        return f"{column} AT TIME ZONE 'Europe/London'"
    if dtype == pl.Utf8:
        return f"'s' || {column}"
    return column


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


def _frame_by_fetch(name: str, label: str, schema: dict) -> pl.DataFrame:
    """One table by one plain SELECT, converted column by column in Polars.

    The ORM's per-row converters (dates from SQLite text, JSON decoding) cost seconds at the
    default size; here the database driver's values go straight into a frame and Polars
    parses whole columns (ISO dates and times, 0/1 booleans, JSON lists) at once.
    """
    sql = _select(label, schema)
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


def load_frames() -> Frames:
    """Every table the engine reads, once. Raises NoCouncilError on an empty database."""
    found = council()
    tables = {name: _frame(name, label, schema) for name, (label, schema) in SCHEMAS.items()}
    return Frames(
        tables=tables,
        reference_date=found.reference_date or date.today(),
        population_0_17=found.population_0_17,
        la_code=found.la_code,
    )

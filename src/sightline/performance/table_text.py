"""A table as one CSV text built by the database, parsed by Polars in one pass (`loader`).

The server joins the rows (`string_agg` on PostgreSQL, `group_concat` of one `printf` per row on
SQLite), so one value crosses to Python: no row objects, no per-value converters. Every value
is written so that its text depends on no server setting (DateStyle, the session's time zone):
dates as day numbers since 1970-01-01, timestamps as English wall-clock microseconds on
PostgreSQL (SQLite keeps UTC text that Django wrote), floats with every digit, text quoted and
marked with a leading "s" so that an empty string and a null stay apart.
"""

from __future__ import annotations

import polars as pl

from sightline.indicators.frames import LOCAL_ZONE

# A text value is at most 1 GB on both databases: a table whose ids span more than this many is
# read in id ranges of this span (rows of the engine's tables are under a few hundred bytes).
CHUNK_IDS = 1_000_000


def query(vendor: str, table: str, columns: dict[str, tuple[str, pl.DataType, bool]], where: str) -> str:
    """The query giving the table's rows as one text; `columns`: attname -> (quoted column, dtype,
    nullable); `where` a WHERE clause of literals or ''."""
    if vendor == "postgresql":
        row = " || ',' || ".join(_pg_field(c, dtype) for c, dtype, _ in columns.values())
        return f"SELECT string_agg({row}, E'\\n') FROM {table}{where}"
    formats, values = zip(*(_sqlite_field(*spec) for spec in columns.values()), strict=True)
    row = "printf('{}', {})".format(",".join(formats), ", ".join(values))
    return f"SELECT group_concat({row}, char(10)) FROM {table}{where}"


def _pg_field(column: str, dtype: pl.DataType) -> str:
    if dtype == pl.Date:
        field = f"({column} - DATE '1970-01-01')::text"
    elif isinstance(dtype, pl.Datetime):
        # Exact: extract gives numeric since PostgreSQL 14.
        field = f"(extract(epoch FROM ({column} AT TIME ZONE 'Europe/London')) * 1000000)::bigint::text"
    elif dtype == pl.Utf8:
        field = f"'\"s' || replace({column}, '\"', '\"\"') || '\"'"
    elif isinstance(dtype, pl.List):
        field = f"'\"s' || replace({column}::text, '\"', '\"\"') || '\"'"
    elif dtype == pl.Boolean:
        field = f"{column}::int::text"  # null stays null
    else:
        field = f"{column}::text"  # floats: every digit the readers' extra_float_digits asks for
    return f"coalesce({field}, '')"


def _sqlite_field(column: str, dtype: pl.DataType, nullable: bool) -> tuple[str, str]:
    """(printf format, argument): NULL prints as nothing under %s; text under %q prints (NULL),
    which lacks the mark."""
    if dtype == pl.Date:
        return "%s", f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
    if dtype == pl.Utf8 or isinstance(dtype, pl.List):
        return "''%q''", f"'s' || {column}"
    if dtype == pl.Float64:
        exact = f"printf('%!.17g', {column})"  # 17 digits: the same double back
        return "%s", f"CASE WHEN {column} IS NULL THEN NULL ELSE {exact} END" if nullable else exact
    return "%s", column  # integers, 0/1 booleans, timestamps as Django's UTC text


def parse(text: str | None, schema: dict[str, pl.DataType], vendor: str) -> pl.DataFrame:
    """The query's text as a frame of the engine's schema."""
    if not text:
        return pl.DataFrame(schema=schema)
    quote = '"' if vendor == "postgresql" else "'"
    raw = pl.read_csv(
        text.encode(),
        has_header=False,
        new_columns=list(schema),
        schema={c: _read_as(dtype) for c, dtype in schema.items()},
        quote_char=quote,
    )
    frame = raw.select(_typed(c, dtype, vendor) for c, dtype in schema.items())
    if "disabilities" in frame.columns:
        frame = frame.with_columns(pl.col("disabilities").fill_null([]))
    return frame


def _read_as(dtype: pl.DataType) -> pl.DataType:
    if dtype in (pl.Int64, pl.Float64):
        return dtype
    if dtype in (pl.Date, pl.Boolean):
        return pl.Int32
    return pl.Utf8


def _typed(name: str, dtype: pl.DataType, vendor: str) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.Date or dtype == pl.Boolean:
        return column.cast(dtype)
    if isinstance(dtype, pl.Datetime):
        if vendor == "postgresql":
            return column.cast(pl.Int64).cast(dtype)
        stamp = column.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us")
        zone = stamp.dt.replace_time_zone("UTC").dt.convert_time_zone(str(LOCAL_ZONE))
        return zone.dt.replace_time_zone(None).cast(dtype)
    if dtype == pl.Utf8 or isinstance(dtype, pl.List):
        text = pl.when(column.str.starts_with("s")).then(column.str.slice(1))
        return text.str.json_decode(dtype).alias(name) if isinstance(dtype, pl.List) else text.alias(name)
    return column

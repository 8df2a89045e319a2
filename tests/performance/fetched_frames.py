"""Frames read the slow, plain way: one SELECT through Django's cursor, converted column by
column from the driver's row objects. The tests hold the loader's text path
(`performance.loader._frame`) to it; nothing else reads frames so."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
from django.apps import apps
from django.conf import settings
from django.db import connection

from sightline.indicators.frames import LOCAL_ZONE


def _select(label: str, schema: dict, where: str = "") -> str:
    model = apps.get_model(label)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    return "SELECT {} FROM {}{}".format(
        ", ".join(quote(fields[c].column) for c in schema), quote(model._meta.db_table), where
    )


def frame_by_fetch(name: str, label: str, schema: dict, where: str = "") -> pl.DataFrame:
    """One table by one plain SELECT through Django's cursor, converted column by column."""
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

"""A table as one text: every kind of value, null or not, comes back as written, on both databases."""

from datetime import date, datetime

import polars as pl
import pytest
from django.db import connection

from sightline.performance import table_text

SCHEMA = {
    "id": pl.Int64,
    "flag": pl.Boolean,
    "day": pl.Date,
    "name": pl.Utf8,
    "share": pl.Float64,
    "seen_at": pl.Datetime("us"),
    "codes": pl.List(pl.Utf8),
}


@pytest.mark.django_db
def test_nulls_and_values_of_every_kind_come_back_as_written():
    postgres = connection.vendor == "postgresql"
    types = {
        "id": "bigint",
        "flag": "boolean",
        "day": "date",
        "name": "text",
        "share": "double precision" if postgres else "real",
        "seen_at": "timestamptz" if postgres else "datetime",
        "codes": "jsonb" if postgres else "text",
    }
    stamp = "2025-07-01 23:30:05.5+00" if postgres else "2025-07-01 23:30:05.500000"
    rows = [
        f"(1, true, '1969-12-31', 'a \"b\", c''d', {1 / 3!r}, '{stamp}', '[\"LD\", \"MOB\"]')",
        "(2, false, '2026-12-04', '', 0, NULL, '[]')",
        "(3, NULL, NULL, NULL, NULL, NULL, NULL)",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE kinds ({})".format(", ".join(f"{c} {t}" for c, t in types.items()))
        )
        cursor.execute("INSERT INTO kinds VALUES " + ", ".join(rows))
        columns = {c: (c, dtype, c != "id") for c, dtype in SCHEMA.items()}
        cursor.execute(table_text.query(connection.vendor, "kinds", columns, ""))
        frame = table_text.parse(cursor.fetchone()[0], SCHEMA, connection.vendor).sort("id")
        cursor.execute("DROP TABLE kinds")
    assert frame.schema == pl.Schema(SCHEMA)
    assert frame.rows() == [
        (
            1,
            True,
            date(1969, 12, 31),
            'a "b", c\'d',
            1 / 3,
            datetime(2025, 7, 2, 0, 30, 5, 500000),
            ["LD", "MOB"],
        ),
        (2, False, date(2026, 12, 4), "", 0.0, None, []),
        (3, None, None, None, None, None, None),
    ]

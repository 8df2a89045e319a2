"""PostgreSQL's planner statistics, for the tests that a bulk load or import refreshes them."""

from __future__ import annotations

from django.db import connection


def planned_rows(model) -> float:
    """The planner's idea of a table's size (pg_class.reltuples, set by ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


def analyze_now(*models) -> None:
    """The statistics as they stand (empty tables: as a database autovacuum has not reached)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(m._meta.db_table for m in models))

"""New rows of an import written in bulk: COPY on PostgreSQL, executemany on SQLite.

Django's bulk_create prepares every field of every object through the ORM, which was most of a
census import's time. Here the primary keys are reserved first (PostgreSQL's sequence; SQLite's
AUTOINCREMENT high-water mark, inside the import's transaction), so the objects get the ids
that later rows point at, and the values go to the database as the generator's loader sends
them (records.services): as they are, JSON, decimals and datetimes converted.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models.expressions import Col

# The advisory lock every import takes on PostgreSQL (any fixed number: imports only).
IMPORT_LOCK = 18_903

# Fields whose values the database driver cannot take as Python holds them.
CONVERTED = models.JSONField | models.DecimalField | models.DateTimeField


def serialise_imports() -> None:
    """Hold other imports off until this transaction ends; call first thing inside it.

    On SQLite `_reserve` reads the id high-water mark inside the import's transaction, so two
    imports at once would reserve the same ids (or one would be refused as "database is
    locked" when its snapshot went stale): a no-op write takes SQLite's write lock at the
    start, and the other import waits (the connection's timeout) instead. On PostgreSQL the
    ids come from sequences; an advisory lock still keeps two imports of the same children
    from racing on the natural keys.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        elif connection.vendor == "sqlite":
            cursor.execute("UPDATE sqlite_sequence SET seq = seq WHERE 0")


def fetch(queryset, names: list[str]) -> list[tuple]:
    """`queryset.values_list(*names)` as a list of tuples, the same values, read in one go and
    converted a column at a time (Django's iterator converts a cell at a time, row by row, and
    was most of an unchanged re-import's time)."""
    compiler = queryset.values_list(*names).query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return []
    converters = {
        i: (kept, expression)
        for i, (convs, expression) in compiler.get_converters([col for col, _, _ in compiler.select]).items()
        if (kept := [c for c in convs if not _parsed_by_driver(c, expression)])
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows or not converters:
        return [tuple(row) for row in rows]
    columns = list(zip(*rows, strict=True))
    for i, (convs, expression) in converters.items():
        column = columns[i]
        for convert in convs:
            column = [convert(value, expression, connection) for value in column]
        columns[i] = column
    return list(zip(*columns, strict=True))


def _parsed_by_driver(convert, expression) -> bool:
    """Whether sqlite3 has already made the value what `convert` would: Django connects with
    detect_types, so a column declared date or bool comes back a date or a bool."""
    return (
        connection.vendor == "sqlite"
        and isinstance(expression, Col)
        and getattr(convert, "__name__", "") in {"convert_datefield_value", "convert_booleanfield_value"}
        and expression.output_field.get_internal_type() in {"DateField", "BooleanField"}
    )


def _auto_pk(model: type[models.Model]) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField)


def _reserve(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, none of which can be handed out again."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        # The ids inserted raise sqlite_sequence themselves (AUTOINCREMENT), as row inserts would.
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _json(value) -> str:
    return "[]" if value == [] else json.dumps(value)


def _converter(field: models.Field):
    """A field's value as the driver takes it, as `get_db_prep_save` gives it, with its common case
    short: an aware datetime needs only the backend's adaptation (the rest checks naive ones)."""
    if isinstance(field, models.JSONField):
        return _json
    prepare = partial(field.get_db_prep_save, connection=connection)
    if isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datetimefield_value
        return lambda value: adapt(value) if isinstance(value, datetime) and value.tzinfo else prepare(value)
    return prepare


def _prepare(fields: list[models.Field], objs: list[models.Model]) -> None:
    """What bulk_create does to an object before writing it: timestamps, and the id of a related
    object saved after it was assigned."""
    timestamps = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    relations = [f for f in fields if f.is_relation]
    for obj in objs:
        for field in timestamps:
            field.pre_save(obj, add=True)
        for field in relations:
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is not None:
                    setattr(obj, field.attname, related.pk)


def _rows(fields: list[models.Field], objs: list[models.Model]) -> list[list]:
    columns = [f.attname for f in fields]
    converted = [(i, _converter(f)) for i, f in enumerate(fields) if isinstance(f, CONVERTED)]
    rows = []
    for obj in objs:
        row = [getattr(obj, name) for name in columns]
        for i, convert in converted:
            if row[i] is not None:
                row[i] = convert(row[i])
        rows.append(row)
    return rows


def _write(model: type[models.Model], fields: list[models.Field], rows: list[list]) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":
        # psycopg's own cursor: its errors made Django's, so a refused row is refused as any other.
        with (
            connection.cursor() as cursor,
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    # sqlite3's own cursor: Django's debug wrapper and its placeholder rewriting cost a call per row.
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * len(fields))})"
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(sql, rows)
        finally:
            cursor.close()


def insert_rows(model: type[models.Model], fields: list[models.Field], rows: list[list]) -> list[int]:
    """Insert `rows` (values in the order of `fields`, every concrete field but the primary key)
    with new primary keys, returned in order: the rows of new objects without the objects."""
    if not rows:
        return []
    pks = _reserve(model, len(rows))
    converted = [(i + 1, _converter(f)) for i, f in enumerate(fields) if isinstance(f, CONVERTED)]
    out = []
    for pk, values in zip(pks, rows, strict=True):
        row = [pk, *values]
        for i, convert in converted:
            if row[i] is not None:
                row[i] = convert(row[i])
        out.append(row)
    _write(model, [model._meta.pk, *fields], out)
    return pks


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert unsaved `objs` of `model`, giving each its primary key; as bulk_create, faster."""
    if not objs:
        return
    if not _auto_pk(model):
        model.objects.bulk_create(objs, batch_size=1000)
        return
    fields = list(model._meta.concrete_fields)
    _prepare(fields, objs)
    for obj, pk in zip(objs, _reserve(model, len(objs)), strict=True):
        obj.pk = pk
    _write(model, fields, _rows(fields, objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias

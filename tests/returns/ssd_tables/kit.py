"""The check every module of SSD table declarations passes: each field it names is a field of
the record's model, each table it refers to is a model, and no file gets a column twice."""

from __future__ import annotations

from django.apps import apps


def _fields(model) -> set[str]:
    fields = model._meta.get_fields()
    return {f.name for f in fields} | {getattr(f, "attname", f.name) for f in fields}


def assert_real_fields(tables) -> None:
    assert tables
    for table in tables:
        model = apps.get_model(table.label)
        known = _fields(model)
        named = [*table.columns.values(), *table.extension, *table.fks]
        for companion in table.companions:
            named += list(companion.columns.values())
        for name in named:
            assert name in known or hasattr(model, name), f"{table.name}: {table.label} has no field {name}"
        for target in table.fks.values():
            apps.get_model(target)
        assert len(set(table.all_columns)) == len(table.all_columns), f"{table.name} repeats a column"
        assert table.name.startswith(("ssd_", "sightline_")), table.name

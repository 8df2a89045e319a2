"""Add-or-update of one table by a natural key, in bulk, counting what changed.

Idempotency rests here: a row whose key is already stored and whose values are equal is
counted unchanged and not written, so importing the same file twice changes nothing.

`Sync` diffs plain rows: the stored ones read with `values_list`, new ones built as lists for
`bulk.insert_rows`, each seen by the loaders as a `Row` (its `pk` and its values by attribute
name), and model objects made only for the rows that changed (`bulk_update`). Building a
model object for every stored and every new row was most of a census import's time (#18).
`InstanceSync` is the same over model objects, for loaders that edit the objects afterwards
(Annex A).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

from django.db import models
from django.utils.functional import cached_property

from . import bulk


class _Keyed:
    """What both kinds share: rows by key, put (add, update or leave), and flush (insert the new,
    update the changed in bulk); the kinds differ in what a row is."""

    def __init__(self, model: type[models.Model], key: Callable, counts: Counter) -> None:
        self.model = model
        self.key = key
        self.counts = counts
        self.label = model._meta.model_name
        self.existing: dict[Hashable, Any] = {}
        self.new: list = []
        self.changed: dict[int, Any] = {}
        self.fields: set[str] = set()
        # Keys put in this load: a row the file repeats (the rules have warned) is counted once.
        self.put_keys: set = set()

    def get(self, key: Hashable):
        return self.existing.get(key)

    def put(self, key: Hashable, values: dict):
        if key in self.put_keys:
            found = self.existing[key]
            self._update(found, values)
            return found
        self.put_keys.add(key)
        found = self.existing.get(key)
        if found is None:
            found = self.existing[key] = self._make(values)
            self.new.append(found)
            self.counts[(self.label, "added")] += 1
            return found
        diff = self._diff(found, values)
        if diff:
            self._update(found, values)
            if found.pk is not None:
                self.changed[found.pk] = found
                self.fields.update(diff)
            self.counts[(self.label, "updated")] += 1
        else:
            self.counts[(self.label, "unchanged")] += 1
        return found

    def flush(self) -> None:
        if self.new:
            self._insert(self.new)
            self.new = []
        if self.changed:
            objs = self._objects(list(self.changed.values()))
            self.model.objects.bulk_update(objs, sorted(self.fields), batch_size=1000)
            self.changed = {}
            self.fields = set()


class InstanceSync(_Keyed):
    def preload(self, queryset, sort=None) -> InstanceSync:
        for obj in sorted(queryset, key=sort) if sort else queryset:
            self.existing.setdefault(self.key(obj), obj)
        return self

    def _make(self, values: dict) -> models.Model:
        return self.model(**values)

    def _diff(self, obj: models.Model, values: dict) -> list[str]:
        return [_attname(obj, name) for name, value in values.items() if _differs(obj, name, value)]

    def _update(self, obj: models.Model, values: dict) -> None:
        for name, value in values.items():
            setattr(obj, name, value)

    def _insert(self, objs: list[models.Model]) -> None:
        bulk.insert(self.model, objs)

    def _objects(self, objs: list[models.Model]) -> list[models.Model]:
        return objs


def _attname(obj: models.Model, name: str) -> str:
    return obj._meta.get_field(name).name


# (model, name) -> the attribute holding the stored value, and whether it is a relation's id:
# looked up once, not once a field a row (a re-import compares every field of every row).
_FIELDS: dict[tuple[type, str], tuple[str, bool]] = {}


def _differs(obj: models.Model, name: str, value) -> bool:
    known = _FIELDS.get((type(obj), name))
    if known is None:
        field = obj._meta.get_field(name)
        known = _FIELDS[(type(obj), name)] = (field.attname, field.is_relation)
    attname, relation = known
    if relation:
        return getattr(obj, attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class Row:
    """A stored or new row as a loader sees it: `pk`, and its values by attribute name
    (`child_id`, `date_of_birth`), as a model object would give them."""

    __slots__ = ("pk", "values")

    def __init__(self, pk: int | None, values: dict) -> None:
        self.pk = pk
        self.values = values

    def __getattr__(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def _pk_of(value):
    """A related row's id; the row itself while it has none yet (it is written before this one)."""
    if value is None:
        return None
    return value.pk if value.pk is not None else value


class Columns:
    """A model's concrete fields once: attribute names, relations, defaults of a new row."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.pk = model._meta.pk.attname
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.names = [self.pk, *(f.attname for f in self.fields)]
        # name or attname -> (attname, is a relation)
        self.by_name = {}
        for f in self.fields:
            self.by_name[f.name] = (f.attname, f.is_relation)
            self.by_name[f.attname] = (f.attname, False)

    @cached_property
    def plain(self) -> bool:
        """Rows can go straight to the database (no timestamps to stamp, an id to reserve)."""
        stamped = any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in self.fields)
        return bulk._auto_pk(self.model) and not stamped

    @cached_property
    def _defaults(self) -> tuple[dict, list]:
        """The constant defaults, and the callable ones (a new list each row, as the model's)."""
        made = [(f.attname, f.default) for f in self.fields if f.has_default() and callable(f.default)]
        called = {name for name, _ in made}
        return {f.attname: f.get_default() for f in self.fields if f.attname not in called}, made

    def defaults(self) -> dict:
        """A new row's values before the import's: what the model's constructor gives."""
        constant, made = self._defaults
        out = constant.copy()
        for name, default in made:
            out[name] = default()
        return out

    @cached_property
    def relations(self) -> list[int]:
        """Where the relations are among the fields (a new row may hold a related Row, not its id)."""
        return [i for i, f in enumerate(self.fields) if f.is_relation]


_COLUMNS: dict[type, Columns] = {}


def columns_of(model: type[models.Model]) -> Columns:
    if model not in _COLUMNS:
        _COLUMNS[model] = Columns(model)
    return _COLUMNS[model]


class Sync(_Keyed):
    def __init__(self, model: type[models.Model], key: Callable[[Row], Hashable], counts: Counter) -> None:
        super().__init__(model, key, counts)
        self.columns = columns_of(model)

    def preload(self, queryset, sort=None) -> Sync:
        names = self.columns.names
        stored = bulk.fetch(queryset, names)
        rows = [Row(values[0], dict(zip(names, values, strict=True))) for values in stored]
        for row in sorted(rows, key=sort) if sort else rows:
            self.existing.setdefault(self.key(row), row)
        return self

    def _plain(self, values: dict) -> dict:
        """The values by attribute name, a related row as its id."""
        by_name = self.columns.by_name
        out = {}
        for name, value in values.items():
            attname, relation = by_name[name]
            out[attname] = _pk_of(value) if relation else value
        return out

    def _diff(self, row: Row, values: dict) -> list[str]:
        """The attribute names whose values differ from the stored ones (no dict made: most don't)."""
        stored = row.values
        by_name = self.columns.by_name
        diff = []
        for name, value in values.items():
            attname, relation = by_name[name]
            if stored[attname] != (_pk_of(value) if relation else value):
                diff.append(attname)
        return diff

    def _make(self, values: dict) -> Row:
        return Row(None, {**self.columns.defaults(), **self._plain(values)})

    def _update(self, row: Row, values: dict) -> None:
        row.values.update(self._plain(values))

    def _objects(self, rows: list[Row]) -> list[models.Model]:
        return [self.model(**_resolved(row.values)) for row in rows]

    def _insert(self, rows: list[Row]) -> None:
        if not self.columns.plain:
            objs = [self.model(**_resolved(row.values)) for row in rows]
            bulk.insert(self.model, objs)
            for row, obj in zip(rows, objs, strict=True):
                row.pk = row.values[self.columns.pk] = obj.pk
            return
        names = self.columns.names[1:]
        relations = self.columns.relations
        values = []
        for row in rows:
            found = [row.values[name] for name in names]
            for i in relations:
                if isinstance(found[i], Row):
                    found[i] = found[i].pk
            values.append(found)
        for row, pk in zip(rows, bulk.insert_rows(self.model, self.columns.fields, values), strict=True):
            row.pk = row.values[self.columns.pk] = pk


def _resolved_one(value):
    return value.pk if isinstance(value, Row) else value


def _resolved(values: dict) -> dict:
    return {name: _resolved_one(value) for name, value in values.items()}

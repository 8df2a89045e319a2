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

from django.db import models
from django.utils.functional import cached_property

from . import bulk


class InstanceSync:
    def __init__(self, model: type[models.Model], key: Callable[[models.Model], Hashable], counts: Counter):
        self.model = model
        self.key = key
        self.counts = counts
        self.label = model._meta.model_name
        self.existing: dict[Hashable, models.Model] = {}
        self.new: list[models.Model] = []
        self.changed: dict[int, models.Model] = {}
        self.fields: set[str] = set()
        # Keys put in this load: a row the file repeats (the rules have warned) is counted once.
        self.put_keys: set = set()

    def preload(self, queryset, sort=None) -> InstanceSync:
        for obj in sorted(queryset, key=sort) if sort else queryset:
            self.existing.setdefault(self.key(obj), obj)
        return self

    def get(self, key: Hashable) -> models.Model | None:
        return self.existing.get(key)

    def put(self, key: Hashable, values: dict) -> models.Model:
        if key in self.put_keys:
            obj = self.existing[key]
            for name, value in values.items():
                setattr(obj, name, value)
            return obj
        self.put_keys.add(key)
        obj = self.existing.get(key)
        if obj is None:
            obj = self.model(**values)
            self.new.append(obj)
            self.existing[key] = obj
            self.counts[(self.label, "added")] += 1
            return obj
        diff = {name: value for name, value in values.items() if _differs(obj, name, value)}
        if diff:
            for name, value in diff.items():
                setattr(obj, name, value)
            if obj.pk is not None:
                self.changed[obj.pk] = obj
                self.fields.update(_attname(obj, name) for name in diff)
            self.counts[(self.label, "updated")] += 1
        else:
            self.counts[(self.label, "unchanged")] += 1
        return obj

    def flush(self) -> None:
        if self.new:
            bulk.insert(self.model, self.new)
            self.new = []
        if self.changed:
            self.model.objects.bulk_update(list(self.changed.values()), sorted(self.fields), batch_size=1000)
            self.changed = {}
            self.fields = set()


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


class Sync:
    def __init__(self, model: type[models.Model], key: Callable[[Row], Hashable], counts: Counter):
        self.model = model
        self.columns = columns_of(model)
        self.key = key
        self.counts = counts
        self.label = model._meta.model_name
        self.existing: dict[Hashable, Row] = {}
        self.new: list[Row] = []
        self.changed: dict[int, Row] = {}
        self.fields: set[str] = set()
        # Keys put in this load: a row the file repeats (the rules have warned) is counted once.
        self.put_keys: set = set()

    def preload(self, queryset, sort=None) -> Sync:
        names = self.columns.names
        stored = bulk.fetch(queryset, names)
        rows = [Row(values[0], dict(zip(names, values, strict=True))) for values in stored]
        for row in sorted(rows, key=sort) if sort else rows:
            self.existing.setdefault(self.key(row), row)
        return self

    def get(self, key: Hashable) -> Row | None:
        return self.existing.get(key)

    def _plain(self, values: dict) -> dict:
        """The values by attribute name, a related row as its id."""
        by_name = self.columns.by_name
        out = {}
        for name, value in values.items():
            attname, relation = by_name[name]
            out[attname] = _pk_of(value) if relation else value
        return out

    def _diff(self, stored: dict, values: dict) -> list[str]:
        """The attribute names whose values differ from the stored ones (no dict made: most don't)."""
        by_name = self.columns.by_name
        diff = []
        for name, value in values.items():
            attname, relation = by_name[name]
            if stored[attname] != (_pk_of(value) if relation else value):
                diff.append(attname)
        return diff

    def put(self, key: Hashable, values: dict) -> Row:
        if key in self.put_keys:
            row = self.existing[key]
            row.values.update(self._plain(values))
            return row
        self.put_keys.add(key)
        row = self.existing.get(key)
        if row is None:
            row = Row(None, {**self.columns.defaults(), **self._plain(values)})
            self.new.append(row)
            self.existing[key] = row
            self.counts[(self.label, "added")] += 1
            return row
        stored = row.values
        diff = self._diff(stored, values)
        if diff:
            stored.update(self._plain(values))
            if row.pk is not None:
                self.changed[row.pk] = row
                self.fields.update(diff)
            self.counts[(self.label, "updated")] += 1
        else:
            self.counts[(self.label, "unchanged")] += 1
        return row

    def flush(self) -> None:
        if self.new:
            self._insert(self.new)
            self.new = []
        if self.changed:
            objs = [self.model(**_resolved(row.values)) for row in self.changed.values()]
            self.model.objects.bulk_update(objs, sorted(self.fields), batch_size=1000)
            self.changed = {}
            self.fields = set()

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

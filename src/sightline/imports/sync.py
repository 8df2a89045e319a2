"""Add-or-update of one table by a natural key, in bulk, counting what changed.

Idempotency rests here: a row whose key is already stored and whose values are equal is
counted unchanged and not written, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable

from django.db import models

from . import bulk


class Sync:
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

    def preload(self, queryset) -> Sync:
        for obj in queryset:
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

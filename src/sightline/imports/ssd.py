"""Loading a Standard Safeguarding Dataset extract: new rows added, changed rows rewritten,
rows that have gone deleted (a full extract), all matched by the SSD's own row ids.

The reader (`sightline.returns.ssd`) gives records per model label with text values and
references as SSD ids; here each value becomes the model field's value, each reference the
primary key of the record that SSD id became (`SSDKey`), and each record is added, rewritten
or left alone by the digest of what its rows said.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import connection, models
from django.db.models import Exists, Max, OuterRef

from sightline.records.services import LOAD_ORDER, fresh_version_base, insert_rows, reset_sequences
from sightline.returns.common import FALSE_VALUES, TRUE_VALUES, Problem, ReturnFileError
from sightline.returns.ssd_tables import EXT, LABELS, TABLES, Table

from .models import SSDKey

LONDON = ZoneInfo("Europe/London")
ORDER = ["records.Council", *(label for label in LOAD_ORDER if label in LABELS)]
SPEC = {(t.name, t.label): t for t in TABLES}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y")


def column_of(table: Table, name: str) -> str:
    """The SSD column a field of ours is read from (for messages)."""
    for column, field in table.columns.items():
        if field == name:
            return column
    for companion in table.companions:
        for column, field in companion.columns.items():
            if field == name:
                return column
    return EXT + name


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    cleaned = text.strip()[:10] if "T" in text or " " in text.strip() else text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (expected e.g. 2026-03-31)")


def parse_datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        value = datetime.combine(parse_date(text), datetime.min.time())
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ValueError(f"{text!r} is not Y or N")


CONVERT = [
    (models.BooleanField, _bool),
    (models.DateTimeField, parse_datetime),
    (models.DateField, parse_date),
    (models.JSONField, json.loads),
    (models.DecimalField, Decimal),
    (models.FloatField, float),
    (models.IntegerField, int),
]


def _parser(field: models.Field):
    cached = getattr(field, "_ssd_parser", None)
    if cached is None:
        cached = next(((kind, parse) for kind, parse in CONVERT if isinstance(field, kind)), (None, None))
        field._ssd_parser = cached
    return cached


def convert(field: models.Field, text: str):
    """A text value as the field's value; ValueError with a plain reason."""
    kind, parse = _parser(field)
    if text and kind is None:
        return text
    if text == "":
        if field.null:
            return None
        if field.empty_strings_allowed:
            return ""
        if field.has_default():
            return field.get_default()
        raise ValueError("is blank")
    try:
        return parse(text)
    except (ValueError, InvalidOperation, json.JSONDecodeError) as error:
        reason = str(error) if isinstance(error, ValueError) and "'" in str(error) else ""
        raise ValueError(reason or f"{text!r} is not a {kind.__name__[:-5].lower()}") from None


class SSDLoader:
    """Loads the records of one extract; `full` means rows missing from a table are deleted."""

    def __init__(self, records: dict[str, list[dict]], tables_read: set[str], *, full: bool) -> None:
        self.records = records
        self.tables_read = tables_read
        self.full = full
        self.counts: Counter = Counter()
        self.problems: list[Problem] = []
        self.pks: dict[str, dict[str, int]] = defaultdict(dict)  # label -> SSD id -> pk
        self.seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.changed_children: set[int] = set()
        self.deleted_children: set[int] = set()  # their records go with them
        # Each field's converted values by text: a million cells hold a few thousand dates and
        # codes (lists from JSON are shared between rows: nothing changes them before writing).
        self.memo: dict[models.Field, dict[str, object]] = {}
        self.plans: dict[tuple[str, str], list[tuple]] = {}
        self.known: dict[str, dict[tuple[str, str], tuple[int, str, int]]] = {}

    def load(self) -> Counter:
        for label in ORDER:
            self._label(label)
        if self.problems:
            raise ReturnFileError(self.problems)
        if self.full:
            self._delete_gone()
        reset_sequences("records.Council", "imports.SSDKey")
        return self.counts

    def _known(self, label: str) -> dict[tuple[str, str], tuple[int, str, int]]:
        """Each SSD row loaded before as this label: its record, digest and key (one query, the
        rows as the driver gives them: a full extract's million keys are not made model values)."""
        quote = connection.ops.quote_name
        sql = "SELECT {}, {}, {}, {}, {} FROM {} WHERE {} = %s".format(
            *map(quote, ("table", "ssd_id", "object_id", "digest", "id", SSDKey._meta.db_table, "label"))
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [label])
            rows = cursor.fetchall()
        known = {(table, ssd_id): (object_id, digest, pk) for table, ssd_id, object_id, digest, pk in rows}
        self.pks[label].update((ssd_id, object_id) for _, ssd_id, object_id, _, _ in rows)
        self.known[label] = known
        return known

    def _label(self, label: str) -> None:
        model = apps.get_model(label)
        known = self._known(label)
        fields = {f.attname: f for f in model._meta.concrete_fields if f.attname != "id"}
        new_rows, new_keys, updates = [], [], []
        next_pk = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        for record in self.records.get(label, []):
            table = SPEC[(record["_table"], label)]
            self.seen[label].add((table.name, record["_id"]))
            found = known.get((table.name, record["_id"]))
            if found and found[1] == record["_digest"]:
                self.counts[(table.name, "unchanged")] += 1
                continue
            values = self._values(table, model, fields, record)
            if values is None:
                continue
            if found:
                # A field the extract has no column for is left as it is (a local checkpoint review).
                values = {k: v for k, v in values.items() if k in record}
                updates.append((found[0], values, found[2], record["_digest"]))
                self.counts[(table.name, "updated")] += 1
                self._note_child(label, found[0], values)
                continue
            if label == "records.Council":
                values["data_version"] = fresh_version_base()
            pk = next_pk
            next_pk += 1
            self.pks[label][record["_id"]] = pk
            new_rows.append({"id": pk, **values})
            new_keys.append(
                {
                    "label": label,
                    "table": table.name,
                    "ssd_id": record["_id"],
                    "object_id": pk,
                    "digest": record["_digest"],
                }
            )
            self.counts[(table.name, "added")] += 1
            self._note_child(label, pk, values)
        if self.problems:
            return
        if new_rows:
            insert_rows(label, new_rows)
            first = (SSDKey.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
            insert_rows("imports.SSDKey", [{"id": first + n, **key} for n, key in enumerate(new_keys)])
        for pk, values, key_pk, digest in updates:
            model.objects.filter(pk=pk).update(**values)
            SSDKey.objects.filter(pk=key_pk).update(digest=digest)

    def _note_child(self, label: str, pk: int, values: dict) -> None:
        if label == "records.Child":
            self.changed_children.add(pk)
        elif values.get("child_id"):
            self.changed_children.add(values["child_id"])

    def _plan(self, table: Table, fields: dict) -> list[tuple]:
        """Per field of the table's records, once: (name, field, the pks its SSD ids became if it
        is a reference, whether its text is kept as it is, its converted values by text)."""
        key = (table.name, table.label)
        if key not in self.plans:
            self.plans[key] = [
                (
                    name,
                    field,
                    self.pks[table.fks[name]] if name in table.fks else None,
                    _parser(field)[0] is None,
                    self.memo.setdefault(field, {}),
                )
                for name, field in fields.items()
            ]
        return self.plans[key]

    def _values(self, table: Table, model, fields: dict, record: dict) -> dict | None:
        values, ok = {}, True
        for name, field, pks, plain, memo in self._plan(table, fields):
            if name not in record:
                default = _absent(field)
                if default is None and name != "data_version":
                    ok = self._problem(table, record, name, "the extract has no column for it")
                elif default is not None:
                    values[name] = default[0]
                continue
            text = record[name]
            if pks is not None:
                pk = pks.get(text) if text else None
                if text and pk is None:
                    ok = self._problem(
                        table, record, name, f"{text!r} is not a row of the table it refers to"
                    )
                values[name] = pk
            elif plain and text:
                values[name] = text
            elif text in memo:
                values[name] = memo[text]
            else:
                try:
                    values[name] = convert(field, text)
                except ValueError as error:
                    ok = self._problem(table, record, name, str(error))
                    continue
                if text:  # a blank may be a default made afresh each time
                    memo[text] = values[name]
        return values if ok else None

    def _problem(self, table: Table, record: dict, name: str, message: str) -> bool:
        self.problems.append(
            Problem(
                record["_file"],
                f"row {record['_row']}",
                column_of(table, name),
                message,
                child=record.get("_child", ""),
            )
        )
        return False

    def _delete_gone(self) -> None:
        """A full extract: the records whose rows are no longer in a table read are deleted."""
        for label in reversed(ORDER):
            names = {t.name for t in TABLES if t.label == label and t.name in self.tables_read}
            if not names:
                continue
            model = apps.get_model(label)
            keys = SSDKey.objects.filter(label=label, table__in=names)
            # The keys of the label are those known before the load and those it added (all seen).
            seen = self.seen[label]
            gone = [
                (t, s, o)
                for (t, s), (o, _, _) in self.known[label].items()
                if t in names and (t, s) not in seen
            ]
            if not gone:
                continue
            for table, _, _ in gone:
                self.counts[(table, "deleted")] += 1
            object_ids = [o for _, _, o in gone]
            if label == "records.Child":
                self.deleted_children.update(object_ids)
            elif any(f.attname == "child_id" for f in model._meta.concrete_fields):
                self.changed_children.update(
                    model.objects.filter(pk__in=object_ids).values_list("child_id", flat=True)
                )
            model.objects.filter(pk__in=object_ids).delete()
            keys.filter(object_id__in=object_ids).delete()
        for label in ORDER:
            model = apps.get_model(label)
            # NOT EXISTS, not NOT IN: PostgreSQL plans NOT IN (a subquery of a million ids) as a
            # scan of the subquery per key, minutes for a council's full extract.
            record = model.objects.filter(pk=OuterRef("object_id"))
            SSDKey.objects.filter(label=label).exclude(Exists(record)).delete()


def _absent(field: models.Field) -> tuple | None:
    """The value of a field a council's extract has no column for (our extension fields)."""
    if field.null:
        return (None,)
    if field.has_default():
        return (field.get_default(),)
    if field.empty_strings_allowed:
        return ("",)
    return None

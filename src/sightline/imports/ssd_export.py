"""`sightline export ssd`: the council's records as Standard Safeguarding Dataset tables."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

from sightline.returns.ssd import write_ssd
from sightline.returns.ssd_tables import LABELS

from .models import SSDKey


def _rows(label: str) -> list[dict]:
    model = apps.get_model(label)
    fields = [f.attname for f in model._meta.concrete_fields]
    if label == "records.Council":
        fields = [f for f in fields if f != "data_version"]
    return list(model.objects.order_by("pk").values(*fields))


def ssd_ids() -> dict[str, dict[int, str]]:
    """Each record's SSD id where it came from an SSD extract (else the writer makes one)."""
    ids: dict[str, dict[int, str]] = {}
    for label, object_id, ssd_id in SSDKey.objects.values_list("label", "object_id", "ssd_id").iterator():
        ids.setdefault(label, {})[object_id] = ssd_id
    return ids


def export_ssd(out: str | Path, advance_days: int = 0) -> list[Path]:
    """One CSV per SSD table in the directory `out`; with `advance_days`, the extract the demo
    council's system would send that many days after the records' reference date."""
    rows = {label: _rows(label) for label in LABELS}
    if advance_days:
        from sightline.generator.advance import advance

        seed = rows["records.Council"][0].get("synthetic_seed") or 0
        rows = advance(rows, advance_days, seed)
    return write_ssd(Path(out), rows, ssd_ids())


def adopt_records() -> int:
    """Give every record of a database not loaded from an SSD extract (a generated council, one
    loaded from the returns) the SSD id the export writes for it, and the digest of what it says,
    so the first extract from the council's system (or the demo's next day) matches its rows
    instead of adding them again. Returns how many records were adopted."""
    import tempfile

    from django.db.models import Max

    from sightline.records.services import insert_rows, reset_sequences
    from sightline.returns.ssd import read_ssd, records_of
    from sightline.returns.ssd_tables import tables_for

    if SSDKey.objects.exists() or not apps.get_model("records.Child").objects.exists():
        return 0
    with tempfile.TemporaryDirectory() as folder:
        export_ssd(folder)
        records = records_of(read_ssd([Path(folder)]))
    keys, next_pk = [], (SSDKey.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for label, rows in records.items():
        natural = _natural_pks(label, tables_for(label)[0].natural_key)
        for record in rows:
            table = next(t for t in tables_for(label) if t.name == record["_table"])
            object_id = (
                natural[record["_id"]] if natural is not None else int(record["_id"][len(table.prefix) :])
            )
            keys.append(
                {
                    "id": next_pk,
                    "label": label,
                    "table": table.name,
                    "ssd_id": record["_id"],
                    "object_id": object_id,
                    "digest": record["_digest"],
                }
            )
            next_pk += 1
    insert_rows("imports.SSDKey", keys)
    reset_sequences("imports.SSDKey")
    return len(keys)


def _natural_pks(label: str, natural_key: str) -> dict[str, int] | None:
    if not natural_key:
        return None
    return {str(key): pk for pk, key in apps.get_model(label).objects.values_list("pk", natural_key)}

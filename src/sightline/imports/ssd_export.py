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


def export_ssd(out: str | Path) -> list[Path]:
    """One CSV per SSD table in the directory `out`."""
    rows = {label: _rows(label) for label in LABELS}
    return write_ssd(Path(out), rows, ssd_ids())

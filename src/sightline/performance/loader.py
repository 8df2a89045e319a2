"""ORM -> Polars: one query per table, straight into frames with the engine's schemas."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.apps import apps

from sightline.indicators.frames import SCHEMAS, Frames, frame_from_rows
from sightline.records.models import Council


class NoCouncilError(Exception):
    """The database holds no council yet: load or import data first."""


def council() -> Council:
    found = Council.objects.order_by("pk").first()
    if found is None:
        raise NoCouncilError(
            "There is no council in the database yet: run `sightline generate` or import the returns first."
        )
    return found


def data_version() -> tuple[int, int]:
    """(council id, data version); (0, 0) when there is no council."""
    row = Council.objects.order_by("pk").values_list("pk", "data_version").first()
    return tuple(row) if row else (0, 0)


def _frame(name: str, label: str, schema: dict) -> pl.DataFrame:
    rows = apps.get_model(label).objects.order_by().values_list(*schema)
    return frame_from_rows(name, rows.iterator(chunk_size=5000))


def load_frames() -> Frames:
    """Every table the engine reads, once. Raises NoCouncilError on an empty database."""
    found = council()
    tables = {name: _frame(name, label, schema) for name, (label, schema) in SCHEMAS.items()}
    return Frames(
        tables=tables,
        reference_date=found.reference_date or date.today(),
        population_0_17=found.population_0_17,
        la_code=found.la_code,
    )

"""ORM -> Polars: one query per table, straight into frames with the engine's schemas."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.apps import apps
from django.utils import timezone

from sightline.indicators.frames import SCHEMAS, Frames
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


def _frame(label: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    model = apps.get_model(label)
    columns = list(schema)
    rows = model.objects.order_by().values_list(*columns)
    local = timezone.get_current_timezone()
    datetimes = [i for i, dtype in enumerate(schema.values()) if isinstance(dtype, pl.Datetime)]
    if datetimes:
        # Missing episodes: wall-clock times in the council's zone, so "72 hours" reads as people count it.
        rows = [
            tuple(
                timezone.localtime(v, local).replace(tzinfo=None) if i in datetimes and v is not None else v
                for i, v in enumerate(row)
            )
            for row in rows.iterator(chunk_size=5000)
        ]
    else:
        rows = list(rows.iterator(chunk_size=5000))
    return pl.DataFrame(rows, schema=schema, orient="row", strict=False)


def load_frames() -> Frames:
    """Every table the engine reads, once. Raises NoCouncilError on an empty database."""
    found = council()
    tables = {name: _frame(label, schema) for name, (label, schema) in SCHEMAS.items()}
    tables["child"] = tables["child"].with_columns(pl.col("disabilities").fill_null([]))
    return Frames(
        tables=tables,
        reference_date=found.reference_date or date.today(),
        population_0_17=found.population_0_17,
        la_code=found.la_code,
    )

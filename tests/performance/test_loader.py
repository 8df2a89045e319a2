"""Frames from the database: PostgreSQL's COPY path gives exactly what the row-by-row fetch gives."""

import pytest
from django.db import connection

from sightline.indicators.frames import SCHEMAS
from sightline.performance import loader
from sightline.records.services import load_dataset


@pytest.mark.django_db(transaction=True)
def test_copy_frames_equal_fetched_frames_on_postgresql(small_council):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; run with SIGHTLINE_TEST_POSTGRES=1")
    load_dataset(small_council)
    filled = 0
    for name, (label, schema) in SCHEMAS.items():
        copied = loader._frame_by_copy(label, schema)
        fetched = loader._frame_by_fetch(name, label, schema)
        assert copied.schema == fetched.schema, name
        assert copied.sort("id").equals(fetched.sort("id")), name
        filled += copied.height > 0
    assert filled > len(SCHEMAS) // 2  # most tables hold rows, so the comparison means something

"""Contact to CP plan, as SSD tables."""

from __future__ import annotations

from sightline.domain.codes import VISIT_KIND
from sightline.returns.ssd_tables.need import NEED

from .kit import assert_real_fields


def test_every_field_named_is_a_field_of_the_record():
    assert_real_fields(NEED)


def test_every_kind_of_visit_is_written_to_one_table_only():
    kinds = [k for t in NEED if t.label == "records.Visit" for k in t.kinds]
    assert sorted(kinds) == sorted(code for code, _ in VISIT_KIND)

"""The work on a case (social worker episodes, involvements, supervision, observations)."""

from __future__ import annotations

from sightline.returns.ssd_tables.work import WORK

from .kit import assert_real_fields


def test_every_field_named_is_a_field_of_the_record():
    assert_real_fields(WORK)


def test_involvements_are_the_allocations_of_a_worker_to_a_child():
    involvements = next(t for t in WORK if t.name == "ssd_involvements")
    assert involvements.label == "workforce.Allocation"
    assert {"child_id", "worker_id"} <= set(involvements.columns.values())

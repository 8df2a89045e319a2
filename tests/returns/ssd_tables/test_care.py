"""Looked-after children and care leavers, as SSD tables."""

from __future__ import annotations

from sightline.returns.ssd_tables.care import CARE

from .kit import assert_real_fields


def test_every_field_named_is_a_field_of_the_record():
    assert_real_fields(CARE)


def test_a_looked_after_episode_is_written_with_its_placement_and_legal_status():
    episode = next(t for t in CARE if t.name == "ssd_cla_episodes")
    assert {c.table for c in episode.companions} >= {"ssd_cla_placement"}

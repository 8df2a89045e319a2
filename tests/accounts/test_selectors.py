"""The access policy's database reads: the row filter agrees with the per-child rule."""

from __future__ import annotations

import pytest

from sightline.accounts.selectors import ChildFilter


def test_a_council_wide_filter_hides_only_its_restricted_children():
    council_wide = ChildFilter(allowed=None, hidden=frozenset({3}))
    rows = [{"child_id": 1}, {"child_id": 3}, {"child_id": None}]
    assert council_wide.keep(rows) == ([{"child_id": 1}, {"child_id": None}], 1)


@pytest.mark.parametrize("allowed", [frozenset(), frozenset({2})])
def test_a_named_filter_keeps_only_its_children_and_rows_about_no_child(allowed):
    rows = [{"child_id": 1}, {"child_id": 2}, {"child_id": None}]
    kept, hidden = ChildFilter(allowed=allowed).keep(rows)
    assert [r["child_id"] for r in kept] == [c for c in (1, 2) if c in allowed] + [None]
    assert hidden == 2 - len(allowed)

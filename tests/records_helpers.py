"""Small record builders shared by tests of different apps."""

from __future__ import annotations

from datetime import date

from sightline.records.models import Child


def create_child(la_child_id: str, **fields) -> Child:
    """A new child row with the fewest fields a child needs (a test that only wants a fresh row or id)."""
    defaults = {
        "first_name": "",
        "last_name": "",
        "sex": "U",
        "ethnicity": "NOBT",
        "date_of_birth": date(2020, 1, 1),
    }
    return Child.objects.create(la_child_id=la_child_id, **{**defaults, **fields})

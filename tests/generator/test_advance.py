"""The demo council a day on: a few dozen children changed, the same changes for the same day."""

from __future__ import annotations

from datetime import timedelta

from sightline.generator import CouncilSpec, generate
from sightline.generator.advance import advance


def _rows():
    data = generate(CouncilSpec(seed=21, size=0.03))
    rows = {label: data.rows(label) for label in data.tables}
    council = {"id": 1, "reference_date": data.meta["reference_date"], "synthetic_seed": 21}
    return {**rows, "records.Council": [council]}


def _changed(before, after) -> set[int]:
    children = set()
    for label, rows in after.items():
        old = {r["id"]: r for r in before.get(label, [])}
        for row in rows:
            if row != old.get(row["id"]) and "child_id" in row:
                children.add(row["child_id"])
    return children


def test_a_day_on_changes_a_few_dozen_children_on_that_day_only():
    rows = _rows()
    snapshot = {label: [dict(r) for r in table] for label, table in rows.items()}
    day = rows["records.Council"][0]["reference_date"] + timedelta(days=1)
    after = advance(rows, 1, seed=21)
    assert rows == snapshot  # the records given are left as they were
    assert after["records.Council"][0]["reference_date"] == day
    assert 20 <= len(_changed(rows, after)) <= 60
    new_visits = after["records.Visit"][len(rows["records.Visit"]) :]
    assert new_visits and {v["visit_date"] for v in new_visits} == {day}
    assert {v["kind"] for v in new_visits} <= {"CIN", "CP", "CLA"}
    authorised = [
        a for a, b in zip(after["records.Assessment"], rows["records.Assessment"], strict=True) if a != b
    ]
    assert all(a["assessment_authorisation_date"] == day for a in authorised)
    assert advance(rows, 1, seed=21) == after  # the same day brings the same changes
    assert advance(rows, 1, seed=22) != after


def test_days_add_up():
    rows = _rows()
    three = advance(rows, 3, seed=21)
    start = rows["records.Council"][0]["reference_date"]
    assert three["records.Council"][0]["reference_date"] == start + timedelta(days=3)
    assert advance(advance(rows, 1, seed=21), 2, seed=21) == three

"""The stock facts' allocations looked up by position (`Attribution.allocated_on_rows`) give what
a left join on child and date gives, with a table sized by the allocations present, however large
and sparse the children's ids (an SSD extract's person ids, say)."""

from __future__ import annotations

from datetime import date

import polars as pl

from .helpers import engine

ONS = (date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31))


def _allocation(row: int, child: int, worker: int, start: date, end: date | None = None) -> dict:
    return {
        "id": row,
        "child_id": child,
        "worker_id": worker,
        "team_id": worker,
        "role": "SW",
        "start_date": start,
        "end_date": end,
    }


def _attribution(*children: int):
    rows = [
        _allocation(1, children[0], 1, date(2025, 1, 1)),
        _allocation(2, children[1], 2, date(2025, 10, 1), date(2026, 1, 31)),
        _allocation(3, children[2], 1, date(2025, 1, 1), date(2025, 11, 30)),
        _allocation(4, children[2], 2, date(2025, 12, 1)),
        _allocation(5, children[1], 1, date(2024, 1, 1), date(2024, 12, 31)),  # ended before the dates
    ]
    return engine(allocation=rows).attribution


def _facts(*ids: int | None) -> pl.DataFrame:
    on = [ONS[0], ONS[1], ONS[2], date(2026, 1, 15)]  # the last is not one of the dates asked
    rows = [(child, when) for child in ids for when in on]
    return pl.DataFrame(rows, schema={"child_id": pl.Int64, "date": pl.Date}, orient="row")


def _by_join(attribution, frame: pl.DataFrame) -> pl.DataFrame:
    many = attribution.allocated_on_many(ONS)
    return frame.join(many, on=["child_id", "date"], how="left", maintain_order="left")


def test_sparse_very_large_ids_give_the_joins_answers():
    big = (10**15, 7, 2**62 + 11)
    attribution = _attribution(*big)
    frame = _facts(*big, 8, -3, None, 10**15 + 1)
    found = attribution.allocated_on_rows(frame, ONS)
    assert found.equals(_by_join(attribution, frame))
    first = found.filter(pl.col("date") == ONS[0])
    assert first["team_id"].to_list() == [1, None, 1, None, None, None, None]
    assert found.filter(pl.col("date") == date(2026, 1, 15))["team_id"].null_count() == 7
    # The child moved from worker 1 to worker 2 on 1 December.
    moved = found.filter(pl.col("child_id") == big[2])["worker_id"].to_list()
    assert moved == [1, 2, 2, None]  # the last date is not one asked


def test_the_table_is_sized_by_the_allocations_present_not_the_largest_id():
    attribution = _attribution(3, 5_000_000, 9_000_000)
    frame = _facts(3, 5_000_000, 9_000_000, 4)
    assert attribution.allocated_on_rows(frame, ONS).equals(_by_join(attribution, frame))
    table = attribution._on_table(ONS)
    assert max(len(part) for part in table) <= len(ONS) * 3

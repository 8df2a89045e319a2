"""The all-dates helpers agree with their one-date definitions, on random data with nulls and ties."""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from sightline.indicators import common as c

START = date(2023, 1, 1)


def _day(rng: random.Random, blank: float = 0.0) -> date | None:
    return None if rng.random() < blank else START + timedelta(days=rng.randint(0, 400))


def _records(rng: random.Random) -> pl.DataFrame:
    n = rng.randint(0, 300)
    return pl.DataFrame(
        {
            "child_id": [rng.choice([None, *range(30)]) for _ in range(n)],
            "s": [_day(rng, 0.05) for _ in range(n)],
            "e": [_day(rng, 0.4) for _ in range(n)],
            "x": list(range(n)),
        },
        schema={"child_id": pl.Int64, "s": pl.Date, "e": pl.Date, "x": pl.Int64},
    )


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("end_inclusive", [False, True])
def test_open_rows_is_the_one_date_filter_stacked(seed, end_inclusive):
    rng = random.Random(seed)
    frame = _records(rng)
    ons = sorted({_day(rng) for _ in range(rng.randint(1, 24))})
    if seed % 4 == 0:
        ons.append(START)  # dates out of order take the plain route
    ends = (lambda on: pl.col("e") >= on) if end_inclusive else (lambda on: pl.col("e") > on)
    expected = c.stacked(
        ons, lambda on: frame.filter((pl.col("s") <= on) & (pl.col("e").is_null() | ends(on)))
    )
    assert_frame_equal(c.open_rows(frame, "s", "e", ons, end_inclusive=end_inclusive), expected)


@pytest.mark.parametrize("seed", range(12))
def test_last_before_dates_is_last_before_stacked(seed):
    rng = random.Random(seed)
    frame = _records(rng)
    ons = sorted({_day(rng) for _ in range(rng.randint(1, 24))})
    expected = c.stacked(ons, lambda on: c.last_before(frame.drop_nulls("child_id"), "s", on, "last"))
    found = c.last_before_dates(frame, "child_id", "s", "last", ons)
    assert_frame_equal(
        found.sort("date", "child_id"), expected.select("child_id", "last", "date").sort("date", "child_id")
    )

"""Lists the engine gives row by row do not depend on the order the database returned the rows in."""

from datetime import date

import polars as pl
import pytest

from sightline.indicators.drift import due_items
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.kpq.workforce import sickness_days, turnover

ON = (date(2025, 9, 30), date(2026, 3, 31))


@pytest.fixture(scope="module")
def engines(small_council):
    """The small council's engine, and one over the same rows with every table upside down."""
    frames = Frames.from_dataset(small_council)
    flipped = Frames(
        tables={name: table.reverse() for name, table in frames.tables.items()},
        reference_date=frames.reference_date,
        population_0_17=frames.population_0_17,
        la_code=frames.la_code,
    )
    return Engine(frames), Engine(flipped)


def test_the_drift_list_is_in_one_order_whatever_order_the_rows_came_in(engines):
    read, flipped = (due_items(e.ctx, date(2026, 3, 31)) for e in engines)
    assert read.height > 100
    ties = read.group_by("days_overdue", "due_date").len().filter(pl.col("len") > 1)
    assert ties.height > 0  # items due on one day, overdue by as many days: the tie-break matters
    assert read.equals(flipped)


@pytest.mark.parametrize("facts", [sickness_days, turnover], ids=["sickness", "turnover"])
def test_workforce_facts_are_in_one_order_whatever_order_the_rows_came_in(engines, facts):
    read, flipped = (facts(e.ctx, ON) for e in engines)
    assert read.height > 10
    assert read.equals(flipped)

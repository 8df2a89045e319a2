"""The full pack against straightforward counts: every indicator, month and unit of a small council.

The pack is built from stacked as-at dates, one grouping per indicator rolled up to each level and
lazy frames (#18); these tests count the same figures the slow, obvious way (row by row in Python,
from the single-date facts, or from the raw records), so a speed change that moves any figure fails.
"""

import statistics
from collections import defaultdict

import pytest

from sightline.indicators.definitions import all_definitions
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.pack import LEVEL_KEY, LEVELS
from sightline.indicators.periods import Period, month_end

MONTHS = 4
SHORT_BREAKS = {"V3", "V4"}


@pytest.fixture(scope="module")
def small(small_council):
    return Engine(Frames.from_dataset(small_council))


@pytest.fixture(scope="module")
def pack(small):
    return small.pack(small.frames.reference_date, months=MONTHS)


def _figures(ind, rows: list[dict], level: str, population: int) -> tuple:
    """(value, numerator, denominator) of one unit's facts rows, as a person would work them out."""
    counted = [r for r in rows if r["den"]]
    n = sum(1 for r in counted if r["num"])
    values = [r["value"] for r in counted if r["value"] is not None]
    if ind.aggregate == "percent":
        return (round(100.0 * n / len(counted), 1) if counted else None), float(n), float(len(counted))
    if ind.aggregate == "count":
        return float(n), float(n), None
    if ind.aggregate == "rate":
        per_year = 12.0 if ind.kind == "flow" else 1.0
        value = round(n * 10_000.0 * per_year / population, 1) if level == "council" else None
        return value, float(n), None
    if ind.aggregate == "ratio":
        total = sum(values)
        weight = sum(r["weight"] for r in counted if r["weight"] is not None)
        return (round(ind.scale * total / weight, 1) if weight else None), total, weight
    if not values:
        return None, None, 0.0
    middle = statistics.median(values) if ind.aggregate == "median" else statistics.fmean(values)
    return round(middle, 1), None, float(len(values))


def _close(got, expected) -> bool:
    if got is None or expected is None:
        return got is expected
    return got == pytest.approx(expected, rel=1e-9, abs=0.051)  # a rounding tie may go either way


def test_every_pack_value_is_the_plain_count_of_the_single_month_facts(small, pack):
    """Every indicator x month x level x unit (unallocated included), from `Engine.facts` of one
    month (stock facts of the one month-end, attributed one date at a time) grouped in Python."""
    months = sorted(set(pack["month"]))
    assert len(months) == MONTHS
    got = {(r["indicator_id"], r["level"], r["unit_id"], r["month"]): r for r in pack.iter_rows(named=True)}
    expected = {}
    for ind in all_definitions():
        if ind.aggregate == "yoy":
            continue
        for month in months:
            rows = small.facts(ind.id, Period.month(month)).to_dicts()
            for level in LEVELS:
                units = defaultdict(list)
                for row in rows:
                    units[None if LEVEL_KEY[level] is None else row[LEVEL_KEY[level]]].append(row)
                for unit, unit_rows in units.items():
                    expected[(ind.id, level, unit, month)] = _figures(ind, unit_rows, level, small.population)
    assert len(expected) > 5_000
    assert set(got) == set(expected)
    shown = {key: (r["value"], r["numerator"], r["denominator"]) for key, r in got.items()}
    wrong = [
        (key, shown[key], figures)
        for key, figures in expected.items()
        if not all(_close(a, b) for a, b in zip(shown[key], figures, strict=True))
    ]
    assert wrong == []


def test_children_looked_after_each_month_end_counted_from_the_episodes(small, pack):
    """cla_count per month-end, council and team, from the raw episodes and allocations."""
    frames = small.frames
    episodes = frames["cla_episode"].to_dicts()
    allocations = [a for a in frames["allocation"].to_dicts() if a["role"] == "SW"]
    rows = pack.filter(pack["indicator_id"] == "cla_count")
    checked = 0
    for month in sorted(set(rows["month"])):
        on = month_end(month)
        looked_after = {
            e["child_id"]
            for e in episodes
            if e["ls"] not in SHORT_BREAKS and e["decom"] <= on and (e["dec"] is None or e["dec"] > on)
        }
        team_of = {
            a["child_id"]: a["team_id"]
            for a in allocations
            if a["start_date"] <= on and (a["end_date"] is None or a["end_date"] >= on)
        }
        by_team: dict = defaultdict(int)
        for child in looked_after:
            by_team[team_of.get(child)] += 1
        figures = {
            (r["level"], r["unit_id"]): r["numerator"] for r in rows.filter(rows["month"] == month).to_dicts()
        }
        assert figures[("council", None)] == len(looked_after) > 0
        assert {u: n for (lv, u), n in figures.items() if lv == "team"} == dict(by_team)
        checked += 1
    assert checked == MONTHS


def test_the_pack_is_the_same_built_twice_and_for_one_level_alone(small, pack):
    """No cache or shared frame of one pack leaks into another: a fresh engine, and a pack of one
    level, give the same rows."""
    keys = ["indicator_id", "level", "unit_id", "month"]
    end = small.frames.reference_date
    fresh = Engine(small.frames).pack(end, months=MONTHS)
    assert fresh.sort(keys, nulls_last=True).equals(pack.sort(keys, nulls_last=True))
    teams = Engine(small.frames).pack(end, months=MONTHS, levels=("team",))
    assert teams.sort(keys, nulls_last=True).equals(
        pack.filter(pack["level"] == "team").sort(keys, nulls_last=True)
    )


def test_the_pack_comes_in_one_order_every_time(small, pack):
    """Indicators in registry order, then level, unit (the unallocated first) and month: exported
    twice, from two engines, the rows are the same rows in the same order."""
    end = small.frames.reference_date
    assert Engine(small.frames).pack(end, months=MONTHS).equals(pack)
    order = {ind.id: i for i, ind in enumerate(small.registry)}
    keys = [
        (
            order[r["indicator_id"]],
            LEVELS.index(r["level"]),
            r["unit_id"] is not None,
            r["unit_id"] or 0,
            r["month"],
        )
        for r in pack.iter_rows(named=True)
    ]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)

"""The engine: attribution at the event date, aggregation, RAG, series, breakdowns, child lists."""

from datetime import date

import polars as pl
import pytest

from sightline.indicators.engine import rag, worker_names
from sightline.indicators.frames import Frames
from sightline.indicators.periods import Period
from sightline.indicators.registry import Indicator, Registry

from .helpers import engine, figures, period


def test_rag_respects_polarity_and_tolerance():
    assert rag(90, 90, 5, "higher") == "green"
    assert rag(85, 90, 5, "higher") == "amber"
    assert rag(84.9, 90, 5, "higher") == "red"
    assert rag(20, 20, 3, "lower") == "green"
    assert rag(23, 20, 3, "lower") == "amber"
    assert rag(23.1, 20, 3, "lower") == "red"
    assert rag(50, None, None, "higher") is None
    assert rag(None, 90, 5, "higher") is None


def test_working_days_as_columns_match_the_calendar_over_bank_holidays():
    frames = Frames.from_rows({}, reference_date=date(2026, 3, 31))
    frame = pl.DataFrame(
        {
            "start": [date(2025, 12, 24), date(2026, 4, 2), date(2026, 3, 2)],
            "end": [date(2025, 12, 29), date(2026, 4, 7), date(2026, 3, 2)],
        }
    )
    out = frame.select(
        frames.working_days(pl.col("start"), pl.col("end")).alias("wd"),
        frames.add_working_days(pl.col("start"), 1).alias("next"),
    )
    # Christmas Day, Boxing Day and a weekend; Good Friday and Easter Monday 2026; the same day.
    assert out["wd"].to_list() == [1, 1, 0]
    assert out["next"].to_list() == [date(2025, 12, 29), date(2026, 4, 7), date(2026, 3, 3)]


def visits_with_transfer():
    """Child 1 moves from Team A (worker 1) to Team B (worker 2) on 16 March 2026."""
    return {
        "allocation": [
            {
                "id": 1,
                "child_id": 1,
                "worker_id": 1,
                "team_id": 1,
                "role": "SW",
                "start_date": date(2025, 1, 1),
                "end_date": date(2026, 3, 15),
            },
            {
                "id": 2,
                "child_id": 1,
                "worker_id": 2,
                "team_id": 2,
                "role": "SW",
                "start_date": date(2026, 3, 16),
            },
            {
                "id": 3,
                "child_id": 1,
                "worker_id": 1,
                "team_id": 1,
                "role": "IRO",
                "start_date": date(2025, 1, 1),
            },
        ],
        "visit": [
            {
                "id": 1,
                "child_id": 1,
                "visit_date": date(2026, 3, 10),
                "kind": "CP",
                "seen": True,
                "seen_alone": True,
            },
            {
                "id": 2,
                "child_id": 1,
                "visit_date": date(2026, 3, 15),
                "kind": "CP",
                "seen": True,
                "seen_alone": False,
            },
            {
                "id": 3,
                "child_id": 1,
                "visit_date": date(2026, 3, 20),
                "kind": "CP",
                "seen": True,
                "seen_alone": False,
            },
            {
                "id": 4,
                "child_id": 2,
                "visit_date": date(2026, 3, 20),
                "kind": "CP",
                "seen": True,
                "seen_alone": True,
            },
        ],
    }


def test_a_child_transferred_mid_month_counts_for_each_team_on_its_own_dates():
    e = engine(**visits_with_transfer())
    march = Period.month(date(2026, 3, 1))
    by_team = {r.unit_name: figures(r) for r in e.breakdown("cp_seen_alone", march, "team")}
    # Team A: 10th (alone) and 15th (last day of its allocation); Team B: 20th; child 2 is unallocated.
    assert by_team == {
        "Team A": (50.0, 1.0, 2.0),
        "Team B": (0.0, 0.0, 1.0),
        "Unallocated": (100.0, 1.0, 1.0),
    }
    assert figures(e.value("cp_seen_alone", march, "team", 2)) == (0.0, 0.0, 1.0)
    assert figures(e.value("cp_seen_alone", march, "worker", 1)) == (50.0, 1.0, 2.0)
    assert figures(e.value("cp_seen_alone", march, "service", 1)) == (33.3, 1.0, 3.0)
    assert figures(e.value("cp_seen_alone", march)) == (50.0, 2.0, 4.0)


def test_children_lists_numerator_denominator_and_missing():
    e = engine(**visits_with_transfer())
    march = Period.month(date(2026, 3, 1))
    missing = e.children("cp_seen_alone", march, which="missing")
    assert [(r["la_child_id"], r["date"], r["team"]) for r in missing] == [
        ("C1", date(2026, 3, 15), "Team A"),
        ("C1", date(2026, 3, 20), "Team B"),
    ]
    assert len(e.children("cp_seen_alone", march, which="denominator")) == 4
    assert {r["child_id"] for r in e.children("cp_seen_alone", march, "team", 1)} == {1}
    with pytest.raises(ValueError, match="which"):
        e.children("cp_seen_alone", march, which="late")


def test_series_gives_each_month_the_same_answer_as_asking_for_that_month():
    e = engine(**visits_with_transfer())
    months = e.series("cp_seen_alone", date(2026, 3, 31), months=3)
    assert [m for m, _ in months] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert figures(months[0][1]) == (None, 0.0, 0.0)
    assert figures(months[2][1]) == figures(e.value("cp_seen_alone", Period.month(date(2026, 3, 1))))
    stock = e.series("cpp_count", date(2026, 3, 31), months=2)
    assert [r.value for _, r in stock] == [0.0, 0.0]


def test_levels_need_a_unit_and_unknown_indicators_are_named():
    e = engine(**visits_with_transfer())
    with pytest.raises(ValueError, match="needs a unit"):
        e.value("cp_seen_alone", period(date(2026, 3, 1), date(2026, 3, 31)), "team")
    with pytest.raises(ValueError, match="Unknown level"):
        e.value("cp_seen_alone", period(date(2026, 3, 1), date(2026, 3, 31)), "region", 1)
    with pytest.raises(KeyError, match="no indicator 'nope'"):
        e.value("nope", period(date(2026, 3, 1), date(2026, 3, 31)))


def test_overridden_targets_change_the_rag():
    e = engine(**visits_with_transfer())
    march = Period.month(date(2026, 3, 1))
    assert e.value("cp_seen_alone", march).rag == "red"  # 50% against 80 ± 10
    e.targets["cp_seen_alone"] = (50.0, 5.0)
    assert e.value("cp_seen_alone", march).rag == "green"


def test_definitions_check_themselves_when_declared():
    registry = Registry()
    base = dict(title="t", kpq=1, numerator="n", denominator="d", polarity="higher", source="s", kind="flow")
    with pytest.raises(ValueError, match="unit"):
        registry.add(id="a", unit="furlongs", aggregate="count", **base)(lambda ctx: None)
    with pytest.raises(ValueError, match="target and tolerance"):
        registry.add(id="b", unit="%", aggregate="percent", target=90.0, **base)(lambda ctx: None)
    with pytest.raises(ValueError, match="kpq"):
        registry.add(id="c", unit="%", aggregate="percent", **{**base, "kpq": 11})(lambda ctx: None)
    with pytest.raises(ValueError, match="unit %"):
        registry.add(id="d", unit="count", aggregate="percent", **base)(lambda ctx: None)
    registry.add(id="e", unit="%", aggregate="percent", **base)(lambda ctx: None)
    with pytest.raises(ValueError, match="declared twice"):
        registry.add(id="e", unit="%", aggregate="percent", **base)(lambda ctx: None)
    assert isinstance(registry["e"], Indicator)


def test_two_workers_of_the_same_name_are_told_apart_by_staff_id():
    workers = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "staff_id": ["S00001", "S00002", "S00003"],
            "first_name": ["Sam", "Sam", "Sam"],
            "last_name": ["Patel", "Patel", "Jones"],
        }
    )
    assert worker_names(workers) == {1: "Sam Patel (S00001)", 2: "Sam Patel (S00002)", 3: "Sam Jones"}

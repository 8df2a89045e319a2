"""One rating vocabulary; too few cases to rate; a one-way tolerance reads one way."""

from __future__ import annotations

import pytest

from sightline.indicators import ratings
from sightline.indicators.engine import rag
from sightline.indicators.standards import LocalStandards


def test_the_words_for_each_rating():
    assert [ratings.label(k) for k in ("green", "amber", "red", "too_few", None)] == [
        "On target",
        "Within tolerance",
        "Outside tolerance",
        "Too few to rate",
        "No target",
    ]


@pytest.mark.parametrize(
    ("denominator", "aggregate", "expected"),
    [(4, "percent", "too_few"), (5, "percent", "red"), (3, "median", "too_few"), (3, "count", "red")],
)
def test_a_figure_on_fewer_cases_than_the_minimum_is_not_rated(denominator, aggregate, expected):
    engine_rating = rag(1 / 3 * 100, 85.0, 5.0, "higher")  # one of three on time
    assert engine_rating == "red"
    minimum = LocalStandards().min_denominator_to_rate
    assert minimum == 5
    assert ratings.rating(engine_rating, denominator, minimum, aggregate) == expected


def test_no_target_stays_unrated_whatever_the_count():
    assert ratings.rating(None, 1, 5, "percent") is None


def test_a_tolerance_reads_the_way_it_counts():
    show = lambda v: f"{v:.0f}%"  # noqa: E731
    assert ratings.target_text(85.0, 5.0, "higher", show) == "Target 85%, amber down to 80%"
    assert ratings.target_text(10.0, 10.0, "lower", show) == "Target 10%, amber up to 20%"
    assert ratings.target_text(None, None, "lower", show) == "No target"
    # 7 points past a "lower is better" target of 10 with a tolerance of 5 is outside it
    assert rag(17.0, 10.0, 5.0, "lower") == "red" and rag(14.0, 10.0, 5.0, "lower") == "amber"

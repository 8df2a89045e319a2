"""The default demo council's workforce and feedback measures, bounded by England's published
figures (benchmarks.csv: DfE children's social work workforce statistics) and the seeds."""

import pytest

from sightline.domain.dates import add_months
from sightline.indicators import benchmarks
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.periods import Period

# (indicator, low, high, period kind): wide enough for a synthetic council, narrow enough to catch
# a definition that counts the wrong thing.
PLAUSIBLE = [
    # England 14.2-20.0% (2018-2025); Derby, Derbyshire and Durham 7.7-24.7%.
    ("vacancy_rate", 8, 28, "as_at"),
    # England 11.8-17.2%; the three councils 4.6-19.7%.
    ("turnover_rate", 8, 26, "as_at"),
    # England 3.1-3.5% (2021-2023), 4% in 2013-2016.
    ("sickness_absence_rate", 1.5, 5.5, "as_at"),
    # England 2023: 270,751 working days lost over 33,119 FTE, about 8.2 a year.
    ("sickness_days_per_fte", 4, 14, "as_at"),
    # Derbyshire (seed 000): 86% of newly qualified workers recruited since 2020 remain.
    ("nqsw_retention_12m", 50, 100, "as_at"),
    ("nqsw_retention_24m", 35, 100, "as_at"),
    ("training_compliance", 55, 98, "as_at"),
    ("staff_survey_agree", 40, 90, "year"),
    # Seed 004 table 1: 21 to 41 stage 1 complaints a quarter.
    ("complaints_stage1", 12, 60, "quarter"),
    # Seed 004 table 2: 10 to 61 compliments a quarter.
    ("compliments_received", 5, 90, "quarter"),
    ("complaints_stage1_in_time", 60, 98, "year"),
    ("complaints_per_1000_open", 3, 40, "as_at"),
    ("survey_score", 3.0, 4.6, "year"),
]


@pytest.fixture(scope="module")
def default(default_council):
    return Engine(Frames.from_dataset(default_council))


@pytest.mark.parametrize(("indicator_id", "low", "high", "kind"), PLAUSIBLE)
def test_plausible_against_england(default, indicator_id, low, high, kind):
    ref = default.frames.reference_date
    period = {"as_at": Period.as_at, "quarter": Period.quarter, "year": Period.rolling_12}[kind](ref)
    value = default.value(indicator_id, period).value
    assert value is not None and low <= value <= high, (indicator_id, value)


def test_every_quarter_of_the_last_two_years_has_complaints_of_the_seeds_size(default):
    ref = default.frames.reference_date
    quarters = [Period.quarter(add_months(ref, -3 * back)) for back in range(8)]
    stage1 = [default.value("complaints_stage1", q).value for q in quarters]
    assert all(10 <= n <= 60 for n in stage1), stage1


def test_the_england_benchmarks_are_attached(default):
    for indicator_id, benchmark in [
        ("vacancy_rate", "sw_vacancy"),
        ("turnover_rate", "sw_turnover"),
        ("sickness_absence_rate", "sw_absence"),
    ]:
        assert default.registry[indicator_id].benchmark == benchmark
        assert benchmarks.latest(benchmark)["source"].startswith("DfE, Children's social work workforce ")

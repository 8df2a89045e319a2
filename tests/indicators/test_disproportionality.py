"""Disproportionality: rates per 10,000 of each group's population, ratios to White British and council."""

from datetime import date

import pytest
from scipy import stats

from sightline.indicators.disproportionality import disproportionality
from sightline.indicators.inequality import Inequality
from sightline.indicators.periods import Period
from sightline.indicators.population import PopulationTable

from .builders import referral
from .helpers import children, engine

YEAR = Period.year(date(2025, 4, 1))
POPULATION = PopulationTable.from_rows(
    [
        {"ethnicity": "BAFR", "sex": "F", "age": 9, "population": 1_000},
        {"ethnicity": "WBRI", "sex": "F", "age": 9, "population": 10_000},
        {"ethnicity": "WOTH", "sex": "F", "age": 9, "population": 500},
    ]
)


def _council():
    """30 Black African children referred in the year (of 1,000), 60 White British (of 10,000)."""
    kids = children(*range(1, 31), ethnicity="BAFR") + children(*range(31, 91), ethnicity="WBRI")
    rows = [referral(i, i, date(2025, 6, 2)) for i in range(1, 91)]
    return Inequality(engine(child=kids, referral=rows, population=11_500), POPULATION)


def test_rates_per_10000_and_ratios_with_their_intervals():
    rows = {(r["measure"], r["key"]): r for r in disproportionality(_council(), YEAR, "ethnicity")}
    black, white, other_white = (
        rows[("referrals", "BLACK")],
        rows[("referrals", "WBRI")],
        rows[("referrals", "WHITE")],
    )
    assert (black["count"], black["population"], black["rate"]) == (30, 1000, 300.0)
    assert (white["count"], white["rate"]) == (60, 60.0)
    assert (other_white["count"], other_white["rate"]) == (0, 0.0)
    assert black["ratio_to_white_british"] == 5.0
    exact = stats.binomtest(30, 90).proportion_ci(0.95, method="exact")
    assert black["ratio_to_white_british_low"] == round(exact.low / (1 - exact.low) * 10, 2)
    council = 90 / 11_500 * 10_000
    assert black["council_rate"] == round(council, 1)
    assert black["ratio_to_council"] == round(300 / council, 2)
    assert black["differs"] and white["differs"]
    # Children in need at the year end: every episode is still open.
    assert rows[("cin", "BLACK")]["count"] == 30


def test_no_population_no_table_and_only_ethnicity_sex_and_age():
    bare = Inequality(_council().engine)
    assert disproportionality(bare, YEAR) == []
    with pytest.raises(ValueError, match="Disproportionality is by"):
        disproportionality(_council(), YEAR, "disability")

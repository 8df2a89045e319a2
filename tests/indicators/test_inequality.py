"""Breakdowns by who the children are: groups add up to the whole; only the group that waits is flagged."""

from dataclasses import replace
from datetime import date, timedelta

import polars as pl
import pytest

from sightline.indicators.definitions import all_definitions
from sightline.indicators.disproportionality import disproportionality
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.groups import BREAKDOWNS
from sightline.indicators.inequality import Inequality
from sightline.indicators.periods import Period
from sightline.indicators.population import PopulationTable
from sightline.indicators.standards import LocalStandards

from .builders import assessment
from .helpers import children, engine

DEFINITIONS = all_definitions()
YEAR = Period.year(date(2025, 4, 1))


@pytest.fixture(scope="module")
def small(small_council):
    return Inequality(Engine(Frames.from_dataset(small_council)))


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.id for d in DEFINITIONS])
def test_every_indicators_groups_add_up_to_the_whole_on_the_demo_council(small, definition):
    year = Period.year(small.engine.frames.reference_date)
    facts = small.engine.facts(definition.id, year)
    for by in BREAKDOWNS:
        result = small.breakdown(definition.id, year, by)
        if not result.applies:  # a figure about workers, not children
            assert facts.height and facts["child_id"].null_count() == facts.height
            continue
        whole = result.whole
        assert len({g.key for g in result.groups}) == len(result.groups)
        if definition.aggregate in ("median", "mean"):
            assert sum(g.denominator for g in result.groups) == (whole.denominator or 0), by
            continue
        assert sum(g.numerator for g in result.groups) == pytest.approx(whole.numerator or 0), by
        if definition.aggregate in ("percent", "ratio", "yoy"):
            assert sum(g.denominator for g in result.groups) == pytest.approx(whole.denominator or 0), by


def _waiting_council():
    return engine(**_waiting_tables())


def _waiting_tables():
    """Four ethnic groups of 50 children; Black children's assessments are made to wait longer.

    Every group but one: 45 of 50 assessments within 45 working days (under 40 calendar days),
    5 late (100 days). The Black children: 30 of 50 in time, 20 late.
    """
    kids, rows = [], []
    start = date(2025, 6, 2)
    for g, code in enumerate(("WBRI", "APKN", "MWBC", "BAFR")):
        late_from = 30 if code == "BAFR" else 45
        for j in range(50):
            i = g * 50 + j + 1
            kids += children(i, ethnicity=code, sex="MF"[j % 2])
            days = 100 + j % 7 if j >= late_from else 14 + j % 20
            rows.append(assessment(i, i, start, start + timedelta(days=days)))
    return {"child": kids, "assessment": rows}


def test_only_the_group_made_to_wait_longer_is_flagged():
    inequality = Inequality(_waiting_council())
    result = inequality.breakdown("assessments_45wd", YEAR, "ethnicity")
    by_key = {g.key: g for g in result.groups}
    assert set(by_key) == {"WHITE", "ASIAN", "MIXED", "BLACK"}
    assert (by_key["BLACK"].numerator, by_key["BLACK"].denominator, by_key["BLACK"].value) == (30, 50, 60.0)
    assert [g.key for g in result.groups if g.differs] == ["BLACK"]
    assert by_key["BLACK"].ci_high < by_key["WHITE"].ci_low
    # Nor does sex, spread evenly over the late ones, differ.
    assert not any(g.differs for g in inequality.breakdown("assessments_45wd", YEAR, "sex").groups)


def test_the_median_wait_flags_the_same_group_only():
    result = Inequality(_waiting_council()).breakdown("assessment_median_days", YEAR, "ethnicity")
    assert [g.key for g in result.groups if g.differs] == ["BLACK"]


def test_age_is_taken_on_the_event_date_in_dfe_bands():
    born = [date(2009, 6, 3), date(2009, 6, 2), date(2025, 1, 1), date(2024, 6, 2)]
    kids = [child for i, dob in enumerate(born, start=1) for child in children(i, dob=dob)]
    done = date(2025, 6, 2)
    rows = [assessment(i, i, date(2025, 5, 1), done) for i in range(1, 5)]
    result = Inequality(engine(child=kids, assessment=rows)).breakdown("assessments_45wd", YEAR, "age")
    # On the day the assessments are authorised: 15 (16 the next day), 16 that day, 5 months, 1 that day.
    assert {g.key: g.denominator for g in result.groups} == {"10": 1, "16": 1, "0": 1, "1": 1}


def test_minor_codes_on_request_and_an_unknown_breakdown_is_refused():
    inequality = Inequality(_waiting_council())
    minor = inequality.breakdown("assessments_45wd", YEAR, "ethnicity_minor")
    assert [g.label for g in minor.groups] == [
        "White British",
        "White and Black Caribbean",
        "Pakistani",
        "African",
    ]
    with pytest.raises(ValueError, match="Unknown breakdown"):
        inequality.breakdown("assessments_45wd", YEAR, "religion")


def test_counts_become_rates_per_10000_of_each_groups_population():
    kids = children(*range(1, 31), ethnicity="BAFR") + children(*range(31, 61), ethnicity="WBRI")
    rows = [assessment(i, i, date(2025, 6, 2), date(2025, 6, 20)) for i in range(1, 61)]
    population = PopulationTable.from_rows(
        [
            {"ethnicity": "BAFR", "sex": "F", "age": 9, "population": 1000},
            {"ethnicity": "WBRI", "sex": "F", "age": 9, "population": 9000},
        ]
    )
    inequality = Inequality(engine(child=kids, assessment=rows, population=10_000), population)
    result = inequality.breakdown("assessments_completed", YEAR, "ethnicity")
    by_key = {g.key: g for g in result.groups}
    assert result.per_population
    assert (by_key["BLACK"].numerator, by_key["BLACK"].denominator, by_key["BLACK"].value) == (
        30,
        1000,
        300.0,
    )
    assert by_key["WHITE"].value == pytest.approx(33.3)
    assert by_key["BLACK"].differs and by_key["WHITE"].differs


@pytest.mark.slow
def test_the_demo_councils_disparities_are_modest_and_as_in_england(default_council):
    """Synthetic disparities drawn on purpose (README): bounded so they stay believable."""
    population = PopulationTable.from_rows(default_council.meta["population_estimate"])
    inequality = Inequality(Engine(Frames.from_dataset(default_council)), population)
    assert population.total == default_council.meta["population"]
    year = Period.year(inequality.engine.frames.reference_date)
    by_age = {g.key: g for g in inequality.breakdown("assessments_45wd", year, "age").groups}
    younger = (by_age["1"].numerator + by_age["5"].numerator) / (
        by_age["1"].denominator + by_age["5"].denominator
    )
    older = (by_age["10"].numerator + by_age["16"].numerator) / (
        by_age["10"].denominator + by_age["16"].denominator
    )
    assert 0.03 <= younger - older <= 0.15
    by_group = {g.key: g for g in inequality.breakdown("assessments_45wd", year, "ethnicity").groups}
    assert by_group["ASIAN"].differs and 8 <= by_group["WHITE"].value - by_group["ASIAN"].value <= 25
    # England 2024: looked after per 10,000, Mixed about 2-2.5 and Black about 1.5-2 times White British.
    cla = {r["key"]: r for r in disproportionality(inequality, year, "ethnicity") if r["measure"] == "cla"}
    assert 1.1 <= cla["BLACK"]["ratio_to_white_british"] <= 3.0
    assert 1.2 <= cla["MIXED"]["ratio_to_white_british"] <= 3.5
    assert cla["ASIAN"]["ratio_to_white_british"] < 1.0


def test_substantially_is_a_council_setting_and_changes_the_exceptions():
    standards = LocalStandards()
    assert (standards.inequality_points, standards.inequality_ratio) == (10, 1.5)
    assert LocalStandards.clean("inequality_ratio", " 2.5 ") == 2.5
    with pytest.raises(ValueError, match=r"outside the allowed range 1\.1-10 times"):
        LocalStandards.clean("inequality_ratio", "1")
    with pytest.raises(ValueError, match="is not a number"):
        LocalStandards.clean("inequality_ratio", "lots")
    # The waiting council: Black children 60% against 84% for everyone (24 points).
    flagged = Inequality(_waiting_council()).exceptions(YEAR, indicator_ids=["assessments_45wd"])
    assert [(r["key"], r["direction"]) for r in flagged] == [("BLACK", "worse")]
    strict = engine(standards=standards.with_value("inequality_points", 30), **_waiting_tables())
    assert Inequality(strict).exceptions(YEAR, indicator_ids=["assessments_45wd"]) == []


def test_a_breakdown_that_defines_the_cohort_is_never_an_exception(small):
    defined = {d.id: d.defined_by for d in DEFINITIONS if d.defined_by}
    assert defined["disabled_open_share"] == ("disability",) and defined["care_leavers_19_21_eet"] == ("age",)
    # Disabled children in need against the rest: every one of them against none, true by definition.
    trivially = small.breakdown("disabled_open_share", YEAR, "disability")
    assert any(g.differs for g in trivially.groups)
    flagged = small.exceptions(YEAR, indicator_ids=list(defined))
    assert [r for r in flagged if r["by"] in defined[r["indicator_id"]]] == []
    with pytest.raises(ValueError, match="'postcode' is not a breakdown"):
        replace(DEFINITIONS[0], defined_by=("postcode",))


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.id for d in DEFINITIONS])
def test_each_breakdowns_sums_are_the_facts_grouped_that_way_alone(small, definition):
    """The cells are grouped once by every breakdown at once, then summed per breakdown: each
    breakdown's sums equal grouping the facts by that breakdown alone."""
    year = Period.year(small.engine.frames.reference_date)
    facts = small._facts(definition.id, year, "council", None)
    den = pl.col("den")
    for by in BREAKDOWNS:
        direct = facts.group_by(f"_{by}").agg(
            (pl.col("num") & den).sum().alias("n"),
            den.sum().alias("d"),
            pl.col("value").filter(den).sum().alias("vs"),
            pl.col("weight").filter(den).sum().alias("ws"),
        )
        expected = {key: (n, d, vs or 0.0, ws or 0.0) for key, n, d, vs, ws in direct.rows()}
        cells = small._cells(definition.id, year, "council", None, by)
        assert cells.keys() == expected.keys(), by
        for key, (n, d, vs, ws) in expected.items():
            assert cells[key][:2] == (n, d), (by, key)
            assert cells[key][2:] == pytest.approx((vs, ws), rel=1e-12, abs=1e-9), (by, key)

"""The performance app over a real database: frames from the ORM, caching per version, the web's API."""

from datetime import date

import pytest

from sightline.indicators.definitions import all_definitions
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.periods import Period
from sightline.performance import selectors
from sightline.performance.loader import NoCouncilError, load_frames
from sightline.records.models import Contact
from sightline.records.services import bump_data_version, load_dataset


@pytest.fixture
def loaded(small_council):
    load_dataset(small_council)
    return small_council


@pytest.mark.django_db(transaction=True)
def test_frames_from_the_database_equal_frames_from_the_generated_rows(loaded):
    from_db = load_frames()
    direct = Frames.from_dataset(loaded)
    for name, frame in direct.tables.items():
        assert from_db[name].schema == frame.schema, name
        assert from_db[name].sort("id").equals(frame.sort("id")), name
    assert (from_db.reference_date, from_db.population_0_17) == (
        direct.reference_date,
        direct.population_0_17,
    )
    # So every indicator gives the same answer through the selectors as straight from the rows.
    engine = Engine(direct)
    year = Period.year(direct.reference_date)
    for definition in all_definitions():
        expected = engine.value(definition.id, year)
        got = selectors.value(definition.id, year)
        assert (got.value, got.numerator, got.denominator) == (
            expected.value,
            expected.numerator,
            expected.denominator,
        ), definition.id


@pytest.mark.django_db(transaction=True)
def test_results_are_cached_until_the_data_version_changes(loaded):
    march = selectors.default_period("month")
    before = selectors.value("contacts", march)
    assert selectors.value("contacts", march) is before  # cached
    Contact.objects.filter(contact_date__range=(march.start, march.end)).first().delete()
    assert selectors.value("contacts", march).value == before.value  # not yet told
    bump_data_version()
    assert selectors.value("contacts", march).value == before.value - 1


@pytest.mark.django_db(transaction=True)
def test_the_web_api_definitions_kpqs_series_breakdown_children_and_drift(loaded):
    defs = selectors.definitions()
    assert [d["id"] for d in defs] == [d.id for d in all_definitions()]
    first = defs[0]
    for key in (
        "id",
        "title",
        "kpq",
        "question",
        "numerator",
        "denominator",
        "unit",
        "polarity",
        "source",
        "target",
        "tolerance",
        "benchmark",
        "headline",
    ):
        assert key in first
    questions = selectors.kpqs()
    assert [q["number"] for q in questions] == list(range(1, 11))
    assert questions[4]["question"] == "Are children seen often enough and alone?"
    assert all(2 <= len(q["headline"]) <= 4 for q in questions)

    year = selectors.default_period("year")
    council = selectors.value("assessments_45wd", year)
    assert council.benchmark["value"] == 85.7 and council.rag in ("green", "amber", "red")
    teams = selectors.breakdown("assessments_45wd", year, "team")
    assert sum(r.denominator for r in teams) == council.denominator
    team = next(r for r in teams if r.unit_id is not None)
    assert selectors.value("assessments_45wd", year, "team", team.unit_id).value == team.value
    late = selectors.children("assessments_45wd", year, which="missing")
    assert len(late) == council.denominator - council.numerator
    assert all(r["working_days"] > 45 and r["la_child_id"] for r in late)

    series = selectors.series("assessments_45wd", months=24)
    assert len(series) == 24 and series[-1][0] == date(2026, 3, 1)
    assert series[-1][1].value == selectors.value("assessments_45wd", Period.month(date(2026, 3, 1))).value

    drift = selectors.drift()
    assert drift and [r["days_overdue"] for r in drift] == sorted(
        (r["days_overdue"] for r in drift), reverse=True
    )
    row = next(r for r in drift if r["team_id"] is not None)
    mine = selectors.drift(team_id=row["team_id"])
    assert mine and all(r["team_id"] == row["team_id"] for r in mine)
    assert all(r["status"] == "overdue" for r in selectors.drift(overdue_only=True))
    headline = selectors.headline_values()
    assert len(headline) == sum(d["headline"] for d in defs)


@pytest.mark.django_db
def test_an_empty_database_says_what_to_do():
    with pytest.raises(NoCouncilError, match="sightline generate"):
        selectors.value("contacts", Period.month(date(2026, 3, 1)))


@pytest.mark.django_db(transaction=True)
def test_the_pack_covers_every_level_and_agrees_with_the_series(loaded):
    frame = selectors.pack(months=2)
    assert set(frame["level"].unique()) == {"council", "service", "team", "worker"}
    row = frame.filter((frame["indicator_id"] == "cla_rate") & (frame["level"] == "council")).sort("month")
    assert row["value"].to_list() == [r.value for _, r in selectors.series("cla_rate", months=2)]

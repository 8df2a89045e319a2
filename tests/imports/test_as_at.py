"""The year-end cut on plain return records (sightline.returns.as_at), worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sightline.returns.as_at import CIN, annex_a_as_at, cin_as_at, cut_row, person_as_at, ssda903_as_at
from sightline.returns.records import ChildReturn

YEAR_END = date(2025, 3, 31)


def test_a_record_ending_on_the_last_day_stays_ended_and_one_starting_the_day_after_goes():
    plan = CIN["cin_plans"]
    assert cut_row(
        {"cin_plan_start_date": date(2025, 1, 1), "cin_plan_end_date": YEAR_END}, plan, YEAR_END
    ) == {
        "cin_plan_start_date": date(2025, 1, 1),
        "cin_plan_end_date": YEAR_END,
    }
    assert (
        cut_row({"cin_plan_start_date": date(2025, 4, 1), "cin_plan_end_date": None}, plan, YEAR_END) is None
    )


def test_a_moment_after_midnight_on_the_day_after_is_after_the_year_end():
    spell = {
        "missing": "A",
        "mis_start": datetime(2025, 3, 31, 23, tzinfo=UTC),
        "mis_end": datetime(2025, 4, 1, 1, tzinfo=UTC),
    }
    (child,) = ssda903_as_at(
        [ChildReturn("X", tables={"Episodes": [_episode()], "Missing": [spell]})], YEAR_END
    )
    assert child.tables["Missing"] == [spell | {"mis_end": None}]


def _episode(**extra):
    return {"decom": date(2024, 5, 1), "rne": "S", "ls": "E1", "place": "A4", "dec": None, "rec": "", **extra}


def test_a_child_adopted_after_the_year_end_is_still_placed_for_adoption_and_has_no_ad1():
    adopted = _episode(dec=date(2025, 4, 20), rec="E11", reason_place_change="")
    ad1 = {"date_should_be_placed": date(2024, 6, 1), "match_date": date(2024, 9, 1)}
    (child,) = ssda903_as_at([ChildReturn("X", tables={"Episodes": [adopted], "AD1": [ad1]})], YEAR_END)
    assert child.tables["Episodes"] == [_episode(reason_place_change="")]
    assert "AD1" not in child.tables
    # Adopted within the year: the AD1 row stays.
    (child,) = ssda903_as_at(
        [ChildReturn("X", tables={"Episodes": [adopted | {"dec": date(2025, 3, 20)}], "AD1": [ad1]})],
        YEAR_END,
    )
    assert child.tables["AD1"] == [ad1]


def test_a_girl_whose_baby_came_after_the_year_end_was_not_yet_a_mother():
    person = {"date_of_birth": date(2008, 1, 1), "mother": "1", "mother_child_dob": date(2025, 6, 1)}
    assert person_as_at(person, YEAR_END) == {
        "date_of_birth": date(2008, 1, 1),
        "mother": "0",
        "mother_child_dob": None,
    }
    assert person_as_at(person, date(2026, 3, 31)) == person


def test_the_cut_leaves_its_input_alone():
    detail = {
        "cin_referral_date": date(2024, 5, 1),
        "cin_closure_date": date(2025, 5, 1),
        "reason_for_closure": "RC1",
    }
    child = ChildReturn("X", cin=[detail])
    (cut,) = cin_as_at([child], YEAR_END)
    assert (cut.cin[0]["cin_closure_date"], cut.cin[0]["reason_for_closure"]) == (None, "")
    assert child.cin == [detail] and detail["reason_for_closure"] == "RC1"


def test_annex_a_rows_that_start_after_the_reference_date_go_and_an_unborn_child_has_no_age():
    start = ["C1", "a) Male", "WBRI", date(2025, 5, 1), -1]
    lists = {1: [[*start, date(2025, 3, 2), "2A"], [*start, date(2025, 4, 2), "2A"]]}
    assert annex_a_as_at(lists, YEAR_END) == {
        1: [["C1", "a) Male", "WBRI", date(2025, 5, 1), None, date(2025, 3, 2), "2A"]]
    }


def test_a_cut_naming_a_field_the_return_does_not_have_is_refused_when_declared(monkeypatch):
    from sightline.returns import as_at

    as_at._check_declared()  # the declared cuts name real fields
    monkeypatch.setitem(
        as_at.SSDA903, "Episodes", as_at.Cut("decom", (as_at.Ends("dec", ("reason_change",)),))
    )
    with pytest.raises(LookupError, match="reason_change"):
        as_at._check_declared()
    monkeypatch.undo()
    monkeypatch.setitem(as_at.ANNEX_A, 6, as_at.Cut("CIN start date"))
    with pytest.raises(LookupError, match="CIN start date"):
        as_at._check_declared()

"""What each return holds for a collection year, on small hand-built records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sightline.imports import exporters
from sightline.records import models as m

pytestmark = pytest.mark.django_db
YEAR = 2026  # 1 April 2025 to 31 March 2026


def _child(child_id: str, **extra) -> m.Child:
    values = {"sex": "F", "ethnicity": "WBRI", "date_of_birth": date(2012, 5, 1), **extra}
    return m.Child.objects.create(la_child_id=child_id, first_name="A", last_name="B", **values)


def _episode(child, referral, closure=None, reason=""):
    return m.CINEpisode.objects.create(
        child=child,
        cin_referral_date=referral,
        referral_source="2A",
        primary_need_code="N1",
        cin_closure_date=closure,
        reason_for_closure=reason,
    )


def test_the_census_holds_episodes_open_in_the_year_and_their_parts_in_it():
    child = _child("K1", expected_date_of_birth=date(2012, 4, 20))
    _episode(child, date(2023, 1, 5), date(2025, 3, 31), "RC7")  # closed the day before the year
    episode = _episode(child, date(2025, 3, 1))  # open across the year start
    m.Assessment.objects.create(
        child=child,
        episode=episode,
        assessment_actual_start_date=date(2025, 3, 2),
        assessment_authorisation_date=date(2025, 3, 20),
    )  # done before the year
    m.Assessment.objects.create(
        child=child,
        episode=episode,
        assessment_actual_start_date=date(2025, 3, 25),
        assessment_authorisation_date=date(2025, 4, 10),
    )  # finished in it
    old = m.Section47Enquiry.objects.create(
        child=child, episode=episode, s47_actual_start_date=date(2025, 3, 10)
    )
    m.ChildProtectionConference.objects.create(
        child=child, episode=episode, kind="ICPC", section47=old, conference_date=date(2025, 4, 2)
    )  # the ICPC falls in the year
    m.ChildProtectionConference.objects.create(
        child=child, episode=episode, kind="ICPC", conference_date=date(2025, 9, 1)
    )  # not from an s47
    (record,) = exporters.cin_children(YEAR)
    assert record.person["expected_date_of_birth"] is None  # born: the census takes one or the other
    (detail,) = record.cin
    assert detail["cin_referral_date"] == date(2025, 3, 1)
    assert [a["assessment_actual_start_date"] for a in detail["assessments"]] == [date(2025, 3, 25)]
    assert [(s["s47_actual_start_date"], s["date_of_initial_cpc"]) for s in detail["section47"]] == [
        (date(2025, 3, 10), date(2025, 4, 2))
    ]
    # Each ICPC is reported once: the s47's at the s47, the other on the CIN details.
    assert detail["date_of_initial_cpc"] == date(2025, 9, 1)


def test_nobody_outside_the_year_is_in_the_census():
    _episode(_child("K2"), date(2024, 1, 1), date(2025, 1, 1), "RC7")
    _episode(_child("K3"), date(2026, 4, 1))
    assert exporters.cin_children(YEAR) == []


def test_903_care_leavers_and_the_mother_item():
    girl = _child("L1", date_of_birth=date(2008, 6, 1), mother="0")
    m.LookedAfterEpisode.objects.create(
        child=girl,
        decom=date(2024, 1, 1),
        rne="S",
        ls="C2",
        cin="N1",
        place="U4",
        dec=date(2025, 9, 1),
        rec="E13",
    )
    m.CareLeaverContact.objects.create(
        child=girl, contact_date=date(2025, 7, 1), in_touch="YES", activ="F2", accom="S1"
    )  # still looked after on her 17th birthday
    leaver = _child("L2", date_of_birth=date(2005, 10, 3), mother="0")
    m.CareLeaverContact.objects.create(
        child=leaver, contact_date=date(2025, 10, 5), in_touch="YES", activ="F5", accom="S1"
    )
    records = {r.la_child_id: r for r in exporters.ssda903_children(YEAR)}
    assert set(records) == {"L1", "L2"}
    assert "OC3" not in records["L1"].tables  # OC3 is not wanted for her this year
    assert records["L2"].tables["OC3"] == [{"in_touch": "YES", "activ": "F5", "accom": "S1"}]
    assert records["L1"].person["mother"] == "0"
    assert records["L2"].person["mother"] == ""  # not looked after in the year: not asked


def test_903_missing_holds_only_times_missing_while_looked_after():
    child = _child("M1")
    m.LookedAfterEpisode.objects.create(
        child=child,
        decom=date(2025, 6, 1),
        rne="S",
        ls="C1",
        cin="N1",
        place="U4",
        dec=date(2025, 12, 1),
        rec="E13",
    )

    def went_missing(start, end):
        m.MissingEpisode.objects.create(
            child=child,
            missing="M",
            mis_start=datetime(*start, 18, tzinfo=UTC),
            mis_end=datetime(*end, 9, tzinfo=UTC),
        )

    went_missing((2025, 5, 1), (2025, 5, 2))  # from home, before care
    went_missing((2025, 7, 1), (2025, 7, 3))  # from placement
    went_missing((2025, 11, 30), (2025, 12, 2))  # back after care had ended
    went_missing((2026, 1, 10), (2026, 1, 11))  # from home, after care
    (record,) = exporters.ssda903_children(YEAR)
    assert record.tables["Missing"] == [
        {"missing": "M", "mis_start": date(2025, 7, 1), "mis_end": date(2025, 7, 3)}
    ]


# ---------------------------------------------------------------------------------------
# An earlier year re-made from today's records is written as it stood on its last day.

EARLIER = 2025  # 1 April 2024 to 31 March 2025
YEAR_END = date(2025, 3, 31)


def _census_child_closed_after_the_year_end():
    """A CIN child whose episode, plans, assessment and s47 all ended after 31 March 2025."""
    child = _child("A1")
    episode = _episode(child, date(2024, 6, 3), date(2025, 6, 30), "RC1")
    parts = {"child": child, "episode": episode}
    m.Assessment.objects.create(
        **parts,
        assessment_actual_start_date=date(2025, 3, 3),
        assessment_authorisation_date=date(2025, 4, 14),
        factors=["2A", "3A"],
        outcome="CIN",
    )
    m.CINPlan.objects.create(
        **parts, cin_plan_start_date=date(2024, 8, 1), cin_plan_end_date=date(2025, 5, 1)
    )
    m.CINPlan.objects.create(**parts, cin_plan_start_date=date(2025, 5, 2))  # after the year end
    s47 = m.Section47Enquiry.objects.create(
        **parts, s47_actual_start_date=date(2025, 3, 20), end_date=date(2025, 4, 8), icpc_not_required=True
    )
    m.ChildProtectionConference.objects.create(
        **parts, kind="ICPC", section47=s47, conference_date=date(2025, 4, 9)
    )
    plan = m.CPPlan.objects.create(
        **parts,
        cpp_start_date=date(2024, 7, 1),
        cpp_end_date=date(2025, 4, 20),
        initial_category_of_abuse="NEG",
        latest_category_of_abuse="NEG",
    )
    for day in (date(2025, 1, 10), date(2025, 4, 10)):
        m.ChildProtectionConference.objects.create(**parts, kind="RCPC", plan=plan, conference_date=day)
    return child


def test_an_earlier_census_has_what_ended_after_its_year_end_still_open():
    _census_child_closed_after_the_year_end()
    _episode(_child("A2"), date(2025, 4, 1))  # first referred the day after the year end
    (record,) = exporters.cin_children(EARLIER)
    assert record.la_child_id == "A1"
    (detail,) = record.cin
    assert (detail["cin_closure_date"], detail["reason_for_closure"]) == (None, "")
    (assessment,) = detail["assessments"]
    assert assessment["assessment_actual_start_date"] == date(2025, 3, 3)
    assert (assessment["assessment_authorisation_date"], assessment["factors"]) == (None, [])
    assert [(p["cin_plan_start_date"], p["cin_plan_end_date"]) for p in detail["cin_plans"]] == [
        (date(2024, 8, 1), None)
    ]
    (s47,) = detail["section47"]
    assert (s47["date_of_initial_cpc"], s47["icpc_not_required"]) == (None, False)
    (plan,) = detail["cp_plans"]
    assert (plan["cpp_end_date"], plan["reviews"]) == (None, [date(2025, 1, 10)])
    # The same records for the year the closure falls in keep it.
    (later,) = exporters.cin_children(2026)[0].cin
    assert (later["cin_closure_date"], later["reason_for_closure"]) == (date(2025, 6, 30), "RC1")


def test_a_child_born_after_the_year_end_is_unborn_in_that_years_census():
    child = _child("A3", sex="M", date_of_birth=date(2025, 5, 20), expected_date_of_birth=date(2025, 6, 1))
    _episode(child, date(2025, 1, 10))
    (record,) = exporters.cin_children(EARLIER)
    assert record.person["date_of_birth"] is None
    assert record.person["expected_date_of_birth"] == date(2025, 6, 1)
    assert record.person["sex"] == "U"  # not known before the birth


def test_an_earlier_903_has_what_ended_after_its_year_end_still_open():
    child = _child("B1", date_of_birth=date(2014, 2, 2))
    episode = {"child": child, "rne": "P", "ls": "C2", "cin": "N1", "place": "U4"}
    m.LookedAfterEpisode.objects.create(
        **episode, decom=date(2024, 6, 1), dec=date(2025, 6, 1), rec="X1", reason_place_change="CLOSE"
    )
    m.LookedAfterEpisode.objects.create(**episode | {"place": "U6"}, decom=date(2025, 6, 1))
    for day in (date(2025, 2, 1), date(2025, 5, 1)):
        m.LookedAfterReview.objects.create(child=child, review_date=day, review_code="PN1")
    m.MissingEpisode.objects.create(
        child=child,
        missing="M",
        mis_start=datetime(2025, 3, 30, 22, tzinfo=UTC),
        mis_end=datetime(2025, 4, 2, 9, tzinfo=UTC),
    )
    m.SocialWorkerEpisode.objects.create(
        child=child, sw_id="SW1", sw_decom=date(2024, 6, 1), sw_dec=date(2025, 5, 1), sw_reason="FCONTA"
    )
    m.AdoptionMilestones.objects.create(
        child=child,
        date_should_be_placed=date(2024, 10, 1),
        no_longer_placed_date=date(2025, 5, 1),
        reason_no_longer_placed="RD1",
    )
    later = _child("B2")  # looked after only from after the year end
    m.LookedAfterEpisode.objects.create(**episode | {"child": later, "rne": "S"}, decom=date(2025, 4, 10))

    (record,) = exporters.ssda903_children(EARLIER)
    assert record.la_child_id == "B1"
    (row,) = record.tables["Episodes"]
    assert (row["decom"], row["dec"], row["rec"], row["reason_place_change"]) == (
        date(2024, 6, 1),
        None,
        "",
        "",
    )
    assert [r["review_date"] for r in record.tables["Reviews"]] == [date(2025, 2, 1)]
    assert record.tables["Missing"] == [{"missing": "M", "mis_start": date(2025, 3, 30), "mis_end": None}]
    # SW_REASON is why this worker took the child on, so it stays while the episode is open.
    assert record.tables["SWEpisodes"] == [
        {"sw_id": "SW1", "sw_decom": date(2024, 6, 1), "sw_dec": None, "sw_reason": "FCONTA"}
    ]
    assert record.tables["PlacedAdoption"] == [
        {
            "date_should_be_placed": date(2024, 10, 1),
            "no_longer_placed_date": None,
            "reason_no_longer_placed": "",
        }
    ]


def test_an_earlier_annex_a_window_has_what_ended_after_its_reference_date_still_open():
    from sightline.imports.annex_a_exporter import annex_a_lists
    from sightline.returns.annex_a import LISTS

    _census_child_closed_after_the_year_end()
    lists = {
        n: [dict(zip(LISTS[n][1], row, strict=True)) for row in rows]
        for n, rows in annex_a_lists(YEAR_END).items()
    }
    (cin,) = lists[6]
    assert (cin["CIN Closure Date"], cin["Reason for Closure"], cin["Case Status"]) == (None, "", "CP")
    (assessment,) = lists[4]
    assert assessment["Continuous Assessment Date of Authorisation"] is None
    assert assessment["Was the child assessed as requiring LA children's social care support?"] == ""
    (plan,) = lists[7]
    assert (plan["Child Protection Plan End Date"], plan["Date of latest review conference"]) == (
        None,
        date(2025, 1, 10),
    )
    (s47,) = lists[5]
    assert s47["Date of Initial Child Protection Conference"] is None


def test_no_care_leaver_return_for_a_17_year_old_whose_care_ended_after_the_birthday():
    """SSDA903 rule 1016: not for a 17- or 18-year-old looked after on the birthday, nor one whose
    care (here a second period, begun after the birthday) ended after it; a care leaver who left
    before the birthday and stayed out of care is returned."""

    class Person:
        person = {"date_of_birth": date(2008, 9, 28)}  # 17 on 28 September 2025

    start, end = date(2025, 4, 1), date(2026, 3, 31)
    left = {"decom": date(2025, 3, 30), "dec": date(2025, 7, 27)}
    back = {"decom": date(2025, 12, 3), "dec": date(2026, 2, 1)}
    still = {"decom": date(2025, 12, 3), "dec": None}
    assert exporters._looked_after_on_birthday(Person, [left, back], start, end)
    assert not exporters._looked_after_on_birthday(Person, [left], start, end)
    assert not exporters._looked_after_on_birthday(Person, [left, still], start, end)
    on_the_day = {"decom": date(2025, 3, 30), "dec": None}
    assert exporters._looked_after_on_birthday(Person, [on_the_day], start, end)

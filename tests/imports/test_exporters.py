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

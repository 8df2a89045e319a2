"""KPQ1 referrals and children seen: `indicators/kpq/referrals.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period
from sightline.indicators.standards import LocalStandards

from ..builders import MARCH, YEAR, allocation, contact, referral
from ..helpers import TEAMS, engine, figures, period

FRONT_DOOR = {"id": 3, "name": "First Contact", "service_id": 1, "kind": "FRONT_DOOR", "caseload_limit": 25}


def test_contacts_and_year_on_year_change():
    e = engine(
        contact=[
            contact(1, 1, date(2025, 3, 3)),
            contact(2, 1, date(2026, 3, 3)),
            contact(3, 2, date(2026, 3, 4)),
            contact(4, 2, date(2026, 4, 1)),
        ]
    )
    assert figures(e.value("contacts", MARCH)) == (2.0, 2.0, None)
    assert figures(e.value("contacts_yoy", MARCH)) == (100.0, 2.0, 1.0)
    assert e.value("contacts_yoy", Period.month(date(2026, 1, 1))).value is None  # nothing a year before


def test_contacts_are_counted_under_the_front_door_team_not_the_case_holders_or_unallocated():
    contacts = [
        contact(1, 1, date(2026, 3, 3), date(2026, 3, 3)),  # nobody holds child 1's case
        contact(2, 2, date(2026, 3, 4), date(2026, 3, 9)),  # child 2 is held by Team A: decided late
    ]
    held = [allocation(1, 2, 1, 1, date(2026, 1, 1))]
    e = engine(contact=contacts, allocation=held, team=[*TEAMS, FRONT_DOOR])
    for indicator_id in ("contacts", "contact_decision_timely"):
        by_team = {r.unit_name: r for r in e.breakdown(indicator_id, MARCH, "team")}
        assert "Unallocated" not in by_team and "Team A" not in by_team, indicator_id
        assert {r["team"] for r in e.children(indicator_id, MARCH, "team", 3)} == {"First Contact"}
    assert figures(e.value("contact_decision_timely", MARCH, "team", 3)) == (50.0, 1.0, 2.0)
    assert figures(e.value("contacts", MARCH, "team", 3)) == (2.0, 2.0, None)
    # Without one front door team the contact follows the case holder, as before.
    e = engine(contact=contacts, allocation=held)
    assert {r.unit_name for r in e.breakdown("contacts", MARCH, "team")} >= {"Team A"}


def test_contact_decisions_count_working_days_over_christmas_and_easter():
    e = engine(
        contact=[
            contact(1, 1, date(2025, 12, 24), date(2025, 12, 29)),  # 1 working day: 25, 26 Dec and a weekend
            contact(2, 2, date(2026, 4, 2), date(2026, 4, 7)),  # 1 working day: Good Friday, Easter Monday
            contact(3, 3, date(2026, 3, 2), date(2026, 3, 4)),  # 2 working days: late
            contact(4, 4, date(2026, 3, 5)),  # not decided: late
        ]
    )
    assert figures(e.value("contact_decision_timely", period(date(2025, 12, 1), date(2026, 4, 30)))) == (
        50.0,
        2.0,
        4.0,
    )
    slower = engine(
        LocalStandards().with_value("decision_working_days", 2), contact=e.frames["contact"].to_dicts()
    )
    assert (
        slower.value("contact_decision_timely", period(date(2025, 12, 1), date(2026, 4, 30))).numerator == 3
    )


def test_rereferrals_within_twelve_months_of_the_previous_referral():
    e = engine(
        referral=[
            referral(1, 1, date(2025, 1, 10)),
            referral(2, 1, date(2025, 12, 1)),  # 11 months: a re-referral
            referral(3, 2, date(2024, 1, 1)),
            referral(4, 2, date(2025, 6, 1)),  # 17 months: not
            referral(5, 3, date(2024, 11, 5)),
            referral(6, 3, date(2025, 11, 5)),  # exactly 12 months: counts
        ]
    )
    assert figures(e.value("rereferrals_12m", YEAR)) == (66.7, 2.0, 3.0)
    assert figures(e.value("referrals", YEAR)) == (3.0, 3.0, None)


def test_referral_rate_is_annualised_per_ten_thousand():
    e = engine(population=20_000, referral=[referral(i, i, date(2026, 3, i)) for i in range(1, 6)])
    assert e.value("referral_rate", MARCH).value == 30.0  # 5 x 12 / 20,000 x 10,000
    assert e.value("referral_rate", YEAR).value == 2.5
    assert e.value("referral_rate", MARCH, "team", 1).value is None  # rates are for the council only


def test_referral_nfa_share():
    e = engine(referral=[referral(1, 1, date(2026, 3, 2), nfa=True), referral(2, 2, date(2026, 3, 3))])
    assert figures(e.value("referral_nfa", MARCH)) == (50.0, 1.0, 2.0)


def test_children_seen_after_referral_within_the_local_standard():
    e = engine(
        referral=[
            referral(1, 1, date(2026, 3, 2)),
            referral(2, 2, date(2026, 3, 2)),
            referral(3, 3, date(2026, 3, 30)),
            referral(4, 4, date(2026, 3, 2), nfa=True),
        ],
        visit=[
            {"id": 1, "child_id": 1, "visit_date": date(2026, 3, 9), "kind": "ASMT", "seen": True},  # 5 wd
            {"id": 2, "child_id": 2, "visit_date": date(2026, 3, 5), "kind": "ASMT", "seen": False},
            {"id": 3, "child_id": 2, "visit_date": date(2026, 3, 10), "kind": "ASMT", "seen": True},  # 6 wd
        ],
    )
    # Child 3's deadline (6 April) is after the reference date and they are not seen yet: not counted.
    assert figures(e.value("seen_after_referral", MARCH)) == (50.0, 1.0, 2.0)
    late = e.children("seen_after_referral", MARCH, which="missing")
    assert [(r["child_id"], r["seen_date"], r["working_days"]) for r in late] == [(2, date(2026, 3, 10), 6)]


def test_referrals_year_on_year():
    e = engine(
        referral=[
            referral(1, 1, date(2025, 3, 3)),
            referral(2, 2, date(2025, 3, 4)),
            referral(3, 3, date(2026, 3, 3)),
        ]
    )
    assert figures(e.value("referrals_yoy", MARCH)) == (-50.0, 1.0, 2.0)

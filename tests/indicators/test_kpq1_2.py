"""KPQ1 referrals and children seen; KPQ2 assessments. Expected answers worked out by hand."""

from datetime import date

from sightline.indicators.periods import Period
from sightline.indicators.standards import LocalStandards

from .helpers import engine, figures, period

MARCH = Period.month(date(2026, 3, 1))
YEAR = Period.year(date(2025, 4, 1))


def contact(i, child, day, decided=None):
    return {
        "id": i,
        "child_id": child,
        "contact_date": day,
        "source": "6",
        "outcome": "REF",
        "decision_date": decided,
    }


def referral(i, child, day, nfa=False, source="6"):
    return {
        "id": i,
        "child_id": child,
        "cin_referral_date": day,
        "referral_source": source,
        "primary_need_code": "N1",
        "referral_nfa": nfa,
    }


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


def assessment(i, child, start, done=None, episode=None, outcome="CIN", seen=True, factors=()):
    return {
        "id": i,
        "child_id": child,
        "episode_id": episode or i,
        "assessment_actual_start_date": start,
        "assessment_authorisation_date": done,
        "outcome": outcome,
        "child_seen": seen,
        "factors": list(factors),
    }


def assessments_over_christmas():
    # Started Mon 1 Dec 2025: 20 working days to 31 Dec, 21 in January, so 45 falls on Thu 5 Feb 2026.
    return dict(
        referral=[
            referral(1, 1, date(2025, 11, 28)),
            referral(2, 2, date(2025, 12, 1)),
            referral(3, 3, date(2026, 1, 5)),
        ],
        assessment=[
            assessment(1, 1, date(2025, 12, 1), date(2026, 2, 5)),  # 45 working days: in time
            assessment(2, 2, date(2025, 12, 1), date(2026, 2, 6), outcome="NFA", seen=False),  # 46: late
            assessment(3, 3, date(2026, 1, 5), date(2026, 1, 19)),  # 10 working days
        ],
    )


def test_assessments_within_45_working_days_on_the_dfe_basis_and_the_referral_basis():
    e = engine(**assessments_over_christmas())
    feb_to_jan = period(date(2026, 1, 1), date(2026, 2, 28))
    assert figures(e.value("assessments_45wd", feb_to_jan)) == (66.7, 2.0, 3.0)
    referral_basis = engine(
        LocalStandards().with_value("assessment_basis", "referral"), **assessments_over_christmas()
    )
    # Counted from the referral on Fri 28 Nov, the first assessment took 46 working days.
    assert figures(referral_basis.value("assessments_45wd", feb_to_jan)) == (33.3, 1.0, 3.0)
    assert e.value("assessment_median_days", feb_to_jan).value == 45.0
    assert e.value("assessments_completed", Period.month(date(2026, 2, 1))).value == 2.0


def test_assessment_outcomes_and_child_seen():
    e = engine(**assessments_over_christmas())
    feb_to_jan = period(date(2026, 1, 1), date(2026, 2, 28))
    assert figures(e.value("assessment_outcome_nfa", feb_to_jan)) == (33.3, 1.0, 3.0)
    assert figures(e.value("assessment_outcome_services", feb_to_jan)) == (66.7, 2.0, 3.0)
    assert figures(e.value("assessment_child_seen", feb_to_jan)) == (66.7, 2.0, 3.0)


def test_open_assessments_past_45_working_days_on_a_date():
    e = engine(
        assessment=[
            assessment(1, 1, date(2025, 12, 1)),  # open: 45 working days on 5 Feb, 46 on 6 Feb
            assessment(2, 2, date(2025, 12, 1), date(2026, 2, 3)),  # authorised before the date
        ]
    )
    assert e.value("assessments_open_over_45", Period.as_at(date(2026, 2, 5))).value == 0.0
    assert e.value("assessments_open_over_45", Period.as_at(date(2026, 2, 6))).value == 1.0
    assert e.value("assessments_open_over_45", Period.month(date(2026, 2, 1))).value == 1.0


def test_referrals_year_on_year():
    e = engine(
        referral=[
            referral(1, 1, date(2025, 3, 3)),
            referral(2, 2, date(2025, 3, 4)),
            referral(3, 3, date(2026, 3, 3)),
        ]
    )
    assert figures(e.value("referrals_yoy", MARCH)) == (-50.0, 1.0, 2.0)

"""KPQ7 care proceedings, KPQ8 children in care, KPQ9 outcomes. Expected answers worked out by hand."""

from datetime import date

import pytest

from sightline.indicators.periods import Period

from .helpers import children, engine, figures

MARCH = Period.month(date(2026, 3, 1))
YEAR = Period.year(date(2025, 4, 1))
AT_END = Period.as_at(date(2026, 3, 31))


def episode(i, child, decom, rne="S", ls="C2", place="U4", dec=None, rec="", **extra):
    return {
        "id": i,
        "child_id": child,
        "decom": decom,
        "rne": rne,
        "ls": ls,
        "place": place,
        "dec": dec,
        "rec": rec,
        **extra,
    }


def test_proceedings_against_26_weeks():
    rows = [
        {
            "id": 1,
            "child_id": 1,
            "application_issued_date": date(2025, 9, 1),
            "final_order_date": date(2026, 3, 2),
            "final_order_type": "CO",
        },  # 26 weeks exactly
        {
            "id": 2,
            "child_id": 2,
            "application_issued_date": date(2025, 9, 1),
            "final_order_date": date(2026, 3, 3),
            "final_order_type": "SGO",
        },  # 26 weeks and a day
        {"id": 3, "child_id": 3, "plo_start_date": date(2026, 3, 10)},
        {
            "id": 4,
            "child_id": 4,
            "plo_start_date": date(2026, 1, 5),
            "application_issued_date": date(2026, 3, 1),
        },
    ]
    e = engine(proceedings=rows)
    assert figures(e.value("proceedings_26w", MARCH)) == (50.0, 1.0, 2.0)
    assert e.value("proceedings_mean_weeks", MARCH).value == 26.1  # (26 + 26 1/7) / 2
    assert figures(e.value("final_order_care_order", MARCH)) == (50.0, 1.0, 2.0)
    assert e.value("plo_started", MARCH).value == 1.0
    assert e.value("proceedings_open", AT_END).value == 1.0


def test_children_looked_after_exclude_short_breaks_and_count_legal_status():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2024, 1, 1), ls="C2"),
            episode(2, 2, date(2025, 1, 1), ls="V2", dec=date(2025, 6, 1), rec="X1"),
            episode(3, 2, date(2025, 6, 1), rne="L", ls="C1"),
            episode(4, 3, date(2025, 1, 1), ls="V3"),  # short break: not counted
            episode(5, 4, date(2025, 1, 1), dec=date(2026, 3, 31), rec="E4A"),  # left on the day
        ]
    )
    assert figures(e.value("cla_count", AT_END)) == (2.0, 2.0, None)
    assert e.value("cla_rate", AT_END).value == 2.0
    assert figures(e.value("cla_legal_interim_care_order", AT_END)) == (50.0, 1.0, 2.0)
    assert figures(e.value("cla_legal_section_20", AT_END)) == (0.0, 0.0, 2.0)
    assert e.value("cla_leavers", MARCH).value == 1.0
    # Child 2's second episode is a change of legal status, not a new period of care; child 3's short
    # breaks are not a period of care either.
    assert e.value("cla_starters", period_of(2025)).value == 2.0
    assert e.value("cla_median_days_in_care", AT_END).value == (820 + 454) / 2


def period_of(year):
    return Period("custom", date(year, 1, 1), date(year, 12, 31))


def test_re_entry_within_12_months_of_returning_home():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2025, 1, 1), dec=date(2025, 6, 1), rec="E4A"),
            episode(2, 1, date(2026, 3, 2)),
            episode(3, 2, date(2024, 1, 1), dec=date(2025, 3, 1), rec="E4B"),
            episode(4, 2, date(2026, 3, 3)),
            episode(5, 3, date(2025, 1, 1), dec=date(2025, 6, 1), rec="E11"),
            episode(6, 3, date(2026, 3, 4)),
            episode(7, 4, date(2026, 3, 5)),
        ]
    )
    assert figures(e.value("cla_reentry_12m", MARCH)) == (25.0, 1.0, 4.0)
    assert e.value("cla_starters", MARCH).value == 4.0


def test_placed_out_of_area_and_over_20_miles():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2025, 1, 1), placement_la="999", placement_distance_miles=3.0),
            episode(2, 2, date(2025, 1, 1), placement_la="888", placement_distance_miles=20.0),
            episode(3, 3, date(2025, 1, 1), placement_la="777", placement_distance_miles=20.5),
            episode(4, 4, date(2025, 1, 1)),
        ]
    )
    assert figures(e.value("cla_out_of_area", AT_END)) == (50.0, 2.0, 4.0)
    assert figures(e.value("cla_over_20_miles", AT_END)) == (33.3, 1.0, 3.0)


def test_short_term_stability_counts_placements_not_legal_changes():
    e = engine(
        cla_episode=[
            # Child 1: placement at the year's start, two moves and a legal change: 3 placements.
            episode(1, 1, date(2024, 1, 1), dec=date(2025, 6, 1), rec="X1"),
            episode(2, 1, date(2025, 6, 1), rne="P", dec=date(2025, 9, 1), rec="X1"),
            episode(3, 1, date(2025, 9, 1), rne="L", ls="C1", dec=date(2026, 1, 1), rec="X1"),
            episode(4, 1, date(2026, 1, 1), rne="P"),
            # Child 2: one move in the year, one before it: 2 placements.
            episode(5, 2, date(2023, 1, 1), dec=date(2024, 6, 1), rec="X1"),
            episode(6, 2, date(2024, 6, 1), rne="P", dec=date(2025, 7, 1), rec="X1"),
            episode(7, 2, date(2025, 7, 1), rne="T"),
        ]
    )
    assert figures(e.value("cla_3plus_placements", AT_END)) == (50.0, 1.0, 2.0)


def test_long_term_stability_under_16_in_care_two_and_a_half_years():
    kids = children(1, 2, 3, dob=date(2015, 1, 1)) + children(4, dob=date(2009, 1, 1))
    e = engine(
        child=kids,
        cla_episode=[
            episode(1, 1, date(2023, 1, 1)),  # same placement 3 years: stable
            episode(2, 2, date(2023, 1, 1), dec=date(2024, 6, 1), rec="X1"),
            episode(3, 2, date(2024, 6, 1), rne="P"),  # moved 22 months ago
            episode(4, 3, date(2024, 1, 1)),  # in care 2 years 3 months: not in the cohort
            episode(5, 4, date(2020, 1, 1)),  # 17: not in the cohort
        ],
    )
    assert figures(e.value("cla_long_term_stability", AT_END)) == (50.0, 1.0, 2.0)


def test_health_dental_and_pep_up_to_date():
    kids = (
        children(1, dob=date(2023, 1, 1))
        + children(2, 3, dob=date(2015, 1, 1))
        + children(4, dob=date(2015, 1, 1))
    )
    e = engine(
        child=kids,
        cla_episode=[episode(i, i, date(2024, 1, 1)) for i in (1, 2, 3)] + [episode(4, 4, date(2025, 12, 1))],
        health_check=[
            {"id": 1, "child_id": 1, "kind": "RHA", "check_date": date(2025, 9, 1)},  # under 5: over 6 months
            {"id": 2, "child_id": 2, "kind": "RHA", "check_date": date(2025, 9, 1)},  # 5 and over: in time
            {"id": 3, "child_id": 2, "kind": "DENTAL", "check_date": date(2025, 4, 1)},
            {"id": 4, "child_id": 3, "kind": "DENTAL", "check_date": date(2025, 3, 31)},  # exactly a year
        ],
        pep=[
            {"id": 1, "child_id": 2, "pep_date": date(2026, 1, 1)},
            {"id": 2, "child_id": 3, "pep_date": date(2025, 11, 1)},
            {"id": 3, "child_id": 4, "pep_date": date(2026, 2, 1)},
        ],
    )
    # Child 4 has been in care under a year: not in the health cohort; child 1 is under school age.
    assert figures(e.value("health_assessment_in_time", AT_END)) == (33.3, 1.0, 3.0)
    assert figures(e.value("dental_in_time", AT_END)) == (33.3, 1.0, 3.0)
    assert figures(e.value("pep_in_time", AT_END)) == (66.7, 2.0, 3.0)


def test_initial_health_assessments_within_20_working_days():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2026, 2, 2)),
            episode(2, 2, date(2026, 2, 2)),
            episode(3, 3, date(2026, 3, 20)),
        ],
        health_check=[
            {"id": 1, "child_id": 1, "kind": "IHA", "check_date": date(2026, 3, 2)},  # 20 wd
            {"id": 2, "child_id": 2, "kind": "IHA", "check_date": date(2026, 3, 3)},
        ],  # 21 wd
    )
    assert figures(e.value("iha_in_time", period_of(2026))) == (50.0, 1.0, 2.0)  # child 3 not yet due


def test_reviews_in_time_and_participation():
    e = engine(
        cla_episode=[episode(1, 1, date(2025, 1, 6))],
        cla_review=[
            {"id": 1, "child_id": 1, "review_date": date(2025, 2, 3), "review_code": "PN1"},  # 20 wd: in time
            {
                "id": 2,
                "child_id": 1,
                "review_date": date(2025, 5, 4),
                "review_code": "PN7",
            },  # 3 months + 1 day
            {"id": 3, "child_id": 1, "review_date": date(2025, 11, 4), "review_code": "PN0"},  # 6 months
        ],
    )
    assert figures(e.value("cla_reviews_in_time", period_of(2025))) == (66.7, 2.0, 3.0)
    assert figures(e.value("cla_review_participation", period_of(2025))) == (50.0, 1.0, 2.0)


def test_care_leavers_by_age_in_touch_eet_and_suitably_housed():
    kids = children(1, 2, dob=date(2007, 6, 1)) + children(3, dob=date(2005, 6, 1))
    e = engine(
        child=kids,
        care_leaver=[
            {
                "id": 1,
                "child_id": 1,
                "contact_date": date(2026, 3, 1),
                "in_touch": "YES",
                "activ": "F2",
                "accom": "S1",
            },
            {
                "id": 2,
                "child_id": 2,
                "contact_date": date(2026, 3, 1),
                "in_touch": "NO",
                "activ": "G5",
                "accom": "V2",
            },
            {
                "id": 3,
                "child_id": 3,
                "contact_date": date(2026, 3, 1),
                "in_touch": "YES",
                "activ": "P5",
                "accom": "X2",
            },
        ],
    )
    assert figures(e.value("care_leavers_17_18_in_touch", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("care_leavers_17_18_eet", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("care_leavers_17_18_suitable", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("care_leavers_19_21_eet", MARCH)) == (100.0, 1.0, 1.0)
    assert figures(e.value("care_leavers_19_21_suitable", MARCH)) == (0.0, 0.0, 1.0)


def test_adoption_a1_a2_a10():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2024, 1, 1), dec=date(2024, 3, 1), rec="X1"),
            episode(2, 1, date(2024, 3, 1), rne="P", dec=date(2025, 3, 1), rec="X1"),
            episode(3, 1, date(2025, 3, 1), rne="P", place="A5", dec=date(2026, 3, 2), rec="E11"),
            episode(4, 2, date(2024, 1, 1), dec=date(2025, 1, 1), rec="X1"),
            episode(5, 2, date(2025, 1, 1), rne="P", place="A6", dec=date(2026, 3, 3), rec="E11"),
        ],
        adoption=[
            {
                "id": 1,
                "child_id": 1,
                "date_should_be_placed": date(2024, 6, 1),
                "placement_order_date": date(2024, 9, 1),
                "match_date": date(2025, 1, 1),
                "placed_date": date(2025, 3, 1),
                "adoption_order_date": date(2026, 3, 2),
                "foster_carer_adoption": True,
            },
            {
                "id": 2,
                "child_id": 2,
                "date_should_be_placed": date(2024, 6, 1),
                "placement_order_date": date(2024, 9, 1),
                "match_date": date(2024, 11, 1),
                "placed_date": date(2025, 1, 1),
                "adoption_order_date": date(2026, 3, 3),
                "foster_carer_adoption": False,
            },
        ],
    )
    # A1: 425 and 366 days; A2: 122 and 61; A10: child 1 counts from the foster placement (60 days).
    assert e.value("adoption_a1", MARCH).value == (425 + 366) / 2
    assert e.value("adoption_a2", MARCH).value == (122 + 61) / 2
    assert e.value("adoption_a10", MARCH).value == (60 + 366) / 2


@pytest.mark.parametrize(
    ("indicator_id", "codes"),
    [
        ("cla_legal_care_order", ["C2"]),
        ("cla_legal_interim_care_order", ["C1"]),
        ("cla_legal_section_20", ["V2"]),
        ("cla_legal_placement_order", ["E1", "D1"]),
    ],
)
def test_each_legal_status_share(indicator_id, codes):
    other = "V2" if "V2" not in codes else "C2"
    rows = [episode(i, i, date(2025, 1, 1), ls=code) for i, code in enumerate(codes, start=1)]
    rows += [episode(10, 10, date(2025, 1, 1), ls=other), episode(11, 11, date(2025, 1, 1), ls="V4")]
    e = engine(cla_episode=rows)
    share = round(100 * len(codes) / (len(codes) + 1), 1)
    assert figures(e.value(indicator_id, AT_END)) == (share, float(len(codes)), float(len(codes) + 1))


def test_plo_diverted_from_proceedings():
    e = engine(
        proceedings=[
            {"id": 1, "child_id": 1, "plo_start_date": date(2026, 3, 2)},
            {
                "id": 2,
                "child_id": 2,
                "plo_start_date": date(2026, 3, 2),
                "application_issued_date": date(2026, 3, 20),
            },
            {"id": 3, "child_id": 3, "application_issued_date": date(2026, 3, 20)},  # no PLO: not counted
        ]
    )
    assert figures(e.value("plo_diverted", MARCH)) == (50.0, 1.0, 2.0)


def test_care_leavers_19_21_in_touch_leave_out_those_who_died_or_went_home():
    kids = children(1, 2, 3, 4, dob=date(2005, 6, 1))
    e = engine(
        child=kids,
        care_leaver=[
            {"id": i, "child_id": i, "contact_date": date(2026, 3, 1), "in_touch": touch}
            for i, touch in [(1, "YES"), (2, "NO"), (3, "RHOM"), (4, "DIED")]
        ],
    )
    assert figures(e.value("care_leavers_19_21_in_touch", MARCH)) == (50.0, 1.0, 2.0)

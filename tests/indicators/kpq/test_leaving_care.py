"""KPQ9 outcomes in care: care leavers and adoption: `indicators/kpq/leaving_care.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import MARCH, episode
from ..helpers import children, engine, figures


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

"""KPQ5 visits: `indicators/kpq/visits.py`.

Expected answers worked out by hand.
"""

from datetime import date

from sightline.indicators.periods import Period
from sightline.indicators.standards import LocalStandards

from ..builders import AT_END, MARCH, plan, visit
from ..helpers import children, engine, figures


def test_children_on_cp_plans_visited_within_ten_working_days():
    e = engine(
        cp_plan=[
            plan(1, 1, date(2025, 6, 1)),
            plan(2, 2, date(2025, 6, 1)),
            plan(3, 3, date(2026, 3, 25)),
            plan(4, 4, date(2025, 6, 1)),
        ],
        visit=[
            visit(1, 1, date(2026, 3, 17)),  # due 31 March: in time
            visit(2, 2, date(2026, 3, 16)),  # due 30 March: overdue
            visit(3, 4, date(2026, 3, 30), seen=False),
        ],  # not seen: does not count
    )
    # Child 3's plan started 4 working days ago; child 4 was never seen.
    assert figures(e.value("cp_visits_in_time", AT_END)) == (50.0, 2.0, 4.0)


def test_looked_after_visits_follow_reg_28():
    episodes = [
        {
            "id": 1,
            "child_id": 1,
            "decom": date(2026, 3, 26),
            "rne": "S",
            "ls": "C2",
            "place": "U4",
        },  # 5 days ago
        {
            "id": 2,
            "child_id": 2,
            "decom": date(2026, 3, 10),
            "rne": "S",
            "ls": "C2",
            "place": "U4",
        },  # no visit
        {"id": 3, "child_id": 3, "decom": date(2025, 12, 1), "rne": "S", "ls": "C2", "place": "U4"},
        {"id": 4, "child_id": 4, "decom": date(2023, 1, 1), "rne": "S", "ls": "C2", "place": "U4"},
    ]
    visits = [
        visit(1, 3, date(2026, 2, 16), "CLA"),  # 6 weeks to 30 March: overdue
        visit(2, 4, date(2026, 1, 5), "CLA"),
    ]  # placement over a year: 3 months, due 5 April
    e = engine(cla_episode=episodes, visit=visits)
    assert figures(e.value("cla_visits_in_time", AT_END)) == (50.0, 2.0, 4.0)


def test_cin_visits_and_seen_alone():
    e = engine(
        cin_plan=[
            {"id": 1, "child_id": 1, "episode_id": 1, "cin_plan_start_date": date(2025, 1, 1)},
            {
                "id": 2,
                "child_id": 2,
                "episode_id": 2,
                "cin_plan_start_date": date(2025, 1, 1),
                "cin_plan_end_date": date(2026, 3, 1),
            },
        ],
        visit=[visit(1, 1, date(2026, 3, 3), "CIN"), visit(2, 1, date(2026, 3, 4), "CP", alone=True)],
    )
    assert figures(e.value("cin_visits_in_time", AT_END)) == (100.0, 1.0, 1.0)  # 20 wd from 3 March: 31 March
    assert figures(e.value("cin_visits_in_time", Period.as_at(date(2026, 4, 1)))) == (0.0, 0.0, 1.0)
    assert figures(e.value("cp_seen_alone", MARCH)) == (100.0, 1.0, 1.0)


def test_a_child_too_young_to_be_seen_alone_is_no_exception_to_it():
    """Issue 16: babies listed as not seen alone. Child 1 turns 2 on 10 March, child 2 is 9 months
    old, child 3 is 8; none but child 3's second visit was alone."""
    tables = {
        "child": [
            *children(1, dob=date(2024, 3, 10)),
            *children(2, dob=date(2025, 6, 1)),
            *children(3, dob=date(2017, 9, 1)),
        ],
        "visit": [
            visit(1, 1, date(2026, 3, 9)),  # a day before their second birthday: not counted
            visit(2, 1, date(2026, 3, 10)),  # 2 today: counted, not alone
            visit(3, 2, date(2026, 3, 12)),
            visit(4, 3, date(2026, 3, 5)),
            visit(5, 3, date(2026, 3, 19), alone=True),
        ],
    }
    e = engine(**tables)
    assert figures(e.value("cp_seen_alone", MARCH)) == (33.3, 1.0, 3.0)
    missing = e.children("cp_seen_alone", MARCH, which="missing")
    assert sorted((r["la_child_id"], r["date"]) for r in missing) == [
        ("C1", date(2026, 3, 10)),
        ("C3", date(2026, 3, 5)),
    ]
    # The council may count from another age: from birth, every visit counts.
    from_birth = engine(LocalStandards().with_value("seen_alone_from_age", 0), **tables)
    assert figures(from_birth.value("cp_seen_alone", MARCH)) == (20.0, 1.0, 5.0)

"""KPQ4 caseloads: `indicators/kpq/caseloads.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import AT_END, workforce
from ..helpers import WORKERS, engine, figures


def test_caseloads_per_fte_over_the_limit_and_agency_share():
    e = engine(**workforce())
    assert figures(e.value("caseload_per_fte", AT_END)) == (18.7, 28.0, 1.5)
    assert e.value("caseload_per_fte", AT_END, "team", 2).value == 16.0
    assert figures(e.value("workers_over_limit", AT_END)) == (50.0, 1.0, 2.0)
    assert e.value("agency_share", AT_END).value == 33.3
    names = {r.unit_name: r.value for r in e.breakdown("caseload_per_fte", AT_END, "worker")}
    assert names == {"Ann One": 20.0, "Bob Two": 16.0}


def test_a_social_worker_holding_no_case_is_not_in_the_caseload_figures():
    # As the DfE counts caseloads: a front-door worker in post with no case that day is left out,
    # so the answer stays 28 children over 1.5 FTE, and 1 of 2 workers over the limit.
    tables = workforce()
    tables["worker"] = [*tables["worker"], {**WORKERS[0], "id": 5, "staff_id": "W5"}]
    e = engine(**tables)
    assert figures(e.value("caseload_per_fte", AT_END)) == (18.7, 28.0, 1.5)
    assert figures(e.value("workers_over_limit", AT_END)) == (50.0, 1.0, 2.0)


def test_unallocated_children_with_an_open_cin_episode():
    tables = workforce()
    tables["referral"] = [
        {"id": 1, "child_id": 1, "cin_referral_date": date(2025, 1, 1), "referral_nfa": False},  # allocated
        {
            "id": 2,
            "child_id": 42,
            "cin_referral_date": date(2026, 3, 1),
            "referral_nfa": False,
        },  # not allocated
        {
            "id": 3,
            "child_id": 43,
            "cin_referral_date": date(2026, 3, 1),
            "referral_nfa": False,
            "cin_closure_date": date(2026, 3, 20),
            "reason_for_closure": "RC8",
        },
        {"id": 4, "child_id": 44, "cin_referral_date": date(2026, 3, 1), "referral_nfa": True},
    ]
    e = engine(**tables)
    assert e.value("unallocated_children", AT_END).value == 1.0
    assert [r["child_id"] for r in e.children("unallocated_children", AT_END)] == [42]

"""KPQ4 caseloads, KPQ10 supervision, and the cohorts. Expected answers worked out by hand."""

from datetime import date

from sightline.indicators.periods import Period

from .helpers import TEAMS, WORKERS, children, engine, figures

MARCH = Period.month(date(2026, 3, 1))
AT_END = Period.as_at(date(2026, 3, 31))


def allocation(i, child, worker, team, start, end=None, role="SW"):
    return {
        "id": i,
        "child_id": child,
        "worker_id": worker,
        "team_id": team,
        "role": role,
        "start_date": start,
        "end_date": end,
    }


def workforce():
    workers = [
        *WORKERS,
        {**WORKERS[0], "id": 3, "staff_id": "W3", "role": "TM", "start_date": date(2019, 1, 1)},
        {**WORKERS[0], "id": 4, "staff_id": "W4", "leave_date": date(2026, 3, 1)},
    ]
    # Worker 1 (1 FTE, limit 18): 20 children; worker 2 (0.5 FTE, agency): 8 children = 16 per FTE.
    allocations = [allocation(i, i, 1, 1, date(2025, 1, 1)) for i in range(1, 21)]
    allocations += [allocation(20 + i, 20 + i, 2, 2, date(2025, 1, 1)) for i in range(1, 9)]
    allocations.append(allocation(40, 40, 1, 1, date(2025, 1, 1), date(2026, 3, 30)))  # ended
    allocations.append(allocation(41, 41, 3, 1, date(2025, 1, 1), role="IRO"))
    return dict(worker=workers, team=TEAMS, allocation=allocations, child=children(*range(1, 45)))


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


def test_supervision_in_time_reflective_share_and_observations():
    workers = [*WORKERS, {**WORKERS[0], "id": 3, "staff_id": "W3", "start_date": date(2026, 3, 20)}]
    e = engine(
        worker=workers,
        supervision=[
            {
                "id": 1,
                "worker_id": 1,
                "supervisor_id": 2,
                "supervision_date": date(2026, 3, 3),
                "reflective": True,
            },
            {
                "id": 2,
                "worker_id": 2,
                "supervisor_id": 1,
                "supervision_date": date(2026, 3, 2),
                "reflective": False,
            },
        ],
        observation=[
            {"id": 1, "worker_id": 1, "observer_id": 2, "observation_date": date(2025, 5, 1)},
            {"id": 2, "worker_id": 1, "observer_id": 2, "observation_date": date(2026, 1, 1)},
            {
                "id": 3,
                "worker_id": 2,
                "observer_id": 1,
                "observation_date": date(2025, 3, 31),
            },  # a year and a day
            {"id": 4, "worker_id": 2, "observer_id": 1, "observation_date": date(2026, 1, 1)},
        ],
    )
    # 3 March is 20 working days before 31 March; 2 March is 21. Worker 3 is too new to count.
    assert figures(e.value("supervision_in_time", AT_END)) == (50.0, 1.0, 2.0)
    assert figures(e.value("supervision_reflective", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("supervision_reflective", MARCH, "team", 1)) == (100.0, 1.0, 1.0)
    assert figures(e.value("practice_observations", AT_END)) == (50.0, 1.0, 2.0)


def test_pre_birth_referral_by_21_weeks_and_assessment_by_29():
    e = engine(
        prebirth=[
            {
                "id": 1,
                "child_id": 1,
                "referral_date": date(2026, 3, 2),
                "gestation_weeks_at_referral": 20,
                "assessment_completed_week": 29,
                "outcome_at_birth": "CLA",
            },
            {
                "id": 2,
                "child_id": 2,
                "referral_date": date(2026, 3, 3),
                "gestation_weeks_at_referral": 21,
                "assessment_completed_week": 30,
                "outcome_at_birth": "HOME",
            },
            {"id": 3, "child_id": 3, "referral_date": date(2026, 3, 4), "gestation_weeks_at_referral": 12},
        ]
    )
    assert figures(e.value("prebirth_referred_early", MARCH)) == (66.7, 2.0, 3.0)
    assert figures(e.value("prebirth_assessed_by_29w", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("prebirth_removed_at_birth", MARCH)) == (50.0, 1.0, 2.0)


def test_private_fostering_first_visit_within_7_working_days_over_easter():
    e = engine(
        private_fostering=[
            {"id": 1, "child_id": 1, "notification_date": date(2026, 4, 1)},  # 7 wd: Tuesday 14 April 2026
            {"id": 2, "child_id": 2, "notification_date": date(2026, 4, 1)},
            {"id": 3, "child_id": 3, "notification_date": date(2025, 1, 6), "end_date": date(2025, 6, 1)},
        ],
        visit=[
            {"id": 1, "child_id": 1, "visit_date": date(2026, 4, 10), "kind": "PF", "seen": True},
            {"id": 2, "child_id": 2, "visit_date": date(2026, 4, 15), "kind": "PF", "seen": True},  # 8 wd
        ],
    )
    assert figures(e.value("pf_first_visit", Period.month(date(2026, 4, 1)))) == (50.0, 1.0, 2.0)
    assert figures(e.value("pf_visits_in_time", Period.as_at(date(2026, 5, 22)))) == (100.0, 2.0, 2.0)
    assert figures(e.value("pf_visits_in_time", Period.as_at(date(2026, 5, 23)))) == (50.0, 1.0, 2.0)


def test_homeless_16_17_year_olds_and_disabled_children():
    kids = children(1, 2, dob=date(2009, 6, 1)) + children(3, dob=date(2015, 1, 1), disabilities=["AUT"])
    kids += children(4, dob=date(2015, 1, 1), disabilities=["NONE"])
    e = engine(
        child=kids,
        referral=[
            {"id": 1, "child_id": 1, "cin_referral_date": date(2026, 1, 5), "referral_source": "4"},
            {"id": 2, "child_id": 2, "cin_referral_date": date(2026, 1, 5), "referral_source": "6"},
            {"id": 3, "child_id": 3, "cin_referral_date": date(2026, 1, 5), "referral_source": "2A"},
            {"id": 4, "child_id": 4, "cin_referral_date": date(2026, 1, 5), "referral_source": "2A"},
        ],
        cla_episode=[
            {"id": 1, "child_id": 1, "decom": date(2026, 2, 1), "rne": "S", "ls": "V2", "place": "K3"}
        ],
        assessment=[
            {
                "id": 1,
                "child_id": 3,
                "episode_id": 3,
                "assessment_actual_start_date": date(2026, 1, 5),
                "assessment_authorisation_date": date(2026, 1, 9),
            }
        ],
    )
    january = Period.month(date(2026, 1, 1))
    assert e.value("homeless_16_17_referrals", january).value == 1.0
    assert figures(e.value("homeless_16_17_accommodated", january)) == (100.0, 1.0, 1.0)
    assert figures(e.value("disabled_open_share", AT_END)) == (25.0, 1.0, 4.0)
    assert figures(e.value("disabled_assessments_45wd", january)) == (100.0, 1.0, 1.0)

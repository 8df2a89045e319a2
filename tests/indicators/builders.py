"""Hand-built rows for the indicator tests: records of each kind with the fields a test varies."""

from __future__ import annotations

from datetime import date

from sightline.indicators.periods import Period

from .helpers import TEAMS, WORKERS, children, engine

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


AT_END = Period.as_at(date(2026, 3, 31))


def s47(i, child, start, **extra):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "s47_actual_start_date": start,
        "icpc_not_required": False,
        "outcome": "ICPC",
        **extra,
    }


def icpc(i, child, day, s47_id=None, plan_decided=True, plan_id=None):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "kind": "ICPC",
        "conference_date": day,
        "section47_id": s47_id,
        "plan_decided": plan_decided,
        "plan_id": plan_id,
    }


def plan(i, child, start, end=None, category="NEG", previous=0):
    return {
        "id": i,
        "child_id": child,
        "episode_id": i,
        "cpp_start_date": start,
        "cpp_end_date": end,
        "initial_category_of_abuse": category,
        "latest_category_of_abuse": category,
        "number_of_previous_cpp": previous,
    }


def visit(i, child, day, kind="CP", seen=True, alone=False):
    return {"id": i, "child_id": child, "visit_date": day, "kind": kind, "seen": seen, "seen_alone": alone}


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
        {
            **WORKERS[0],
            "id": 3,
            "staff_id": "W3",
            "first_name": "Cara",
            "last_name": "Three",
            "role": "TM",
            "start_date": date(2019, 1, 1),
        },
        {
            **WORKERS[0],
            "id": 4,
            "staff_id": "W4",
            "first_name": "Dev",
            "last_name": "Four",
            "leave_date": date(2026, 3, 1),
        },
    ]
    # Worker 1 (1 FTE, limit 18): 20 children; worker 2 (0.5 FTE, agency): 8 children = 16 per FTE.
    allocations = [allocation(i, i, 1, 1, date(2025, 1, 1)) for i in range(1, 21)]
    allocations += [allocation(20 + i, 20 + i, 2, 2, date(2025, 1, 1)) for i in range(1, 9)]
    allocations.append(allocation(40, 40, 1, 1, date(2025, 1, 1), date(2026, 3, 30)))  # ended
    allocations.append(allocation(41, 41, 3, 1, date(2025, 1, 1), role="IRO"))
    return dict(worker=workers, team=TEAMS, allocation=allocations, child=children(*range(1, 45)))


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


def period_of(year):
    return Period("custom", date(year, 1, 1), date(year, 12, 31))


def cohort_engine():
    """Two 16-year-olds referred (one by housing, then accommodated under s20), a disabled child
    assessed in four working days, and a child with no disability."""
    kids = children(1, 2, dob=date(2009, 6, 1)) + children(3, dob=date(2015, 1, 1), disabilities=["AUT"])
    kids += children(4, dob=date(2015, 1, 1), disabilities=["NONE"])
    return engine(
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

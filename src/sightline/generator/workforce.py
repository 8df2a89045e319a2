"""Services, teams and workers with turnover, agency cover and supervision."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dataset import Dataset
from .identity import person_name
from .spec import CouncilSpec

# (service, team name, team kind, practitioner posts at size 1, practitioner role, caseload limit).
# Posts are sized to each kind's open cases at the default size so the average caseload lands near
# England's 15-17 children per FTE (benchmarks.csv sw_caseload) with about 150 case-holding FTE
# (Derby, seed 002: 133 FTE); limits are the local ones (18 by default, pre-birth 10-12 per seed 004).
TEAM_PLAN = [
    ("Front Door and Early Help", "Reception Service", "FRONT_DOOR", 5, "SW", 25),
    ("Front Door and Early Help", "Assessment Team North", "ASSESSMENT", 13, "SW", 18),
    ("Front Door and Early Help", "Assessment Team South", "ASSESSMENT", 13, "SW", 18),
    ("Families First", "Locality North", "LOCALITY", 18, "SW", 18),
    ("Families First", "Locality South", "LOCALITY", 18, "SW", 18),
    ("Families First", "Locality Central", "LOCALITY", 18, "SW", 18),
    ("Families First", "Locality East", "LOCALITY", 18, "SW", 18),
    ("Families First", "Pre-birth Team", "PRE_BIRTH", 7, "SW", 12),
    ("Families First", "Disabled Children's Team", "DISABILITY", 31, "SW", 20),
    ("Children in Care", "Children in Care Team 1", "CLA", 17, "SW", 16),
    ("Children in Care", "Children in Care Team 2", "CLA", 17, "SW", 16),
    ("Children in Care", "Care Leavers Team", "CARE_LEAVERS", 9, "PA", 25),
    ("Children in Care", "Private Fostering and Kinship", "PF", 2, "SW", 16),
    ("Safeguarding and Quality Assurance", "Independent Reviewing Service", "IRO", 12, "IRO", 70),
]
# Agency cover: about a third of hires, staying about 14 months against 4 years for permanent staff,
# so agency workers hold about 15% of FTE at any date (England 13-18%, benchmarks.csv sw_agency).
P_AGENCY_HIRE = 0.32
AGENCY_TENURE_DAYS = 420
PERMANENT_TENURE_DAYS = 1_500


@dataclass
class Post:
    team_id: int
    team_kind: str
    role: str
    holders: list[tuple[int, date, date | None]] = field(default_factory=list)


@dataclass
class Workforce:
    team_ids: dict[str, list[int]] = field(default_factory=dict)  # kind -> team ids
    team_names: dict[int, str] = field(default_factory=dict)
    posts: dict[int, list[Post]] = field(default_factory=dict)  # team id -> practitioner posts
    managers: dict[int, int] = field(default_factory=dict)  # team id -> team manager worker id
    head_of: dict[int, int] = field(default_factory=dict)  # team id -> head of service worker id

    def holders_on(self, team_id: int, day: date) -> list[int]:
        found = []
        for post in self.posts[team_id]:
            for worker_id, start, end in post.holders:
                if start <= day and (end is None or day <= end):
                    found.append(worker_id)
        return found


class StaffMaker:
    def __init__(self, rng: random.Random, data: Dataset) -> None:
        self.rng = rng
        self.data = data
        self.number = 0

    def hire(
        self,
        team_id: int,
        role: str,
        start: date,
        leave: date | None,
        *,
        agency: bool,
        nqsw: bool = False,
    ) -> int:
        self.number += 1
        sex = self.rng.choice("FFFM")
        first, last = person_name(self.rng, sex)
        registered = role in {"SW", "TM", "HOS", "IRO", "SP"}
        return self.data.add(
            "workforce.Worker",
            staff_id=f"S{self.number:05d}",
            first_name=first,
            last_name=last,
            role=role,
            team_id=team_id,
            swe_number=f"SW{self.rng.randrange(10000, 999999)}" if registered else "",
            fte=self.rng.choice([1, 1, 1, 1, 1, 0.8, 0.6]),
            agency=agency,
            newly_qualified=nqsw,
            start_date=start,
            leave_date=leave,
        )


def _fill_post(rng: random.Random, staff: StaffMaker, post: Post, begin: date, end: date) -> None:
    """Holders of one post from `begin` to `end`: tenure, vacancy, sometimes agency cover."""
    day = begin - timedelta(days=rng.randrange(0, 6 * 365))
    while day <= end:
        agency = rng.random() < P_AGENCY_HIRE
        tenure = rng.expovariate(1 / (AGENCY_TENURE_DAYS if agency else PERMANENT_TENURE_DAYS))
        leave = day + timedelta(days=max(60, int(tenure)))
        nqsw = not agency and post.role == "SW" and rng.random() < 0.15
        holder_leave = leave if leave <= end else None
        worker_id = staff.hire(post.team_id, post.role, day, holder_leave, agency=agency, nqsw=nqsw)
        post.holders.append((worker_id, day, holder_leave))
        if holder_leave is None:
            break
        day = leave + timedelta(days=rng.choice([1, 1, 7, 14, 30, 45, 60]))


def build_workforce(spec: CouncilSpec, rng: random.Random, data: Dataset) -> Workforce:
    workforce = Workforce()
    staff = StaffMaker(rng, data)
    begin, end = spec.warm_up_start, spec.reference_date
    services: dict[str, int] = {}
    for service, team_name, kind, posts, role, limit in TEAM_PLAN:
        if service not in services:
            services[service] = data.add("workforce.Service", name=service)
            staff.hire(0, "HOS", begin - timedelta(days=900), None, agency=False)
            data.rows("workforce.Worker")[-1]["_service_head"] = services[service]
        team_id = data.add(
            "workforce.Team",
            name=team_name,
            service_id=services[service],
            kind=kind,
            caseload_limit=limit,
        )
        workforce.team_ids.setdefault(kind, []).append(team_id)
        workforce.team_names[team_id] = team_name
        manager = staff.hire(
            team_id, "TM", begin - timedelta(days=rng.randrange(100, 2000)), None, agency=False
        )
        workforce.managers[team_id] = manager
        workforce.posts[team_id] = []
        for _ in range(max(1, round(posts * spec.size))):
            post = Post(team_id=team_id, team_kind=kind, role=role)
            _fill_post(rng, staff, post, begin, end)
            workforce.posts[team_id].append(post)
    _place_heads_of_service(data, workforce)
    _supervision(spec, rng, data, workforce)
    return workforce


def _place_heads_of_service(data: Dataset, workforce: Workforce) -> None:
    """A head of service sits in the first team of their service."""
    first_team = {}
    for team in data.rows("workforce.Team"):
        first_team.setdefault(team["service_id"], team["id"])
    for worker in data.rows("workforce.Worker"):
        service_id = worker.pop("_service_head", None)
        if service_id is not None:
            worker["team_id"] = first_team.get(service_id, 0)
    heads = {w["team_id"]: w["id"] for w in data.rows("workforce.Worker") if w["role"] == "HOS"}
    team_service = {t["id"]: t["service_id"] for t in data.rows("workforce.Team")}
    workforce.head_of = {
        team_id: heads[first_team[service_id]] for team_id, service_id in team_service.items()
    }


def _supervision(spec: CouncilSpec, rng: random.Random, data: Dataset, workforce: Workforce) -> None:
    """Monthly supervision with drift; about 40% reflective; observations twice a year for most."""
    window_start = spec.history_start - timedelta(days=365)
    for team_id, posts in workforce.posts.items():
        manager = workforce.managers[team_id]
        for post in posts:
            for worker_id, start, end in post.holders:
                day = max(start, window_start) + timedelta(days=rng.randrange(5, 30))
                stop = min(end or spec.reference_date, spec.reference_date)
                while day <= stop:
                    data.add(
                        "workforce.Supervision",
                        worker_id=worker_id,
                        supervisor_id=manager,
                        supervision_date=day,
                        reflective=rng.random() < 0.4,
                    )
                    late = rng.random() > 0.82
                    day += timedelta(days=rng.randrange(40, 75) if late else rng.randrange(24, 33))
                observation = max(start, window_start) + timedelta(days=rng.randrange(30, 180))
                while observation <= stop:
                    if rng.random() < 0.8:
                        data.add(
                            "workforce.PracticeObservation",
                            worker_id=worker_id,
                            observer_id=manager,
                            observation_date=observation,
                        )
                    observation += timedelta(days=rng.randrange(150, 210))
        head = workforce.head_of[team_id]
        day = spec.history_start - timedelta(days=365)
        while day <= spec.reference_date:
            data.add(
                "workforce.Supervision",
                worker_id=manager,
                supervisor_id=head,
                supervision_date=day,
                reflective=rng.random() < 0.5,
            )
            day += timedelta(days=rng.randrange(26, 40))

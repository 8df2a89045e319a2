"""The children, teams and viewers the role tests ask about (one of each kind of allocation)."""

from __future__ import annotations

from sightline.accounts.roles import ChildScope, Role, Viewer

MY_WORKER, MY_TEAM, MY_SERVICE = 10, 1, 100
OTHER_WORKER, OTHER_TEAM, OTHER_SERVICE = 20, 2, 200

mine = ChildScope(
    child_id=1,
    worker_ids=frozenset({MY_WORKER}),
    team_ids=frozenset({MY_TEAM}),
    service_ids=frozenset({MY_SERVICE}),
)
teammates = ChildScope(
    child_id=2, worker_ids=frozenset({11}), team_ids=frozenset({MY_TEAM}), service_ids=frozenset({MY_SERVICE})
)
same_service = ChildScope(
    child_id=3, worker_ids=frozenset({12}), team_ids=frozenset({3}), service_ids=frozenset({MY_SERVICE})
)
elsewhere = ChildScope(
    child_id=4,
    worker_ids=frozenset({OTHER_WORKER}),
    team_ids=frozenset({OTHER_TEAM}),
    service_ids=frozenset({OTHER_SERVICE}),
)
with_iro = ChildScope(
    child_id=5,
    worker_ids=frozenset({OTHER_WORKER, 30}),
    team_ids=frozenset({OTHER_TEAM}),
    service_ids=frozenset({OTHER_SERVICE}),
    iro_worker_ids=frozenset({30}),
)
restricted = ChildScope(
    child_id=6,
    restricted=True,
    worker_ids=frozenset({MY_WORKER}),
    team_ids=frozenset({MY_TEAM}),
    service_ids=frozenset({MY_SERVICE}),
)
CHILDREN = {
    "mine": mine,
    "teammates": teammates,
    "same_service": same_service,
    "elsewhere": elsewhere,
    "with_iro": with_iro,
    "restricted": restricted,
}


def viewer(role: Role, **kwargs) -> Viewer:
    base = {"worker_id": MY_WORKER, "team_ids": frozenset({MY_TEAM}), "service_ids": frozenset({MY_SERVICE})}
    base.update(kwargs)
    return Viewer(role=role, **base)


EXPECTED = {
    # role: the children it may open (restricted records need naming, for every role)
    Role.PRACTITIONER: {"mine", "teammates"},
    Role.TEAM_MANAGER: {"mine", "teammates"},
    Role.HEAD_OF_SERVICE: {"mine", "teammates", "same_service"},
    Role.IRO: {"mine", "with_iro"},
    Role.AUDITOR: set(),  # only the children of audits they are given (below)
    Role.PERFORMANCE_ANALYST: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.DIRECTOR: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.ADMINISTRATOR: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.QA_LEAD: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.ELECTED_MEMBER: set(),
    Role.PARTNER_AGENCY: set(),
}

"""Object-level rules for every role, as plain functions."""

import pytest

from sightline.accounts import roles
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
    Role.AUDITOR: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.PERFORMANCE_ANALYST: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.DIRECTOR: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.ADMINISTRATOR: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.QA_LEAD: {"mine", "teammates", "same_service", "elsewhere", "with_iro"},
    Role.ELECTED_MEMBER: set(),
    Role.PARTNER_AGENCY: set(),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_its_children(role):
    allowed = {name for name, child in CHILDREN.items() if roles.can_view_child(viewer(role), child)}
    assert allowed == EXPECTED[role]


@pytest.mark.parametrize("role", [r for r in Role if r not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}])
def test_restricted_records_open_only_to_named_users(role):
    assert not roles.can_view_child(viewer(role), restricted)
    named = viewer(role, named_restricted_child_ids=frozenset({restricted.child_id}))
    assert roles.can_view_child(named, restricted)


@pytest.mark.parametrize("role", list(Role))
def test_only_elected_members_and_partner_agencies_are_kept_from_child_level_data(role):
    expected = role not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}
    assert roles.sees_child_level_data(viewer(role, agency="health")) is expected


def test_elected_members_never_see_child_level_data_even_when_named():
    member = viewer(Role.ELECTED_MEMBER, named_restricted_child_ids=frozenset({restricted.child_id}))
    assert not roles.sees_child_level_data(member)
    assert not any(roles.can_view_child(member, child) for child in CHILDREN.values())
    assert not roles.can_export_child_lists(member)


@pytest.mark.parametrize(("value", "shown"), [(0, 0), (1, "1-5"), (5, "1-5"), (6, 6), (None, None)])
def test_small_numbers_are_suppressed_for_elected_members_only(value, shown):
    assert roles.suppress(value, viewer(Role.ELECTED_MEMBER)) == shown
    assert roles.suppress(value, viewer(Role.DIRECTOR)) == value


@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_change_settings_and_review_the_access_log(role):
    assert roles.can_change_settings(viewer(role)) is (role is Role.ADMINISTRATOR)
    assert roles.can_review_access_log(viewer(role)) is (role is Role.ADMINISTRATOR)


def test_a_practitioner_with_no_team_sees_only_their_own_children():
    lone = viewer(Role.PRACTITIONER, team_ids=frozenset())
    assert roles.can_view_child(lone, mine)
    assert not roles.can_view_child(lone, teammates)


@pytest.mark.parametrize("role", list(Role))
def test_only_performance_analysts_and_administrators_manage_returns(role):
    expected = role in {Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR}
    assert roles.can_manage_returns(viewer(role)) is expected
    named = viewer(role, named_restricted_child_ids=frozenset({restricted.child_id}))
    assert roles.can_manage_returns(named) is expected

"""Who reads the registers of shared work, sees which row and changes it."""

import pytest

from sightline.accounts import roles
from sightline.accounts.roles import Role

from .kit import (
    CHILDREN,
    EXPECTED,
    MY_SERVICE,
    MY_TEAM,
    MY_WORKER,
    OTHER_SERVICE,
    OTHER_TEAM,
    OTHER_WORKER,
    viewer,
)

# ----- registers of shared work ---------------------------------------------------------------
PLAN = roles.RegisterRules(owner_edits=True, agency_rows=True)
ABOUT_A_CHILD = roles.RegisterRules(editors=frozenset({Role.IRO, Role.QA_LEAD}), child_rows=True)
ROWS = {
    # a row owned by me, by a teammate, by someone in my service, by someone elsewhere; one for health
    "my_own": roles.RowScope(owner_worker_id=MY_WORKER, owner_team_id=MY_TEAM, owner_service_id=MY_SERVICE),
    "my_team": roles.RowScope(owner_worker_id=11, owner_team_id=MY_TEAM, owner_service_id=MY_SERVICE),
    "my_service": roles.RowScope(owner_worker_id=12, owner_team_id=3, owner_service_id=MY_SERVICE),
    "elsewhere": roles.RowScope(
        owner_worker_id=OTHER_WORKER, owner_team_id=OTHER_TEAM, owner_service_id=OTHER_SERVICE
    ),
    "health": roles.RowScope(agencies=frozenset({"health", "police"})),
}
KEEPERS = {Role.QA_LEAD, Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR}
EVERY_ROW = set(ROWS)
EXPECTED_CHANGES = {
    Role.PRACTITIONER: {"my_own"},
    Role.TEAM_MANAGER: {"my_own", "my_team"},
    Role.HEAD_OF_SERVICE: {"my_own", "my_team", "my_service"},
    Role.IRO: {"my_own"},
    Role.AUDITOR: {"my_own"},
    **{role: EVERY_ROW for role in KEEPERS},
    Role.ELECTED_MEMBER: set(),
}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PARTNER_AGENCY])
def test_each_council_role_sees_and_changes_exactly_its_plan_rows(role):
    me = viewer(role)
    seen = {name for name, row in ROWS.items() if roles.can_see_row(me, PLAN, row)}
    changed = {name for name, row in ROWS.items() if roles.can_change_row(me, PLAN, row)}
    assert seen == (set() if role is Role.ELECTED_MEMBER else EVERY_ROW)
    assert changed == EXPECTED_CHANGES[role]
    assert roles.can_add_row(me, PLAN) is (role in KEEPERS)
    expected_access = "aggregates" if role is Role.ELECTED_MEMBER else "rows"
    assert roles.register_access(me, PLAN) == expected_access


def test_partner_agencies_see_and_change_only_rows_addressed_to_them():
    health = viewer(Role.PARTNER_AGENCY, agency="health", worker_id=None)
    education = viewer(Role.PARTNER_AGENCY, agency="education", worker_id=None)
    assert roles.register_access(health, PLAN) == "agency"
    assert {n for n, r in ROWS.items() if roles.can_see_row(health, PLAN, r)} == {"health"}
    assert {n for n, r in ROWS.items() if roles.can_change_row(health, PLAN, r)} == {"health"}
    assert not any(roles.can_see_row(education, PLAN, r) for r in ROWS.values())
    assert not roles.can_add_row(health, PLAN)
    # A register that is not shared with partners shows them nothing at all.
    assert roles.register_access(health, roles.RegisterRules()) == "none"
    assert not roles.can_see_row(health, roles.RegisterRules(), ROWS["health"])
    # A partner user without an agency sees nothing even of a shared register.
    assert roles.register_access(viewer(Role.PARTNER_AGENCY), PLAN) == "none"


@pytest.mark.parametrize("role", list(Role))
def test_rows_about_a_child_follow_the_child(role):
    me = viewer(role)
    for name, child in CHILDREN.items():
        row = roles.RowScope(child=child)
        assert roles.can_see_row(me, ABOUT_A_CHILD, row) is (name in EXPECTED[role]), name
        expected_change = name in EXPECTED[role] and role in {Role.IRO, Role.QA_LEAD}
        assert roles.can_change_row(me, ABOUT_A_CHILD, row) is expected_change, name


def test_an_overview_lists_only_the_registers_its_viewer_may_open_in_their_order():
    from types import SimpleNamespace

    shared, internal, iro_only = (
        SimpleNamespace(name="plan", rules=PLAN),
        SimpleNamespace(name="internal", rules=roles.RegisterRules()),
        SimpleNamespace(name="iro", rules=roles.RegisterRules(readers=frozenset({Role.IRO}))),
    )
    registers = [iro_only, shared, internal]
    health = viewer(Role.PARTNER_AGENCY, agency="health", worker_id=None)
    assert [r.name for r in roles.visible_registers(health, registers)] == ["plan"]
    assert roles.visible_registers(viewer(Role.PARTNER_AGENCY), registers) == []  # no agency: none
    assert [r.name for r in roles.visible_registers(viewer(Role.ELECTED_MEMBER), registers)] == [
        "iro",
        "plan",
        "internal",
    ]

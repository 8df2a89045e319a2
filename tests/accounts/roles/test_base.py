"""The roles and the rules for children, teams, small numbers, settings, returns and SPC rebases."""

import re

import pytest

from sightline.accounts import roles
from sightline.accounts.roles import Role, Viewer

from .kit import (
    CHILDREN,
    EXPECTED,
    MY_SERVICE,
    MY_TEAM,
    OTHER_SERVICE,
    OTHER_TEAM,
    elsewhere,
    mine,
    restricted,
    teammates,
    viewer,
)


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


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, 0), (1, "1-5 (suppressed)"), (5, "1-5 (suppressed)"), (6, 6), (None, None)],
)
def test_small_numbers_are_suppressed_for_elected_members_only(value, shown):
    assert roles.suppress(value, viewer(Role.ELECTED_MEMBER)) == shown
    assert roles.suppress(value, viewer(Role.DIRECTOR)) == value
    assert roles.small_count(value) == shown


def test_a_suppressed_count_is_spelt_one_way_the_readmes():
    """The README's words; no page, export or report spells it another way ("1-5" alone, with an en dash)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    assert f'shown as "{roles.SUPPRESSED_SMALL}"' in (root / "README.md").read_text()
    other = re.compile(r"1\N{EN DASH}5|[\"'>]1-5[\"'<]")
    spelt = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted((root / "src" / "sightline").rglob("*"))
        if path.suffix in {".py", ".html", ".txt"}
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if other.search(line)
    ]
    assert not spelt, spelt


@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_change_settings_and_review_the_access_log(role):
    assert roles.can_change_settings(viewer(role)) is (role is Role.ADMINISTRATOR)
    assert roles.can_review_access_log(viewer(role)) is (role is Role.ADMINISTRATOR)


TEAM_PAGES_WITHOUT_A_TEAM = {
    # role: whether any team page opens for it when it belongs to no team (the Teams menu item)
    Role.PRACTITIONER: False,
    Role.TEAM_MANAGER: False,
    Role.AUDITOR: False,  # works across teams; opens only the children of its audits
    Role.IRO: True,
    Role.HEAD_OF_SERVICE: True,  # through the services it leads
    Role.PERFORMANCE_ANALYST: True,
    Role.DIRECTOR: True,
    Role.ADMINISTRATOR: True,
    Role.QA_LEAD: True,
    Role.ELECTED_MEMBER: False,
    Role.PARTNER_AGENCY: False,
}


@pytest.mark.parametrize("role", list(Role))
def test_the_teams_menu_is_for_those_a_team_page_opens_for(role):
    no_team = viewer(role, team_ids=frozenset())
    assert roles.sees_team_pages(no_team) is TEAM_PAGES_WITHOUT_A_TEAM[role]
    in_a_team = roles.sees_child_level_data(viewer(role))
    assert roles.sees_team_pages(viewer(role)) is in_a_team
    assert roles.sees_team_pages(viewer(role, team_ids=frozenset(), service_ids=frozenset())) is (
        TEAM_PAGES_WITHOUT_A_TEAM[role] and role is not Role.HEAD_OF_SERVICE
    )


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


@pytest.mark.parametrize("role", [r for r in Role if r not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}])
def test_a_child_whose_audit_the_viewer_is_given_opens_for_them(role):
    given = viewer(role, audit_child_ids=frozenset({elsewhere.child_id}))
    assert roles.can_view_child(given, elsewhere)
    given_restricted = viewer(role, audit_child_ids=frozenset({restricted.child_id}))
    assert not roles.can_view_child(given_restricted, restricted)


def test_partner_agencies_and_elected_members_open_no_child_even_with_an_audit():
    for role in (Role.ELECTED_MEMBER, Role.PARTNER_AGENCY):
        assert not roles.can_view_child(viewer(role, audit_child_ids=frozenset({mine.child_id})), mine)


@pytest.mark.parametrize("role", list(Role))
def test_performance_and_qa_teams_record_spc_rebases(role):
    expected = role in {Role.PERFORMANCE_ANALYST, Role.QA_LEAD, Role.ADMINISTRATOR}
    assert roles.can_record_spc_rebase(viewer(role)) is expected


MY_TEAM_SCOPE = roles.TeamScope(team_id=MY_TEAM, service_id=MY_SERVICE)
SERVICE_TEAM = roles.TeamScope(team_id=3, service_id=MY_SERVICE)
OTHER_TEAM_SCOPE = roles.TeamScope(team_id=OTHER_TEAM, service_id=OTHER_SERVICE)
TEAMS_EXPECTED = {
    # role: which of (my team, another team in my service, a team elsewhere) opens
    Role.PRACTITIONER: (True, False, False),
    Role.TEAM_MANAGER: (True, False, False),
    Role.AUDITOR: (True, False, False),
    Role.IRO: (True, True, True),
    Role.HEAD_OF_SERVICE: (True, True, False),
    Role.PERFORMANCE_ANALYST: (True, True, True),
    Role.DIRECTOR: (True, True, True),
    Role.ADMINISTRATOR: (True, True, True),
    Role.QA_LEAD: (True, True, True),
    Role.ELECTED_MEMBER: (False, False, False),
    Role.PARTNER_AGENCY: (False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_team_pages_per_role(role):
    who = viewer(role)
    opens = tuple(roles.can_view_team(who, t) for t in (MY_TEAM_SCOPE, SERVICE_TEAM, OTHER_TEAM_SCOPE))
    assert opens == TEAMS_EXPECTED[role]
    assert roles.sees_team_pages(who) == any(opens)


def test_an_auditor_outside_any_team_opens_no_team_page():
    auditor = Viewer(role=Role.AUDITOR)
    assert not roles.can_view_team(auditor, MY_TEAM_SCOPE) and not roles.sees_team_pages(auditor)


@pytest.mark.parametrize("role", list(Role))
def test_only_a_team_manager_with_a_team_and_a_practitioner_with_a_worker_record_land_on_their_own_home(role):
    placed = Viewer(role=role, worker_id=7, team_ids=frozenset({MY_TEAM}))
    expected = {Role.TEAM_MANAGER: roles.TEAM_HOME, Role.PRACTITIONER: roles.CASELOAD_HOME}
    assert roles.home_of(placed) == expected.get(role, roles.COUNCIL_HOME)
    assert roles.home_of(Viewer(role=role)) == roles.COUNCIL_HOME

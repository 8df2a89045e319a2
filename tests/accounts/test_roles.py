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
    Role.AUDITOR: set(),  # only the children of audits they are given (below)
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


def audit(child=elsewhere, **kwargs) -> roles.AuditScope:
    base = {"audit_id": 1, "child": child, "auditor_worker_id": 77, "moderator_worker_id": 88}
    base.update(kwargs)
    return roles.AuditScope(**base)


AUDIT_VIEW = {
    # role: may they open an audit of a child elsewhere in the council that they neither do nor moderate?
    Role.PRACTITIONER: False,
    Role.TEAM_MANAGER: False,
    Role.HEAD_OF_SERVICE: False,
    Role.IRO: False,
    Role.AUDITOR: False,
    Role.PERFORMANCE_ANALYST: True,
    Role.DIRECTOR: True,
    Role.ADMINISTRATOR: True,
    Role.QA_LEAD: True,
    Role.ELECTED_MEMBER: False,
    Role.PARTNER_AGENCY: False,
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_the_audits_it_should(role):
    assert roles.can_view_audit(viewer(role), audit()) is AUDIT_VIEW[role]
    # Every council role sees the audit of a child of its own team (where it sees that child).
    assert roles.can_view_audit(viewer(role), audit(child=mine)) is (roles.can_view_child(viewer(role), mine))


@pytest.mark.parametrize("role", list(Role))
def test_only_audit_leads_manage_the_programme(role):
    assert roles.can_manage_audits(viewer(role)) is (role in {Role.QA_LEAD, Role.ADMINISTRATOR})
    assert roles.sees_audit_aggregates(viewer(role)) is (role is not Role.PARTNER_AGENCY)


def test_an_auditor_opens_and_edits_only_their_own_audit_until_it_is_finalised():
    me = viewer(Role.AUDITOR, worker_id=77)
    assert roles.can_view_audit(me, audit()) and roles.can_edit_audit(me, audit())
    assert not roles.can_edit_audit(me, audit(finalised=True))
    other = viewer(Role.AUDITOR, worker_id=78)
    assert not roles.can_view_audit(other, audit()) and not roles.can_edit_audit(other, audit())
    assert not roles.can_view_audit(me, audit(child=restricted))


def test_a_moderator_is_blind_to_the_first_grades_until_they_submit():
    moderator = viewer(Role.AUDITOR, worker_id=88)
    pending = audit(finalised=True)
    assert roles.can_view_audit(moderator, pending) and roles.can_moderate(moderator, pending)
    assert not roles.can_see_first_grades(moderator, pending)
    done = audit(finalised=True, moderation_submitted=True)
    assert roles.can_see_first_grades(moderator, done) and not roles.can_moderate(moderator, done)
    assert not roles.can_moderate(viewer(Role.AUDITOR, worker_id=77), pending)
    assert roles.can_see_first_grades(viewer(Role.QA_LEAD), pending)


def test_partner_agencies_see_only_multi_agency_audits_with_their_section():
    health = viewer(Role.PARTNER_AGENCY, agency="health", worker_id=None)
    assert roles.can_view_audit(health, audit(agencies=frozenset({"health", "police"})))
    assert not roles.can_view_audit(health, audit(agencies=frozenset({"police"})))
    assert not roles.can_view_audit(health, audit())
    assert roles.agency_sections(health) == "health" and roles.agency_sections(viewer(Role.QA_LEAD)) is None
    assert roles.can_edit_audit(health, audit(agencies=frozenset({"health"})))
    assert not roles.can_see_first_grades(health, audit(agencies=frozenset({"health"})))


@pytest.mark.parametrize("role", list(Role))
def test_the_childs_team_manager_or_a_qa_lead_responds_to_a_safeguarding_concern(role):
    expected = role in {Role.TEAM_MANAGER, Role.QA_LEAD, Role.ADMINISTRATOR}
    assert roles.can_respond_to_concern(viewer(role), MY_TEAM) is expected
    leads = {Role.QA_LEAD, Role.ADMINISTRATOR}
    assert roles.can_respond_to_concern(viewer(role), OTHER_TEAM) is (role in leads)


@pytest.mark.parametrize("role", list(Role))
def test_agreement_figures_naming_auditors_are_for_audit_readers(role):
    expected = role in {Role.QA_LEAD, Role.ADMINISTRATOR, Role.DIRECTOR, Role.PERFORMANCE_ANALYST}
    assert roles.can_review_moderation(viewer(role)) is expected


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


# ----- performance clinics ---------------------------------------------------------------------
CLINIC_OWN_TEAM = roles.ClinicScope("team", MY_TEAM, MY_SERVICE, frozenset({MY_TEAM}))
CLINIC_OTHER_TEAM = roles.ClinicScope("team", 99, 98, frozenset({99}))
CLINIC_OWN_SERVICE = roles.ClinicScope("service", None, MY_SERVICE, frozenset({MY_TEAM, 5}))
CLINIC_COUNCIL = roles.ClinicScope("chief_executive", None, None, frozenset({MY_TEAM, 5, 99}))
CLINIC_VIEWS = {
    # role: which of own team, other team, own service, council clinics it opens
    Role.TEAM_MANAGER: (True, False, True, False),
    Role.HEAD_OF_SERVICE: (True, False, True, True),
    Role.DIRECTOR: (True, True, True, True),
    Role.QA_LEAD: (True, True, True, True),
    Role.PERFORMANCE_ANALYST: (True, True, True, True),
    Role.ADMINISTRATOR: (True, True, True, True),
}


@pytest.mark.parametrize("role", list(Role))
def test_who_opens_which_clinic(role):
    opens = tuple(
        roles.can_view_clinic(viewer(role), c)
        for c in (CLINIC_OWN_TEAM, CLINIC_OTHER_TEAM, CLINIC_OWN_SERVICE, CLINIC_COUNCIL)
    )
    assert opens == CLINIC_VIEWS.get(role, (False, False, False, False))
    assert roles.sees_clinics(viewer(role)) is (role in CLINIC_VIEWS)


def _at(scope, status):
    return roles.ClinicScope(scope.level, scope.team_id, scope.service_id, scope.team_ids, status)


@pytest.mark.parametrize("role", list(Role))
def test_each_step_of_a_team_briefing_belongs_to_one_kind_of_person(role):
    v = viewer(role)
    writes = role in {Role.TEAM_MANAGER, Role.QA_LEAD}
    assert roles.can_edit_briefing(v, _at(CLINIC_OWN_TEAM, "draft")) is writes
    assert roles.can_submit_briefing(v, _at(CLINIC_OWN_TEAM, "submitted")) is False
    assert roles.can_review_briefing(v, _at(CLINIC_OWN_TEAM, "submitted")) is (role in roles.CLINIC_REVIEWERS)
    assert roles.can_review_briefing(v, _at(CLINIC_OWN_TEAM, "draft")) is False
    chairs = role in {Role.HEAD_OF_SERVICE, Role.DIRECTOR}
    assert roles.can_sign_off_briefing(v, _at(CLINIC_OWN_TEAM, "reviewed")) is chairs
    assert roles.can_sign_off_briefing(v, _at(CLINIC_OWN_TEAM, "submitted")) is False
    assert roles.can_sign_off_briefing(v, _at(CLINIC_OTHER_TEAM, "reviewed")) is (role is Role.DIRECTOR)
    assert roles.can_return_briefing(v, _at(CLINIC_OWN_TEAM, "reviewed")) is chairs
    assert roles.can_raise_clinic_action(v, _at(CLINIC_OWN_TEAM, "signed_off")) is False
    assert roles.can_schedule_clinics(v) is (role in roles.CLINIC_REVIEWERS | {Role.ADMINISTRATOR})


def test_the_council_s_clinics_are_written_by_the_director_and_service_ones_by_their_head():
    assert roles.can_edit_briefing(viewer(Role.DIRECTOR), _at(CLINIC_COUNCIL, "draft"))
    assert not roles.can_edit_briefing(viewer(Role.HEAD_OF_SERVICE), _at(CLINIC_COUNCIL, "draft"))
    assert roles.can_edit_briefing(viewer(Role.HEAD_OF_SERVICE), _at(CLINIC_OWN_SERVICE, "draft"))
    assert not roles.can_edit_briefing(
        viewer(Role.HEAD_OF_SERVICE, service_ids=frozenset({7})), _at(CLINIC_OWN_SERVICE, "draft")
    )
    assert not roles.can_edit_briefing(viewer(Role.TEAM_MANAGER), _at(CLINIC_OWN_SERVICE, "draft"))


@pytest.mark.parametrize("role", list(Role))
def test_board_reports_are_for_council_staff_and_elected_members_who_get_the_committee_version(role):
    assert roles.can_read_board_reports(viewer(role)) is (role is not Role.PARTNER_AGENCY)
    assert roles.reads_committee_version(viewer(role)) is (role is Role.ELECTED_MEMBER)
    writers = {
        Role.QA_LEAD,
        Role.PERFORMANCE_ANALYST,
        Role.DIRECTOR,
        Role.ADMINISTRATOR,
        Role.HEAD_OF_SERVICE,
    }
    assert roles.can_edit_self_evaluation(viewer(role)) is (role in writers)
    staff = role not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}
    assert roles.can_read_self_evaluation(viewer(role)) is staff

"""Who opens a performance clinic and does each step of its briefing."""

import pytest

from sightline.accounts import roles
from sightline.accounts.roles import Role

from .kit import MY_SERVICE, MY_TEAM, viewer

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

"""Who runs, reads and does each part of the audit programme."""

import pytest

from sightline.accounts import roles
from sightline.accounts.roles import Role

from .kit import MY_TEAM, OTHER_TEAM, elsewhere, mine, restricted, viewer


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

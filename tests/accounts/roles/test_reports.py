"""Who reads the board reports and which version."""

import pytest

from sightline.accounts import roles
from sightline.accounts.roles import Role

from .kit import viewer


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

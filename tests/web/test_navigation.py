"""The menu leads only where the viewer may go: the Teams item is shown exactly when a team
page opens for the viewer, and the teams list links only pages that open."""

import re

import pytest

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.audits.models import Audit
from sightline.workforce.models import Team

pytestmark = pytest.mark.django_db

TEAM_LINK = re.compile(r'href="/teams/(\d+)/"')


@pytest.mark.parametrize("role", list(Role))
def test_the_teams_menu_item_and_list_agree_with_the_team_pages(role, signed_in):
    client, user = signed_in(role)
    if role is Role.AUDITOR:  # an auditor given audits, as in the demo
        audit = Audit.objects.filter(auditor__isnull=False).first()
        StaffProfile.objects.filter(user=user).update(worker=audit.auditor)
    home = client.get("/").content.decode()
    menu = home.split('id="navigation"')[1].split("</ul>")[0]
    opens = [t.pk for t in Team.objects.all() if client.get(f"/teams/{t.pk}/").status_code == 200]
    assert ('href="/teams/"' in menu) is bool(opens), (role, opens)
    listing = client.get("/teams/")
    if not opens:
        assert listing.status_code == 403
        return
    listed = {int(pk) for pk in TEAM_LINK.findall(listing.content.decode())}
    assert listed == set(opens)

"""The safeguarding concern alert on every page of a team manager (audits/context.py): kept
between pages, yet shown as soon as a concern is raised and gone as soon as it is answered."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from sightline.accounts.roles import Role
from sightline.audits.models import Audit
from sightline.audits.services.editing import raise_concern, respond_to_concern

pytestmark = pytest.mark.django_db


def _alert(client) -> str:
    page = html.unescape(client.get("/children/").content.decode())
    if 'id="audit-concern-alert"' not in page:
        return ""
    return page.split('id="audit-concern-alert"', 1)[1].split("</div>\n</div>", 1)[0]


def test_the_alert_shows_a_concern_at_once_and_goes_once_it_is_answered(signed_in, locality):
    client, _ = signed_in(Role.TEAM_MANAGER)
    audit = Audit.objects.filter(team=locality).select_related("child").order_by("pk").first()
    assert audit is not None, "the generated council has an audit of the team's children"
    before = _alert(client)
    assert f"child {audit.child.la_child_id}" not in before
    concern = raise_concern(audit, "Father back in the household", by="Sam Auditor")
    shown = _alert(client)
    assert f"by Sam Auditor on the audit of child {audit.child.la_child_id} (Locality North)" in shown
    assert f'href="{reverse("audit-concern", args=[concern.pk])}"' in shown
    respond_to_concern(concern, "Strategy discussion held", by="Manager")
    assert f"child {audit.child.la_child_id}" not in _alert(client)


def test_a_restricted_childs_concern_is_not_named_to_a_manager_not_named_on_the_child(signed_in, locality):
    """A restricted child opens only for those named on it (accounts.roles.can_view_child), so
    neither the alert on every page nor the programme's list of concerns may name the child."""
    from sightline.accounts.selectors import viewer_for
    from sightline.audits.selectors import open_concerns

    client, user = signed_in(Role.TEAM_MANAGER)
    audit = Audit.objects.filter(team=locality).select_related("child").order_by("pk").first()
    child = audit.child
    child.restricted = True
    child.save()
    concern = raise_concern(audit, "Father back in the household", by="Sam Auditor")
    assert f"child {child.la_child_id}" not in _alert(client)
    assert concern not in open_concerns(viewer_for(user))

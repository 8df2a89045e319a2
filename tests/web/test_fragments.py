"""The child's chronology kept rendered (web.fragments): served again until the data changes,
never to a viewer who may not open the child, and audits shown as soon as they are final."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from sightline.accounts.roles import Role
from sightline.records.services import bump_data_version
from sightline.workforce.models import Allocation, Team

from .conftest import child_allocated_to

pytestmark = pytest.mark.django_db

MARK = "2 January 2001"  # a start date no synthetic allocation has


def _page(client, child) -> str:
    response = client.get(f"/children/{child.pk}/?all=1")
    assert response.status_code == 200
    return response.content.decode()


def test_the_chronology_is_served_again_until_a_new_data_version(signed_in, locality):
    client, _ = signed_in(Role.DIRECTOR)
    child = child_allocated_to(locality)
    assert MARK not in _page(client, child)
    # A write outside an import (which would bump the version) is not shown yet: the copy is kept.
    earliest = Allocation.objects.filter(child=child).order_by("start_date").first()
    Allocation.objects.filter(pk=earliest.pk).update(start_date=date(2001, 1, 2))
    assert MARK not in _page(client, child)
    bump_data_version()
    assert MARK in _page(client, child)


def test_a_kept_chronology_never_reaches_a_viewer_who_may_not_open_the_child(signed_in, locality):
    other_team = Team.objects.get(name="Locality South")
    child = child_allocated_to(other_team, exclude_team=locality)
    director, _ = signed_in(Role.DIRECTOR)
    shown = _page(director, child)
    assert 'id="chronology"' in shown and "events, newest first" in shown  # rendered and kept
    director.logout()
    practitioner, _ = signed_in(Role.PRACTITIONER, username="a-practitioner")
    for path in (f"/children/{child.pk}/", f"/children/{child.pk}/?all=1"):
        response = practitioner.get(path)
        assert response.status_code == 404
        page = response.content.decode()
        assert child.la_child_id not in page and 'id="chronology"' not in page


def test_a_finalised_audit_shows_at_once_without_a_new_data_version(signed_in, locality):
    from sightline.audits.models import Audit, AuditTool
    from sightline.audits.services import ensure_default_tools, latest_version

    client, _ = signed_in(Role.DIRECTOR)
    child = child_allocated_to(locality)
    ensure_default_tools()
    tool = AuditTool.objects.get(key="collaborative")
    assert "Auditor Ada Lovelace-Test" not in _page(client, child)
    Audit.objects.create(
        tool_version=latest_version(tool),
        child=child,
        auditor_name="Ada Lovelace-Test",
        status=Audit.Status.FINALISED,
        audit_date=date(2026, 2, 1),
        overall_grade=2,
        finalised_at="2026-02-01T12:00:00Z",
        updated_at="2026-03-01T00:00:00Z",
    )
    page = _page(client, child)
    assert "Auditor Ada Lovelace-Test" in page and tool.name in page


def _stripped(page: str) -> str:
    """A page without what differs between any two requests (the CSRF token)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.mark.parametrize(
    "path",
    [
        "/indicators/assessments_45wd/?period=rolling_12&list=denominator",
        "/indicators/referrals/?period=rolling_12&level=service&unit={service}",
        "/demand/",
        "/children/{child}/",
    ],
)
def test_kept_parts_are_what_each_viewer_would_be_shown_afresh(make_user, client, locality, path):
    """Each viewer in turn (the director first, filling the cache; a practitioner, a team
    manager, an elected member after) gets the page they would get with nothing kept."""
    path = path.format(service=locality.service_id, child=child_allocated_to(locality).pk)
    for role in (Role.DIRECTOR, Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ELECTED_MEMBER):
        client.force_login(make_user(role, username=f"{role.value}-fragments"))
        kept = client.get(path)
        cache.clear()
        fresh = client.get(path)
        assert kept.status_code == fresh.status_code
        assert _stripped(kept.content.decode()) == _stripped(fresh.content.decode()), role


def test_the_demand_page_shows_new_contacts_after_a_new_data_version(signed_in):
    from sightline.records.models import Child, Contact
    from sightline.web.selectors import as_at

    client, _ = signed_in(Role.DIRECTOR)
    before = _stripped(client.get("/demand/").content.decode())
    on = as_at()
    child = Child.objects.first()
    Contact.objects.bulk_create(
        [Contact(child=child, contact_date=on, source="1A", outcome="NFA") for _ in range(7)]
    )
    assert _stripped(client.get("/demand/").content.decode()) == before  # no new version: kept
    bump_data_version()
    assert _stripped(client.get("/demand/").content.decode()) != before


def test_one_kept_helper_keeps_empty_parts_refuses_forms_and_follows_the_versions(locality):
    """fragments.kept, which every kept part goes through (chronology, panels, alerts, tables)."""
    from sightline.web import fragments

    cache.clear()
    built = []

    def part(name, value, **options):
        return fragments.kept(name, ("p",), lambda: built.append(name) or value, **options)

    for _ in range(2):
        part("empty", [], figures=False)  # an empty list of alerts is kept too
        part("form", "csrfmiddlewaretoken", figures=False, keep=lambda h: "csrf" not in h)
        part("by-content", "rows", figures=None)
    assert built == ["empty", "form", "by-content", "form"]
    bump_data_version()
    part("empty", [], figures=False)
    part("by-content", "rows", figures=None)  # keyed by what it shows alone: still current
    assert built[4:] == ["empty"]


def test_staff_of_one_access_scope_share_a_kept_part_and_other_scopes_do_not():
    from pathlib import Path

    from sightline.accounts import roles
    from sightline.web.fragments import viewer_key

    manager = roles.Viewer(role=Role.TEAM_MANAGER, team_ids=frozenset({1}), user_id=1)
    assert viewer_key(manager) == viewer_key(
        roles.Viewer(role=Role.TEAM_MANAGER, team_ids=frozenset({1}), user_id=2)
    )
    assert viewer_key(manager) != viewer_key(
        roles.Viewer(role=Role.TEAM_MANAGER, team_ids=frozenset({2}), user_id=1)
    )
    assert viewer_key(manager) != viewer_key(roles.Viewer(role=Role.DIRECTOR, user_id=1))
    # The key may leave the user out only while no access rule reads it.
    rules = Path(roles.__file__).parent
    readers = [p.name for p in rules.glob("*.py") if ".user_id" in p.read_text()]
    assert readers == []

"""Django admin for child-level records: read-only, restricted children hidden unless the user
is named for them, and every list and record opened written to the access log."""

from __future__ import annotations

import pytest

from sightline.accesslog.models import RecordAccess
from sightline.accounts.models import RestrictedRecordAccess
from sightline.accounts.roles import Role
from sightline.records.models import Child


@pytest.fixture
def admin_client(client, superuser):
    return client, superuser


@pytest.fixture
def restricted_child(council):
    child = Child.objects.filter(restricted=False).order_by("pk").first()
    Child.objects.filter(pk=child.pk).update(restricted=True)
    yield Child.objects.get(pk=child.pk)
    Child.objects.filter(pk=child.pk).update(restricted=False)


def test_a_restricted_child_is_not_in_the_admin_until_the_user_is_named(admin_client, restricted_child):
    client, user = admin_client
    search = f"/admin/records/child/?q={restricted_child.la_child_id}"
    page = client.get(search).content.decode()
    assert restricted_child.last_name not in page and "0 results" in page
    change = client.get(f"/admin/records/child/{restricted_child.pk}/change/")
    assert change.status_code == 302 and restricted_child.last_name not in change.content.decode()
    RestrictedRecordAccess.objects.create(child=restricted_child, user=user, reason="Named by the DCS")
    assert restricted_child.la_child_id in client.get(search).content.decode()
    assert client.get(f"/admin/records/child/{restricted_child.pk}/change/").status_code == 200


def test_child_records_are_read_only_in_the_admin(admin_client):
    client, _ = admin_client
    child = Child.objects.filter(restricted=False).order_by("pk").first()
    page = client.get(f"/admin/records/child/{child.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(f"/admin/records/child/{child.pk}/change/", {"first_name": "Changed"})
    assert Child.objects.get(pk=child.pk).first_name == child.first_name
    assert client.get("/admin/records/child/add/").status_code == 403
    assert client.post(f"/admin/records/child/{child.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Child.objects.filter(pk=child.pk).exists()


def test_admin_lists_and_records_are_logged(admin_client):
    client, user = admin_client
    child = Child.objects.filter(restricted=False).order_by("pk").first()
    client.get("/admin/records/child/")
    client.get(f"/admin/records/child/{child.pk}/change/")
    entries = RecordAccess.objects.filter(user=user)
    listed = entries.get(action=RecordAccess.Action.LIST)
    assert listed.what.startswith("/admin/records/child/") and "children listed" in listed.what
    assert entries.get(action=RecordAccess.Action.VIEW).child_id == child.pk


def test_a_user_is_named_for_a_restricted_record_by_the_childs_id(admin_client, restricted_child, make_user):
    client, _ = admin_client
    named = make_user(Role.DIRECTOR, username="named-director")
    response = client.post(
        "/admin/accounts/restrictedrecordaccess/add/",
        {"la_child_id": restricted_child.la_child_id, "user": named.pk, "reason": "Case transferred"},
    )
    assert response.status_code == 302
    assert RestrictedRecordAccess.objects.filter(child=restricted_child, user=named).exists()
    unknown = client.post(
        "/admin/accounts/restrictedrecordaccess/add/",
        {"la_child_id": "NO-SUCH-CHILD", "user": named.pk, "reason": "Typo"},
    )
    assert "No child has the LA child ID NO-SUCH-CHILD." in unknown.content.decode()

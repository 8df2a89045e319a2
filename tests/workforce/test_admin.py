"""An edit of a service, team, worker or the council in the Django admin raises the data version,
as an import does: the engine's frames and the kept page parts (keyed by it) are built afresh."""

from __future__ import annotations

import pytest

from sightline.records.models import Council
from sightline.web import versions
from sightline.workforce.models import Service, Team, Worker


@pytest.fixture
def admin_client(client, superuser):
    return client


def _version() -> int:
    return Council.objects.values_list("data_version", flat=True).get()


def _raised(before: int) -> bool:
    return _version() != before


def _council_form(row: Council, **changes) -> dict:
    """The council's change form as the admin posts it, with `changes`."""
    form = {
        "name": row.name,
        "la_code": row.la_code,
        "population_0_17": row.population_0_17,
        "reference_date": row.reference_date.isoformat(),
        "synthetic_seed": row.synthetic_seed or "",
    }
    return {**form, **changes}


def test_a_team_renamed_in_the_admin_raises_the_data_version_and_the_key(admin_client, locality):
    before, key = _version(), versions.key_part(figures=False)
    page = admin_client.post(
        f"/admin/workforce/team/{locality.pk}/change/",
        {
            "name": "Locality North (renamed)",
            "service": locality.service_id,
            "kind": locality.kind,
            "caseload_limit": locality.caseload_limit,
        },
    )
    assert page.status_code == 302
    assert Team.objects.get(pk=locality.pk).name == "Locality North (renamed)"
    assert _raised(before) and versions.key_part(figures=False) != key


def test_a_worker_edit_raises_it_and_a_refused_one_does_not(admin_client, locality):
    worker = Worker.objects.filter(team=locality).order_by("pk").first()
    url = f"/admin/workforce/worker/{worker.pk}/change/"
    form = {
        "staff_id": worker.staff_id,
        "first_name": worker.first_name,
        "last_name": "Renamed",
        "role": worker.role,
        "team": worker.team_id,
        "fte": worker.fte,
        "start_date": worker.start_date.isoformat(),
    }
    before = _version()
    refused = admin_client.post(url, {**form, "team": ""})  # a worker's team is required
    assert refused.status_code == 200 and not _raised(before)
    assert admin_client.post(url, form).status_code == 302
    assert Worker.objects.get(pk=worker.pk).last_name == "Renamed" and _raised(before)


def test_services_added_and_deleted_in_the_admin_raise_it(admin_client):
    before = _version()
    assert admin_client.post("/admin/workforce/service/add/", {"name": "Early Help"}).status_code == 302
    assert _raised(before)
    added = Service.objects.get(name="Early Help")
    before = _version()
    assert (
        admin_client.post(f"/admin/workforce/service/{added.pk}/delete/", {"post": "yes"}).status_code == 302
    )
    assert not Service.objects.filter(pk=added.pk).exists() and _raised(before)
    again = Service.objects.create(name="Youth Justice")
    before = _version()
    listed = admin_client.post(
        "/admin/workforce/service/",
        {"action": "delete_selected", "_selected_action": [again.pk], "post": "yes"},
    )
    assert listed.status_code == 302
    assert not Service.objects.filter(pk=again.pk).exists() and _raised(before)


def test_the_councils_population_corrected_in_the_admin_raises_the_version_it_cannot_type(admin_client):
    from sightline.records.models import Council

    row = Council.objects.get()
    before = row.data_version
    # data_version is not a field of the form: ignored
    form = _council_form(row, population_0_17=row.population_0_17 + 100, data_version=1)
    assert admin_client.post(f"/admin/records/council/{row.pk}/change/", form).status_code == 302
    row.refresh_from_db()
    assert row.population_0_17 == form["population_0_17"] and row.data_version == before + 1
    assert admin_client.get("/admin/records/council/add/").status_code == 403


def test_a_council_edit_never_writes_back_the_version_it_was_opened_with(admin_client, monkeypatch):
    """An import that commits while the admin's form is being saved raised the version; the save
    must not put the old number back (kept parts under the next number would be served again)."""
    from django.db.models import F

    from sightline.records.admin import CouncilAdmin

    row = Council.objects.get()
    opened = CouncilAdmin.get_object

    def opened_then_imported(self, request, object_id, from_field=None):
        obj = opened(self, request, object_id, from_field)
        Council.objects.update(data_version=F("data_version") + 1)  # an import commits meanwhile
        return obj

    monkeypatch.setattr(CouncilAdmin, "get_object", opened_then_imported)
    before = row.data_version
    form = _council_form(row, population_0_17=row.population_0_17 + 1)
    assert admin_client.post(f"/admin/records/council/{row.pk}/change/", form).status_code == 302
    row.refresh_from_db()
    assert row.population_0_17 == form["population_0_17"]
    assert row.data_version == before + 2  # the import's and the admin's, neither undone

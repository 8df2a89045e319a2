"""The Returns page reads the council's SSD database on request, when one is configured."""

from __future__ import annotations

import pytest
from tests.imports.test_ssd_database import fill
from tests.ssd_source import source_url

from sightline.accounts.roles import Role
from sightline.imports.models import ImportRun
from sightline.imports.ssd_export import export_ssd
from sightline.jobs.models import Job

from .test_returns_pages import page_of, run_worker


def test_an_analyst_imports_from_the_configured_ssd_database(signed_in, settings, ssd_source, tmp_path):
    connection, schema = ssd_source
    export_ssd(tmp_path / "extract")
    fill(connection, schema, tmp_path / "extract")
    settings.SIGHTLINE_SSD_DATABASE_URL = source_url().replace("postgres@", "postgres:not-shown@")
    settings.SIGHTLINE_SSD_SCHEMA = schema
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    page = client.get("/returns/").content.decode()
    assert "Import from the SSD database now" in page and f"schema {schema}" in page
    assert "not-shown" not in page

    response = client.post("/returns/ssd-database/")
    job = Job.objects.order_by("-pk").first()
    assert response.status_code == 302 and response["Location"] == f"/returns/jobs/{job.pk}/"
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["outcome"] == "imported", job.result
    [run] = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    # The council's first extract matches the records already held, row for row.
    assert run.kind == "ssd" and run.status == ImportRun.Status.UNCHANGED and run.user == user
    assert run.unchanged > 100
    text = page_of(client, job)
    assert f"schema {schema}" in text and "not-shown" not in text


def test_without_a_configured_database_there_is_no_button_and_nothing_to_post(signed_in, settings):
    settings.SIGHTLINE_SSD_DATABASE_URL = ""
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    assert "Import from the SSD database now" not in client.get("/returns/").content.decode()
    assert client.post("/returns/ssd-database/").status_code == 404
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.DIRECTOR, Role.AUDITOR])
def test_only_those_who_manage_returns_may_ask(signed_in, settings, role):
    settings.SIGHTLINE_SSD_DATABASE_URL = "postgresql://reader@127.0.0.1/reporting"
    client, _ = signed_in(role)
    assert client.post("/returns/ssd-database/").status_code == 403
    assert not Job.objects.exists()

"""The Returns pages: upload, queue, run the worker, read the outcome and download it, as each role."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import etree
from lxml import html as lxml_html
from openpyxl import load_workbook

from imports import census as written
from sightline.accesslog.models import RecordAccess
from sightline.accounts.roles import Role
from sightline.cli import main
from sightline.imports import services as imports
from sightline.imports.models import ImportRun
from sightline.jobs.models import Job, JobFile
from sightline.returns.validators import validators_python

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def cin_export(council, tmp_path):
    """The loaded council's 2025-26 CIN census, as the exporter writes it."""
    return imports.export_cin(YEAR, tmp_path / "cin_census.xml")


def upload(path, name=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="application/xml")


def queue(client, action: str, data: dict) -> Job:
    response = client.post(f"/returns/{action}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.order_by("-pk").first()
    assert response["Location"] == f"/returns/jobs/{job.pk}/"
    return job


def run_worker() -> None:
    assert main(["worker", "--once"]) == 0


def page_of(client, job: Job) -> str:
    response = client.get(f"/returns/jobs/{job.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_analyst_imports_a_cin_census_and_sees_the_counts(signed_in, cin_export):
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    home = client.get("/returns/")
    assert home.status_code == 200
    text = home.content.decode()
    assert (
        'href="/returns/"' in text
        and "csrfmiddlewaretoken" in text
        and 'enctype="multipart/form-data"' in text
    )

    job = queue(client, "import", {"import-files": [upload(cin_export)], "import-year": str(YEAR)})
    waiting = page_of(client, job)
    assert '<meta http-equiv="refresh"' in waiting and "Queued" in waiting and "cin_census.xml" in waiting
    assert f"/returns/jobs/{job.pk}/" in client.get("/returns/").content.decode()

    run_worker()
    page = page_of(client, job)
    assert 'http-equiv="refresh"' not in page
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.username == user.username
    [run] = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    children = {e.text for e in etree.parse(str(cin_export)).iter("LAchildID")}
    assert run.children == len(children) and run.user == user and run.collection_year == YEAR
    assert run.added + run.updated + run.unchanged > 0
    totals = page.split(f"All records ({len(children)} children)</th>", 1)[1].split("</tr>", 1)[0]
    shown = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", totals)]
    assert shown == [run.added, run.updated, run.unchanged]
    for table in run.counts:
        assert f">{table}</th>" in page


def test_a_bad_file_shows_its_located_problems_and_nothing_is_written(signed_in, cin_export, tmp_path):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    tree = etree.parse(str(cin_export))
    birth = next(tree.iter("PersonBirthDate"))
    child_id = birth.getparent().getparent().findtext("ChildIdentifiers/LAchildID")
    birth.text = "2014-13-45"
    bad = tmp_path / "census-from-case-system.xml"
    tree.write(str(bad), xml_declaration=True, encoding="utf-8")
    line = next(i for i, t in enumerate(bad.read_text().splitlines(), 1) if "2014-13-45" in t)

    job = queue(client, "import", {"import-files": [upload(bad)]})
    run_worker()
    page = page_of(client, job)
    assert "Rejected: nothing was written" in page
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*2014-13-45(?:(?!</tr>).)*</tr>", page, re.S)
    assert row, page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert cells[0] == bad.name and f"line {line}" in cells[1] and cells[2] == "PersonBirthDate"
    assert cells[4] == child_id
    job.refresh_from_db()
    assert ImportRun.objects.get(pk=job.result["import_runs"][0]).status == ImportRun.Status.REJECTED


def test_the_job_page_says_how_many_children_were_left_out(signed_in, tmp_path):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    path = written.census(
        tmp_path,
        written.child("LEFT1", plans=(("2025-06-01", "2024-06-01"),)),
        written.child("KEPT1", plans=(("2025-06-01", "2025-09-01"),)),
        written.child("LEFT2", born="", expected=""),
    )
    job = queue(client, "import", {"import-files": [upload(path)], "import-skip_bad_children": "on"})
    run_worker()
    page = page_of(client, job)
    [run] = ImportRun.objects.filter(pk__in=Job.objects.get(pk=job.pk).result["import_runs"])
    assert run.status != ImportRun.Status.REJECTED and run.children == 1
    said = re.search(r'id="children-skipped-\d+">.*?(\d+) children left out for their errors', page, re.S)
    assert said and int(said.group(1)) == 2
    assert "LEFT1" in page and "LEFT2" in page  # each named in the warnings


def test_an_import_where_every_child_is_bad_fails_saying_so(signed_in, tmp_path):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    path = written.census(
        tmp_path, written.child("BAD1", born="", expected=""), written.child("BAD2", born="2099-01-01")
    )
    job = queue(client, "import", {"import-files": [upload(path)], "import-skip_bad_children": "on"})
    run_worker()
    page = page_of(client, job)
    job.refresh_from_db()
    assert job.result["outcome"] == "rejected"
    assert "Rejected: nothing was written" in page and "children-skipped" not in page
    rows = re.findall(r"<tr[^>]*>(?:(?!</tr>).)*</tr>", page.split('id="problems-table"')[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    first = next(c for c in cells if c and "every child in the file has errors" in c[3])
    assert first[0] == "census.xml" and "(2 left out)" in first[3]
    assert {c[4] for c in cells if c and c[4]} == {"BAD1", "BAD2"}
    assert not ImportRun.objects.filter(pk__in=job.result["import_runs"]).exclude(status="rejected").exists()


@pytest.mark.parametrize("role", [r for r in Role if r not in {Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR}])
def test_other_roles_get_403_everywhere_on_the_returns_pages(signed_in, role, cin_export):
    client, _ = signed_in(role)
    job = Job.objects.create(kind="export", parameters={"collection": "cin", "year": YEAR})
    output = JobFile.objects.create(job=job, role="output", name="cin.xml", content=b"<Message/>", size=10)
    assert client.get("/returns/").status_code == 403
    assert client.post("/returns/import/", {"import-files": [upload(cin_export)]}).status_code == 403
    assert (
        client.post("/returns/export/", {"export-collection": "cin", "export-year": YEAR}).status_code == 403
    )
    assert client.get(f"/returns/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/returns/jobs/{job.pk}/files/{output.pk}/").status_code == 403
    assert Job.objects.count() == 1
    assert 'href="/returns/"' not in client.get("/demand/").content.decode()


def test_an_administrator_may_use_the_returns_pages(signed_in):
    client, _ = signed_in(Role.ADMINISTRATOR)
    assert client.get("/returns/").status_code == 200


def test_returns_pages_need_sign_in(client, council):
    response = client.get("/returns/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_forms_refuse_a_post_without_the_csrf_token(make_user, cin_export):
    user = make_user(Role.PERFORMANCE_ANALYST)
    strict = Client(enforce_csrf_checks=True)
    assert strict.login(username=user.username, password=PASSWORD)
    assert strict.post("/returns/import/", {"import-files": [upload(cin_export)]}).status_code == 403
    assert not Job.objects.exists()


def test_an_upload_over_the_limit_is_refused_with_a_clear_error(signed_in, settings, cin_export):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    settings.SIGHTLINE_MAX_UPLOAD_BYTES = cin_export.stat().st_size - 1
    response = client.post("/returns/import/", {"import-files": [upload(cin_export)]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem: nothing was queued" in page and "one upload can be at most" in page
    assert not Job.objects.exists()


def test_forms_say_what_is_missing(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    page = client.post("/returns/validate/", {}).content.decode()
    assert "Choose the return files to upload" in page
    response = client.post(
        "/returns/export/",
        {"export-collection": "cin", "export-year": YEAR, "export-reference_date": "2026-03-31"},
    )
    assert (
        response.status_code == 400 and "A reference date is for an Annex A only" in response.content.decode()
    )
    assert not Job.objects.exists()


def test_the_annex_a_reference_date_is_typed_in_three_boxes(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    page = lxml_html.fromstring(client.get("/returns/").content)
    names = [box.get("name") for box in page.xpath('//input[starts-with(@name, "export-reference_date")]')]
    assert names == [f"export-reference_date-{part}" for part in ("day", "month", "year")]
    boxes = {"export-collection": "annex-a", "export-year": YEAR}
    unreal = {
        "export-reference_date-day": "31",
        "export-reference_date-month": "4",
        "export-reference_date-year": YEAR,
    }
    response = client.post("/returns/export/", {**boxes, **unreal})
    assert response.status_code == 400
    error = lxml_html.fromstring(response.content).get_element_by_id("id_export-reference_date-error")
    assert error.text_content().strip() == "Error: Annex A reference date must be a real date"
    assert not Job.objects.exists()
    job = queue(client, "export", {**boxes, **unreal, "export-reference_date-day": "30"})
    assert job.parameters["reference_date"] == f"{YEAR}-04-30"
    shown = lxml_html.fromstring(page_of(client, job)).xpath(
        '//dt[normalize-space()="Annex A reference date"]/following-sibling::dd[1]'
    )
    assert shown[0].text_content().strip() == f"30 April {YEAR}"


def test_an_export_made_on_the_page_downloads_as_the_exporter_writes_it(signed_in, tmp_path):
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    job = queue(client, "export", {"export-collection": "cin", "export-year": YEAR})
    run_worker()
    page = page_of(client, job)
    output = JobFile.objects.get(job=job, role="output")
    link = f"/returns/jobs/{job.pk}/files/{output.pk}/"
    assert link in page
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'"{output.name}"')
    assert response.content == imports.export_cin(YEAR, tmp_path / "cin.xml").read_bytes()
    logged = RecordAccess.objects.get(user=user, action=RecordAccess.Action.EXPORT)
    assert output.name in logged.what and f"job {job.pk}" in logged.what


def test_uploaded_files_are_not_served_back(signed_in, cin_export):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    job = queue(client, "import", {"import-files": [upload(cin_export)]})
    upload_row = JobFile.objects.get(job=job, role="input")
    assert client.get(f"/returns/jobs/{job.pk}/files/{upload_row.pk}/").status_code == 404
    assert client.get(f"/returns/jobs/{job.pk + 1}/files/{upload_row.pk}/").status_code == 404


@pytest.mark.skipif(
    validators_python() is None,
    reason="the DfE validators' environment .venv-validators is missing (scripts/bootstrap.sh creates it)",
)
def test_validation_results_show_per_rule_and_child_and_download_as_csv_and_xlsx(signed_in, cin_export):
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    job = queue(client, "validate", {"validate-files": [upload(cin_export)], "validate-year": str(YEAR)})
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    page = page_of(client, job)
    assert f"The CIN census {YEAR - 1}-{str(YEAR)[2:]} rules on cin_census.xml" in page
    assert f"cin{YEAR - 1}_{str(YEAR)[2:]}" not in page  # the validator's id for them
    for rule in job.result["by_rule"]:
        assert f'<td class="govuk-table__cell">{rule["code"]}</td>' in page
    for child in job.result["by_child"][:5]:
        assert f">{child['child_id']}</th>" in page

    outputs = {f.name.rsplit(".", 1)[1]: f for f in JobFile.objects.filter(job=job, role="output")}
    assert set(outputs) == {"csv", "xlsx"}
    as_csv = client.get(f"/returns/jobs/{job.pk}/files/{outputs['csv'].pk}/")
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert len(rows) == sum(r["hits"] for r in job.result["by_rule"])
    assert {r["Child ID"] for r in rows if r["Child ID"]} == {c["child_id"] for c in job.result["by_child"]}
    as_xlsx = client.get(f"/returns/jobs/{job.pk}/files/{outputs['xlsx'].pk}/")
    assert as_xlsx.status_code == 200 and "spreadsheetml" in as_xlsx["Content-Type"]
    book = load_workbook(io.BytesIO(as_xlsx.content), read_only=True)
    assert book.sheetnames == ["About", "Rules", "Issues by child"]
    assert len(list(book["Issues by child"].iter_rows(min_row=2, values_only=True))) == len(rows)
    logged = RecordAccess.objects.filter(user=user, action=RecordAccess.Action.EXPORT)
    assert {e.what.split(" ")[0] for e in logged} == {outputs["csv"].name, outputs["xlsx"].name}


@pytest.mark.skipif(
    validators_python() is None,
    reason="the DfE validators' environment .venv-validators is missing (scripts/bootstrap.sh creates it)",
)
def test_a_file_that_cannot_be_validated_is_listed_with_the_reason(signed_in, council, tmp_path):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    annex_a = imports.export_annex_a(YEAR, tmp_path / "annex_a.xlsx")
    job = queue(client, "validate", {"validate-files": [upload(annex_a)]})
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    page = page_of(client, job)
    assert 'id="not-validated"' in page and "annex_a.xlsx: not validated" in page
    assert "Annex A has none" in page


def test_the_returns_page_says_validation_is_being_prepared_while_the_validators_are_built(
    signed_in, tmp_path, monkeypatch
):
    import fcntl

    from sightline.returns import validators

    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "python"))
    monkeypatch.setattr(validators, "BUILD_LOCK", tmp_path / ".venv-validators.lock")
    assert 'id="validators-preparing"' not in client.get("/returns/").content.decode()
    with open(validators.BUILD_LOCK, "wb") as build:
        fcntl.flock(build, fcntl.LOCK_EX)
        page = client.get("/returns/").content.decode()
    assert 'id="validators-preparing"' in page and "Validation is being prepared" in page
    assert 'id="validators-preparing"' not in client.get("/returns/").content.decode()


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        ("no-validators", "The DfE validators are not installed on this server"),
        ("broken-handler", "Something went wrong that Sightline did not expect"),
    ],
)
def test_a_failed_job_page_says_what_happened_and_what_to_do_without_the_raw_error(
    signed_in, cin_export, tmp_path, monkeypatch, setup, said
):
    from sightline.jobs import handlers

    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "missing" / "python"))
    monkeypatch.setattr("sightline.returns.validators.BUILD_LOCK", tmp_path / "no.lock")
    if setup == "broken-handler":

        def broken(job, workdir):
            raise RuntimeError(f"KeyError in {workdir}/in/cin_census.xml")

        monkeypatch.setitem(handlers.HANDLERS, "validate", broken)
    job = queue(client, "validate", {"validate-files": [upload(cin_export)], "validate-year": str(YEAR)})
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    page = page_of(client, job)
    [shown] = lxml_html.fromstring(page).xpath('//*[@id="job-error"]')
    words = shown.text_content()
    assert said in words and "ask whoever runs Sightline" in words
    for raw in ("Error", "Traceback", "/in/", "bootstrap", "SIGHTLINE_", ".venv"):
        assert raw not in words, raw


def test_the_returns_page_says_validation_is_unavailable_when_the_validators_are_not_installed(
    signed_in, tmp_path, monkeypatch
):
    import fcntl

    from sightline.returns import validators

    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "python"))
    monkeypatch.setattr(validators, "BUILD_LOCK", tmp_path / ".venv-validators.lock")
    page = client.get("/returns/").content.decode()
    assert 'id="validators-unavailable"' in page
    assert "Validation against the DfE's rules is unavailable" in page
    assert ".venv" not in page and "log" not in page.split('id="validators-unavailable"')[1][:400]
    with open(validators.BUILD_LOCK, "wb") as build:  # being built: coming, not unavailable
        fcntl.flock(build, fcntl.LOCK_EX)
        page = client.get("/returns/").content.decode()
    assert 'id="validators-unavailable"' not in page and 'id="validators-preparing"' in page
    (tmp_path / "python").write_text("#!/bin/sh\n")
    (tmp_path / "python").chmod(0o755)  # installed
    assert 'id="validators-unavailable"' not in client.get("/returns/").content.decode()

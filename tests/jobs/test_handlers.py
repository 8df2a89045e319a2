"""The import, validate and export handlers on files the exporters write, run as jobs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from imports.planted import cp_plan_ending_before_it_starts
from sightline.imports import services as imports
from sightline.imports.models import ImportRun
from sightline.indicators.citations import DEVELOPER_TEXT
from sightline.jobs import services
from sightline.jobs.models import Job, JobFile
from sightline.records.models import Child
from sightline.returns.validators import validators_python

from .conftest import YEAR

pytestmark = pytest.mark.django_db

needs_validators = pytest.mark.skipif(
    validators_python() is None,
    reason="the DfE validators' environment .venv-validators is missing (scripts/bootstrap.sh creates it)",
)


def files_of(*paths: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def run_one(kind: str, **kwargs) -> Job:
    job = services.enqueue(kind, **kwargs)
    [ran] = services.run_pending()
    assert ran.pk == job.pk
    return ran


def child_ids_in_cin(path: Path) -> set[str]:
    return {e.text for e in etree.parse(str(path)).iter("LAchildID")}


def planted_bad_date(cin: Path, out: Path) -> tuple[Path, str, int]:
    """The census with one child's birth date made impossible; returns the file, the child, the line."""
    tree = etree.parse(str(cin))
    birth = next(tree.iter("PersonBirthDate"))
    child_id = birth.getparent().getparent().findtext("ChildIdentifiers/LAchildID")
    birth.text = "2015-02-31"
    tree.write(str(out), xml_declaration=True, encoding="utf-8")
    line = next(i for i, text in enumerate(out.read_text().splitlines(), 1) if "2015-02-31" in text)
    return out, child_id, line


def test_importing_a_cin_census_loads_its_children_and_records_the_run(exported):
    job = run_one("import", files=files_of(exported["cin"]), parameters={"year": YEAR})
    assert job.status == Job.Status.DONE and job.result["outcome"] == "imported", job.error
    [run] = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    expected = child_ids_in_cin(exported["cin"])
    assert run.kind == "cin" and run.collection_year == YEAR and run.status == ImportRun.Status.IMPORTED
    assert run.children == len(expected) and run.added > 0 and run.updated == 0
    assert set(Child.objects.values_list("la_child_id", flat=True)) == expected
    assert run.file_names == "cin.xml"

    again = run_one("import", files=files_of(exported["cin"]))
    [rerun] = ImportRun.objects.filter(pk__in=again.result["import_runs"])
    assert rerun.status == ImportRun.Status.UNCHANGED and rerun.added == rerun.updated == 0
    assert rerun.unchanged == run.added


def test_a_903_set_uploaded_together_is_one_import(exported):
    job = run_one("import", files=files_of(*exported["903"]))
    [run] = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    assert run.kind == "903" and run.added > 0
    assert sorted(run.file_names.splitlines()) == sorted(p.name for p in exported["903"])


def test_a_rejected_import_is_an_outcome_with_located_problems_not_a_failure(exported, tmp_path):
    bad, child_id, line = planted_bad_date(exported["cin"], tmp_path / "census.xml")
    job = run_one("import", files=files_of(bad))
    assert job.status == Job.Status.DONE and job.result["outcome"] == "rejected"
    problem = next(p for p in job.result["problems"] if p["child"] == child_id)
    assert problem["file"] == "census.xml" and f"line {line}" in problem["where"]
    assert problem["field"] == "PersonBirthDate" and "2015-02-31" in problem["message"]
    assert job.result["problem_count"] >= 1
    assert ImportRun.objects.get(pk=job.result["import_runs"][0]).status == ImportRun.Status.REJECTED
    assert Child.objects.count() == 0


def test_a_rejected_return_after_an_imported_one_lists_both_runs(exported, tmp_path):
    bad, _, _ = planted_bad_date(exported["cin"], tmp_path / "census.xml")
    job = run_one("import", files=files_of(exported["annex-a"], bad))
    assert job.result["outcome"] == "rejected"
    runs = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    assert sorted((r.kind, r.status) for r in runs) == [
        ("annex-a", ImportRun.Status.IMPORTED),
        ("cin", ImportRun.Status.REJECTED),
    ]


def test_skip_bad_children_imports_the_rest(exported, tmp_path):
    bad, child_id, _ = planted_bad_date(exported["cin"], tmp_path / "census.xml")
    job = run_one("import", files=files_of(bad), parameters={"skip_bad_children": True})
    assert job.result["outcome"] == "imported"
    loaded = set(Child.objects.values_list("la_child_id", flat=True))
    assert loaded == child_ids_in_cin(exported["cin"]) - {child_id}


def test_an_annex_a_reference_date_reaches_the_import(exported):
    job = run_one("import", files=files_of(exported["annex-a"]), parameters={"reference_date": "2026-03-31"})
    [run] = ImportRun.objects.filter(pk__in=job.result["import_runs"])
    assert run.kind == "annex-a" and job.result["outcome"] == "imported"


def test_an_unreadable_upload_is_rejected_naming_the_file():
    job = run_one("import", files=[("notes.txt", b"this is not a return")])
    assert job.result["outcome"] == "rejected"
    assert {p["file"] for p in job.result["problems"]} == {"notes.txt"}


def test_export_jobs_give_the_same_bytes_as_the_exporters(loaded_council, tmp_path):
    cin = run_one("export", parameters={"collection": "cin", "year": YEAR})
    [cin_file] = cin.files.filter(role=JobFile.Role.OUTPUT)
    assert bytes(cin_file.content) == imports.export_cin(YEAR, tmp_path / "cin.xml").read_bytes()
    assert cin_file.name == f"cin_census_{YEAR}.xml" and cin.result["files"] == [cin_file.name]

    ssda = run_one("export", parameters={"collection": "903", "year": YEAR})
    [zipped] = ssda.files.filter(role=JobFile.Role.OUTPUT)
    direct = {p.name: p.read_bytes() for p in imports.export_903(YEAR, tmp_path / "903")}
    with zipfile.ZipFile(io.BytesIO(bytes(zipped.content))) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == direct
    assert zipped.content_type == "application/zip"

    annex = run_one(
        "export", parameters={"collection": "annex-a", "year": YEAR, "reference_date": "2026-02-28"}
    )
    [workbook] = annex.files.filter(role=JobFile.Role.OUTPUT)
    expected = imports.export_annex_a(YEAR, tmp_path / "a.xlsx", date(2026, 2, 28)).read_bytes()
    assert bytes(workbook.content) == expected and workbook.name == "annex_a_2026-02-28.xlsx"


def test_an_export_of_an_unknown_return_fails_with_the_reason_in_the_log(caplog):
    job = run_one("export", parameters={"collection": "ssda904", "year": YEAR})
    assert job.status == Job.Status.FAILED and "did not expect" in job.error
    assert "ssda904" in caplog.text


@needs_validators
def test_validation_lists_rules_and_children_and_writes_csv_and_xlsx(exported, tmp_path):
    bad = tmp_path / "planted.xml"
    child_id = cp_plan_ending_before_it_starts(exported["cin"], bad)

    job = run_one("validate", files=files_of(bad), parameters={"year": YEAR})
    assert job.status == Job.Status.DONE and job.result["outcome"] == "validated", job.error
    [ruleset] = job.result["results"]
    assert ruleset["ruleset"] == f"cin{YEAR - 1}_{str(YEAR)[2:]}" and ruleset["rules_run"] > 100
    planted = next(c for c in job.result["by_child"] if c["child_id"] == child_id)
    assert any(i["table"] == "ChildProtectionPlans" and i["file"] == "planted.xml" for i in planted["issues"])
    rules = {r["code"]: r for r in job.result["by_rule"]}
    assert all(r["description"] and r["hits"] >= r["children"] for r in rules.values())

    outputs = {f.name: bytes(f.content) for f in job.files.filter(role=JobFile.Role.OUTPUT)}
    assert set(outputs) == {f"validation-job-{job.pk}.csv", f"validation-job-{job.pk}.xlsx"}
    rows = list(csv.DictReader(io.StringIO(outputs[f"validation-job-{job.pk}.csv"].decode())))
    assert len(rows) == sum(r["hits"] for r in rules.values())
    assert {r["Rule"] for r in rows} == set(rules)
    book = load_workbook(io.BytesIO(outputs[f"validation-job-{job.pk}.xlsx"]), read_only=True)
    summary = list(book["Rules"].iter_rows(min_row=2, values_only=True))
    assert {str(row[0]) for row in summary} == set(rules)
    assert Child.objects.count() == 0  # validation never writes records


@needs_validators
def test_files_with_nothing_to_validate_against_are_listed_with_the_reason(exported):
    fake = Path(__file__).resolve().parents[1] / "fixtures" / "returns" / "fake_style_cin.xml"
    job = run_one("validate", files=files_of(exported["annex-a"], fake), parameters={"year": 2022})
    assert job.status == Job.Status.DONE and job.result["outcome"] == "validated", job.error
    assert job.result["results"] == []
    reasons = {p["file"]: p["message"] for p in job.result["not_validated"]}
    assert set(reasons) == {"annex_a.xlsx", "fake_style_cin.xml"}
    assert "Annex A has none" in reasons["annex_a.xlsx"]
    assert "no rules for collection year 2021-22" in reasons["fake_style_cin.xml"]


def test_validating_an_unreadable_file_lists_its_problems():
    job = run_one("validate", files=[("episodes.csv", b"")])
    assert job.result["outcome"] == "unreadable"
    assert any("empty" in p["message"] and p["file"] == "episodes.csv" for p in job.result["problems"])


def test_validation_without_the_validators_fails_the_job_saying_how_to_install_them(exported, monkeypatch):
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", "/nonexistent/python")
    job = run_one("validate", files=files_of(exported["cin"]))
    assert job.status == Job.Status.FAILED
    assert "validators are not installed" in job.error and "Error" not in job.error
    assert not DEVELOPER_TEXT.search(job.error), DEVELOPER_TEXT.search(job.error).group()


def test_a_validation_job_waits_while_the_validators_are_being_built(exported, monkeypatch, tmp_path):
    import fcntl
    import threading
    import time

    from sightline.returns import validators

    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "missing" / "python"))
    monkeypatch.setattr(validators, "BUILD_LOCK", tmp_path / ".venv-validators.lock")
    lock = open(validators.BUILD_LOCK, "wb")  # noqa: SIM115 - closed by the timer
    fcntl.flock(lock, fcntl.LOCK_EX)
    threading.Timer(1.5, lock.close).start()  # the build ends without an interpreter
    started = time.monotonic()
    job = run_one("validate", files=files_of(exported["cin"]))
    assert time.monotonic() - started >= 1.4
    assert job.status == Job.Status.FAILED and "validators are not installed" in job.error


def test_every_handler_has_a_kind_with_the_name_pages_show():
    from sightline.jobs.handlers import HANDLERS
    from sightline.jobs.models import Job

    assert set(HANDLERS) == set(Job.Kind.values)
    assert Job(kind="validate").get_kind_display() == "Validation"

"""Bad SSD extracts are rejected by the import rules, located (file, row, column, person), nothing written."""

from __future__ import annotations

import csv
import shutil

import pytest

from sightline.generator import CouncilSpec, generate
from sightline.imports.models import ImportRun
from sightline.imports.services import ImportRejectedError
from sightline.imports.ssd_export import export_ssd
from sightline.imports.ssd_import import import_ssd
from sightline.records.models import Child
from sightline.records.services import clear_records, load_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def extract(tmp_path_factory, django_db_setup, django_db_blocker):
    out = tmp_path_factory.mktemp("ssd") / "good"
    with django_db_blocker.unblock():
        load_dataset(generate(CouncilSpec(seed=17, size=0.02)), replace=True)
        export_ssd(out)
        clear_records()
    return out


def _edit(extract, tmp_path, table: str, change) -> tuple:
    """A copy of the extract with the first row of `table` changed by `change(row)`; its id."""
    bad = tmp_path / "bad"
    shutil.copytree(extract, bad)
    path = bad / f"{table}.csv"
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    change(rows[0])
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return bad, rows[0]


def _rejected(path, code: str, **expect) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        import_ssd([path])
    found = [p for p in caught.value.problems if p.code == code]
    assert found, [str(p) for p in caught.value.problems[:5]]
    problem = found[0]
    for name, value in expect.items():
        assert getattr(problem, name) == value, (name, str(problem))
    assert not Child.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED and run.kind == "ssd"
    assert "/" not in str(problem).split(":")[0]  # the file's name, never a path


def test_the_good_extract_imports(extract):
    run = import_ssd([extract])
    assert run.status == ImportRun.Status.IMPORTED and Child.objects.count() > 50


def test_a_full_extract_missing_a_table_is_rejected(extract, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(extract, bad)
    (bad / "ssd_cin_plans.csv").unlink()
    with pytest.raises(ImportRejectedError) as caught:
        import_ssd([bad])
    (problem,) = [p for p in caught.value.problems if p.code == "SSD-EXTRACT-TABLE-MISSING"]
    assert "ssd_cin_plans" in problem.message and "delta" in problem.message
    assert not Child.objects.exists()
    # As a delta, the same files are fine: the table is simply not sent.
    assert import_ssd([bad], full=False).status == ImportRun.Status.IMPORTED


def test_a_person_not_in_ssd_person_is_rejected(extract, tmp_path):
    bad, _ = _edit(extract, tmp_path, "ssd_contacts", lambda r: r.update(cont_person_id="NOBODY1"))
    _rejected(
        bad,
        "SSD-SSDCONTACTS-CONTPERSONID-PERSON",
        file="ssd_contacts.csv",
        where="row 2",
        field="cont_person_id",
        child="NOBODY1",
    )


def test_a_date_that_does_not_parse_is_rejected(extract, tmp_path):
    bad, row = _edit(
        extract, tmp_path, "ssd_cin_episodes", lambda r: r.update(cine_referral_date="32/01/2025")
    )
    _rejected(
        bad,
        "SSD-SSDCINEPISODES-CINEREFERRALDATE-DATE",
        file="ssd_cin_episodes.csv",
        where="row 2",
        field="cine_referral_date",
        child=row["cine_person_id"],
    )


def test_an_end_before_its_start_is_rejected(extract, tmp_path):
    def change(r):
        r.update(cinp_cin_plan_start_date="2025-06-01", cinp_cin_plan_end_date="2025-05-01")

    bad, row = _edit(extract, tmp_path, "ssd_cin_plans", change)
    _rejected(
        bad,
        "SSD-SSDCINPLANS-CINPCINPLANENDDATE-ORDER",
        file="ssd_cin_plans.csv",
        where="row 2",
        field="cinp_cin_plan_end_date",
        child=row["cinp_person_id"],
    )


def test_malformed_json_is_rejected(extract, tmp_path):
    bad, row = _edit(
        extract, tmp_path, "ssd_contacts", lambda r: r.update(cont_contact_outcome_json='["NFA"')
    )
    _rejected(
        bad,
        "SSD-SSDCONTACTS-CONTCONTACTOUTCOMEJSON-JSON",
        file="ssd_contacts.csv",
        where="row 2",
        field="cont_contact_outcome_json",
        child=row["cont_person_id"],
    )


def test_a_reference_to_a_row_that_is_not_there_is_rejected_by_the_loader(extract, tmp_path):
    bad, row = _edit(extract, tmp_path, "ssd_cin_assessments", lambda r: r.update(cina_referral_id="R999999"))
    with pytest.raises(ImportRejectedError) as caught:
        import_ssd([bad])
    (problem,) = caught.value.problems
    assert (problem.file, problem.where, problem.field) == (
        "ssd_cin_assessments.csv",
        "row 2",
        "cina_referral_id",
    )
    assert problem.child == row["cina_person_id"]
    assert not Child.objects.exists()


def test_the_columnar_check_finds_what_the_registrys_row_pass_finds(extract, tmp_path):
    """check_extract_rules builds no row dicts: on an extract with every kind of bad row (and a
    table gone, and a delta's person loaded before) it gives the problems, messages and order the
    registry's own pass over rule_tables gives."""
    from datetime import date

    from sightline.imports.rules import all_rules, context_for
    from sightline.imports.rules.ssd import KIND, check_extract_rules, rule_tables
    from sightline.returns.ssd import read_ssd

    def change(r):
        r.update(cont_person_id="NOBODY1", cont_contact_date="32/01/2025", cont_contact_outcome_json='["N')

    bad, _ = _edit(extract, tmp_path, "ssd_contacts", change)
    plans = bad / "ssd_cin_plans.csv"
    with plans.open() as handle:
        rows = list(csv.DictReader(handle))
    for row in (rows[0], rows[-1]):
        row.update(cinp_cin_plan_start_date="2025-06-01", cinp_cin_plan_end_date="2025-05-01")
    with plans.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (bad / "ssd_cla_episodes.csv").unlink()
    extract_ = read_ssd([bad])
    ctx = context_for(2026, date(2026, 1, 5))
    for full, people in ((True, set()), (False, {"NOBODY1"})):
        expected = all_rules().check(KIND, rule_tables(extract_, full=full, people=people), ctx)
        found = check_extract_rules(all_rules(), extract_, ctx, full=full, people=people)
        assert len(expected) >= (4 if full else 3)
        assert [vars(p) for p in found] == [vars(p) for p in expected]

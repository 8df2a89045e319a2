"""DfE validation through csc-validator-be-cin/-903 in their own environment."""

from __future__ import annotations

import copy
import csv
import json
import os
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sightline.cli import main
from sightline.imports import services
from sightline.imports.validation import SYNTHETIC_COUNCIL_RULE_HITS, validate_files, write_report
from sightline.records.services import load_dataset
from sightline.returns.validators import WORKER, run_validator, validators_python

from .conftest import BEFORE_SEX_CODES, EARLIER, YEAR
from .planted import cp_plan_ending_before_it_starts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "returns"
RETURNS_APPS = {"records", "workforce"}  # what the exporters read
TABLES_CHECK = Path(__file__).resolve().parents[1] / "returns" / "validator_tables_check.py"

# Rule hits on a 2024-25 return that come from the validator, not the data (docs/returns.md).
EARLIER_YEAR_RULE_HITS = {
    "146": "csc-validator-be-903's 2024-25 rule 146 lists supported accommodation as 'k3' (lower "
    "case), so every K3 placement, a valid code from April 2024, is reported as not valid.",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        validators_python() is None,
        reason="the DfE validators' environment .venv-validators is missing "
        "(scripts/bootstrap.sh creates it)",
    ),
]


@pytest.fixture(scope="module")
def council_report(exported):
    return validate_files([exported["cin"], *exported["903"]], year=YEAR)


def test_the_synthetic_councils_returns_pass_apart_from_the_documented_rules(council_report):
    assert [r.ruleset for r in council_report.results] == ["cin2025_26", "lac2025_26"]
    assert all(r.rules_run > 100 for r in council_report.results)
    hits = {code for code, *_ in council_report.by_rule()}
    undocumented = hits - set(SYNTHETIC_COUNCIL_RULE_HITS)
    assert not undocumented, council_report.summary()


@pytest.mark.slow
def test_the_default_size_councils_returns_pass_apart_from_the_documented_rules(default_council, tmp_path):
    """The full-size demo council, not only the small one: rare shapes (a child back from missing
    on the day care ended at 18, which rule 580 reads as still missing) only show at this size.
    The returns are written from the records and the workforce, so only those are loaded."""
    records = copy.copy(default_council)
    records.tables = {k: v for k, v in default_council.tables.items() if k.split(".")[0] in RETURNS_APPS}
    load_dataset(records, replace=True)
    cin = services.export_cin(YEAR, tmp_path / "cin.xml")
    ssda903 = services.export_903(YEAR, tmp_path / "903")
    report = validate_files([cin, *ssda903], year=YEAR)
    assert [r.ruleset for r in report.results] == ["cin2025_26", "lac2025_26"]
    assert len({i.child_id for i in report.results[0].issues}) > 3000  # the census is full size
    hits = {code for code, *_ in report.by_rule()}
    undocumented = hits - set(SYNTHETIC_COUNCIL_RULE_HITS)
    assert not undocumented, report.summary()


def test_an_earlier_years_returns_made_from_todays_records_pass_as_at_its_year_end(exported):
    """2024-25 re-made in 2026: nothing closed, ended or held after 31 March 2025 is in it.

    Written from today's records without the year-end cut, the same files hit 8620, 4013,
    8696, 8930 (CIN episodes, plans and assessments closed after the census year), 8520 (born
    after it), 385, 388 (903 episodes ended after it) and SW07STG2, none of them documented.
    """
    earlier = exported["earlier"]
    report = validate_files([earlier["cin"], *earlier["903"]], year=EARLIER)
    assert [r.ruleset for r in report.results] == ["cin2024_25", "lac2024_25"]
    assert all(r.rules_run > 100 for r in report.results)
    hits = {code for code, *_ in report.by_rule()}
    undocumented = hits - set(SYNTHETIC_COUNCIL_RULE_HITS) - set(EARLIER_YEAR_RULE_HITS)
    assert not undocumented, report.summary()


def test_a_year_before_2024_25_is_written_in_its_own_sex_coding_and_passes_those_rules(exported):
    """2023-24: the census had GenderCurrent (rule 4180, 8750 for the unborn), the 903 SEX 1/2 (rule 101)."""
    files = exported[BEFORE_SEX_CODES]
    census = files["cin"].read_text()
    assert "<GenderCurrent>" in census and "<Sex>" not in census
    header = next(f for f in files["903"] if f.name == "header.csv").read_text().splitlines()
    assert {line.split(",")[1] for line in header[1:]} <= {"1", "2"}
    report = validate_files([files["cin"], *files["903"]], year=BEFORE_SEX_CODES)
    assert [r.ruleset for r in report.results] == ["cin2023_24", "lac2023_24"]
    hits = {code for code, *_ in report.by_rule()}
    assert not hits & {"4180", "8750", "2886Q", "101"}, report.summary()


def test_a_planted_error_is_reported_for_that_child_with_the_rules_description(exported, tmp_path):
    planted = tmp_path / "planted.xml"
    child_id = cp_plan_ending_before_it_starts(exported["cin"], planted)

    report = validate_files([planted], year=YEAR)
    found = [i for i in report.by_child().get(child_id, []) if i.table == "ChildProtectionPlans"]
    assert any(i.field in {"CPPendDate", "CPPstartDate"} for i in found), report.summary()
    assert all(i.rule_description and i.file == "planted.xml" for i in found)


def test_results_export_per_child_and_rule_as_csv_and_xlsx(council_report, tmp_path):
    rows = council_report.rows()
    path = write_report(council_report, tmp_path / "issues.csv")
    with path.open() as handle:
        written = list(csv.DictReader(handle))
    assert len(written) == len(rows)
    assert {r["Rule"] for r in written} == {code for code, *_ in council_report.by_rule()}
    assert all(r["Rule description"] for r in written)

    book = load_workbook(write_report(council_report, tmp_path / "issues.xlsx"), read_only=True)
    assert book.sheetnames == ["About", "Rules", "Issues by child"]
    assert dict(book["About"].iter_rows(values_only=True))["Protective marking"] == "OFFICIAL-SENSITIVE"
    rules = list(book["Rules"].iter_rows(values_only=True))
    assert rules[0] == ("Rule", "Rule description", "Hits", "Children")  # as the returns team reads them
    assert sum(r[2] for r in rules[1:]) == len(rows)
    assert len(list(book["Issues by child"].iter_rows(values_only=True))) == len(rows) + 1


def test_the_903_xml_form_gets_the_same_rule_hits_as_the_csvs(exported, council_report):
    report = validate_files([exported["903-xml"]], year=YEAR)
    # The validator's XML reader does not take social worker episodes, so the SW rules skip.
    csv_hits = {i.rule_code for i in council_report.results[1].issues if not i.rule_code.startswith("SW")}
    assert {i.rule_code for i in report.issues} == csv_hits


def _located(result):
    """Every issue by rule, child and location, and the return-level (multi-child) issues."""
    issues = sorted(
        (i.rule_code, i.child_id, i.table, i.field, i.row_id, i.rule_description) for i in result.issues
    )
    return_issues = sorted((str(r["rule_code"]), r["rule_description"]) for r in result.return_issues)
    return issues, return_issues


def test_the_one_pass_reader_finds_exactly_the_packages_issues(exported):
    """Our tables and the package's own converter give the package's rules the same issue tables:
    on our export, on a census in the style of the DfE's fake census and on a messy one."""
    cases = [
        (exported["cin"], YEAR),
        (FIXTURES / "fake_style_cin.xml", 2023),
        (FIXTURES / "messy_cin.xml", 2024),
    ]
    for path, year in cases:
        ours = run_validator("cin", [path], year)
        theirs = run_validator("cin", [path], year, reader="package")
        assert _located(ours) == _located(theirs), path.name
        assert ours.issues, path.name
    assert theirs.return_issues, "the messy census breaks return-level rules too"


def test_the_exported_census_tables_equal_the_packages(exported):
    completed = subprocess.run(
        [str(validators_python()), str(TABLES_CHECK), str(WORKER.parent), str(exported["cin"])],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "3"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert json.loads(completed.stdout) == {str(exported["cin"]): []}


def test_validating_some_children_finds_their_issues_in_the_whole_census(exported):
    whole = run_validator("cin", [exported["cin"]], YEAR)
    child = next(i.child_id for i in whole.issues if i.rule_code == "8670Q")
    some = run_validator("cin", [exported["cin"]], YEAR, children=[child])
    assert {i.child_id for i in some.issues} == {child}
    assert {i.rule_code for i in some.issues} >= {"8670Q"}


def test_a_year_with_no_installed_rules_is_not_validated_and_says_so(capsys):
    path = FIXTURES / "fake_style_cin.xml"
    report = validate_files([path], year=2022)  # collection year 2021-22: csc-validator-be-cin has no rules
    assert report.results == []
    (problem,) = report.not_validated
    assert problem.file == "fake_style_cin.xml"
    assert "no rules for collection year 2021-22" in problem.message
    assert "2022-23 to" in problem.message  # the years it does have
    assert main(["validate", str(path), "--year", "2022"]) == 2
    err = capsys.readouterr().err
    assert "fake_style_cin.xml" in err and "2021-22" in err and "Traceback" not in err

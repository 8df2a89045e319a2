"""Ofsted Annex A: export, import into an empty database, export again."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from sightline.imports import services
from sightline.records.models import Assessment, Child, Contact, CPPlan, EarlyHelpAssessment
from sightline.returns.annex_a import LISTS, read_annex_a

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _sheets(path):
    book = load_workbook(path, read_only=True)
    out = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    book.close()
    return out


def test_annex_a_has_one_sheet_per_list_with_the_ofsted_headers(exported):
    sheets = _sheets(exported["annex-a"])
    assert list(sheets) == [title for title, _ in LISTS.values()]
    for title, columns in LISTS.values():
        assert list(sheets[title][0]) == columns
    for number in (1, 3, 4, 6, 7, 8):
        assert len(sheets[LISTS[number][0]]) > 5, number


def test_annex_a_round_trip_gives_the_same_file(exported, tmp_path):
    (run,) = services.import_files([exported["annex-a"]])
    assert run.kind == "annex-a" and run.added > 0
    assert Contact.objects.exists() and Assessment.objects.exists() and CPPlan.objects.exists()
    again = services.export_annex_a(YEAR, tmp_path / "again.xlsx")
    before, after = _sheets(exported["annex-a"]), _sheets(again)
    for title, _ in LISTS.values():
        assert after[title] == before[title], title
    assert again.read_bytes() == exported["annex-a"].read_bytes()
    # Re-importing the same workbook changes nothing.
    (second,) = services.import_files([exported["annex-a"]])
    assert (second.added, second.updated) == (0, 0)


def test_headers_match_whatever_the_case_spacing_title_rows_and_coded_prefixes(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Contacts (our name)"
    sheet.append(["Annex A list 1: contacts in the last six months"])  # a title row above the header
    sheet.append(
        [
            "child unique id",
            "GENDER",
            "ethnicity",
            "date of  birth",
            "Age of child (years)",
            "date of contact",
            "Contact source",
        ]
    )
    sheet.append(["X1", "b) Female", "WBRI", date(2015, 3, 4), 10, "04/02/2026", "3A) Health: GP"])
    sheet.append(["X2", "a) Male", "BAFR", "2012-01-01", 14, date(2026, 1, 5), "6"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    data = read_annex_a(path)
    assert not data.errors
    (first,) = data.children["X1"].tables["list1"]
    assert first["Date of Contact"] == date(2026, 2, 4) and first["Contact Source"] == "3A) Health: GP"
    assert data.children["X2"].tables["list1"][0]["Date of Birth"] == date(2012, 1, 1)
    services.import_files([path])
    contact = Contact.objects.get(child__la_child_id="X1")
    assert (contact.contact_date, contact.source) == (date(2026, 2, 4), "3A")
    assert Child.objects.get(la_child_id="X1").sex == "F"


def test_a_bad_date_in_a_sheet_names_the_sheet_row_and_column(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(LISTS[1][1])
    sheet.append(["X1", "b) Female", "WBRI", date(2015, 3, 4), 10, "31/02/2026", "3A"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    with pytest.raises(
        services.ImportRejectedError, match=r"a\.xlsx: sheet 'Sheet', row 2, field Date of Contact"
    ):
        services.import_files([path])
    assert not Child.objects.exists()


def test_a_corrupt_workbook(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(services.ImportRejectedError, match=r"broken\.xlsx: not a readable xlsx workbook"):
        services.import_files([path])


def test_two_contacts_for_one_child_on_one_day_are_both_kept(tmp_path):
    """Annex A has no contact id: a child's contacts on one day must not merge (nor multiply on re-import)."""
    book = Workbook()
    sheet = book.active
    sheet.append(LISTS[1][1])
    person = ["X1", "b) Female", "WBRI", date(2015, 3, 4), 10]
    for day, source in [(date(2026, 2, 4), "6"), (date(2026, 2, 4), "3A"), (date(2026, 2, 4), "6")]:
        sheet.append([*person, day, source])
    sheet.append([*person, date(2026, 2, 5), "6"])
    path = tmp_path / "a.xlsx"
    book.save(path)

    services.import_files([path])
    stored = sorted(Contact.objects.values_list("contact_date", "source"))
    assert stored == [
        (date(2026, 2, 4), "3A"),
        (date(2026, 2, 4), "6"),
        (date(2026, 2, 4), "6"),
        (date(2026, 2, 5), "6"),
    ]
    (again,) = services.import_files([path])
    assert (again.added, again.updated) == (0, 0)
    assert Contact.objects.count() == 4


def test_an_unborn_child_whose_due_date_has_passed_stays_unborn(tmp_path):
    """The Date of Birth column holds the expected date for an unborn child: no age, sex unknown."""
    book = Workbook()
    sheet = book.active
    sheet.append(LISTS[1][1])
    sheet.append(["U1", "c) Unknown", "WBRI", date(2026, 3, 22), None, date(2025, 10, 5), "3F"])
    sheet.append(["B1", "c) Unknown", "WBRI", date(2026, 3, 22), 0, date(2026, 3, 25), "3F"])  # born
    path = tmp_path / "a.xlsx"
    book.save(path)
    services.import_files([path], year=YEAR)
    unborn, born = Child.objects.get(la_child_id="U1"), Child.objects.get(la_child_id="B1")
    assert (unborn.date_of_birth, unborn.expected_date_of_birth) == (None, date(2026, 3, 22))
    assert (born.date_of_birth, born.expected_date_of_birth) == (date(2026, 3, 22), None)


def test_two_early_help_assessments_starting_on_one_day_are_both_kept(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = LISTS[2][0]
    sheet.append(LISTS[2][1])
    person = ["X1", "b) Female", "WBRI", date(2015, 3, 4), 10]
    sheet.append([*person, date(2026, 1, 5), None, "Early Help Service"])
    sheet.append([*person, date(2026, 1, 5), date(2026, 2, 1), "School"])
    path = tmp_path / "a.xlsx"
    book.save(path)

    services.import_files([path])
    stored = sorted(EarlyHelpAssessment.objects.values_list("completion_date", "organisation"), key=str)
    assert stored == [(None, "Early Help Service"), (date(2026, 2, 1), "School")]
    (again,) = services.import_files([path])
    assert (again.added, again.updated) == (0, 0)
    assert EarlyHelpAssessment.objects.count() == 2

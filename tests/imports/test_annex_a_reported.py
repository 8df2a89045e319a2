"""Annex A figures the records cannot recompute: kept as reported, written back, given way to returns."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from sightline.cli import main
from sightline.imports import services
from sightline.imports.models import AnnexAReportedRow
from sightline.imports.reported import REPORTED
from sightline.records.models import Child
from sightline.returns.annex_a import LISTS

from .conftest import YEAR

pytestmark = pytest.mark.django_db
REFERRALS = LISTS[3][0]


def _sheet(path, number: int) -> list[tuple]:
    book = load_workbook(path, read_only=True)
    rows = list(book[LISTS[number][0]].iter_rows(values_only=True))
    book.close()
    width = len(rows[0])
    return [tuple(row) + (None,) * (width - len(row)) for row in rows]


def _column(rows: list[tuple], name: str) -> list:
    at = rows[0].index(name)
    return [row[at] for row in rows[1:]]


def test_the_synthetic_export_fills_the_reported_columns(exported):
    """Guards the round-trip test against passing on blank columns."""
    referrals = _sheet(exported["annex-a"], 3)
    assert max(_column(referrals, "Number of Referrals in Last 12 Months")) > 1
    assert any(_column(referrals, "Allocated Worker"))
    assert len(set(_column(_sheet(exported["annex-a"], 6), "Case Status"))) > 2
    assert len(_sheet(exported["annex-a"], 8)) > 5
    assert any(_column(_sheet(exported["annex-a"], 9), "Allocated Worker"))  # the personal adviser


def test_a_cin_census_then_a_903_take_over_from_the_reported_rows(exported, tmp_path):
    services.import_files([exported["annex-a"]])
    assert AnnexAReportedRow.objects.filter(list_number=3).count() == len(_sheet(exported["annex-a"], 3)) - 1

    (cin,) = services.import_files([exported["cin"]])
    assert cin.counts["annex a reported row"]["updated"] > 0
    assert not AnnexAReportedRow.objects.filter(list_number__in=[3, 4, 5, 6, 7]).exists()
    # The records now speak for list 3: nothing allocates workers in a CIN census, and the
    # twelve-month count is the records' own.
    again = _sheet(services.export_annex_a(YEAR, tmp_path / "after-cin.xlsx"), 3)
    assert not any(_column(again, "Allocated Worker"))
    assert len(again) == len(_sheet(exported["annex-a"], 3))
    assert AnnexAReportedRow.objects.filter(list_number=8).exists()

    services.import_files(exported["903"])
    in_903 = set(
        Child.objects.filter(lookedafterepisodes__isnull=False).values_list("la_child_id", flat=True)
    )
    assert in_903
    assert not AnnexAReportedRow.objects.filter(list_number=8, child__la_child_id__in=in_903).exists()


def test_a_changed_figure_on_reimport_replaces_the_reported_one(exported, tmp_path):
    services.import_files([exported["annex-a"]])
    book = load_workbook(exported["annex-a"])
    sheet = book[REFERRALS]
    header = [cell.value for cell in sheet[1]]
    count = header.index("Number of Referrals in Last 12 Months") + 1
    sheet.cell(row=2, column=count).value = 9
    changed = tmp_path / "changed.xlsx"
    book.save(changed)

    (run,) = services.import_files([changed])
    assert run.counts["annex a reported row"]["updated"] == 1
    out = _sheet(services.export_annex_a(YEAR, tmp_path / "again.xlsx"), 3)
    assert out[1][count - 1] == 9


def _workbook_with_adopters_and_a_child_in_care(path):
    book = Workbook()
    book.remove(book.active)
    adopters = book.create_sheet(LISTS[11][0])
    adopters.append(LISTS[11][1])
    adopters.append(
        [
            "AD2",
            "FAM1",
            "b) Female",
            "WBRI",
            "No",
            "No",
            date(2025, 6, 1),
            date(2025, 6, 20),
            date(2025, 8, 1),
            date(2025, 8, 2),
            None,
            date(2025, 8, 2),
            None,
            None,
            None,
            0,
            None,
            None,
            None,
        ]
    )
    adopters.append(
        [
            "AD1",
            "FAM1",
            "a) Male",
            "WBRI",
            "No",
            "Yes",
            date(2025, 6, 1),
            date(2025, 6, 20),
            date(2025, 8, 1),
            date(2025, 8, 2),
            date(2026, 1, 10),
            date(2025, 8, 2),
            date(2026, 2, 1),
            None,
            None,
            0,
            None,
            None,
            None,
        ]
    )
    in_care = book.create_sheet(LISTS[8][0])
    in_care.append(LISTS[8][1])
    in_care.append(
        [
            "C8",
            "b) Female",
            "WBRI",
            date(2015, 3, 4),
            11,
            "No",
            date(2025, 11, 3),
            "N1",
            "C2",
            date(2026, 1, 20),
            date(2026, 3, 2),
            None,
            None,
            1,
            None,
            None,
            date(2025, 11, 3),
            "U1",
            "PR1",
            "AB1 2CD",
            "SC123456",
            0,
            "Children in Care Team 1",
            "A Worker",
        ]
    )
    book.save(path)
    return path


def test_lists_8_and_11_come_back_as_they_were_reported(tmp_path):
    source = _workbook_with_adopters_and_a_child_in_care(tmp_path / "in.xlsx")
    services.import_files([source], year=YEAR)
    assert Child.objects.get(la_child_id="C8").date_of_birth == date(2015, 3, 4)
    out = services.export_annex_a(YEAR, tmp_path / "out.xlsx")
    for number in (8, 11):
        expected = _sheet(source, number)
        assert _sheet(out, number) == expected
    # Another reference date has nothing reported for it.
    other = services.export_annex_a(YEAR, tmp_path / "other.xlsx", reference_date=date(2026, 2, 28))
    assert _sheet(other, 11) == [tuple(LISTS[11][1])]


def test_the_reference_date_on_the_command_line(tmp_path, capsys):
    source = _workbook_with_adopters_and_a_child_in_care(tmp_path / "in.xlsx")
    assert main(["import", str(source), "--reference-date", "28/02/2026"]) == 0
    assert set(AnnexAReportedRow.objects.values_list("reference_date", flat=True)) == {date(2026, 2, 28)}
    out = tmp_path / "out.xlsx"
    assert (
        main(["export", "annex-a", "--year", "2026", "--reference-date", "2026-02-28", "--out", str(out)])
        == 0
    )
    assert len(_sheet(out, 11)) == 3
    assert main(["export", "cin", "--year", "2026", "--reference-date", "2026-02-28", "--out", str(out)]) == 2
    assert "annex-a only" in capsys.readouterr().err


def test_every_reported_column_is_an_annex_a_column():
    columns = {c for _, cols in LISTS.values() for c in cols}
    assert columns >= REPORTED


def test_loading_a_generated_council_over_an_imported_annex_a(tmp_path, returns_council):
    """`generate --replace` clears records with a raw delete: the reported rows must go with them."""
    from sightline.accesslog.models import RecordAccess
    from sightline.records.services import load_dataset

    services.import_files([_workbook_with_adopters_and_a_child_in_care(tmp_path / "in.xlsx")], year=YEAR)
    RecordAccess.objects.create(
        username="someone", action="view", child=Child.objects.get(la_child_id="C8"), what="/children/C8/"
    )
    load_dataset(returns_council, replace=True)
    assert not AnnexAReportedRow.objects.exists()
    assert RecordAccess.objects.get().child is None

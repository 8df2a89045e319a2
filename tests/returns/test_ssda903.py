"""The SSDA903 CSV reader: tables known by their columns, rows read into children, bad rows
reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sightline.returns.ssda903 import identify, read_903_csvs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns"


def test_903_tables_are_recognised_by_columns_whatever_the_case_spacing_or_order():
    assert identify(["child", " DOB", "review_code", "REVIEW"]) == ("Reviews", "")
    assert identify(["CHILD", "SEX", "DOB", "REVIEW", "REVIEW_CODE"]) == ("Reviews", "")  # older years
    table, message = identify(["CHILD", "DOB", "MISSING", "MIS_START"])
    assert table is None and "Missing table" in message and "MIS_END" in message


def test_903_reader_reads_rows_into_children_and_reports_bad_rows():
    folder = FIXTURES / "messy_903"
    data = read_903_csvs(sorted(folder.glob("*.csv")))
    assert data.children["F1"].person == {
        "sex": "M",
        "date_of_birth": date(2010, 2, 1),
        "ethnicity": "WBRI",
        "upn": "",
        "upn_unknown": "UN6",  # the 903's UN1 (under 6, not at school) is the CIN census's UN6
        "mother": "",
        "mother_child_dob": None,
        "where": "header.csv, row 2",
    }
    first, second = data.children["F1"].tables["Episodes"]
    assert (first["decom"], first["dec"], first["rec"]) == (date(2023, 5, 1), date(2023, 9, 1), "X1")
    assert (second["rne"], second["place"], second["dec"]) == ("P", "U6", None)
    assert [r["review_date"] for r in data.children["F1"].tables["Reviews"]] == [
        date(2023, 6, 1),
        date(2023, 12, 1),
    ]
    found = {(p.file, p.where, p.field, p.child) for p in data.errors}
    assert found == {
        ("header.csv", "row 4", "MC_DOB", "F3"),
        ("header.csv", "row 5", "SEX", "F4"),
        ("episodes.csv", "row 5", "PLACE", "F3"),
        ("episodes.csv", "row 6", "CHILD", "F5"),
    }


def test_903_csv_from_excel_with_a_bom_crlf_lower_case_headers_and_old_sex_codes(tmp_path):
    header = tmp_path / "Header export (1).csv"
    header.write_bytes(
        "\ufeffchild,sex,dob,ethnic,upn,mother,mc_dob\r\nK1,2,05/06/2012,WBRI,UN2,0,\r\n".encode()
    )
    data = read_903_csvs([header])
    assert not data.errors
    assert data.children["K1"].person["sex"] == "F"
    assert data.children["K1"].person["date_of_birth"] == date(2012, 6, 5)
    assert data.children["K1"].person["upn_unknown"] == "UN2"

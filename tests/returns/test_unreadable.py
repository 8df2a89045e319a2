"""Files that cannot be read as they stand: other encodings, bad bytes, damaged workbooks,
older templates. Each is read, or rejected with a located message."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from sightline.returns.annex_a import LISTS, read_annex_a, write_annex_a
from sightline.returns.common import ReturnFileError
from sightline.returns.detect import read_returns

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
ROW = "A{n},M,01/02/2010,WBRI,UN2,,\n"


def test_a_utf16_csv_is_read(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text(HEADER + ROW.format(n=1), encoding="utf-16")
    (data,) = read_returns([path])
    assert list(data.children) == ["A1"] and not data.errors


def test_a_byte_that_is_no_text_past_the_first_2_kb_is_located_by_line(tmp_path):
    path = tmp_path / "header.csv"
    body = (HEADER + "".join(ROW.format(n=n) for n in range(200))).encode()
    bad_line = body[:3000].count(b"\n") + 1
    path.write_bytes(body[:3000] + b"\x8d" + body[3000:])
    with pytest.raises(ReturnFileError) as caught:
        read_returns([path])
    (problem,) = caught.value.problems
    assert problem.file == "header.csv" and problem.where == f"line {bad_line}"
    assert "byte 0x8d" in problem.message


def _workbook(path, lists=None):
    start = ["C1", "b) Female", "a) WBRI", date(2015, 1, 1), 10]
    return write_annex_a(path, lists or {1: [[*start, date(2025, 11, 1), "1A"]]}, date(2026, 3, 31))


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_a_truncated_workbook_is_a_located_rejection(tmp_path, keep):
    whole = _workbook(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(whole[: int(len(whole) * keep)])
    with pytest.raises(ReturnFileError) as caught:
        read_returns([path])
    assert all(p.file == "annex_a.xlsx" and "workbook" in p.message for p in caught.value.problems)


def test_a_sheet_whose_compressed_data_is_damaged_is_a_located_rejection(tmp_path):
    whole = _workbook(tmp_path / "whole.xlsx")
    path = tmp_path / "annex_a.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, data)
            else:
                target.writestr(info, data)
    raw = bytearray(path.read_bytes())
    start = raw.find(b"xl/worksheets/sheet1.xml") + 60
    raw[start : start + 40] = b"\xff" * 40  # the deflate stream of the first sheet, overwritten
    path.write_bytes(bytes(raw))
    with pytest.raises(ReturnFileError) as caught:
        read_annex_a(path)
    assert all(p.file == "annex_a.xlsx" and p.message for p in caught.value.problems)


def test_an_older_template_lacking_a_later_column_is_read_with_a_warning(tmp_path):
    from openpyxl import Workbook

    columns = [c for c in LISTS[10][1] if "FFA" not in c]
    book = Workbook()
    sheet = book.active
    sheet.title = "List 10 - Adoption"
    sheet.append(columns)
    sheet.append(["C1", "b) Female", "a) WBRI", date(2015, 1, 1), 10, date(2024, 1, 5), date(2025, 2, 1)])
    path = tmp_path / "annex_a.xlsx"
    book.save(path)
    data = read_annex_a(path)
    assert not data.errors and data.header["lists"] == [10]
    (warning,) = data.warnings
    assert "FFA" in warning.message and "older template" in warning.message
    (row,) = data.children["C1"].tables["list10"]
    assert row["Date the Child was Placed for Fostering in FFA or Concurrency Placement"] is None
    assert row["Date the Child Entered Care"] == date(2024, 1, 5)

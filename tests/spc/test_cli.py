"""`sightline spc FILE`: a series from a CSV or XLSX file, errors located by row and column."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from sightline.cli import main

# The two-of-three series of test_engine: mean 10, limits 2.02 and 17.98.
VALUES = [9, 11] * 10 + [16, 11, 16, 4, 9, 4]


def write_csv(path, rows):
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


def series_rows():
    return [("date", "value")] + [(f"{2024 + i // 12}-{i % 12 + 1:02d}-01", v) for i, v in enumerate(VALUES)]


def test_json_gives_each_point_its_limits_and_signals_and_the_overall_icons(tmp_path, capsys):
    path = write_csv(tmp_path / "series.csv", series_rows())
    assert main(["spc", str(path), "--polarity", "up", "--target", "1", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["variation"] == "concern_low"
    assert out["assurance"] == "pass"  # 1 is below the lower limit 2.02
    assert len(out["points"]) == 26
    point = out["points"][20]
    assert point["date"] == "2025-09-01" and point["value"] == 16
    assert point["mean"] == pytest.approx(10) and point["upper"] == pytest.approx(17.98)
    assert point["signals"] == ["two_of_three"]
    assert out["points"][21]["signals"] == []


def test_table_and_options(tmp_path, capsys):
    path = write_csv(tmp_path / "series.csv", series_rows())
    assert main(["spc", str(path), "--rebase", "2025-09-01=New model of practice", "--shift-run", "6"]) == 0
    out = capsys.readouterr().out
    assert "2025-09-01       16.00" in out
    assert "Variation: Common cause" in out  # the six points from September have their own limits
    assert "Warning: Trial limits" in out


def test_an_xlsx_with_real_dates(tmp_path, capsys):
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Month", "Rate"])
    for i, v in enumerate(VALUES):
        sheet.append([datetime(2024 + i // 12, i % 12 + 1, 1), v])
    path = tmp_path / "series.xlsx"
    book.save(path)
    assert main(["spc", str(path), "--polarity", "down", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["variation"] == "improvement_low"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("date", "value"), ("2024-01-01", 3), ("1 March", 4)],
            "series.csv row 3, column 'date': '1 March' is not a date",
        ),
        (
            [("date", "value"), ("2024-01-01", "n/a")],
            "series.csv row 2, column 'value': 'n/a' is not a number",
        ),
        (
            [("date", "value"), ("2024-02-01", 3), ("2024-01-01", 4)],
            "series.csv row 3, column 'date': 2024-01-01 is not after",
        ),
        ([("date", "value")], "series.csv: there are no rows below the headings"),
        ([("only",), ("x",)], "series.csv row 1: expected a date column and a value column"),
    ],
)
def test_bad_files_are_named_by_row_and_column(tmp_path, capsys, rows, message):
    path = write_csv(tmp_path / "series.csv", rows)
    assert main(["spc", str(path)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err


def test_not_a_workbook_and_no_file(tmp_path, capsys):
    path = tmp_path / "series.xlsx"
    path.write_bytes(b"not a zip")
    assert main(["spc", str(path)]) == 2
    assert "series.xlsx: not a readable Excel workbook" in capsys.readouterr().err
    assert main(["spc", str(tmp_path / "missing.csv")]) == 2
    assert "there is no file missing.csv" in capsys.readouterr().err


def test_a_rebase_without_a_reason_is_refused(tmp_path, capsys):
    path = write_csv(tmp_path / "series.csv", series_rows())
    with pytest.raises(SystemExit):
        main(["spc", str(path), "--rebase", "2025-09-01"])
    assert "say why" in capsys.readouterr().err

"""`sightline import`, `sightline export`, `sightline validate` end to end."""

from __future__ import annotations

import pytest

from sightline.cli import main
from sightline.imports.models import ImportRun
from sightline.imports.validation import validate_files
from sightline.returns.common import ReturnFileError
from sightline.returns.validators import validators_python

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_import_then_export_on_the_command_line(exported, tmp_path, capsys):
    assert main(["import", str(exported["cin"]), *map(str, exported["903"])]) == 0
    out = capsys.readouterr().out
    assert "CIN census XML for collection year 2025-26 from cin.xml" in out
    assert "SSDA903 for collection year 2025-26" in out
    assert ImportRun.objects.count() == 2
    assert main(["export", "cin", "--year", str(YEAR), "--out", str(tmp_path / "cin.xml")]) == 0
    assert (tmp_path / "cin.xml").read_bytes() == exported["cin"].read_bytes()
    assert main(["export", "903", "--year", str(YEAR), "--out", str(tmp_path / "903")]) == 0
    assert (tmp_path / "903" / "episodes.csv").read_bytes() == (
        exported["cin"].parent / "903" / "episodes.csv"
    ).read_bytes()
    assert main(["export", "annex-a", "--year", str(YEAR), "--out", str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").stat().st_size > 0


def test_export_needs_a_collection_year(capsys):
    assert main(["export", "cin", "--out", "x.xml"]) == 2
    assert "--year" in capsys.readouterr().err


@pytest.mark.skipif(
    validators_python() is None, reason="the DfE validators' environment .venv-validators is missing"
)
def test_validate_on_the_command_line_writes_the_issues(exported, tmp_path, capsys):
    report = tmp_path / "issues.csv"
    status = main(["validate", str(exported["cin"]), "--out", str(report)])
    out = capsys.readouterr().out
    assert "The CIN census 2025-26 rules on cin.xml: " in out and "cin2025_26" not in out
    lines = report.read_text().splitlines()
    assert lines[0] == "File,Child ID,Rule,Rule description,Table,Field,Row"
    assert status == (1 if len(lines) > 1 else 0)


# Validating an Annex A or a file that is no return needs no DfE validator: these run everywhere.
def _refused(capsys, *args: str) -> str:
    """What `sightline validate` printed to stderr; it must exit 2 and print no traceback."""
    assert main(["validate", *args]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return captured.err


def test_an_annex_a_is_not_validated_and_the_command_says_why(exported, capsys):
    err = _refused(capsys, str(exported["annex-a"]))
    assert "annex_a.xlsx" in err and "Annex A" in err and "none" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a,b,c\n1,2,3\n", "match no SSDA903 table"),
        ("CHILD,SEX,DOB\n1,M,01/01/2010\n", "match no SSDA903 table"),
        ("hello world\nthis is not a return\n", "match no SSDA903 table"),
    ],
)
def test_a_junk_csv_is_refused_with_its_file_and_line(tmp_path, capsys, content, expected):
    path = tmp_path / "junk.csv"
    path.write_text(content)
    with pytest.raises(ReturnFileError) as refused:
        validate_files([path])
    first = refused.value.problems[0]
    assert (first.file, first.where) == ("junk.csv", "line 1 (header row)") and expected in first.message
    assert "junk.csv: line 1" in _refused(capsys, str(path))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "empty.csv: the file is empty"),
        ("noise.csv", bytes(range(256)) * 4, "noise.csv: not a CIN census XML, SSDA903 CSV/XML or Annex A"),
        ("cut.xlsx", b"PK\x03\x04" + b"\x00" * 40, "cut.xlsx: not a readable xlsx workbook"),
        ("other.xml", b"<?xml version='1.0'?><Report/>", "other.xml: line 1, an XML file with root <Report>"),
        ("broken.xml", b"<?xml version='1.0'?>\n<Message><Header>", "broken.xml: line 2, malformed XML"),
    ],
)
def test_a_file_that_is_no_return_is_refused_naming_it(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in _refused(capsys, str(path))


def test_a_missing_file_or_a_folder_is_refused_naming_it(tmp_path, capsys):
    assert "gone.xml: no such file" in _refused(capsys, str(tmp_path / "gone.xml"))
    folder = tmp_path / "returns"
    folder.mkdir()
    assert "returns: a folder, not a file" in _refused(capsys, str(folder))

"""`sightline import`, `sightline export`, `sightline validate` end to end."""

from __future__ import annotations

import pytest

from sightline.cli import main
from sightline.imports.models import ImportRun
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
    assert "cin2025_26 on cin.xml" in out
    lines = report.read_text().splitlines()
    assert lines[0] == "file,child_id,rule_code,rule_description,table,field,row_id"
    assert status == (1 if len(lines) > 1 else 0)

"""`sightline indicators`, `sightline drift`, `sightline definitions`."""

import csv
import io
import json

import pytest

from sightline.cli import main
from sightline.indicators.docs import render
from sightline.records.services import load_dataset


@pytest.mark.django_db(transaction=True)
def test_indicators_and_drift_in_each_format(small_council, capsys):
    load_dataset(small_council)
    assert main(["indicators", "--period", "2025-26", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} >= {"assessments_45wd", "cpp_rate", "cla_rate"}
    assert all(r["period"] == "2025-26" and r["level"] == "council" for r in rows)
    assert main(["indicators", "--indicator", "assessments_45wd", "--level", "team", "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(table) > 1 and {r["id"] for r in table} == {"assessments_45wd"}
    assert main(["indicators", "--kpq", "3", "--all"]) == 0
    assert "cpp_ended_2y_plus" in capsys.readouterr().out
    assert main(["indicators", "--period", "2025-13"]) == 2
    assert "Cannot read the period" in capsys.readouterr().err
    assert main(["drift", "--overdue", "--limit", "5", "--format", "json"]) == 0
    drift = json.loads(capsys.readouterr().out)
    assert 0 < len(drift) <= 5 and all(r["status"] == "overdue" for r in drift)


@pytest.mark.django_db
def test_indicators_on_an_empty_database_explain_themselves(capsys):
    assert main(["indicators"]) == 2
    assert "no council" in capsys.readouterr().err


def test_definitions_writes_and_checks_the_documentation(tmp_path, capsys):
    target = tmp_path / "indicators.md"
    assert main(["definitions", "--check", "--output", str(target)]) == 1
    assert main(["definitions", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render()
    assert main(["definitions", "--check", "--output", str(target)]) == 0
    assert main(["definitions", "--list"]) == 0
    assert "rereferrals_12m" in capsys.readouterr().out

"""`sightline indicators --by` and `sightline population`: figures per group, the population table."""

import csv
import io
import json

import pytest

from sightline.cli import main
from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.groups import BREAKDOWNS
from sightline.indicators.inequality import Inequality
from sightline.indicators.periods import Period
from sightline.indicators.population import PopulationTable
from sightline.performance import cli as performance_cli
from sightline.performance import inequality
from sightline.records.services import load_dataset


def test_the_commands_breakdowns_are_the_engines():
    assert tuple(BREAKDOWNS) == performance_cli.BY


@pytest.mark.django_db(transaction=True)
def test_indicators_by_group_in_each_format(small_council, capsys, tmp_path):
    load_dataset(small_council)
    args = ["indicators", "--indicator", "assessments_45wd", "--period", "2025-26", "--by", "ethnicity"]
    assert main([*args, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    direct = Inequality(Engine(Frames.from_dataset(small_council))).breakdown(
        "assessments_45wd", Period.parse("2025-26", small_council.meta["reference_date"]), "ethnicity"
    )
    assert [(r["group"], r["numerator"], r["denominator"]) for r in rows] == [
        (g.label, g.numerator, g.denominator) for g in direct.groups
    ]
    assert all(isinstance(r["differs"], bool) and r["ci_low"] <= r["value"] <= r["ci_high"] for r in rows)
    assert main([*args[:-1], "age", "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert table[0]["group"] == "Under 1" and {r["differs"] for r in table} <= {"true", "false", ""}
    assert main(["indicators", "--indicator", "caseload_per_fte", "--by", "sex"]) == 0
    assert "counts workers, not children" in capsys.readouterr().err
    assert main([*args, "--level", "team"]) == 2
    assert "needs --unit" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_a_population_file_is_loaded_and_gives_rates_per_10000(small_council, capsys, tmp_path):
    load_dataset(small_council)
    bad = tmp_path / "mid-2024.csv"
    bad.write_text("ladcode,ethnicity,sex,age,population_2024\nE1,WBRI,9,3,10\n", encoding="utf-8")
    assert main(["population", "--load", str(bad)]) == 2
    assert "mid-2024.csv, row 2, field sex" in capsys.readouterr().err
    rows = ["ladcode,ethnicity,sex,age,population_2024"] + [
        f"E1,{r['ethnicity']},{1 if r['sex'] == 'M' else 2},{r['age']},{r['population']}"
        for r in small_council.meta["population_estimate"]
    ]
    good = tmp_path / "mid-2024-good.csv"
    good.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["population", "--load", str(good), "--source", "ONS mid-2024 (synthetic)"]) == 0
    assert f"{small_council.meta['population']:,} children" in capsys.readouterr().out
    table = inequality.population()
    assert table.total == small_council.meta["population"]
    assert table.frame.sort("ethnicity", "sex", "age").equals(
        PopulationTable.from_rows(small_council.meta["population_estimate"]).frame.sort(
            "ethnicity", "sex", "age"
        )
    )
    assert main(["indicators", "--indicator", "cla_count", "--by", "ethnicity", "--format", "json"]) == 0
    cla = {r["group"]: r for r in json.loads(capsys.readouterr().out)}
    assert cla["White"]["unit_of_measure"] == "per 10k" and cla["White"]["denominator"] > 0
    assert cla["White"]["value"] == pytest.approx(
        cla["White"]["numerator"] / cla["White"]["denominator"] * 10_000, abs=0.05
    )

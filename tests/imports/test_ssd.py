"""SSD extract: export -> import into an empty database -> the same indicators, and the same files."""

from __future__ import annotations

import csv
import filecmp

import polars as pl
import pytest

from sightline.generator import CouncilSpec, generate
from sightline.imports.models import ImportRun, SSDKey
from sightline.imports.ssd_export import export_ssd
from sightline.imports.ssd_import import import_ssd, is_ssd_extract
from sightline.performance import selectors
from sightline.records.models import Child, Council, Visit
from sightline.records.services import clear_records, load_dataset
from sightline.workforce.models import Service, Team, Worker

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ssd_council():
    return generate(CouncilSpec(seed=13, size=0.04))


def _named_pack() -> pl.DataFrame:
    """The engine's whole pack with each unit named (ids differ between databases)."""
    names = {
        "service": dict(Service.objects.values_list("pk", "name")),
        "team": dict(Team.objects.values_list("pk", "name")),
        "worker": dict(Worker.objects.values_list("pk", "staff_id")),
    }
    selectors.clear_cache()
    frame = selectors.pack()
    unit = [
        names[level].get(uid) if level in names and uid is not None else None
        for level, uid in zip(frame["level"], frame["unit_id"], strict=True)
    ]
    return (
        frame.with_columns(pl.Series("unit", unit, dtype=pl.Utf8))
        .drop("unit_id")
        .sort("indicator_id", "level", "unit", "month", nulls_last=True)
    )


def test_export_import_gives_the_same_indicators_and_the_same_files(ssd_council, tmp_path):
    load_dataset(ssd_council, replace=True)
    before = _named_pack()
    written = export_ssd(tmp_path / "first")
    names = {p.name for p in written}
    assert {
        "ssd_person.csv",
        "ssd_cin_episodes.csv",
        "ssd_cla_placement.csv",
        "ssd_involvements.csv",
    } <= names
    people = list(csv.DictReader((tmp_path / "first" / "ssd_person.csv").open()))
    assert len(people) == Child.objects.count() > 100
    assert is_ssd_extract([tmp_path / "first"])

    clear_records()
    assert not Child.objects.exists()
    run = import_ssd([tmp_path / "first"])
    assert run.status == ImportRun.Status.IMPORTED and run.kind == "ssd"
    assert run.counts["ssd_person"] == {"added": len(people)}
    assert run.counts["ssd_cin_visits"]["added"] == Visit.objects.filter(kind="CIN").count() > 0
    assert Council.objects.get().name == ssd_council.meta["council_name"]

    after = _named_pack()
    assert before.height > 1000 and before["level"].n_unique() == 4
    assert after.equals(before)

    again = export_ssd(tmp_path / "second")
    for path in again:
        assert filecmp.cmp(path, tmp_path / "first" / path.name, shallow=False), path.name


def test_importing_the_same_extract_again_changes_nothing(ssd_council, tmp_path):
    load_dataset(ssd_council, replace=True)
    export_ssd(tmp_path / "x")
    clear_records()
    import_ssd([tmp_path / "x"])
    version = Council.objects.get().data_version
    keys = SSDKey.objects.count()
    run = import_ssd([tmp_path / "x"])
    assert run.status == ImportRun.Status.UNCHANGED and (run.added, run.updated) == (0, 0)
    assert run.unchanged == keys
    assert Council.objects.get().data_version == version


def test_ssd_on_the_command_line(ssd_council, tmp_path, capsys):
    from sightline.cli import main

    load_dataset(ssd_council, replace=True)
    assert main(["export", "ssd", "--out", str(tmp_path / "ssd")]) == 0
    assert "SSD tables" in capsys.readouterr().out
    clear_records()
    assert main(["import", str(tmp_path / "ssd")]) == 0
    out = capsys.readouterr().out
    assert "SSD extract (full)" in out and "ssd_person: " in out
    assert main(["import", "--delta", str(tmp_path / "ssd")]) == 0
    assert "0 added, 0 updated, 0 deleted" in capsys.readouterr().out

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


def _without_other_sources() -> list[str]:
    """Empty the tables the engine reads that come from other imports than the SSD (HR, complaints
    and feedback systems), so the pack compared is the case records' own."""
    from django.apps import apps

    from sightline.indicators.frames import SCHEMAS
    from sightline.records.services import LOAD_ORDER
    from sightline.returns.ssd_tables import LABELS

    others = {label for label, _ in SCHEMAS.values() if label not in LABELS}
    # Those that refer to others first (a training record before its course).
    for label in sorted(others, key=lambda lb: -LOAD_ORDER.index(lb) if lb in LOAD_ORDER else 0):
        apps.get_model(label).objects.all().delete()
    return sorted(others)


def test_export_import_gives_the_same_indicators_and_the_same_files(ssd_council, tmp_path):
    load_dataset(ssd_council, replace=True)
    others = _without_other_sources()
    assert all(label.split(".")[0] in {"workforce", "feedback"} for label in others)
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


def test_an_ssd_import_is_analysed_for_postgresqls_planner(ssd_council, tmp_path):
    from django.db import connection
    from tests.planner import analyze_now, planned_rows

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    load_dataset(ssd_council, replace=True)
    export_ssd(tmp_path / "x")
    clear_records()
    analyze_now(Child, Visit)
    assert planned_rows(Child) == 0
    import_ssd([tmp_path / "x"])
    assert planned_rows(Child) == Child.objects.count() > 100
    assert planned_rows(Visit) == pytest.approx(Visit.objects.count(), rel=0.05)


def test_ssd_on_the_command_line(ssd_council, tmp_path, capsys):
    from sightline.cli import main

    load_dataset(ssd_council, replace=True)
    assert main(["export", "ssd", "--out", str(tmp_path / "ssd")]) == 0
    assert "SSD tables" in capsys.readouterr().out
    clear_records()
    assert main(["import", "--no-validate", str(tmp_path / "ssd")]) == 0
    out = capsys.readouterr().out
    assert "SSD extract (full)" in out and "ssd_person: " in out
    assert main(["import", "--delta", "--no-validate", str(tmp_path / "ssd")]) == 0
    assert "0 added, 0 updated, 0 deleted" in capsys.readouterr().out


def _rewrite(path, change) -> None:
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0]) if rows else []
    rows = change(rows)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_daily_refresh_changes_only_what_changed_and_deletes_what_went(ssd_council, tmp_path):
    from sightline.records.models import CINPlan, Contact

    load_dataset(ssd_council, replace=True)
    export_ssd(tmp_path / "day1")
    contacts, plans = Contact.objects.count(), CINPlan.objects.count()
    # The first extract from the council's system matches the records already there, row by row.
    first = import_ssd([tmp_path / "day1"])
    assert first.status == ImportRun.Status.UNCHANGED and SSDKey.objects.count() == first.unchanged
    version = Council.objects.get().data_version

    day2 = tmp_path / "day2"
    export_ssd(day2)
    changed = {}

    def contact_changes(rows):
        changed["contact"] = rows[0]["cont_contact_id"]
        rows[0].update(cont_contact_date="2025-01-02", sl_decision_date="2025-01-02")
        new = dict(rows[1], cont_contact_id="NEW-1", cont_contact_date="2025-02-03", sl_decision_date="")
        return [*rows, new]

    def plan_gone(rows):
        changed["plan"] = rows[-1]["cinp_cin_plan_id"]
        return rows[:-1]

    _rewrite(day2 / "ssd_contacts.csv", contact_changes)
    _rewrite(day2 / "ssd_cin_plans.csv", plan_gone)
    run = import_ssd([day2])
    assert run.counts["ssd_contacts"] == {"added": 1, "updated": 1, "unchanged": contacts - 1}
    assert run.counts["ssd_cin_plans"] == {"deleted": 1, "unchanged": plans - 1}
    assert set(run.counts["ssd_person"]) == {"unchanged"}
    assert Contact.objects.count() == contacts + 1 and CINPlan.objects.count() == plans - 1
    key = SSDKey.objects.get(table="ssd_contacts", ssd_id=changed["contact"])
    assert str(Contact.objects.get(pk=key.object_id).contact_date) == "2025-01-02"
    assert not SSDKey.objects.filter(table="ssd_cin_plans", ssd_id=changed["plan"]).exists()
    assert Council.objects.get().data_version > version
    assert len(run.changed_children) == 3


def test_a_delta_extract_adds_and_updates_and_deletes_nothing(ssd_council, tmp_path):
    from sightline.records.models import CINPlan, Contact

    load_dataset(ssd_council, replace=True)
    export_ssd(tmp_path / "all")
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "contacts.CSV").write_text((tmp_path / "all" / "ssd_contacts.csv").read_text().upper())
    _rewrite(
        delta / "contacts.CSV",
        lambda rows: [dict(rows[0], CONT_CONTACT_DATE="2025-03-04", SL_DECISION_DATE="")],
    )
    plans = CINPlan.objects.count()
    run = import_ssd([delta], full=False)
    assert run.counts == {"ssd_contacts": {"updated": 1}}
    assert CINPlan.objects.count() == plans and Contact.objects.filter(contact_date="2025-03-04").exists()


def test_one_bad_row_late_in_the_extract_leaves_everything_as_it_was(ssd_council, tmp_path):
    from sightline.imports.services import ImportRejectedError
    from sightline.records.models import Contact

    load_dataset(ssd_council, replace=True)
    day = tmp_path / "day"
    export_ssd(day)
    _rewrite(
        day / "ssd_contacts.csv",
        lambda rows: [dict(rows[0], cont_contact_date="2025-01-09", sl_decision_date=""), *rows[1:]],
    )
    _rewrite(
        day / "ssd_involvements.csv", lambda rows: [dict(rows[0], invo_professional_id="NOBODY"), *rows[1:]]
    )
    before = sorted(Contact.objects.values_list("contact_date", flat=True))
    version = Council.objects.get().data_version
    with pytest.raises(ImportRejectedError) as caught:
        import_ssd([day])
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == ("ssd_involvements.csv", "invo_professional_id")
    assert sorted(Contact.objects.values_list("contact_date", flat=True)) == before
    assert Council.objects.get().data_version == version


def test_the_demo_council_a_day_on_refreshes_a_few_dozen_children(ssd_council, tmp_path):
    from datetime import timedelta

    from sightline.records.models import Contact

    load_dataset(ssd_council, replace=True)
    reference = Council.objects.get().reference_date
    visits, contacts = Visit.objects.count(), Contact.objects.count()
    export_ssd(tmp_path / "tomorrow", advance_days=1)
    run = import_ssd([tmp_path / "tomorrow"])
    assert run.status == ImportRun.Status.IMPORTED
    assert 20 <= len(run.changed_children) <= 60
    assert run.counts["sightline_council"] == {"updated": 1}
    assert Council.objects.get().reference_date == reference + timedelta(days=1)
    added_visits = sum(
        run.counts[t].get("added", 0) for t in ("ssd_cin_visits", "ssd_cp_visits", "ssd_cla_visits")
    )
    assert Visit.objects.count() == visits + added_visits > 0
    assert Contact.objects.count() == contacts + run.counts["ssd_contacts"]["added"]
    assert not any(c.get("deleted") for c in run.counts.values())
    # The next day's extract follows on from the records as refreshed.
    export_ssd(tmp_path / "after", advance_days=1)
    second = import_ssd([tmp_path / "after"])
    assert Council.objects.get().reference_date == reference + timedelta(days=2)
    assert 20 <= len(second.changed_children) <= 60


def test_a_councils_extract_without_our_worker_columns_finds_teams_by_department(ssd_council, tmp_path):
    """The SSD's own scripts give a worker's department by name and no `sl_` columns."""
    load_dataset(ssd_council, replace=True)
    teams = dict(Worker.objects.values_list("staff_id", "team__name"))
    export_ssd(tmp_path / "council")
    path = tmp_path / "council" / "ssd_professionals.csv"
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    dropped = {"sl_team_id", "sl_start_date", "sl_first_name", "sl_last_name"}
    fields = [f for f in rows[0] if f not in dropped] + [
        "prof_professional_name",
        "prof_professional_department",
    ]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            name = f"{row['sl_first_name']} {row['sl_last_name']}"
            writer.writerow(
                {
                    **row,
                    "prof_professional_name": name,
                    "prof_professional_department": teams[row["prof_staff_id"]],
                }
            )
    clear_records()
    run = import_ssd([tmp_path / "council"])
    assert run.status == ImportRun.Status.IMPORTED
    assert dict(Worker.objects.values_list("staff_id", "team__name")) == teams
    named = Worker.objects.exclude(first_name="").count()
    assert named == Worker.objects.count() > 20

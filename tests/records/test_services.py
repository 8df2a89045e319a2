"""Loading a generated council into the database, and the `sightline` CLI around it."""

import pytest
from django.apps import apps
from django.db import connection
from tests.planner import analyze_now, planned_rows
from tests.records_helpers import create_child

from sightline.cli import build_parser, main
from sightline.records.models import Child, Council
from sightline.records.services import LOAD_ORDER, DatabaseNotEmptyError, load_dataset
from sightline.workforce.models import Allocation


@pytest.mark.django_db(transaction=True)
def test_every_generated_row_loads_and_satisfies_the_database(small_council):
    loaded = load_dataset(small_council)
    for label in LOAD_ORDER:
        assert apps.get_model(label).objects.count() == len(small_council.rows(label)), label
    council = Council.objects.get()
    assert council.population_0_17 == small_council.meta["population"]
    # Sequences continue after the explicit ids: a new row gets a fresh id.
    child = create_child("NEW1")
    assert child.pk > max(r["id"] for r in small_council.rows("records.Child"))
    assert sum(loaded.values()) > 10_000


@pytest.mark.django_db(transaction=True)
def test_a_loaded_council_is_analysed_for_postgresqls_planner(small_council):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    analyze_now(Child, Allocation)  # empty, as a database whose autovacuum has not come by plans it
    assert planned_rows(Child) == 0
    load_dataset(small_council)
    assert planned_rows(Child) == Child.objects.count() > 1000
    assert planned_rows(Allocation) == pytest.approx(Allocation.objects.count(), rel=0.05)


@pytest.mark.django_db(transaction=True)
def test_loading_into_a_non_empty_database_is_refused_unless_replacing(small_council):
    load_dataset(small_council)
    with pytest.raises(DatabaseNotEmptyError):
        load_dataset(small_council)
    before = Allocation.objects.count()
    load_dataset(small_council, replace=True)
    assert Allocation.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_a_failed_load_writes_nothing(small_council):
    from copy import deepcopy

    from sightline.generator import Dataset

    broken = Dataset()
    broken.meta = dict(small_council.meta)
    broken.tables = deepcopy(dict(small_council.tables))
    broken.tables["records.CINEpisode"][-1]["cin_closure_date"] = broken.tables["records.CINEpisode"][-1][
        "cin_referral_date"
    ].replace(year=2000)
    broken.tables["records.CINEpisode"][-1]["reason_for_closure"] = "RC8"
    with pytest.raises(Exception, match=r"(?i)check constraint|violates check"):
        load_dataset(broken)
    assert Child.objects.count() == 0
    assert Council.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_cli_generate_reports_and_refuses_a_second_load(capsys):
    assert main(["generate", "--seed", "3", "--size", "0.05", "--no-progress", "--no-migrate"]) == 0
    out = capsys.readouterr().out
    assert "looked after" in out and "cp plans" in out
    assert Child.objects.exists()
    assert main(["generate", "--seed", "3", "--size", "0.05", "--no-progress", "--no-migrate"]) == 2
    assert "--replace" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["generate", "demo", "serve", "migrate", "manage"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: sightline" in capsys.readouterr().out


def test_bad_arguments_are_refused_with_a_message(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["generate", "--reference-date", "2026-02-30"])
    assert "is not a date" in capsys.readouterr().err


def test_dates_are_read_as_the_pages_read_them():
    args = build_parser().parse_args(["generate", "--reference-date", "31/03/2026"])
    assert args.reference_date == build_parser().parse_args(["generate"]).reference_date


@pytest.mark.django_db
def test_a_row_the_bulk_insert_refuses_is_refused_as_djangos_error():
    """The SSD import turns Django's DatabaseError into a message for staff; the driver's own error
    (sqlite3's or psycopg's, from its raw cursor) would get past that and reach the user raw."""
    from django.db import IntegrityError, transaction

    from sightline.records.services import insert_rows

    child = create_child("DUP1")
    row = {f.attname: getattr(child, f.attname) for f in Child._meta.concrete_fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows("records.Child", [row])
    assert Child.objects.filter(la_child_id="DUP1").count() == 1

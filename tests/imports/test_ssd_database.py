"""Importing the SSD from the council's database: the same records as from the files, the same
checks, one transaction."""

from __future__ import annotations

import csv
import re

import pytest
from tests.ssd_source import source_url

from sightline.generator import CouncilSpec, generate
from sightline.imports.models import ImportRun
from sightline.imports.services import ImportRejectedError
from sightline.imports.ssd_export import export_ssd
from sightline.imports.ssd_import import import_ssd_database
from sightline.records.models import Child
from sightline.records.services import clear_records, load_dataset
from sightline.returns.ssd_tables import TABLES

psycopg = pytest.importorskip("psycopg")
pytestmark = pytest.mark.django_db

JSON = {column for table in TABLES for column in table.json_columns}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


@pytest.fixture(scope="module")
def council():
    return generate(CouncilSpec(seed=21, size=0.02))


def _kind(column: str, values: list[str]) -> str:
    """The column's type as the SSD's own scripts would declare it, guessed from its values."""
    filled = [v for v in values if v]
    if column in JSON:
        return "jsonb"
    if filled and all(DAY.match(v) for v in filled):
        return "date"
    if filled and all(MOMENT.match(v) for v in filled):
        return "timestamp"
    return "text"


def fill(connection, schema: str, folder) -> None:
    """Each CSV of the extract as a typed table of the schema."""
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        kinds = [_kind(c, [r[i] for r in body]) for i, c in enumerate(header)]
        columns = ", ".join(f'"{c}" {k}' for c, k in zip(header, kinds, strict=True))
        connection.execute(f'CREATE TABLE "{schema}"."{path.stem}" ({columns})')
        with connection.cursor().copy(
            f'COPY "{schema}"."{path.stem}" FROM STDIN WITH (FORMAT csv, HEADER true)'
        ) as copy:
            copy.write(path.read_bytes())


def _lines(path) -> list[str]:
    return sorted(path.read_text().splitlines())


def test_the_database_gives_the_same_records_as_the_files(council, ssd_source, tmp_path):
    connection, schema = ssd_source
    load_dataset(council, replace=True)
    export_ssd(tmp_path / "files")
    people = Child.objects.count()
    fill(connection, schema, tmp_path / "files")
    clear_records()

    run = import_ssd_database(source_url(), schema)
    assert run.status == ImportRun.Status.IMPORTED and run.kind == "ssd"
    assert run.counts["ssd_person"] == {"added": people} and people > 50
    assert schema in run.file_names and "ssd_person" not in run.file_names
    # Written back out, the records are the files the tables were made from, row for row (a
    # database keeps no order: the rows were read in the order of their ids).
    for path in export_ssd(tmp_path / "again"):
        assert _lines(path) == _lines(tmp_path / "files" / path.name), path.name
    # The next morning nothing has changed.
    again = import_ssd_database(source_url(), schema)
    assert again.status == ImportRun.Status.UNCHANGED and again.added == again.updated == 0


def test_a_bad_row_is_named_by_table_and_row_and_nothing_is_written(council, ssd_source, tmp_path):
    connection, schema = ssd_source
    load_dataset(council, replace=True)
    export_ssd(tmp_path / "files")
    fill(connection, schema, tmp_path / "files")
    clear_records()
    # A contact for a person the extract does not hold.
    connection.execute(
        f"UPDATE \"{schema}\".ssd_contacts SET cont_person_id = 'NOBODY' WHERE ctid = "
        f'(SELECT ctid FROM "{schema}".ssd_contacts ORDER BY cont_contact_id LIMIT 1)'
    )
    with pytest.raises(ImportRejectedError) as rejected:
        import_ssd_database(source_url(), schema)
    said = "\n".join(str(p) for p in rejected.value.problems)
    assert f"{schema}.ssd_contacts" in said and "row 1" in said and "NOBODY" in said
    assert not Child.objects.exists()
    assert ImportRun.objects.latest("pk").status == ImportRun.Status.REJECTED


def test_a_database_that_cannot_be_reached_is_refused_plainly():
    url = "postgresql://reader:s3cret@127.0.0.1:1/reporting"
    with pytest.raises(ImportRejectedError) as rejected:
        import_ssd_database(url, "ssd")
    said = str(rejected.value)
    assert "could not be read" in said and "s3cret" not in said
    run = ImportRun.objects.latest("pk")
    assert run.status == ImportRun.Status.REJECTED and "s3cret" not in run.file_names + "".join(run.errors)


def test_the_database_on_the_command_line(council, ssd_source, tmp_path, capsys, settings):
    from sightline.cli import main

    connection, schema = ssd_source
    load_dataset(council, replace=True)
    export_ssd(tmp_path / "files")
    fill(connection, schema, tmp_path / "files")
    clear_records()
    settings.SIGHTLINE_SSD_DATABASE_URL = source_url()
    settings.SIGHTLINE_SSD_SCHEMA = schema
    assert main(["import", "--ssd-database", "--no-validate"]) == 0
    assert "SSD extract (full)" in capsys.readouterr().out
    assert Child.objects.exists()
    settings.SIGHTLINE_SSD_DATABASE_URL = ""
    assert main(["import", "--ssd-database"]) == 2
    assert "SIGHTLINE_SSD_DATABASE_URL" in capsys.readouterr().err
    assert main(["import"]) == 2

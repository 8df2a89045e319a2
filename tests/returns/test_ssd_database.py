"""Reading SSD tables from a PostgreSQL schema: the cells as the CSV files would hold them."""

from __future__ import annotations

from sightline.returns.ssd_database import described, read_ssd_database


def test_cells_read_as_the_csv_files_hold_them(ssd_source):
    connection, name = ssd_source
    # The council's DBA spelt the table and two columns in capitals; the order of rows is not the id's.
    connection.execute(
        f'CREATE TABLE "{name}"."SSD_PERSON" ("PERS_PERSON_ID" text, pers_sex text, pers_dob date, '
        f"pers_upn_unknown text, pers_death_date timestamp, pers_expected_dob date, unused_column text)"
    )
    connection.execute(
        f'INSERT INTO "{name}"."SSD_PERSON" VALUES '
        "('P2', 'F', '2015-03-09', NULL, NULL, NULL, 'x'), "
        "('P1', ' M ', NULL, 'UN1', '2024-06-01 10:30', '2026-01-02', 'y')"
    )
    connection.execute(
        f'CREATE TABLE "{name}".ssd_contacts (cont_contact_id integer, cont_person_id text, '
        f"cont_contact_date date, cont_contact_outcome_json jsonb)"
    )
    connection.execute(f"INSERT INTO \"{name}\".ssd_contacts VALUES (7, 'P1', '2025-11-30', '[\"CIN\"]')")
    extract = read_ssd_database(connection, name)
    assert extract.problems == []
    assert extract.files == {"ssd_person": f"{name}.SSD_PERSON", "ssd_contacts": f"{name}.ssd_contacts"}
    people = extract.tables["ssd_person"]
    assert [p["pers_person_id"] for p in people] == ["P1", "P2"]
    first = people[0]
    assert first["pers_sex"] == "M"
    assert first["pers_dob"] == ""
    assert first["pers_death_date"] == "2024-06-01T10:30:00"
    assert first["pers_expected_dob"] == "2026-01-02"
    assert first["_row"] == 1 and people[1]["_row"] == 2
    assert first["unused_column"] == "y"
    assert people[1]["pers_dob"] == "2015-03-09"
    contact = extract.tables["ssd_contacts"][0]
    assert contact["cont_contact_id"] == "7"
    assert contact["cont_contact_outcome_json"] == '["CIN"]'


def test_a_schema_without_ssd_tables_is_named(ssd_source):
    connection, name = ssd_source
    connection.execute(f'CREATE TABLE "{name}".something_else (a text)')
    extract = read_ssd_database(connection, name)
    assert extract.tables == {}
    assert [str(p) for p in extract.problems] and name in extract.problems[0].message


def test_a_table_without_its_id_column_is_named(ssd_source):
    connection, name = ssd_source
    connection.execute(f'CREATE TABLE "{name}".ssd_person (pers_sex text, pers_dob date)')
    extract = read_ssd_database(connection, name)
    assert "ssd_person" not in extract.tables
    (problem,) = extract.problems
    assert problem.field == "pers_person_id" and "id column" in problem.message


def test_the_address_is_described_without_its_password():
    text = described("postgresql://reader:s3cret@ssd.example.gov.uk:5433/reporting?sslmode=require")
    assert "s3cret" not in text
    assert text == "postgresql://reader@ssd.example.gov.uk:5433/reporting"

"""The tables in the order they are written: a record's table after those it refers to."""

from __future__ import annotations

from sightline.returns.ssd_tables import DISABILITY, LABELS, TABLES, file_tables, tables_for


def test_each_table_comes_after_the_tables_of_the_records_it_refers_to():
    first = {}
    for index, table in enumerate(TABLES):
        first.setdefault(table.label, index)
        for field, target in table.fks.items():
            assert target == table.label or first.get(target, len(TABLES)) < index, (
                table.name,
                field,
                target,
            )


def test_every_file_has_its_columns_once_and_the_disabilities_file_too():
    files = file_tables()
    assert all(len(set(columns)) == len(columns) for columns in files.values())
    assert files[DISABILITY.name] == DISABILITY.all_columns
    assert set(LABELS) == {t.label for t in TABLES}
    assert [t.name for t in tables_for("workforce.Team")] == ["ssd_department"]

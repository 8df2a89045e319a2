"""The SSDA903 column spec: every table has its file and is known by its own columns."""

from __future__ import annotations

from sightline.returns.ssda903 import identify
from sightline.returns.ssda903_columns import FILE_NAMES, TABLES, sex_out


def test_every_table_has_one_file_of_its_own():
    assert set(FILE_NAMES) == set(TABLES)
    assert len(set(FILE_NAMES.values())) == len(FILE_NAMES)


def test_every_table_starts_with_the_child_has_each_column_once_and_is_known_by_its_columns():
    for name, columns in TABLES.items():
        names = [col.name for col in columns]
        assert names[0] == "CHILD" and len(set(names)) == len(names), name
        assert identify(names) == (name, ""), name


def test_every_coded_column_has_its_codes():
    for name, columns in TABLES.items():
        for col in columns:
            assert (col.kind == "code") == bool(col.allowed), (name, col.name)


def test_sex_is_written_m_f_u_from_2024_25_and_1_2_before():
    assert [sex_out(s, 2025) for s in "MFU"] == ["M", "F", "U"]
    assert [sex_out(s, 2024) for s in "MF"] == ["1", "2"]

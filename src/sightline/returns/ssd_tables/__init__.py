"""The Standard Safeguarding Dataset (SSD) tables Sightline reads and writes, declared.

One `Table` per SSD table (names and columns as the SSD's data/objects/*.yml give them, see
docs/ssd.md), saying which record of ours each row is and which of our fields each column
holds. What a record of ours has and the SSD does not is written in extension columns
(`sl_<field>`) or extension tables (`sightline_<name>`), so an export read back is the same
council; a council's own SSD extract has neither, and those fields are left blank on import.

The declarations' shapes are in `declarations`; the tables in the order they are written (a
record's table after the tables it refers to), in four modules as the records' models are:
`people`, `need`, `care` and `work`.
"""

from __future__ import annotations

from functools import cache

from .care import CARE
from .declarations import CHILD, EPISODE, EXT, JOB_TITLES, Companion, Table, ext_table
from .need import NEED
from .people import PEOPLE
from .work import WORK

__all__ = ["CHILD", "DISABILITY", "EPISODE", "EXT", "JOB_TITLES", "LABELS", "TABLES", "Companion", "Table"]
__all__ += ["ext_table", "file_tables", "tables_for"]

TABLES: tuple[Table, ...] = PEOPLE + NEED + CARE + WORK

# The SSD's disabilities: one row per child and code (ssd_disability), our Child.disabilities list.
DISABILITY = Table(
    "ssd_disability",
    "records.Child",
    "disa_table_id",
    "D",
    {"disa_person_id": "child_id", "disa_disability_code": "disabilities"},
    required=False,
)

LABELS: tuple[str, ...] = tuple(dict.fromkeys(t.label for t in TABLES))


def tables_for(label: str) -> list[Table]:
    return [t for t in TABLES if t.label == label]


@cache
def file_tables() -> dict[str, list[str]]:
    """Each file's name -> its columns, in the order written (companions after their tables)."""
    out: dict[str, list[str]] = {}
    for table in TABLES:
        columns = out.setdefault(table.name, [])
        columns.extend(c for c in table.all_columns if c not in columns)
        for companion in table.companions:
            extra = [companion.id_column, *(c for c in (companion.key, companion.person) if c)]
            columns = out.setdefault(companion.table, [])
            columns.extend(c for c in [*extra, *companion.columns] if c not in columns)
    out[DISABILITY.name] = DISABILITY.all_columns
    return out

"""The shapes of the SSD table declarations: a `Table` (an SSD table, or one of ours, and the
record it holds), its `Companion` tables, and the extension columns and tables (`sl_`,
`sightline_`) that carry what the SSD has no column for."""

from __future__ import annotations

from dataclasses import dataclass, field

EXT = "sl_"  # extension columns: one of our fields the SSD table has no column for


@dataclass(frozen=True)
class Companion:
    """A second SSD table holding more of the same record (placement and legal status of a
    looked-after episode; an assessment's factors): its `key` column holds the record's id."""

    table: str
    id_column: str
    columns: dict[str, str]  # SSD column -> our field
    key: str = ""  # the companion's column holding the record's id (else its id is the record's)
    person: str = ""  # the companion's person column (written with the record's child)
    via: str = ""  # or: the record's column holding the companion's id (written as id_prefix + id)
    id_prefix: str = ""
    optional_if_empty: str = ""  # field whose empty value means no companion row (factors)


@dataclass(frozen=True)
class Table:
    """An SSD table (or one of ours) and the record it holds."""

    name: str
    label: str  # the model label, e.g. "records.Contact"
    id_column: str
    prefix: str  # id of a row written from a record with no SSD id yet: prefix + primary key
    columns: dict[str, str]  # SSD column -> our field ("child_id" for the person column)
    extension: tuple[str, ...] = ()  # our fields with no SSD column, written as sl_<field>
    fks: dict[str, str] = field(default_factory=dict)  # our field -> the label it refers to
    kinds: tuple[str, ...] = ()  # rows of the label held here: their `kind` values
    natural_key: str = ""  # our field the SSD id is by default (la_child_id, staff_id)
    companions: tuple[Companion, ...] = ()
    json_columns: tuple[str, ...] = ()  # columns holding a JSON list of one code: our field's value
    coded: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {our code: theirs}
    person_via: tuple[str, str, str] = ()  # (table, its column holding our person column, its person column)
    required: bool = True  # in a full extract (an SSD table); extension tables are optional

    @property
    def all_columns(self) -> list[str]:
        via = [c.via for c in self.companions if c.via]
        return [self.id_column, *self.columns, *via, *(EXT + f for f in self.extension)]


CHILD = {"child_id": "records.Child"}
# Worker.Role as the SSD's job titles.
JOB_TITLES = {
    "SW": "Social Worker",
    "SP": "Senior Practitioner",
    "TM": "Team Manager",
    "HOS": "Head of Service",
    "IRO": "Independent Reviewing Officer",
    "PA": "Personal Adviser",
    "FW": "Family Worker",
}
EPISODE = {"child_id": "records.Child", "episode_id": "records.CINEpisode"}


def ext_table(name, label, prefix, fields, fks=None) -> Table:
    return Table(
        name=f"sightline_{name}",
        label=label,
        id_column=f"{EXT}{name}_id",
        prefix=prefix,
        columns={f"{EXT}person_id": "child_id"} if "child_id" in (fks or CHILD) else {},
        extension=tuple(fields),
        fks=fks if fks is not None else CHILD,
        required=False,
    )

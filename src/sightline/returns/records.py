"""The plain records every reader produces and every writer consumes.

Field names are the record model's (snake case, as in `sightline.records.models`), so the
loader maps them to the ORM without a second vocabulary; values are already parsed (dates
as `date`, booleans as `bool`, codes checked against the code lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sightline.domain.dates import collection_year


@dataclass
class ChildReturn:
    """Everything one return says about one child.

    `person` holds the child's own fields (only those the return carries); `cin` the CIN
    census CINdetails, each a dict with nested `assessments`, `cin_plans`, `section47`,
    `cp_plans` lists; `tables` the SSDA903 or Annex A rows by table name.
    """

    la_child_id: str
    where: str = ""
    person: dict = field(default_factory=dict)
    cin: list[dict] = field(default_factory=list)
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def rows(self, table: str) -> list[dict]:
        return self.tables.setdefault(table, [])


@dataclass
class ReturnData:
    """A whole return: its kind ('cin', '903', 'annex-a'), header, children and problems."""

    kind: str
    files: list[str]
    header: dict = field(default_factory=dict)
    children: dict[str, ChildReturn] = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def child(self, la_child_id: str, where: str = "") -> ChildReturn:
        found = self.children.get(la_child_id)
        if found is None:
            found = self.children[la_child_id] = ChildReturn(la_child_id, where)
        return found

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if p.severity == "warning"]


def infer_year(data: ReturnData, today: date | None = None) -> int:
    """The collection year a return is for (2026 = 2025-26): its header's, else from its latest date."""
    if str(data.header.get("year", "")).isdigit():
        return int(data.header["year"])
    latest = None
    for record in data.children.values():
        rows = [row for table in record.tables.values() for row in table] + record.cin
        for row in rows:
            for name, value in row.items():
                if "birth" in name.lower() or name in {"DOB", "MC_DOB"}:
                    continue
                if isinstance(value, date) and (latest is None or value > latest):
                    latest = value
    latest = latest or today or date.today()
    return collection_year(latest)

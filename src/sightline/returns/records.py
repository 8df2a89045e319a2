"""The plain records every reader produces and every writer consumes.

Field names are the record model's (snake case, as in `sightline.records.models`), so the
loader maps them to the ORM without a second vocabulary; values are already parsed (dates
as `date`, booleans as `bool`, codes checked against the code lists).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date

from sightline.domain.dates import collection_year
from sightline.domain.numbers import is_whole_number


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
    # The import rules' tables as Polars frames, where the reader made them as it read (the 903's
    # column-wise reader); else None, and the rules make their tables from the children.
    frames: dict | None = field(default=None, compare=False, repr=False)

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


# Dates that say when a return's events happened, by return: the collection year is the one
# its latest such date falls in. Not birth dates, nor dates that may lie ahead (the projected
# end of UASC status, an ICPC's target date), nor a previous permanence order's.
REPORTING_DATES = {
    "cin": {
        "cin_referral_date",
        "cin_closure_date",
        "date_of_initial_cpc",
        "assessment_actual_start_date",
        "assessment_authorisation_date",
        "cin_plan_start_date",
        "cin_plan_end_date",
        "s47_actual_start_date",
        "cpp_start_date",
        "cpp_end_date",
    },
    "903": {
        "decom",
        "dec",
        "review_date",
        "mis_start",
        "mis_end",
        "sw_decom",
        "sw_dec",
        "date_should_be_placed",
        "match_date",
        "no_longer_placed_date",
    },
}


def _header_year(data: ReturnData) -> tuple[int | None, list[str]]:
    """A CIN census's year from its header: the ReferenceDate (31 March of the year), else Year."""
    notes = []
    text = str(data.header.get("year", "")).strip()
    stated = int(text) if is_whole_number(text) and 1900 < int(text) < 2200 else None
    reference = None
    with contextlib.suppress(ValueError):
        reference = date.fromisoformat(str(data.header.get("reference_date", "")).strip()[:10])
    if reference is None:
        return stated, notes
    by_reference = collection_year(reference)
    if (reference.month, reference.day) != (3, 31):
        notes.append(
            f"the header's ReferenceDate {reference:%d/%m/%Y} is not 31 March, the end of a collection "
            f"year: read as collection year {by_reference - 1}-{by_reference % 100:02d}"
        )
    if stated is not None and stated != by_reference:
        notes.append(
            f"the header's Year {stated} and ReferenceDate {reference:%d/%m/%Y} disagree: the collection "
            f"year is taken from the reference date ({by_reference - 1}-{by_reference % 100:02d})"
        )
    return by_reference, notes


def frames_hold_every_row(data: ReturnData) -> bool:
    """The reader's frames (`ReturnData.frames`) still hold exactly the rows its children do."""
    if data.frames is None:
        return False
    held = sum(bool(r.person) + sum(map(len, r.tables.values())) for r in data.children.values())
    return sum(f.height for f in data.frames.values()) == held


def _latest_in_frames(frames: dict, names: set[str], today: date) -> date | None:
    """`_latest_reporting_date` a column at a time, on the reader's frames (date columns)."""
    import polars as pl

    found = [
        frame.select(pl.col(name).filter(pl.col(name).is_between(date(1900, 1, 1), today)).max()).item()
        for frame in frames.values()
        for name in names
        if frame.schema.get(name) == pl.Date
    ]
    return max((day for day in found if day is not None), default=None)


def _latest_reporting_date(data: ReturnData, today: date) -> date | None:
    names = REPORTING_DATES.get(data.kind)
    if names is not None and frames_hold_every_row(data):
        return _latest_in_frames(data.frames, names, today)
    return _latest_in_rows(data, names, today)


def _latest_in_rows(data: ReturnData, names: set[str] | None, today: date) -> date | None:
    latest = None

    def consider(row: dict) -> None:
        nonlocal latest
        for name, value in row.items():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        consider(item)
                continue
            if not isinstance(value, date) or not (date(1900, 1, 1) <= value <= today):
                continue
            # Annex A columns are named as the template has them: every date but the birth.
            wanted = name in names if names is not None else "birth" not in name.lower()
            if wanted and (latest is None or value > latest):
                latest = value

    for record in data.children.values():
        for rows in record.tables.values():
            for row in rows:
                consider(row)
        for detail in record.cin:
            consider(detail)
    return latest


def infer_year(data: ReturnData, today: date | None = None) -> int:
    """The collection year a return is for (2026 = 2025-26): its header's, else the year its latest
    reporting date falls in. Dates after today or before 1900 (errors of their own) and dates that
    may lie ahead are not used, so one mistyped year cannot file a whole return under it."""
    return infer_year_with_notes(data, today)[0]


def infer_year_with_notes(data: ReturnData, today: date | None = None) -> tuple[int, list[str]]:
    """`infer_year`, with what a person should know about how it was found."""
    today = today or date.today()
    year, notes = _header_year(data) if data.kind == "cin" else (None, [])
    if year is not None:
        return year, notes
    reference = data.header.get("reference_date")
    if isinstance(reference, date):
        return collection_year(reference), notes
    latest = _latest_reporting_date(data, today)
    if latest is None:
        fallback = collection_year(today) - 1
        notes.append(
            f"no dates to tell the collection year by: taken as {fallback - 1}-{fallback % 100:02d}, "
            "the last complete year (give the year to import it as another)"
        )
        return fallback, notes
    return collection_year(latest), notes

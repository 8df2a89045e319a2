"""Returns as they stood at a day: the plain export records cut to what had happened by then.

A council re-making last year's return (or Ofsted asking for an earlier Annex A window)
needs the file it would have made the day after that year ended, not one written from
today's records. At the year end nothing dated after it has happened yet: records that
start after it are dropped, and an end date after it is blanked together with what is only
known once the record has ended (the closure reason with the CIN closure date, REC and the
reason for a placement change with DEC, factors with an assessment's authorisation). An
episode or plan open at the year end is therefore written as open. A child left with
nothing in the return is not in it.

Every exporter (CIN census, SSDA903, Annex A) calls these functions with the collection
year's end, or the Annex A reference date. They are pure: plain records in, new plain
records out. On the latest year, with nothing recorded after its end, they change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from .annex_a import LISTS
from .records import ChildReturn
from .ssda903_columns import TABLES


@dataclass(frozen=True)
class Ends:
    """A record's end date and the fields known only once it has ended, blanked with it."""

    field: str
    with_it: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cut:
    """How one kind of record is cut: dropped if it starts after the day, and what ends."""

    starts: str | None = None
    ends: tuple[Ends, ...] = ()


CIN = {
    "details": Cut(
        "cin_referral_date", (Ends("cin_closure_date", ("reason_for_closure",)), Ends("date_of_initial_cpc"))
    ),
    "assessments": Cut(
        "assessment_actual_start_date",
        (Ends("assessment_authorisation_date", ("factors",)), Ends("assessment_internal_review_date")),
    ),
    "cin_plans": Cut("cin_plan_start_date", (Ends("cin_plan_end_date"),)),
    # The s47's end is when the ICPC was found unnecessary; its ICPC may come after the day.
    "section47": Cut(
        "s47_actual_start_date", (Ends("end_date", ("icpc_not_required",)), Ends("date_of_initial_cpc"))
    ),
    "cp_plans": Cut("cpp_start_date", (Ends("cpp_end_date"),)),
}

ADOPTION_DECISION = "Date of Decision that the Child Should be Placed for Adoption"

SSDA903 = {
    "Episodes": Cut("decom", (Ends("dec", ("rec", "reason_place_change")),)),
    "Reviews": Cut("review_date"),
    "Missing": Cut("mis_start", (Ends("mis_end"),)),
    # SW_REASON is why this worker took the child on: known when the episode starts.
    "SWEpisodes": Cut("sw_decom", (Ends("sw_dec"),)),
    "PlacedAdoption": Cut(
        "date_should_be_placed", (Ends("no_longer_placed_date", ("reason_no_longer_placed",)),)
    ),
    "AD1": Cut("date_should_be_placed", (Ends("match_date"),)),
    # DUC is kept whenever it falls: for a child still seeking asylum it is the projected 18th
    # birthday, a future date the DfE's own data and rules expect (not an end yet to happen).
    "UASC": Cut(None),
}

PERSON = Cut(None, (Ends("death_date"), Ends("mother_child_dob")))

# Annex A columns by header: the list's start column, and its end columns with what goes with them.
ANNEX_A = {
    1: Cut("Date of Contact"),
    2: Cut("Assessment start date", (Ends("Assessment completion date"),)),
    3: Cut("Date of referral"),
    4: Cut(
        "Continuous Assessment Start Date",
        (
            Ends(
                "Continuous Assessment Date of Authorisation",
                ("Was the child assessed as requiring LA children's social care support?",),
            ),
        ),
    ),
    5: Cut(
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        (
            Ends(
                "Date of Initial Child Protection Conference",
                ("Did the Initial Child Protection Conference Result in a Child Protection Plan",),
            ),
        ),
    ),
    6: Cut(
        "CIN Start Date",
        (Ends("CIN Closure Date", ("Reason for Closure",)), Ends("Date Child Was Last Seen")),
    ),
    7: Cut(
        "Child Protection Plan Start Date",
        (
            Ends("Child Protection Plan End Date"),
            Ends("Date of the Last Statutory Visit", ("Was the Child Seen Alone?",)),
            Ends("Date of latest review conference"),
        ),
    ),
    8: Cut(
        "Placement Start Date",
        (
            Ends("Date Ceased to be Looked After", ("Reason Ceased to be Looked After",)),
            Ends("Date of Latest Statutory Review"),
            Ends("Date Child Was Last Seen"),
            Ends("Date of Last Health Assessment"),
            Ends("Date of Last Dental Check"),
        ),
    ),
    9: Cut("Date of Latest Contact"),
    # Every date after the decision to place for adoption is a step that may come after the day.
    10: Cut(
        ADOPTION_DECISION,
        tuple(Ends(column) for column in LISTS[10][1][LISTS[10][1].index(ADOPTION_DECISION) + 1 :]),
    ),
}


def _fields(cut: Cut) -> set[str]:
    return {cut.starts} - {None} | {name for end in cut.ends for name in (end.field, *end.with_it)}


def _check_declared() -> None:
    """A misspelt field would silently cut nothing: every one named must be in its table or list."""
    for table, cut in SSDA903.items():
        unknown = _fields(cut) - {col.field for col in TABLES[table]}
        if unknown:
            raise LookupError(f"as_at.SSDA903[{table!r}]: no such 903 field {sorted(unknown)}")
    for number, cut in ANNEX_A.items():
        unknown = _fields(cut) - set(LISTS[number][1])
        if unknown:
            raise LookupError(f"as_at.ANNEX_A[{number}]: no such list {number} column {sorted(unknown)}")


_check_declared()


def after(value, day: date) -> bool:
    """Whether a date (or a moment) falls after `day`; a blank never does."""
    if isinstance(value, datetime):
        value = value.date()
    return isinstance(value, date) and value > day


def cut_row(row: dict, cut: Cut, day: date) -> dict | None:
    """The row as it stood at the end of `day`: None if it had not started, else a copy with
    the ends (and what goes with them) that had not happened yet blanked."""
    if cut.starts is not None and after(row.get(cut.starts), day):
        return None
    out = dict(row)
    for end in cut.ends:
        if after(out.get(end.field), day):
            out[end.field] = None
            for name in end.with_it:
                if name in out:
                    out[name] = _blank(out[name])
    return out


def _blank(value):
    """Not known yet, as the record model stores it: no codes, no list, not so, no date."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return ""
    return [] if isinstance(value, list) else None


def _rows(rows: list[dict], cut: Cut, day: date) -> list[dict]:
    return [x for x in (cut_row(row, cut, day) for row in rows) if x is not None]


def person_as_at(person: dict, day: date) -> dict:
    """The child's own fields at the end of `day`: born or not yet, dead, a mother, no longer UASC."""
    out = cut_row(person, PERSON, day)
    if after(out.get("date_of_birth"), day):
        # Unborn then: the return gives the expected date (the birth date, if none was kept),
        # and an unborn child's sex is not known (CIN rule 8750).
        out["expected_date_of_birth"] = out.get("expected_date_of_birth") or out["date_of_birth"]
        out["date_of_birth"] = None
        if "sex" in out:
            out["sex"] = "U"
    elif out.get("date_of_birth") is not None and "expected_date_of_birth" in out:
        out["expected_date_of_birth"] = None  # born: the census wants one date or the other, not both
    if "mother" in person and after(person.get("mother_child_dob"), day) and out.get("mother") == "1":
        out["mother"] = "0"
    return out


def cin_as_at(children: list[ChildReturn], day: date) -> list[ChildReturn]:
    """CIN census records as at `day`; children with no CIN episode started by then are left out."""
    out = []
    for child in children:
        details = []
        for detail in _rows(child.cin, CIN["details"], day):
            for part in ("assessments", "cin_plans", "section47", "cp_plans"):
                if part in detail:
                    detail[part] = _rows(detail[part], CIN[part], day)
            for plan in detail.get("cp_plans", []):
                if "reviews" in plan:
                    plan["reviews"] = [r for r in plan["reviews"] if not after(r, day)]
            details.append(detail)
        if details:
            out.append(replace(child, person=person_as_at(child.person, day), cin=details))
    return out


ADOPTED = {"E11", "E12"}


def ssda903_as_at(children: list[ChildReturn], day: date) -> list[ChildReturn]:
    """SSDA903 records as at `day`; children neither looked after nor care leavers by then are left out."""
    out = []
    for child in children:
        tables = {
            name: _rows(rows, SSDA903[name], day) if name in SSDA903 else [dict(r) for r in rows]
            for name, rows in child.tables.items()
        }
        if not any(e.get("rec") in ADOPTED for e in tables.get("Episodes", [])):
            tables.pop("AD1", None)  # AD1 is sent for a child adopted in the year, and only then
        if not tables.get("Episodes") and not tables.get("OC3"):
            continue
        out.append(replace(child, person=person_as_at(child.person, day), tables=tables))
    return out


def annex_a_as_at(lists: dict[int, list[list]], day: date) -> dict[int, list[list]]:
    """Annex A rows as at `day` (the reference date), by each list's Ofsted column headers."""
    out = {}
    for number, rows in lists.items():
        columns = LISTS[number][1]
        cut = ANNEX_A.get(number, Cut())
        kept = []
        for cells in rows:
            row = cut_row(dict(zip(columns, cells, strict=False)), cut, day)
            if row is None:
                continue
            if "Date of Birth" in row and after(row["Date of Birth"], day):
                row["Age of Child (Years)"] = None  # not born yet: no age
            kept.append([row.get(c) for c in columns[: len(cells)]])
        out[number] = kept
    return out

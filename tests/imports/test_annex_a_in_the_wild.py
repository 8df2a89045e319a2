"""Annex A as councils' systems export it, not as Sightline writes it.

Real workbooks name their sheets "List 1".."List 11", word some headers as other years'
Ofsted templates do, give coded cells as the template's drop-down options ("g) 3A: Health
services", "b) Female", "N1 - Abuse or neglect"), mix date cells with dd/mm/yyyy text, and
carry a numeric child id as a float. The workbook here is synthetic, shaped like those
exports; a few rows in it are bad, and the import must say where rather than fail or store
a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.records.models import (
    CareLeaverContact,
    Child,
    CINEpisode,
    Contact,
    CPPlan,
    EarlyHelpAssessment,
    Section47Enquiry,
)
from sightline.returns.annex_a import code, read_annex_a

from .conftest import YEAR

pytestmark = pytest.mark.django_db

PERSON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
ALLOCATED = ["Allocated Team", "Allocated Worker"]
DISABILITY = "Does the Child have a Disability"
# Header rows in the wordings councils' exports use (newer Ofsted templates for lists 8 to 11).
HEADERS = {
    1: [*PERSON, "Date of Contact", "Contact Source"],
    2: [*PERSON, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: [
        *PERSON,
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ],
    4: [
        *PERSON,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATED,
    ],
    5: [
        *PERSON,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATED,
    ],
    6: [
        *PERSON,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATED,
    ],
    7: [
        *PERSON,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *ALLOCATED,
    ],
    8: [
        *PERSON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        *ALLOCATED,
    ],
    9: [
        *PERSON,
        DISABILITY,
        *ALLOCATED,
        "Allocated Personal Advisor",
        "Eligibility Category",
        "LA in Touch",
        "Latest Date of Contact",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    10: [
        "Child Unique ID",
        "Family identifier",
        *PERSON[1:],
        DISABILITY,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    11: [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}


def _person(child_id, gender, ethnicity, born):
    return {"Child Unique ID": child_id, "Gender": gender, "Ethnicity": ethnicity, "Date of Birth": born}


# The good children: a numeric id stored as a float, Ofsted's drop-down options, dd/mm/yyyy text.
NUMERIC = _person(100234.0, "b) Female", "a) WBRI", datetime(2014, 6, 3))
NOT_STATED = _person("C2", "c) Not stated/recorded", "f) MWBC", "17/09/2011")
NEITHER = _person("C3", "d) Neither", "s) REFU", "02/01/2007")
LOOKED_AFTER = _person("C4", "a) Male", "o) BAFR", date(2012, 2, 29))
BAD1 = _person("BAD1", "a) Male", "a) WBRI", "01/01/2015")
BAD2 = _person("BAD2", "b) Female", "a) WBRI", "01/01/2016")
BAD3 = _person("BAD3", "b) Female", "n) BCRB", "01/01/2013")


@dataclass
class Wild:
    """The workbook and, for each bad row, where it is and which field is wrong."""

    path: object
    bad: list[tuple[str, int, str]] = field(default_factory=list)
    blank_id: tuple[str, int, str] = ("", 0, "")


def build(tmp_path) -> Wild:
    book = Workbook()
    book.remove(book.active)
    rows: dict[int, list[dict]] = {number: [] for number in HEADERS}

    rows[1] += [
        {
            **NUMERIC,
            "Age of Child (Years)": 11.0,
            "Date of Contact": "04/11/2025",
            "Contact Source": "g) 3A: Health services",
        },
        {
            **NOT_STATED,
            "Age of Child (Years)": 14,
            "Date of Contact": date(2025, 10, 20),
            "Contact Source": "Police",
        },
        {**NEITHER, "Date of Contact": "21/01/2026", "Contact Source": "a) 1A: Individual"},
    ]
    rows[2].append(
        {
            **NOT_STATED,
            "Assessment start date": "03/11/2025",
            "Assessment completion date": datetime(2025, 12, 1),
            "Organisation completing assessment": "Family Hub North",
        }
    )
    rows[3].append(
        {
            **NUMERIC,
            "Date of Referral": "12/11/2025",
            "Referral Source": "q) 6: Police",
            "Referral NFA?": "b) No",
            "Number of Referrals in Last 12 Months": 1,
            "Allocated Team": "Assessment Team 2",
            "Allocated Worker": "A Worker",
        }
    )
    rows[4].append(
        {
            **NUMERIC,
            DISABILITY: "b) No",
            "Continuous Assessment Start Date": date(2025, 11, 13),
            "Child Seen During Continuous Assessment": "a) Yes",
            "Continuous Assessment Date of Authorisation": "05/12/2025",
            "Was the child assessed as requiring LA children's social care support?": "a) Yes",
        }
    )
    rows[5].append(
        {
            **NUMERIC,
            DISABILITY: "b) No",
            "Strategy discussion initiating Section 47 Enquiry Start Date": "01/12/2025",
            "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
            "Date of Initial Child Protection Conference": date(2025, 12, 15),
            "Did the Initial Child Protection Conference Result in a Child Protection Plan": "a) Yes",
        }
    )
    rows[6].append(
        {
            **NUMERIC,
            DISABILITY: "b) No",
            "CIN Start Date": "12/11/2025",
            "Primary Need Code": "N1 - Abuse or neglect",
            "Date Child Was Last Seen": "10/03/2026",
            "Case Status": "b) Child Protection plan",
        }
    )
    rows[7].append(
        {
            **NUMERIC,
            DISABILITY: "b) No",
            "Child Protection Plan Start Date": "15/12/2025",
            "Initial Category of Abuse": "a) Neglect",
            "Latest Category of Abuse": "e) Multiple/not recommended",
            "Date of the Last Statutory Visit": "02/03/2026",
            "Was the Child Seen Alone?": "a) Yes",
            "Number of Previous Child Protection Plans": 0,
        }
    )
    rows[8].append(
        {
            **LOOKED_AFTER,
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "b) No",
            DISABILITY: "b) No",
            "Date Started to be Looked After": "01/05/2024",
            "Child's Category of Need": "N1 - Abuse or neglect",
            "Child's Legal Status": "C2: FCO",
            "Number of Placements in the Last 12 months": 1,
            "Reason Ceased to be Looked After": None,
            "Start Date of Most Recent Placement": "14/08/2025",
            "Placement Type": "f) U6: Foster placement - not FFA",
            "Placement Provider": "b) PR1: Own provision",
            "Placement postcode": "ZZ1 1ZZ",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 0,
        }
    )
    rows[9].append(
        {
            **NEITHER,
            DISABILITY: "c) Unknown",
            "Eligibility Category": "b) Former relevant child",
            "LA in Touch": "a) Yes",
            "Latest Date of Contact": "09/02/2026",
            "Type of Accommodation": "D: Semi-independent, transitional and self-contained accommodation",
            "Suitability of Accommodation": "a) Suitable",
            "Activity Status": "F2: Full time in education other than higher",
        }
    )
    rows[10].append(
        {
            **NOT_STATED,
            "Family identifier": "FAM-7",
            DISABILITY: "b) No",
            "Date the Child Entered Care": "01/02/2024",
            "Date of Decision that Child Should be Placed for Adoption": "20/06/2025",
            "Date of Placement Order": date(2025, 9, 1),
        }
    )
    rows[11].append(
        {
            "Individual adopter identifier": "ADOPT-1",
            "Family identifier": "FAM-7",
            "Gender": "a) Male",
            "Ethnicity": "a) WBRI",
            "Disability": "b) No",
            "Is the (prospective) adopter fostering for adoption?": "b) No",
            "Date enquiry received": "05/05/2025",
            "Date Stage 1 started": date(2025, 5, 20),
        }
    )

    # The bad rows, among the good: a contact source that is descriptive text naming no code,
    # a date that cannot be, a category of abuse with no code, a count that is not a number.
    plan = {**BAD3, "Child Protection Plan Start Date": "06/01/2026"}
    bad = [
        (
            1,
            "Contact Source",
            {**BAD1, "Date of Contact": "02/02/2026", "Contact Source": "Health services - other"},
        ),
        (
            3,
            "Date of referral",
            {**BAD2, "Date of Referral": "31/02/2026", "Referral Source": "q) 6: Police"},
        ),
        (7, "Initial Category of Abuse", {**plan, "Initial Category of Abuse": "f) Other"}),
        (
            7,
            "Number of Previous Child Protection Plans",
            # Another plan (a different start: two rows for one plan would be an error of their own).
            {
                **plan,
                "Child Protection Plan Start Date": "07/01/2026",
                "Number of Previous Child Protection Plans": "n/a",
            },
        ),
    ]
    # And a row with no child id, followed by a good one.
    blank = {**_person(None, "a) Male", "a) WBRI", "01/01/2015"), "Date of Contact": "03/02/2026"}
    later = {**NUMERIC, "Date of Contact": "05/11/2025", "Contact Source": "3A"}

    wild = Wild(tmp_path / "in_the_wild.xlsx")
    for number, headers in HEADERS.items():
        sheet = book.create_sheet(f"List {number}")
        if number == 1:
            sheet.append(["Annex A - List 1: Contacts (six months to 31/03/2026)"])  # a title row
        sheet.append(headers)
        for row in rows[number]:
            sheet.append([row.get(h) for h in headers])
        for _, column, row in (b for b in bad if b[0] == number):
            sheet.append([row.get(h) for h in headers])
            wild.bad.append((sheet.title, sheet.max_row, column))
        if number == 1:
            sheet.append([blank.get(h) for h in headers])
            wild.blank_id = (sheet.title, sheet.max_row, "Child Unique ID")
            sheet.append([later.get(h) for h in headers])
    book.save(wild.path)
    return wild


def _located(problem) -> tuple[str, int, str]:
    sheet, row = problem.where.rsplit(", row ", 1)
    return sheet.removeprefix("sheet '").removesuffix("'"), int(row), problem.field


def test_reader_takes_every_good_row_with_its_code(tmp_path):
    wild = build(tmp_path)
    data = read_annex_a(wild.path)

    assert data.header["lists"] == sorted(HEADERS)
    assert sorted(_located(p) for p in data.errors) == sorted([*wild.bad, wild.blank_id])
    assert [p.row_only for p in data.errors if not p.child] == [True]
    assert {p.child for p in data.errors} == {"BAD1", "BAD2", "BAD3", ""}

    numeric = data.children["100234"].tables
    first, second = numeric["list1"]
    assert code(first["Contact Source"]) == "3A" and first["Date of Contact"] == date(2025, 11, 4)
    assert code(second["Contact Source"]) == "3A" and second["Date of Contact"] == date(2025, 11, 5)
    assert (code(first["Gender"]), code(first["Ethnicity"])) == ("F", "WBRI")
    assert first["Date of Birth"] == date(2014, 6, 3)
    assert code(numeric["list3"][0]["Referral Source"]) == "6"
    assert code(numeric["list3"][0]["Referral NFA?"]) == "No"
    assert code(numeric["list6"][0]["Primary Need Code"]) == "N1"
    plan = numeric["list7"][0]
    assert (code(plan["Initial Category of Abuse"]), code(plan["Latest Category of Abuse"])) == ("NEG", "MUL")

    not_stated = data.children["C2"].tables
    assert code(not_stated["list1"][0]["Contact Source"]) == "6"  # the label "Police" names code 6
    assert code(not_stated["list1"][0]["Gender"]) == "U"
    assert code(not_stated["list1"][0]["Ethnicity"]) == "MWBC"
    assert not_stated["list10"][0]["Date of Decision that the Child Should be Placed for Adoption"] == date(
        2025, 6, 20
    )

    neither = data.children["C3"].tables
    assert (code(neither["list1"][0]["Gender"]), code(neither["list1"][0]["Ethnicity"])) == ("U", "REFU")
    leaver = neither["list9"][0]
    assert leaver["Date of Latest Contact"] == date(2026, 2, 9)
    coded = ("LA in Touch", "Accommodation Type and Suitability", "Activity Status")
    assert [code(leaver[c]) for c in coded] == ["YES", "D1", "F2"]

    in_care = data.children["C4"].tables["list8"][0]
    coded = ("Legal Status", "Placement Type", "Placement Provider", "UASC")
    assert [code(in_care[c]) for c in coded] == ["C2", "U6", "PR1", "No"]
    assert in_care["Placement Start Date"] == date(2025, 8, 14)
    assert data.children["ADOPT-1"].tables["list11"][0]["Date of Initial Enquiry"] == date(2025, 5, 5)


def test_without_skipping_the_bad_rows_reject_the_import_and_nothing_is_written(tmp_path):
    wild = build(tmp_path)
    with pytest.raises(services.ImportRejectedError) as raised:
        services.import_files([wild.path], year=YEAR)

    problems = raised.value.problems
    assert {p.file for p in problems} == {"in_the_wild.xlsx"}
    assert sorted(_located(p) for p in problems) == sorted([*wild.bad, wild.blank_id])
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED
    for sheet, row, column in wild.bad:
        assert any(f"in_the_wild.xlsx: sheet '{sheet}', row {row}, field {column}:" in e for e in run.errors)
    assert not Child.objects.exists() and not Contact.objects.exists()


def test_skipping_bad_children_imports_the_good_and_reports_each_bad_row(tmp_path):
    wild = build(tmp_path)
    (run,) = services.import_files([wild.path], year=YEAR, skip_bad_children=True)

    assert run.status == ImportRun.Status.IMPORTED
    assert set(Child.objects.values_list("la_child_id", flat=True)) == {"100234", "C2", "C3", "C4"}
    for sheet, row, column in [*wild.bad, wild.blank_id]:
        assert any(
            f"in_the_wild.xlsx: sheet '{sheet}', row {row}, field {column}:" in w for w in run.warnings
        )

    people = {c.la_child_id: (c.sex, c.ethnicity) for c in Child.objects.all()}
    assert people["100234"] == ("F", "WBRI")
    assert people["C2"] == ("U", "MWBC")
    assert people["C3"] == ("U", "REFU")
    assert sorted(Contact.objects.values_list("child__la_child_id", "contact_date", "source")) == [
        ("100234", date(2025, 11, 4), "3A"),
        ("100234", date(2025, 11, 5), "3A"),
        ("C2", date(2025, 10, 20), "6"),
        ("C3", date(2026, 1, 21), "1A"),
    ]
    assert EarlyHelpAssessment.objects.get().completion_date == date(2025, 12, 1)
    episode = CINEpisode.objects.get(child__la_child_id="100234")
    assert (episode.referral_source, episode.primary_need_code) == ("6", "N1")
    assert Section47Enquiry.objects.get().s47_actual_start_date == date(2025, 12, 1)
    plan = CPPlan.objects.get()
    assert (plan.initial_category_of_abuse, plan.latest_category_of_abuse) == ("NEG", "MUL")
    leaver = CareLeaverContact.objects.get()
    assert (leaver.in_touch, leaver.accom, leaver.activ) == ("YES", "D1", "F2")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("g) 3A: Health services", "3A"),
        ("p1) 5D: LA services", "5D"),
        ("1A) Individual: family member", "1A"),
        ("a) WBRI", "WBRI"),
        ("N1 - Abuse or neglect", "N1"),
        ("RC8 - Case closed after assessment, no further action", "RC8"),
        ("6", "6"),
        ("a) Yes", "a"),  # a letter option alone: the loader knows what "a" means in a Yes/No column
    ],
)
def test_code_read_from_the_text_alone(cell, expected):
    """Values that did not come through the reader's checks (which know each column's codes)."""
    assert code(cell) == expected


def test_what_came_in_from_the_wild_goes_out_and_reads_back_clean(tmp_path):
    """Sightline's own export of an imported workbook passes its own reader's checks."""
    wild = build(tmp_path)
    services.import_files([wild.path], year=YEAR, skip_bad_children=True)
    again = read_annex_a(services.export_annex_a(YEAR, tmp_path / "again.xlsx"))
    assert not again.problems
    assert {"100234", "C2", "C3", "C4"} <= set(again.children)
    in_care = again.children["C4"].tables["list8"][0]
    assert code(in_care["Legal Status"]) == "C2" and code(in_care["Placement Type"]) == "U6"

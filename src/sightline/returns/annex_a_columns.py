"""Ofsted ILACS Annex A: the lists' columns, and how a header row is recognised as one of them.

Header matching ignores case, spacing and punctuation and knows the wordings councils' exports
(and other years' Ofsted templates) use for the same column; a workbook on an older template
lacking only columns later templates added is read without them, with a warning.
"""

from __future__ import annotations

import re

START = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
ALLOCATED = ["Allocated Team", "Allocated Worker"]

# (list number, sheet name, columns after the common start, whether the allocated columns end it)
LISTS: dict[int, tuple[str, list[str]]] = {
    1: ("List 1 - Contacts", [*START, "Date of Contact", "Contact Source"]),
    2: (
        "List 2 - Early Help",
        [*START, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    ),
    3: (
        "List 3 - Referrals",
        [
            *START,
            "Date of referral",
            "Referral Source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            *ALLOCATED,
        ],
    ),
    4: (
        "List 4 - Assessments",
        [
            *START,
            "Disability",
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support?",
            *ALLOCATED,
        ],
    ),
    5: (
        "List 5 - Section 47",
        [
            *START,
            "Disability",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            *ALLOCATED,
        ],
    ),
    6: (
        "List 6 - Children in Need",
        [
            *START,
            "Disability",
            "CIN Start Date",
            "Primary Need Code",
            "Date Child Was Last Seen",
            "CIN Closure Date",
            "Reason for Closure",
            "Case Status",
            *ALLOCATED,
        ],
    ),
    7: (
        "List 7 - Child Protection",
        [
            *START,
            "Disability",
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
    ),
    8: (
        "List 8 - Children in Care",
        [
            *START,
            "UASC",
            "Date Started to be Looked After",
            "Child's Category of Need",
            "Legal Status",
            "Date of Latest Statutory Review",
            "Date Child Was Last Seen",
            "Date of Last Health Assessment",
            "Date of Last Dental Check",
            "Number of Placements in the Last 12 Months",
            "Date Ceased to be Looked After",
            "Reason Ceased to be Looked After",
            "Placement Start Date",
            "Placement Type",
            "Placement Provider",
            "Placement Postcode",
            "Placement Unique Reference Number (URN)",
            "Number of Missing Episodes in the Last 12 Months",
            *ALLOCATED,
        ],
    ),
    9: (
        "List 9 - Care Leavers",
        [
            *START,
            "Date of Latest Contact",
            "LA in Touch",
            "Activity Status",
            "Accommodation Type and Suitability",
            *ALLOCATED,
        ],
    ),
    10: (
        "List 10 - Adoption",
        [
            *START,
            "Date the Child Entered Care",
            "Date of Decision that the Child Should be Placed for Adoption",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Date the Child was Placed for Fostering in FFA or Concurrency Placement",
        ],
    ),
    11: (
        "List 11 - Adopters",
        [
            "Adopter Unique ID",
            "Adoptive Family Unique ID",
            "Gender",
            "Ethnicity",
            "Disability",
            "Is the adopter a foster carer?",
            "Date of Initial Enquiry",
            "Date Stage 1 Started",
            "Date Stage 1 Ended",
            "Date Stage 2 Started",
            "Date Stage 2 Ended",
            "Date of Application",
            "Date Approved",
            "Date Matched",
            "Date Child Placed",
            "Number of Children Placed",
            "Date of Adoption Order",
            "Date Left Process",
            "Reason Left Process",
        ],
    ),
}
DATE_WORDS = ("date", "started to be looked after")


# Other wordings of a column in councils' exports and in other years' Ofsted templates.
ALIASES = {
    "Child Unique ID": ["Child ID", "Child Unique Identifier", "Unique Child ID", "Child Identifier"],
    "Gender": ["Sex"],
    "Age of Child (Years)": ["Age of Child", "Age"],
    "Disability": ["Does the Child have a Disability"],
    "Date of Contact": ["Contact Date"],
    "Contact Source": ["Source of Contact"],
    "Date of referral": ["Referral Date"],
    "Referral Source": ["Source of Referral"],
    "UASC": [
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        "Unaccompanied Asylum Seeking Child (UASC)",
    ],
    "Legal Status": ["Child's Legal Status"],
    "Date Child Was Last Seen": ["Date of Last Social Work Visit"],
    "Placement Start Date": ["Start Date of Most Recent Placement"],
    "Placement Unique Reference Number (URN)": ["URN of Placement", "Placement URN"],
    "Number of Missing Episodes in the Last 12 Months": [
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
    ],
    "Date of Latest Contact": ["Latest Date of Contact"],
    "Date of Decision that the Child Should be Placed for Adoption": [
        "Date of Decision that Child Should be Placed for Adoption"
    ],
    "Date of Decision that Child Should No Longer be Placed for Adoption": [
        "Date of Decision that the Child Should No Longer be Placed for Adoption"
    ],
    "Date the Child was Placed for Fostering in FFA or Concurrency Placement": [
        "Date the child was placed for fostering in FFA or concurrent planning placement"
    ],
    "Adopter Unique ID": ["Individual adopter identifier"],
    "Adoptive Family Unique ID": ["Family identifier"],
    "Is the adopter a foster carer?": ["Is the (prospective) adopter fostering for adoption?"],
    "Date of Initial Enquiry": ["Date enquiry received"],
    "Date of Application": ["Date application submitted"],
    "Date Approved": ["Date application approved"],
    "Date Matched": ["Date adopter matched with child(ren)"],
    "Date Child Placed": ["Date child/children placed with adopter(s)"],
    "Number of Children Placed": ["No. of children placed"],
    "Date Left Process": ["Date of leaving adoption process"],
    "Reason Left Process": ["Reason for leaving adoption process"],
}
# Newer templates split list 9's accommodation into its type ("B: Parents/relatives") and
# whether it is suitable ("a) Suitable"); the SSDA903 code joins them ("B1").
SPLIT = {"Accommodation Type and Suitability": ("Type of Accommodation", "Suitability of Accommodation")}


# Columns later Ofsted templates added: a workbook on an older template is read without them.
OPTIONAL = {
    4: {"Child Seen During Continuous Assessment"},
    6: {"Case Status"},
    7: {
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Was the Child Seen Alone?",
    },
    8: {"UASC", "Placement Unique Reference Number (URN)", "Placement Provider"},
    10: {"Date the Child was Placed for Fostering in FFA or Concurrency Placement"},
}


def key(header: str) -> str:
    """Header matching that ignores case, spacing and punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


CANONICAL = {key(alias): key(name) for name, aliases in ALIASES.items() for alias in aliases}


def header_key(header: str) -> str:
    """A header's key, with another wording of a column read as the column itself."""
    found = key(header)
    return CANONICAL.get(found, found)


KEYS = {number: [key(c) for c in columns] for number, (_, columns) in LISTS.items()}


def _given(headers: list[str]) -> set[str]:
    given = {header_key(h) for h in headers if key(h)}
    for name, parts in SPLIT.items():
        if {key(p) for p in parts} <= given:
            given.add(key(name))
    return given


def identify(headers: list[str]) -> tuple[int | None, str]:
    """The list a header row is, or None with why not. A list lacking only columns that later
    templates added is read, with a message (a warning) naming what was not there to read."""
    given = _given(headers)
    best, best_overlap = None, 0
    for number, expected in KEYS.items():
        if set(expected) <= given:
            return number, ""
        overlap = len(set(expected) & given)
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    if best is None or best_overlap < 4:
        return None, "the header row matches no Annex A list"
    names = dict(zip(KEYS[best], LISTS[best][1], strict=True))
    missing = [names[k] for k in KEYS[best] if k not in given]
    if set(missing) <= OPTIONAL.get(best, set()):
        return best, (
            f"no column {', '.join(missing)} (an older template): read without it, so it is blank for "
            "every row of this list"
        )
    return None, f"looks like Annex A list {best} but lacks column(s): {', '.join(missing)}"


def is_date_column(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in DATE_WORDS) and "number" not in lowered

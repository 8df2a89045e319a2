"""Ofsted Annex A's import rules: checks across fields and rows, before anything is loaded.

Annex A rows are keyed by their column names as the Ofsted template has them.
"""

from __future__ import annotations

from sightline.returns.annex_a import LISTS, is_date_column

from . import declare as d
from .base import Registry

KIND = "annex-a"
ORDERS = [
    (2, "Assessment start date", "Assessment completion date", "The early help assessment"),
    (4, "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation", "The assessment"),
    (6, "CIN Start Date", "CIN Closure Date", "The CIN episode"),
    (7, "Child Protection Plan Start Date", "Child Protection Plan End Date", "The CP plan"),
    (8, "Date Started to be Looked After", "Date Ceased to be Looked After", "The period of care"),
    (
        10,
        "Date of Decision that the Child Should be Placed for Adoption",
        "Date of Matching Child and Prospective Adopters",
        "Matching",
    ),
    (
        10,
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "The adoption placement",
    ),
    (10, "Date Placed for Adoption", "Date of Adoption Order", "The adoption order"),
]
# The date each loaded list's rows are keyed by: a row without it has nowhere to go.
KEYED = {
    1: "Date of Contact",
    2: "Assessment start date",
    3: "Date of referral",
    4: "Continuous Assessment Start Date",
    5: "Strategy discussion initiating Section 47 Enquiry Start Date",
    6: "CIN Start Date",
    7: "Child Protection Plan Start Date",
    9: "Date of Latest Contact",
    10: "Date of Decision that the Child Should be Placed for Adoption",
}
# Lists whose rows the loader keys by the child and that date alone (others may repeat a day).
UNIQUE = {3: "A referral", 4: "An assessment", 5: "A section 47 enquiry", 6: "A CIN episode", 7: "A CP plan"}
# Annex A puts an unborn child's expected date of birth in Date of Birth.
FUTURE = {"Date of Birth"}


def declare(rules: Registry) -> None:
    for number, start, end, what in ORDERS:
        d.order(rules, KIND, f"list{number}", start, end, what, {})
    for number, column in KEYED.items():
        d.required(
            rules,
            KIND,
            f"list{number}",
            (column,),
            f"{column} is blank: the row has no date to be recorded under",
            {},
        )
    for number in range(1, 11):
        d.required(
            rules,
            KIND,
            f"list{number}",
            ("Date of Birth",),
            "Date of Birth is blank: every child needs one (for an unborn child, the expected date)",
            {},
        )
    for number, (_, columns) in LISTS.items():
        for column in columns:
            if is_date_column(column):
                d.dates(rules, KIND, f"list{number}", column, column, future=column in FUTURE)
    for number, what in UNIQUE.items():
        d.duplicates(rules, KIND, f"list{number}", ("_child", KEYED[number]), what, {})

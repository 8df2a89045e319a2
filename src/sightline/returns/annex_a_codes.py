"""Ofsted ILACS Annex A: coded cells and their code lists.

Coded values may come as the code, the code's label, or one of Ofsted's drop-down options
("a) WBRI", "g) 3A: Health services", "b) Female", "N1 - Abuse or neglect"); each is checked
against its code list, so a value that names no code is a located problem, not a stored guess.
"""

from __future__ import annotations

import re

from sightline.domain import codes as c

from .annex_a_columns import key

PREFIX = re.compile(r"^\s*([A-Za-z0-9]{1,6})\)\s*(.*)$", re.DOTALL)
# "3A: Health services", "N1 - Abuse or neglect": a code, a separator (colon or dash), its label.
LEADING = re.compile(r"^([A-Za-z0-9]{1,6})\s*(?::|\s[-\u2013\u2014]\s)")
LEADING_CODE = re.compile(r"^([A-Z0-9]{1,5})\s*(?::|\s[-\u2013\u2014]\s)")
CODE_LIKE = re.compile(r"^[A-Z0-9]{1,5}$")


class Coded(str):
    """A coded cell as written (so it can be kept as reported), knowing the code it was read as."""

    code: str

    def __new__(cls, text: str, found: str = "") -> Coded:
        cell = super().__new__(cls, text)
        cell.code = found or text
        return cell

    def __reduce__(self):
        return (Coded, (str(self), self.code))


def code(value) -> str:
    """The code in a coded cell: 'g) 3A: Health services' -> '3A', '1A) Individual' -> '1A',
    'a) WBRI' -> 'WBRI', 'N1 - Abuse or neglect' -> 'N1', 'a) Yes' -> 'a'.

    A cell the reader checked against its column's code list carries its code; this reading
    of the text alone is for values from elsewhere.
    """
    if isinstance(value, Coded):
        return value.code
    text = str(value or "").strip()
    prefixed = PREFIX.match(text)
    rest = prefixed.group(2).strip() if prefixed else text
    leading = LEADING_CODE.match(rest)
    if leading:
        return leading.group(1)
    if prefixed:
        return rest if CODE_LIKE.match(rest) else prefixed.group(1)
    return text


class CodeList:
    """A column's codes, with the labels, other names and Ofsted letter options that stand for them."""

    def __init__(self, choices, names: dict[str, str] | None = None, letters: dict[str, str] | None = None):
        self.codes = {str(found).upper(): found for found, _ in choices}
        self.names = {key(label): found for found, label in choices}
        self.names.update({key(name): found for name, found in (names or {}).items()})
        self.letters = letters or {}

    def read(self, text: str) -> str | None:
        """The code a cell names, or None when it names none."""
        prefixed = PREFIX.match(text)
        rest = prefixed.group(2).strip() if prefixed else text
        leading = LEADING.match(rest)
        candidates = [rest, leading.group(1) if leading else "", prefixed.group(1) if prefixed else "", text]
        for candidate in candidates:
            if candidate and candidate.upper() in self.codes:
                return self.codes[candidate.upper()]
        for candidate in (rest, text):
            if key(candidate) in self.names:
                return self.names[key(candidate)]
        if prefixed and prefixed.group(1).lower() in self.letters:
            return self.letters[prefixed.group(1).lower()]
        return None


YES_NO = CodeList(
    [("Yes", "Yes"), ("No", "No"), ("Unknown", "Unknown")],
    {"y": "Yes", "true": "Yes", "1": "Yes", "n": "No", "false": "No", "0": "No", "not known": "Unknown"},
    {"a": "Yes", "b": "No", "c": "Unknown"},
)
SEX = CodeList(
    c.SEX,
    {
        "unknown": "U",
        "indeterminate": "U",
        "not stated": "U",
        "not recorded": "U",
        "not stated/recorded": "U",
        "not known": "U",
        "neither": "U",
    },
    {"a": "M", "b": "F", "c": "U", "d": "U"},
)
# Coded columns and their code lists. The columns recomputed on export (case status, EPO in
# the last six months) and list 11's reason for leaving (no code list here) are not checked.
CODED = {
    "Gender": SEX,
    "Ethnicity": CodeList(c.ETHNICITY),
    "Contact Source": CodeList(c.REFERRAL_SOURCE),
    "Referral Source": CodeList(c.REFERRAL_SOURCE),
    "Primary Need Code": CodeList(c.PRIMARY_NEED),
    "Reason for Closure": CodeList(c.REASON_FOR_CLOSURE),
    "Initial Category of Abuse": CodeList(c.CATEGORY_OF_ABUSE, {"Multiple/not recommended": "MUL"}),
    "Latest Category of Abuse": CodeList(c.CATEGORY_OF_ABUSE, {"Multiple/not recommended": "MUL"}),
    "Child's Category of Need": CodeList(c.CIN_CATEGORY),
    "Legal Status": CodeList(c.LEGAL_STATUS),
    "Reason Ceased to be Looked After": CodeList(c.REASON_EPISODE_CEASED),
    "Placement Type": CodeList(c.PLACEMENT_TYPE),
    "Placement Provider": CodeList(c.PLACEMENT_PROVIDER),
    "LA in Touch": CodeList(c.IN_TOUCH),
    "Activity Status": CodeList(c.ACTIVITY),
    "Accommodation Type and Suitability": CodeList(c.ACCOMMODATION),
    **{
        name: YES_NO
        for name in (
            "Disability",
            "UASC",
            "Referral NFA?",
            "Child Seen During Continuous Assessment",
            "Was the child assessed as requiring LA children's social care support?",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Was the Child Seen Alone?",
            "Is the adopter a foster carer?",
        )
    },
}
SUITABLE = CodeList([("1", "Suitable"), ("2", "Unsuitable")], {"not suitable": "2"}, {"a": "1", "b": "2"})

"""The safeguarding partners and other agencies that share work with children's social care.

Codes are short and stable; labels are as a partnership's papers write them. Multi-agency
audits, practice-review recommendations and improvement actions name their agency by code.
"""

from __future__ import annotations

AGENCIES: dict[str, str] = {
    "council": "Children's social care",
    "health": "Health (NHS)",
    "police": "Police",
    "education": "Education",
    "probation": "Probation",
    "youth_justice": "Youth justice",
    "housing": "Housing",
    "voluntary": "Voluntary and community sector",
}


def agency_label(code: str | None) -> str:
    """The agency's name, or the code itself for one this council added."""
    if not code:
        return ""
    return AGENCIES.get(code, code)

"""Ofsted's four grades as scores (4 Outstanding .. 1 Inadequate) and the other answer kinds.

Scores run upwards so that "auditor minus moderator" is positive when the auditor graded
better than the moderator: over-optimism reads as a positive number.
"""

from __future__ import annotations

from sightline.domain.numbers import is_whole_number

OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = 4, 3, 2, 1
GRADES: dict[int, str] = {
    OUTSTANDING: "Outstanding",
    GOOD: "Good",
    REQUIRES_IMPROVEMENT: "Requires improvement",
    INADEQUATE: "Inadequate",
}
GRADE_ORDER = [OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE]
NOT_APPLICABLE = "na"

# Answer kinds a question may take, with the values each accepts.
GRADE, YES_NO, SCALE, TEXT = "grade", "yes_no", "scale", "text"
KINDS: dict[str, str] = {
    GRADE: "Grade (Outstanding to Inadequate, or not applicable)",
    YES_NO: "Yes / partly / no",
    SCALE: "Scale 0 to 10",
    TEXT: "Free text evidence",
}
YES_NO_VALUES = {"yes": "Yes", "partly": "Partly", "no": "No", NOT_APPLICABLE: "Not applicable"}


def grade_label(score: int | None) -> str:
    return GRADES.get(score, "") if score is not None else ""


def good_or_better(score: int | None) -> bool:
    return score is not None and score >= GOOD


def parse_grade(text: object) -> int | None:
    """A grade from a score or a label as spreadsheets write it ("Good", "RI", "req. improvement")."""
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        return int(text) if int(text) in GRADES and int(text) == text else None
    value = " ".join(str(text).strip().lower().replace(".", " ").replace("-", " ").split())
    if is_whole_number(value):
        return int(value) if int(value) in GRADES else None
    aliases = {
        "outstanding": OUTSTANDING,
        "o": OUTSTANDING,
        "good": GOOD,
        "g": GOOD,
        "requires improvement": REQUIRES_IMPROVEMENT,
        "requires improvement to be good": REQUIRES_IMPROVEMENT,
        "req improvement": REQUIRES_IMPROVEMENT,
        "ri": REQUIRES_IMPROVEMENT,
        "inadequate": INADEQUATE,
        "i": INADEQUATE,
    }
    return aliases.get(value)


def valid_answer(kind: str, value: str) -> bool:
    """Whether a stored answer value suits its question's kind ("" is unanswered, always allowed)."""
    if value == "":
        return True
    if kind == GRADE:
        return value == NOT_APPLICABLE or (is_whole_number(value) and int(value) in GRADES)
    if kind == YES_NO:
        return value in YES_NO_VALUES
    if kind == SCALE:
        return is_whole_number(value) and 0 <= int(value) <= 10
    return kind == TEXT


def answer_label(kind: str, value: str) -> str:
    if value == "":
        return ""
    if kind == GRADE:
        return "Not applicable" if value == NOT_APPLICABLE else grade_label(int(value))
    if kind == YES_NO:
        return YES_NO_VALUES.get(value, value)
    return value

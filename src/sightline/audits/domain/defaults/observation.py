"""The practice-observation form: a manager observes a practitioner's direct work with a
child and family (every practitioner twice a year)."""

from __future__ import annotations

from ..grades import GRADE, TEXT, YES_NO
from .builders import evidence, q, section

OBSERVATION_SECTIONS = [
    section(
        "preparation",
        "Preparation and purpose",
        [
            q("purpose_clear", "Was the purpose of the visit or meeting clear to the family?", YES_NO),
            q(
                "preparation",
                "How well had the practitioner prepared (history, plan, what to explore)?",
                GRADE,
            ),
        ],
    ),
    section(
        "relationship",
        "Relationship and communication",
        [
            q(
                "relationship",
                "How well did the practitioner build a respectful, honest relationship?",
                GRADE,
            ),
            q(
                "child_engaged",
                "Was the child engaged in a way that suited their age and understanding?",
                YES_NO,
            ),
            evidence("relationship"),
        ],
    ),
    section(
        "framework",
        "Use of the practice framework",
        [
            q("framework_used", "Were Signs of Safety questions and tools used skilfully?", GRADE),
        ],
    ),
    section(
        "reflection",
        "Reflection and feedback",
        [
            q("feedback_given", "Was feedback discussed with the practitioner straight after?", YES_NO),
            q("development", "Development points agreed with the practitioner", TEXT, mandatory=False),
        ],
        graded=False,
    ),
]

"""The multi-agency audit: one section per partner agency, each completed through that
agency's own login, and the council's and the partnership's sections."""

from __future__ import annotations

from ..grades import GRADE, TEXT, YES_NO
from .builders import evidence, q, section

MULTI_AGENCY_SECTIONS = [
    section(
        "council",
        "Children's social care",
        [
            q("council_response", "How well did children's social care respond to the concerns?", GRADE),
            q("council_info", "Was information shared with partners promptly?", YES_NO),
            evidence("council"),
        ],
    ),
    section(
        "health",
        "Health",
        [
            q("health_response", "How well did health services identify and respond to the concerns?", GRADE),
            q("health_shared", "Did health share what they knew in time for decisions?", YES_NO),
            evidence("health"),
        ],
        agency="health",
    ),
    section(
        "police",
        "Police",
        [
            q("police_response", "How well did the police respond and contribute to safeguarding?", GRADE),
            q("police_shared", "Did the police share relevant information (incidents, history)?", YES_NO),
            evidence("police"),
        ],
        agency="police",
    ),
    section(
        "education",
        "Education",
        [
            q(
                "education_response",
                "How well did the school or setting identify and respond to the concerns?",
                GRADE,
            ),
            q("education_shared", "Did education contribute to the assessment and plan?", YES_NO),
            evidence("education"),
        ],
        agency="education",
    ),
    section(
        "partnership",
        "Working together",
        [
            q("together", "How well did the agencies work together for this child?", GRADE),
            q("learning", "Learning for the partnership", TEXT, mandatory=False),
        ],
    ),
]

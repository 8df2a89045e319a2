"""The collaborative case-file audit, aligned to Signs of Safety: done with the practitioner,
attached to the child's record, graded on Ofsted's four grades."""

from __future__ import annotations

from ..grades import GRADE, SCALE, TEXT, YES_NO
from .builders import evidence, q, section

CASE_FILE_SECTIONS = [
    section(
        "mapping",
        "What are we worried about, what's working well, what needs to happen",
        [
            q(
                "mapping_current",
                "Is there a current three-column mapping of worries, strengths and next steps?",
                YES_NO,
                "Look for a mapping dated within the last review period.",
                element="mapping",
            ),
            q(
                "mapping_quality",
                "How well does the mapping separate harm, danger and complicating factors?",
                GRADE,
            ),
            evidence("mapping"),
        ],
    ),
    section(
        "danger_goals",
        "Danger statements and safety goals",
        [
            q(
                "danger_statement",
                "Are there clear danger statements in plain language the family understands?",
                YES_NO,
                element="danger_statement",
            ),
            q(
                "safety_goal",
                "Are there safety goals that say what the family will do, not what they will stop?",
                YES_NO,
                element="safety_goal",
            ),
            evidence("danger_goals"),
        ],
    ),
    section(
        "scaling",
        "Safety scaling",
        [
            q(
                "scaling_recorded",
                "Has the family, network and worker each been asked to scale safety?",
                YES_NO,
                element="scaling",
            ),
            q(
                "scaling_auditor",
                "The auditor's own scaling of safety today (0 no safety, 10 safe enough to close)",
                SCALE,
            ),
        ],
        graded=False,
    ),
    section(
        "plan_network",
        "Safety plan and network",
        [
            q(
                "safety_plan",
                "Is there a safety plan the family and network helped to write?",
                YES_NO,
                element="safety_plan",
            ),
            q(
                "network",
                "Is there a named safety network, and does it know the worries?",
                YES_NO,
                element="network",
            ),
            evidence("plan_network"),
        ],
    ),
    section(
        "words_pictures",
        "Words and pictures",
        [
            q(
                "words_pictures",
                "Has the child been given a words and pictures explanation of why we are involved?",
                YES_NO,
                "Not applicable for a young person who chose a different way to hear it.",
                element="words_pictures",
            ),
        ],
        graded=False,
    ),
    section(
        "voice",
        "The child's voice and lived experience",
        [
            q("voice_seen", "Has the child been seen, and seen alone where that is right for them?", YES_NO),
            q(
                "voice_recorded",
                "How well does the record show the child's wishes, feelings and day-to-day life?",
                GRADE,
                "Ofsted: audit should be sharply focused on the experience of the child.",
            ),
            evidence("voice"),
        ],
    ),
    section(
        "chronology",
        "Chronology and history",
        [
            q("chronology_current", "Is there an up-to-date chronology of significant events?", YES_NO),
            q("history_used", "How well is the family's history used to understand risk now?", GRADE),
        ],
    ),
    section(
        "analysis",
        "Analysis of risk",
        [
            q(
                "analysis_quality",
                "How well does the assessment analyse risk and the impact on the child?",
                GRADE,
            ),
            evidence("analysis"),
        ],
    ),
    section(
        "plan",
        "The plan: SMART, with contingency",
        [
            q("plan_smart", "Is the plan specific, measurable, achievable, realistic and timed?", GRADE),
            q("plan_contingency", "Does the plan say what will happen if it does not work?", YES_NO),
        ],
    ),
    section(
        "oversight",
        "Management oversight and supervision",
        [
            q("oversight_recorded", "Is management oversight recorded at key decision points?", YES_NO),
            q(
                "supervision_reflective",
                "How well does supervision reflect on the child and challenge drift?",
                GRADE,
            ),
        ],
    ),
    section(
        "partners",
        "Multi-agency working",
        [
            q(
                "partners_involved",
                "How well are partner agencies involved in assessment and planning?",
                GRADE,
            ),
        ],
    ),
    section(
        "impact",
        "Impact: what difference did the work make?",
        [
            q("impact", "How much has the child's situation improved because of our work?", GRADE),
            evidence("impact"),
        ],
    ),
    section(
        "family_view",
        "The family's view",
        [
            q("family_asked", "Was the family asked for their view of the help they have had?", YES_NO),
            q("family_view", "What the child or family said", TEXT, mandatory=False),
        ],
        graded=False,
    ),
]

"""The audit tools Sightline ships: a council starts with these and edits them in the browser.

The collaborative case-file audit follows the Signs of Safety practice framework (the
questions a Durham-style tool asks); the themed audits are the five themes Durham audited in
2019-20; the multi-agency audit has one section per partner agency, each completed through
that agency's own login; the practice-observation form is for a manager observing practice.
"""

from __future__ import annotations

from .grades import GRADE, SCALE, TEXT, YES_NO

CASE_FILE, THEMED, MULTI_AGENCY, OBSERVATION = "case_file", "themed", "multi_agency", "observation"
TOOL_KINDS = {
    CASE_FILE: "Collaborative case-file audit",
    THEMED: "Themed audit",
    MULTI_AGENCY: "Multi-agency audit",
    OBSERVATION: "Practice observation",
}


def q(key, text, kind, guidance="", mandatory=True, element=""):
    return {
        "key": key,
        "text": text,
        "kind": kind,
        "guidance": guidance,
        "mandatory": mandatory,
        "element": element,
    }


def section(key, title, questions, graded=True, agency=None):
    return {"key": key, "title": title, "graded": graded, "agency": agency, "questions": questions}


def _evidence(key: str) -> dict:
    return q(f"{key}_evidence", "Evidence from the file and the conversation", TEXT, mandatory=False)


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
            _evidence("mapping"),
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
            _evidence("danger_goals"),
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
            _evidence("plan_network"),
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
            _evidence("voice"),
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
            _evidence("analysis"),
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
            _evidence("impact"),
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

THEMES = {
    "chronologies": (
        "Themed audit: chronologies",
        [
            section(
                "chronology",
                "The chronology",
                [
                    q("exists", "Is there a chronology on the child's file?", YES_NO),
                    q("current", "Is it up to date (within the last three months)?", YES_NO),
                    q(
                        "significant",
                        "Does it record significant events and their impact, not every contact?",
                        GRADE,
                    ),
                    q("used", "Is it used in assessment and planning?", GRADE),
                    _evidence("chronology"),
                ],
            ),
        ],
    ),
    "core_groups": (
        "Themed audit: core groups",
        [
            section(
                "core_groups",
                "Core groups",
                [
                    q(
                        "within_10_days",
                        "Was the first core group held within 10 working days of the ICPC?",
                        YES_NO,
                    ),
                    q("frequency", "Have core groups met at least every 6 weeks?", YES_NO),
                    q("attendance", "Do the right agencies attend and contribute?", GRADE),
                    q(
                        "plan_progress",
                        "Do core groups review progress against the CP plan and act on drift?",
                        GRADE,
                    ),
                    _evidence("core_groups"),
                ],
            ),
        ],
    ),
    "private_fostering": (
        "Themed audit: private fostering",
        [
            section(
                "private_fostering",
                "Private fostering",
                [
                    q("visit_7_days", "Was the child visited within 7 working days of notification?", YES_NO),
                    q("checks", "Were the carers and household checked and assessed on time?", YES_NO),
                    q("suitability", "How well was the arrangement's suitability assessed?", GRADE),
                    q("child_seen", "Is the child seen alone on every visit?", YES_NO),
                    _evidence("private_fostering"),
                ],
            ),
        ],
    ),
    "supervision": (
        "Themed audit: supervision",
        [
            section(
                "supervision",
                "Supervision",
                [
                    q(
                        "frequency",
                        "Has the worker had supervision at the frequency the policy sets?",
                        YES_NO,
                    ),
                    q(
                        "case_discussion",
                        "Does case supervision record decisions and reasons for this child?",
                        GRADE,
                    ),
                    q(
                        "reflection",
                        "Is supervision reflective, challenging and focused on the child?",
                        GRADE,
                    ),
                    _evidence("supervision"),
                ],
            ),
        ],
    ),
    "strategy_meetings": (
        "Themed audit: strategy meetings",
        [
            section(
                "strategy",
                "Strategy meetings",
                [
                    q(
                        "timely",
                        "Was the strategy discussion held promptly after the concern was known?",
                        YES_NO,
                    ),
                    q("attendance", "Did police, health and the referrer take part?", YES_NO),
                    q("decision", "Is the decision and its rationale clearly recorded?", GRADE),
                    q("actions", "Were the agreed actions completed?", GRADE),
                    _evidence("strategy"),
                ],
            ),
        ],
    ),
}

MULTI_AGENCY_SECTIONS = [
    section(
        "council",
        "Children's social care",
        [
            q("council_response", "How well did children's social care respond to the concerns?", GRADE),
            q("council_info", "Was information shared with partners promptly?", YES_NO),
            _evidence("council"),
        ],
    ),
    section(
        "health",
        "Health",
        [
            q("health_response", "How well did health services identify and respond to the concerns?", GRADE),
            q("health_shared", "Did health share what they knew in time for decisions?", YES_NO),
            _evidence("health"),
        ],
        agency="health",
    ),
    section(
        "police",
        "Police",
        [
            q("police_response", "How well did the police respond and contribute to safeguarding?", GRADE),
            q("police_shared", "Did the police share relevant information (incidents, history)?", YES_NO),
            _evidence("police"),
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
            _evidence("education"),
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
            _evidence("relationship"),
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


def default_tools() -> list[dict]:
    """The shipped tools: key, name, kind, description and the first version's definition."""
    tools = [
        {
            "key": "collaborative",
            "name": "Collaborative case-file audit (Signs of Safety)",
            "kind": CASE_FILE,
            "theme": "",
            "description": "Done with the practitioner, attached to the child's record, graded on Ofsted's "
            "four grades.",
            "definition": {"overall_rule": "limited_judgement", "sections": CASE_FILE_SECTIONS},
        }
    ]
    for theme, (name, sections) in THEMES.items():
        tools.append(
            {
                "key": theme.replace("_", "-"),
                "name": name,
                "kind": THEMED,
                "theme": theme,
                "description": "A focused audit of one area of practice.",
                "definition": {"overall_rule": "median_section", "sections": sections},
            }
        )
    tools.append(
        {
            "key": "multi-agency",
            "name": "Multi-agency audit",
            "kind": MULTI_AGENCY,
            "theme": "",
            "description": "Each partner agency completes its own section through its own login.",
            "definition": {"overall_rule": "limited_judgement", "sections": MULTI_AGENCY_SECTIONS},
        }
    )
    tools.append(
        {
            "key": "observation",
            "name": "Practice observation",
            "kind": OBSERVATION,
            "theme": "",
            "description": "A manager observes a practitioner's direct work with a child and family.",
            "definition": {"overall_rule": "auditor_judgement", "sections": OBSERVATION_SECTIONS},
        }
    )
    return tools

"""The audit tools Sightline ships: a council starts with these and edits them in the browser.

The collaborative case-file audit follows the Signs of Safety practice framework (the
questions a Durham-style tool asks); the themed audits are the five themes Durham audited in
2019-20; the multi-agency audit has one section per partner agency, each completed through
that agency's own login; the practice-observation form is for a manager observing practice.
"""

from __future__ import annotations

from .case_file import CASE_FILE_SECTIONS
from .multi_agency import MULTI_AGENCY_SECTIONS
from .observation import OBSERVATION_SECTIONS
from .themed import THEMES

CASE_FILE, THEMED, MULTI_AGENCY, OBSERVATION = "case_file", "themed", "multi_agency", "observation"
TOOL_KINDS = {
    CASE_FILE: "Collaborative case-file audit",
    THEMED: "Themed audit",
    MULTI_AGENCY: "Multi-agency audit",
    OBSERVATION: "Practice observation",
}


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

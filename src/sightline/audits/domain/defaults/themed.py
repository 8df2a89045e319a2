"""The themed audits: the five themes Durham audited in 2019-20 (chronologies, core groups,
private fostering, supervision, strategy meetings), one focused section each."""

from __future__ import annotations

from ..grades import GRADE, YES_NO
from .builders import evidence, q, section

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
                    evidence("chronology"),
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
                    evidence("core_groups"),
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
                    evidence("private_fostering"),
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
                    evidence("supervision"),
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
                    evidence("strategy"),
                ],
            ),
        ],
    ),
}

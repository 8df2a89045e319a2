"""The CIN census's import rules: checks across fields and rows, before anything is loaded."""

from __future__ import annotations

from . import declare as d
from .base import Registry
from .tables import CIN_LABELS

KIND = "cin"
DATES = {
    "child": ["date_of_birth", "expected_date_of_birth", "death_date"],
    "cin_episode": ["cin_referral_date", "cin_closure_date", "date_of_initial_cpc"],
    "assessment": [
        "assessment_actual_start_date",
        "assessment_internal_review_date",
        "assessment_authorisation_date",
    ],
    "cin_plan": ["cin_plan_start_date", "cin_plan_end_date"],
    "section47": ["s47_actual_start_date", "initial_cpc_target", "date_of_initial_cpc"],
    "cp_plan": ["cpp_start_date", "cpp_end_date"],
    "cp_review": ["review_date"],
    "pre_proceedings": [
        "plo_start_date",
        "letter_before_proceedings_date",
        "initial_pre_proceedings_meeting_date",
        "step_decision_date",
        "application_issued_date",
        "letter_of_initial_concern_date",
    ],
}
# An expected birth is after today; an ICPC's target date can be too, for an enquiry just begun.
FUTURE = {("child", "expected_date_of_birth"), ("section47", "initial_cpc_target")}


def declare(rules: Registry) -> None:
    L = CIN_LABELS  # noqa: N806 (the labels table, read as a constant)
    d.required(
        rules,
        KIND,
        "child",
        ("date_of_birth", "expected_date_of_birth"),
        "neither a PersonBirthDate nor an ExpectedPersonBirthDate: a child needs one",
        L["child"],
    )
    d.order(rules, KIND, "child", "date_of_birth", "death_date", "The child's life", L["child"])
    d.order(
        rules,
        KIND,
        "cin_episode",
        "cin_referral_date",
        "cin_closure_date",
        "The CIN episode",
        L["cin_episode"],
    )
    d.order(
        rules,
        KIND,
        "assessment",
        "assessment_actual_start_date",
        "assessment_authorisation_date",
        "The assessment",
        L["assessment"],
    )
    d.order(
        rules, KIND, "cin_plan", "cin_plan_start_date", "cin_plan_end_date", "The CIN plan", L["cin_plan"]
    )
    d.order(rules, KIND, "cp_plan", "cpp_start_date", "cpp_end_date", "The CP plan", L["cp_plan"])
    d.order(
        rules,
        KIND,
        "pre_proceedings",
        "plo_start_date",
        "application_issued_date",
        "Pre-proceedings",
        L["pre_proceedings"],
    )
    closure_reason(rules)
    for table, names in DATES.items():
        for name in names:
            d.dates(rules, KIND, table, name, L[table][name], future=(table, name) in FUTURE)
    episode = ("_child", "cin_referral_date")
    d.duplicates(rules, KIND, "cin_episode", episode, "A CIN episode", L["cin_episode"])
    for table, start, what in (
        ("assessment", "assessment_actual_start_date", "An assessment"),
        ("cin_plan", "cin_plan_start_date", "A CIN plan"),
        ("section47", "s47_actual_start_date", "A section 47 enquiry"),
        ("cp_plan", "cpp_start_date", "A CP plan"),
        ("pre_proceedings", "plo_start_date", "A pre-proceedings record"),
    ):
        d.duplicates(rules, KIND, table, ("_child", "cin_referral_date", start), what, L[table])
    d.duplicates(
        rules,
        KIND,
        "cp_review",
        ("_child", "cin_referral_date", "cpp_start_date", "review_date"),
        "A CP review",
        L["cp_review"],
    )


def closure_reason(rules: Registry) -> None:
    from datetime import date

    import polars as pl

    from .base import Rule

    def check(ctx):
        closed = pl.col("cin_closure_date").is_not_null()
        reason = pl.col("reason_for_closure").fill_null("") != ""
        return closed != reason

    rules.add(
        Rule(
            code="CIN-CINEPISODE-REASONFORCLOSURE-PAIRED",
            kinds=(KIND,),
            table="cin_episode",
            fields=("reason_for_closure", "cin_closure_date"),
            title="A CINclosureDate and a ReasonForClosure come together",
            message="a CINclosureDate needs a ReasonForClosure, and a reason needs a date",
            check=check,
            bad={"cin_closure_date": date(2025, 6, 1), "reason_for_closure": ""},
            good={"cin_closure_date": date(2025, 6, 1), "reason_for_closure": "RC1"},
        )
    )

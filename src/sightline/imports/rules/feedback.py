"""Complaints spreadsheets' import rules (`sightline import-feedback`): one row per complaint stage.

The reader (`sightline.feedback.importing`) keeps each cell as typed (`<column>_given`) beside the
value read from it (a date, a stage, a code), and what the records say about it (`_team_known`,
`_child_known`, `_worker_known`, `_earlier_known`, `_already`), so every check on a row is a rule
here, run over the whole file before anything is written. Fields are named by the spreadsheet's
own column headers. The cross-field rules are those the complaint form applies
(`feedback.domain.complaint_problems`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from . import declare as d
from . import sheets
from .base import Registry, Rule

KIND = "feedback"
TABLE = "complaint"
REQUIRED = ("reference", "stage", "received", "team", "theme", "complainant")
OPTIONAL = (
    "acknowledged",
    "responded",
    "outcome",
    "extended",
    "next_stage_requested",
    "child_id",
    "worker",
    "summary",
    "ombudsman_referred",
    "ombudsman_decision",
)
COLUMNS = REQUIRED + OPTIONAL
DATES = ("received", "acknowledged", "responded", "next_stage_requested", "ombudsman_referred")
# Columns read as a code from a list: the reader puts the code, or None, in the column itself.
CODED = ("stage", "theme", "complainant", "outcome", "extended", "ombudsman_decision")
# What a person may write in each coded column (docs/feedback.md lists the themes in full).
ALLOWED = {
    "stage": "1, 2 or 3",
    "theme": "one of the themes in the layout (communication, delay, decision...)",
    "complainant": "child, parent, carer, family, advocate or other",
    "outcome": "Upheld, Partly upheld, Not upheld or Withdrawn",
    "extended": "yes or no",
    "ombudsman_decision": "Upheld, Not upheld, Closed or Pending",
}
LABELS = {name: name for name in COLUMNS} | {f"{name}_given": name for name in (*DATES, *CODED)}


def _add(rules: Registry, **spec) -> Rule:
    return rules.add(Rule(kinds=(KIND,), table=TABLE, **spec))


def declare(rules: Registry) -> None:
    for name in REQUIRED:
        given = f"{name}_given" if name in DATES + CODED else name
        d.required(rules, KIND, TABLE, (given,), f"{name} is blank: every complaint needs one", LABELS)
    for name in DATES:
        sheets.not_a_date(rules, KIND, TABLE, name, "write it as 31/12/2025")
        sheets.not_after_today(rules, KIND, TABLE, name, "it cannot have happened yet")
    for name in CODED:
        sheets.not_read(
            rules,
            KIND,
            TABLE,
            name,
            "UNKNOWN",
            f"{name} is one of its values",
            f"\u201c{{{name}_given}}\u201d is not a {name} Sightline knows: give {ALLOWED[name]}",
            ("maybe", "1", "1"),
        )
    for later in ("acknowledged", "responded", "next_stage_requested"):
        d.order(rules, KIND, TABLE, "received", later, "The complaint", LABELS)
    _outcome(rules)
    _stages(rules)
    _lookups(rules)
    d.length(rules, KIND, TABLE, "reference", "reference", 30)
    d.length(rules, KIND, TABLE, "summary", "summary", 5000)
    d.duplicates(rules, KIND, TABLE, ("reference", "stage"), "A complaint's stage", LABELS)
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-REFERENCE-IMPORTED",
        fields=("reference", "stage", "_already"),
        title="The complaint's stage is not in Sightline already",
        message="complaint {reference} stage {stage} is in Sightline already (imported before?): left as is",
        check=lambda ctx: pl.col("_already"),
        bad={"reference": "C1", "stage": 1, "_already": True},
        good={"reference": "C1", "stage": 1, "_already": False},
        severity="warning",
    )


def _outcome(rules: Registry) -> None:
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-OUTCOME-MISSING",
        fields=("outcome_given", "responded"),
        title="A complaint responded to has its outcome",
        message="the complaint was responded to on {responded} but the outcome is blank",
        check=lambda ctx: pl.col("responded").is_not_null() & ~sheets.given("outcome_given"),
        bad={"responded": date(2025, 5, 1), "outcome_given": None},
        good=[
            {"responded": date(2025, 5, 1), "outcome_given": "Upheld"},
            {"responded": None, "outcome_given": None},
        ],
    )
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-RESPONDED-MISSING",
        fields=("responded_given", "outcome_given"),
        title="An outcome comes with the date of the response",
        message="the outcome is {outcome_given} but the date responded is blank",
        check=lambda ctx: sheets.given("outcome_given") & ~sheets.given("responded_given"),
        bad={"outcome_given": "Upheld", "responded_given": None},
        good={"outcome_given": "Upheld", "responded_given": "01/05/2025"},
    )


def _stages(rules: Registry) -> None:
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-EXTENDED-STAGE3",
        fields=("extended", "stage"),
        title="A stage 3 panel's timescale is not extended",
        message="stage 3 (the review panel) has no extension in the regulations: give extended as no",
        check=lambda ctx: (pl.col("stage") == 3) & (pl.col("extended") == "yes"),
        bad={"stage": 3, "extended": "yes"},
        good=[{"stage": 2, "extended": "yes"}, {"stage": 3, "extended": "no"}],
    )
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-NEXTSTAGEREQUESTED-STAGE3",
        fields=("next_stage_requested", "stage"),
        title="Stage 3 is the last stage",
        message="stage 3 is the last stage (after it the Ombudsman): next_stage_requested must be blank",
        check=lambda ctx: (pl.col("stage") == 3) & pl.col("next_stage_requested").is_not_null(),
        bad={"stage": 3, "next_stage_requested": date(2025, 5, 1)},
        good={"stage": 2, "next_stage_requested": date(2025, 5, 1)},
    )
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-STAGE-NOEARLIER",
        fields=("stage", "reference", "_earlier_known"),
        title="A stage 2 or 3 complaint has its earlier stage",
        message=(
            "complaint {reference} is at stage {stage} but has no earlier stage in the file or in "
            "Sightline: give its stage 1 (and 2) rows too"
        ),
        check=lambda ctx: (pl.col("stage") > 1) & ~pl.col("_earlier_known"),
        bad={"stage": 2, "reference": "C1", "_earlier_known": False},
        good=[
            {"stage": 2, "reference": "C1", "_earlier_known": True},
            {"stage": 1, "reference": "C1", "_earlier_known": False},
        ],
    )
    _add(
        rules,
        code="FEEDBACK-COMPLAINT-OMBUDSMANREFERRED-MISSING",
        fields=("ombudsman_referred_given", "ombudsman_decision_given"),
        title="An Ombudsman's decision comes with the date referred",
        message="the Ombudsman's decision is {ombudsman_decision_given} but ombudsman_referred is blank",
        check=lambda ctx: (
            sheets.given("ombudsman_decision_given") & ~sheets.given("ombudsman_referred_given")
        ),
        bad={"ombudsman_decision_given": "Upheld", "ombudsman_referred_given": None},
        good={"ombudsman_decision_given": "Upheld", "ombudsman_referred_given": "01/05/2025"},
    )


def _unknown(rules: Registry, name: str, flag: str, message: str, example: str) -> None:
    sheets.not_found(
        rules, KIND, TABLE, name, flag, "NOTFOUND", f"The {name} is one Sightline holds", message, example
    )


def _lookups(rules: Registry) -> None:
    _unknown(
        rules,
        "team",
        "_team_known",
        "there is no team {team} in Sightline (give its name as on the team list)",
        "Locality North",
    )
    _unknown(rules, "child_id", "_child_known", "there is no child {child_id} in Sightline", "C123")
    _unknown(
        rules,
        "worker",
        "_worker_known",
        "there is no worker {worker} in Sightline (give their staff ID or name)",
        "S00012",
    )

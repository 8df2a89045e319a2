"""Audit history spreadsheets' import rules (`sightline import-audits`): one row per audit.

The reader (`sightline.audits.history`) keeps each cell as typed (`<column>_given`) beside the
value read from it (a date, a grade score) and what the records say about it (`_child_known`,
`_tool_known`, `_team_known`, `_already`), so every check on a row is a rule here, run over the
whole file before anything is written. Fields are named by the spreadsheet's own column headers.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.domain.dates import DATE_HINT

from . import declare as d
from . import sheets
from .base import Registry, Rule, day
from .lengths import max_lengths

KIND = "audits"
TABLE = "audit"
REQUIRED = ("child_id", "audit_date", "auditor", "tool", "overall_grade")
OPTIONAL = ("team", "moderator", "moderated_grade", "moderation_date")
COLUMNS = REQUIRED + OPTIONAL
# Every field a rule names, as the spreadsheet heads its column.
LABELS = {name: name for name in COLUMNS} | {
    f"{name}_given": name for name in ("audit_date", "moderation_date", "overall_grade", "moderated_grade")
}
# A spreadsheet's columns that take a date or a grade, and what the reader found in them.
DATES = ("audit_date", "moderation_date")
GRADES_READ = ("overall_grade", "moderated_grade")


def _add(rules: Registry, **spec) -> Rule:
    return rules.add(Rule(kinds=(KIND,), table=TABLE, **spec))


def declare(rules: Registry) -> None:
    for name in REQUIRED:
        given = f"{name}_given" if name in DATES + GRADES_READ else name
        d.required(rules, KIND, TABLE, (given,), f"{name} is blank: every audit needs one", LABELS)
    for name in DATES:
        sheets.not_a_date(rules, KIND, TABLE, name, DATE_HINT)
        _not_before_2000(rules, name)
        sheets.not_after_today(rules, KIND, TABLE, name, "an audit's history cannot have happened yet")
    for name in GRADES_READ:
        sheets.not_read(
            rules,
            KIND,
            TABLE,
            name,
            "NOTAGRADE",
            f"{name} is one of the four grades",
            f"\u201c{{{name}_given}}\u201d is not a grade: give Outstanding, Good, Requires improvement or "
            "Inadequate (or 4 to 1)",
            ("Very good", "Good", 3),
        )
    d.order(rules, KIND, TABLE, "audit_date", "moderation_date", "The moderation", LABELS)
    _lookups(rules)
    _moderation(rules)
    _lengths(rules)
    d.duplicates(
        rules,
        KIND,
        TABLE,
        ("_child", "_tool", "audit_date"),
        "An audit of the child with that tool on that date",
        LABELS,
    )
    _add(
        rules,
        code="AUDITS-AUDIT-AUDITDATE-IMPORTED",
        fields=("audit_date", "_already"),
        title="The audit is not in Sightline already",
        message=(
            "an audit of this child with this tool on {audit_date} is already in Sightline "
            "(imported before?): left as it is"
        ),
        check=lambda ctx: pl.col("_already"),
        bad={"audit_date": date(2025, 5, 1), "_already": True},
        good={"audit_date": date(2025, 5, 1), "_already": False},
        severity="warning",
    )


def _not_before_2000(rules: Registry, name: str) -> None:
    _add(
        rules,
        code=d.code(KIND, TABLE, name, "EARLY"),
        fields=(name,),
        title=f"{name} is not before 2000",
        message=f"{{{name}}} is before 2000: not the date of an audit Sightline can hold (a mistyped year?)",
        check=lambda ctx: day(name) < pl.lit(date(2000, 1, 1)),
        bad={name: date(1999, 12, 31)},
        good={name: date(2000, 1, 1)},
    )


def _unknown(rules: Registry, name: str, flag: str, title: str, message: str, example: str) -> None:
    sheets.not_found(rules, KIND, TABLE, name, flag, "UNKNOWN", title, message, example)


def _lookups(rules: Registry) -> None:
    _unknown(
        rules,
        "child_id",
        "_child_known",
        "child_id is a child in Sightline's records",
        "no child with LA child ID {child_id} in Sightline's records: import the child's record first, "
        "or correct the ID",
        "C1234",
    )
    _unknown(
        rules,
        "tool",
        "_tool_known",
        "tool is one of the council's audit tools",
        "\u201c{tool}\u201d is not one of the council's audit tools: give a tool's name or short name as "
        "the Audit tools page lists them",
        "Casefile",
    )
    _unknown(
        rules,
        "team",
        "_team_known",
        "team is one of the council's teams",
        "\u201c{team}\u201d is not one of the council's teams: give the team's name as Sightline has it, "
        "or leave it blank for the team that held the case on the audit date",
        "North 1",
    )


def _moderation(rules: Registry) -> None:
    _add(
        rules,
        code="AUDITS-AUDIT-MODERATEDGRADE-PAIRED",
        fields=("moderated_grade_given", "moderator", "moderation_date_given"),
        title="A moderator or moderation date comes with a moderated grade",
        message="a moderator or a moderation date is given without a moderated_grade",
        check=lambda ctx: (
            ~sheets.given("moderated_grade_given")
            & (sheets.given("moderator") | sheets.given("moderation_date_given"))
        ),
        bad={"moderated_grade_given": None, "moderator": "A Moderator", "moderation_date_given": None},
        good={"moderated_grade_given": "Good", "moderator": "A Moderator", "moderation_date_given": None},
    )
    _add(
        rules,
        code="AUDITS-AUDIT-MODERATOR-AUDITOR",
        fields=("moderator", "auditor"),
        title="The moderator is not the auditor",
        message="{moderator} is also the auditor: moderation is a second person's grading",
        check=lambda ctx: (
            sheets.given("moderator")
            & (
                pl.col("moderator").cast(pl.Utf8).str.strip_chars().str.to_lowercase()
                == pl.col("auditor").cast(pl.Utf8).str.strip_chars().str.to_lowercase()
            )
        ),
        bad={"moderator": "Sam Lee", "auditor": "sam lee"},
        good={"moderator": "Ann Cole", "auditor": "Sam Lee"},
    )


def _lengths(rules: Registry) -> None:
    audit, moderation = max_lengths("audits.Audit"), max_lengths("audits.Moderation")
    child = max_lengths("records.Child")["la_child_id"]
    d.length(rules, KIND, TABLE, "child_id", "child_id", child)
    d.length(rules, KIND, TABLE, "auditor", "auditor", audit["auditor_name"])
    d.length(rules, KIND, TABLE, "moderator", "moderator", moderation["moderator_name"])

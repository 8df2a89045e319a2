"""A return's records as the rules' tables: one list of flat rows per kind of record, each with its place.

The CIN census nests its parts (CINdetails hold assessments, plans, section 47s...); the rules
see each part as its own table, with the keys of what holds it (the child and the referral
date) so a duplicate can be recognised as the loader would key it. SSDA903 and Annex A rows
are already tables. `LABELS` name each field as the file does (CPPendDate, DEC, "CIN Start
Date"), so a problem names the field a council officer can find.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from sightline.returns.records import ReturnData
from sightline.returns.ssda903_columns import TABLES

from .base import PLACE, Rule, series_of

CIN_LABELS = {
    "child": {
        "la_child_id": "LAchildID",
        "upn": "UPN",
        "former_upn": "FormerUPN",
        "upn_unknown": "UPNunknown",
        "date_of_birth": "PersonBirthDate",
        "expected_date_of_birth": "ExpectedPersonBirthDate",
        "sex": "Sex",
        "death_date": "PersonDeathDate",
        "ethnicity": "Ethnicity",
    },
    "cin_episode": {
        "cin_referral_date": "CINreferralDate",
        "referral_source": "ReferralSource",
        "primary_need_code": "PrimaryNeedCode",
        "cin_closure_date": "CINclosureDate",
        "reason_for_closure": "ReasonForClosure",
        "date_of_initial_cpc": "DateOfInitialCPC",
    },
    "assessment": {
        "assessment_actual_start_date": "AssessmentActualStartDate",
        "assessment_internal_review_date": "AssessmentInternalReviewDate",
        "assessment_authorisation_date": "AssessmentAuthorisationDate",
    },
    "cin_plan": {"cin_plan_start_date": "CINPlanStartDate", "cin_plan_end_date": "CINPlanEndDate"},
    "section47": {
        "s47_actual_start_date": "S47ActualStartDate",
        "initial_cpc_target": "InitialCPCtarget",
        "date_of_initial_cpc": "DateOfInitialCPC",
    },
    "cp_plan": {
        "cpp_start_date": "CPPstartDate",
        "cpp_end_date": "CPPendDate",
        "initial_category_of_abuse": "InitialCategoryOfAbuse",
        "latest_category_of_abuse": "LatestCategoryOfAbuse",
    },
    "cp_review": {"review_date": "CPPreviewDate"},
    "pre_proceedings": {
        "plo_start_date": "PPStartDate",
        "letter_before_proceedings_date": "LBPSentDate",
        "initial_pre_proceedings_meeting_date": "InitialPPMeetingDate",
        "step_decision_date": "StepDecisionDate",
        "pre_proceedings_outcome": "PPOutcome",
        "application_issued_date": "CourtAppDate",
        "letter_of_initial_concern_date": "LetterInitCPDate",
    },
}
SSDA903_LABELS = {
    table: {col.field: col.name for col in columns} | {"la_child_id": "CHILD"}
    for table, columns in TABLES.items()
}
# The keys of what holds a part, named as the census does.
for _table in ("assessment", "cin_plan", "section47", "cp_plan", "cp_review", "pre_proceedings"):
    CIN_LABELS[_table] = {"cin_referral_date": "CINreferralDate", **CIN_LABELS[_table]}
CIN_LABELS["cp_review"]["cpp_start_date"] = "CPPstartDate"
LABELS = {"cin": CIN_LABELS, "903": SSDA903_LABELS}


def _row(values: dict, file: str, child: str, where: str, **keys) -> dict:
    """A flat row (nested parts left to their own tables) with its place and a fingerprint of
    everything it says (readers build each kind of record with its keys in one order), which
    tells a repeated row from a differing one under the same key."""
    said = {k: v for k, v in values.items() if k != "where"}
    flat = {k: v for k, v in said.items() if not isinstance(v, list | dict)}
    return {
        **flat,
        **keys,
        "_file": file,
        "_where": where,
        "_child": child,
        "_hash": repr(list(said.values())),
    }


def cin_tables(data: ReturnData) -> dict[str, list[dict]]:
    file = Path(data.files[0]).name if data.files else ""
    out: dict[str, list[dict]] = {name: [] for name in CIN_LABELS}
    for child_id, record in data.children.items():
        out["child"].append(_row(record.person, file, child_id, record.where, la_child_id=child_id))
        for detail in record.cin:
            referral = {"cin_referral_date": detail.get("cin_referral_date")}
            out["cin_episode"].append(
                _row(detail, file, child_id, detail.get("where", ""), la_child_id=child_id)
            )
            for name, part in (
                ("assessment", "assessments"),
                ("cin_plan", "cin_plans"),
                ("section47", "section47"),
                ("pre_proceedings", "pre_proceedings"),
            ):
                for values in detail.get(part, []):
                    out[name].append(_row(values, file, child_id, values.get("where", ""), **referral))
            for plan in detail.get("cp_plans", []):
                where = plan.get("where", "")
                out["cp_plan"].append(_row(plan, file, child_id, where, **referral))
                for day in plan.get("reviews", []):
                    review = {"review_date": day, "cpp_start_date": plan.get("cpp_start_date"), **referral}
                    out["cp_review"].append(_row(review, file, child_id, where))
    return out


class _Parts:
    """One table's records as read (not copied), with each one's child, place and referral date."""

    def __init__(self) -> None:
        self.values: list[dict] = []
        self.child: list[str] = []
        self.where: list[str] = []
        self.referral: list = []

    def add(self, values: dict, child: str, where: str, referral=None) -> None:
        self.values.append(values)
        self.child.append(child)
        self.where.append(where)
        self.referral.append(referral)


def _cin_parts(data: ReturnData) -> dict[str, _Parts]:
    """The census's records by table, in the order (and with the keys) `cin_tables` gives them."""
    out = {name: _Parts() for name in CIN_LABELS}
    for child_id, record in data.children.items():
        out["child"].add(record.person, child_id, record.where)
        for detail in record.cin:
            referral = detail.get("cin_referral_date")
            out["cin_episode"].add(detail, child_id, detail.get("where", ""))
            for name, part in PARTS:
                for values in detail.get(part, []):
                    out[name].add(values, child_id, values.get("where", ""), referral)
            for plan in detail.get("cp_plans", []):
                where = plan.get("where", "")
                out["cp_plan"].add(plan, child_id, where, referral)
                for day in plan.get("reviews", []):
                    review = {"review_date": day, "cpp_start_date": plan.get("cpp_start_date")}
                    out["cp_review"].add({**review, "cin_referral_date": referral}, child_id, where, referral)
    return out


PARTS = (
    ("assessment", "assessments"),
    ("cin_plan", "cin_plans"),
    ("section47", "section47"),
    ("pre_proceedings", "pre_proceedings"),
)
# The fields `cin_tables` adds to each table's rows besides what the records say.
WITH_CHILD_ID = {"child", "cin_episode"}


def cin_frames(data: ReturnData, rules: Iterable[Rule]) -> dict[str, pl.DataFrame]:
    """The census's tables as the rules' frames (what `cin_tables` rows would make, for
    `Registry.check_frames`): a column at a time, only the columns the rules read or name, and a
    `_hash` only on rows whose key repeats under a duplicate rule (the rest need none)."""
    file = Path(data.files[0]).name if data.files else ""
    by_table: dict[str, list[Rule]] = {}
    for rule in rules:
        by_table.setdefault(rule.table, []).append(rule)
    frames = {}
    for table, parts in _cin_parts(data).items():
        if not parts.values or table not in by_table:
            continue
        names = dict.fromkeys([*PLACE, *(c for r in by_table[table] for c in (*r.columns, *r.named))])
        names.pop("_hash", None)
        frame = pl.DataFrame([series_of(name, _column(table, name, parts, file)) for name in names])
        keys = [r.fields for r in by_table[table] if "_hash" in r.extra]
        frames[table] = frame.with_columns(_hashes(frame, keys, parts)) if keys else frame
    return frames


def _column(table: str, name: str, parts: _Parts, file: str) -> list:
    if name == "_file":
        return [file] * len(parts.values)
    if name == "_where":
        return parts.where
    if name == "_child" or (name == "la_child_id" and table in WITH_CHILD_ID):
        return parts.child
    if name == "cin_referral_date" and table not in WITH_CHILD_ID:
        return parts.referral
    values = [v.get(name) for v in parts.values] if name != "where" else [None] * len(parts.values)
    if {list, dict} & set(map(type, values)):  # nested parts are tables of their own
        values = [None if isinstance(v, list | dict) else v for v in values]
    return values


def _hashes(frame: pl.DataFrame, keys: list[tuple[str, ...]], parts: _Parts) -> pl.Series:
    """`_row`'s fingerprint of each row whose key (any of `keys`) another row has too."""
    repeats = pl.any_horizontal([pl.struct(list(k)).is_duplicated() for k in keys])
    hashes: list[str | None] = [None] * frame.height
    for n in frame.select(repeats.alias("r"))["r"].arg_true().to_list():
        hashes[n] = repr([v for k, v in parts.values[n].items() if k != "where"])
    return pl.Series("_hash", hashes, dtype=pl.Utf8)


def _split(where: str, default_file: str) -> tuple[str, str]:
    """The 903 readers write a row's place as "file, row N"; Annex A's as "sheet 'X', row N"."""
    file, sep, place = where.partition(", ")
    if sep and (file.endswith((".csv", ".xml", ".CSV", ".XML")) or "sheet" not in file):
        return file, place
    return default_file, where


def table_rows(data: ReturnData) -> dict[str, list[dict]]:
    """SSDA903 (Header as its own table) or Annex A rows (lists by number: list1 ... list11)."""
    default = Path(data.files[0]).name if data.files else ""
    out: dict[str, list[dict]] = {}
    for child_id, record in data.children.items():
        if record.person and data.kind == "903":
            file, place = _split(record.person.get("where", record.where), default)
            out.setdefault("Header", []).append(
                _row(record.person, file, child_id, place, la_child_id=child_id)
            )
        for table, rows in record.tables.items():
            for values in rows:
                file, place = _split(values.get("where", ""), default)
                out.setdefault(table, []).append(_row(values, file, child_id, place, la_child_id=child_id))
    return out


def tables_of(data: ReturnData) -> dict[str, list[dict]]:
    return cin_tables(data) if data.kind == "cin" else table_rows(data)

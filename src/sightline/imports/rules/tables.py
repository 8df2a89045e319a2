"""A return's records as the rules' tables: one list of flat rows per kind of record, each with its place.

The CIN census nests its parts (CINdetails hold assessments, plans, section 47s...); the rules
see each part as its own table, with the keys of what holds it (the child and the referral
date) so a duplicate can be recognised as the loader would key it. SSDA903 and Annex A rows
are already tables. `LABELS` name each field as the file does (CPPendDate, DEC, "CIN Start
Date"), so a problem names the field a council officer can find.
"""

from __future__ import annotations

from pathlib import Path

from sightline.returns.records import ReturnData
from sightline.returns.ssda903_columns import TABLES

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

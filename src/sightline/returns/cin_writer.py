"""CIN census XML: the streaming writer. It writes the one of `GenderCurrent` (to 2023-24) and
`Sex` (from 2024-25) of the census's collection year, which is what that year's
csc-validator-be-cin rules read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from lxml import etree

from .records import ChildReturn

# To 2023-24 the census had GenderCurrent (1 male, 2 female, 0 not known: rule 8750 wants 0
# for an unborn child); from 2024-25 Sex (M, F, U). Each year's rule 4180 reads its own item.
SEX_FROM_YEAR = 2025  # collection year 2024-25
GENDER_CURRENT_OUT = {"M": "1", "F": "2", "U": "0"}


def _b(value: bool) -> str:
    return "true" if value else "false"


def write_cin_xml(out: str | Path, header: dict, children: Iterable[ChildReturn]) -> None:
    """Write the census with lxml's incremental writer: one child in memory at a time."""
    with etree.xmlfile(str(out), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            _write_header(xf, header)
            with xf.element("Children"):
                year = int(header["year"])
                for child in children:
                    xf.write(_child_element(child, year), pretty_print=True)


def _write_header(xf, header: dict) -> None:
    element = etree.Element("Header")
    details = etree.SubElement(element, "CollectionDetails")
    for tag, key in (("Collection", "collection"), ("Year", "year"), ("ReferenceDate", "reference_date")):
        etree.SubElement(details, tag).text = str(header[key])
    source = etree.SubElement(element, "Source")
    for tag, value in (
        ("SourceLevel", "L"),
        ("LEA", header["la_code"]),
        ("SoftwareCode", header.get("software_code", "Sightline")),
        ("Release", header.get("release", "1")),
        ("SerialNo", header.get("serial_no", "1")),
        ("DateTime", header["date_time"]),
    ):
        etree.SubElement(source, tag).text = str(value)
    xf.write(element, pretty_print=True)


def _sub(parent, tag: str, value) -> None:
    if value in (None, ""):
        return
    etree.SubElement(parent, tag).text = value.isoformat() if isinstance(value, date) else str(value)


def _child_element(child: ChildReturn, year: int = SEX_FROM_YEAR):
    p = child.person
    element = etree.Element("Child")
    ids = etree.SubElement(element, "ChildIdentifiers")
    _sub(ids, "LAchildID", child.la_child_id)
    _sub(ids, "UPN", p.get("upn"))
    _sub(ids, "FormerUPN", p.get("former_upn"))
    _sub(ids, "UPNunknown", p.get("upn_unknown"))
    _sub(ids, "PersonBirthDate", p.get("date_of_birth"))
    _sub(ids, "ExpectedPersonBirthDate", p.get("expected_date_of_birth"))
    if year >= SEX_FROM_YEAR:
        _sub(ids, "Sex", p.get("sex"))
    else:
        _sub(ids, "GenderCurrent", GENDER_CURRENT_OUT.get(p.get("sex") or ""))
    _sub(ids, "PersonDeathDate", p.get("death_date"))
    chars = etree.SubElement(element, "ChildCharacteristics")
    _sub(chars, "Ethnicity", p.get("ethnicity"))
    if p.get("disabilities"):
        block = etree.SubElement(chars, "Disabilities")
        for code in p["disabilities"]:
            _sub(block, "Disability", code)
    for detail in child.cin:
        _cin_details(element, detail)
    return element


def _cin_details(parent, d: dict) -> None:
    node = etree.SubElement(parent, "CINdetails")
    _sub(node, "CINreferralDate", d["cin_referral_date"])
    _sub(node, "ReferralSource", d["referral_source"])
    _sub(node, "PrimaryNeedCode", d["primary_need_code"])
    _sub(node, "CINclosureDate", d.get("cin_closure_date"))
    _sub(node, "ReasonForClosure", d.get("reason_for_closure"))
    _sub(node, "DateOfInitialCPC", d.get("date_of_initial_cpc"))
    _sub(node, "ReferralNFA", _b(d.get("referral_nfa", False)))
    for a in d.get("assessments", []):
        block = etree.SubElement(node, "Assessments")
        _sub(block, "AssessmentActualStartDate", a["assessment_actual_start_date"])
        _sub(block, "AssessmentInternalReviewDate", a.get("assessment_internal_review_date"))
        _sub(block, "AssessmentAuthorisationDate", a.get("assessment_authorisation_date"))
        if a.get("factors"):
            factors = etree.SubElement(block, "FactorsIdentifiedAtAssessment")
            for code in a["factors"]:
                _sub(factors, "AssessmentFactors", code)
    for plan in d.get("cin_plans", []):
        block = etree.SubElement(node, "CINPlanDates")
        _sub(block, "CINPlanStartDate", plan["cin_plan_start_date"])
        _sub(block, "CINPlanEndDate", plan.get("cin_plan_end_date"))
    for s47 in d.get("section47", []):
        block = etree.SubElement(node, "Section47")
        _sub(block, "S47ActualStartDate", s47["s47_actual_start_date"])
        _sub(block, "InitialCPCtarget", s47.get("initial_cpc_target"))
        _sub(block, "DateOfInitialCPC", s47.get("date_of_initial_cpc"))
        _sub(block, "ICPCnotRequired", _b(s47.get("icpc_not_required", False)))
    for plan in d.get("cp_plans", []):
        block = etree.SubElement(node, "ChildProtectionPlans")
        _sub(block, "CPPstartDate", plan["cpp_start_date"])
        _sub(block, "CPPendDate", plan.get("cpp_end_date"))
        _sub(block, "InitialCategoryOfAbuse", plan["initial_category_of_abuse"])
        _sub(block, "LatestCategoryOfAbuse", plan["latest_category_of_abuse"])
        _sub(block, "NumberOfPreviousCPP", plan.get("number_of_previous_cpp", 0))
        if plan.get("reviews"):
            reviews = etree.SubElement(block, "Reviews")
            for review in plan["reviews"]:
                _sub(reviews, "CPPreviewDate", review)


def header_for(year: int, la_code: str, reference_date: date, date_time: str) -> dict:
    """The census Header for collection year `year` (2026 = 2025-26)."""
    return {
        "collection": "CIN",
        "year": str(year),
        "reference_date": reference_date.isoformat(),
        "la_code": la_code,
        "software_code": "Sightline",
        "date_time": date_time,
    }

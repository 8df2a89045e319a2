"""CIN census XML: a streaming reader (the writer is cin_writer.py).

The DfE layout is `Message/Header` then `Message/Children/Child` repeated. The reader walks
the file with lxml's iterparse and clears each Child once read, so memory holds one child
at a time plus the parsed records. Both `GenderCurrent` (to 2023-24: 1 male, 2 female, 0/9
unknown) and `Sex` (from 2024-25: M, F, U) are accepted; the writer writes the one of the
census's collection year, which is what that year's csc-validator-be-cin rules read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lxml import etree

from sightline.domain import codes as c
from sightline.domain.numbers import is_whole_number

from .cin_writer import header_for, write_cin_xml  # the writer's, still importable from here
from .common import (
    Collector,
    Problem,
    ReturnFileError,
    check_file,
    parse_bool,
    parse_date,
    path_step,
    release,
)
from .records import ChildReturn, ReturnData

ISO = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S")
GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}
UPN_UNKNOWN = {f"UN{n}" for n in range(1, 11)}
ASSESSMENT_FACTORS = c.ASSESSMENT_FACTORS
REFERRAL_SOURCE = c.codes(c.REFERRAL_SOURCE)
PRIMARY_NEED = c.codes(c.PRIMARY_NEED)
REASON_FOR_CLOSURE = c.codes(c.REASON_FOR_CLOSURE)
CATEGORY_OF_ABUSE = c.codes(c.CATEGORY_OF_ABUSE)
ETHNICITY = c.codes(c.ETHNICITY)
DISABILITY = c.codes(c.DISABILITY)


class _Child:
    """Reads one Child element into a ChildReturn, recording located problems.

    Places are the line and the element's path (`Children/Child[3]/CINdetails[2]/...`), so a
    problem is found in a file written on one line as well as in an indented one.
    """

    def __init__(self, element, out: Collector, number: int = 1) -> None:
        self.element = element
        self.out = out
        self.child_id = ""
        self.prefix = f"Children/Child[{number}]"
        self.index: dict = {}
        self.paths: dict = {}

    def where(self, element) -> str:
        if element is None:
            element = self.element
        return f"line {element.sourceline}, {self._path(element)}"

    def _path(self, node) -> str:
        """As `element_path`, each parent's path made once (a child's parts share their parents')."""
        if node is None or node is self.element:
            return self.prefix
        path = self.paths.get(node)
        if path is None:
            path = self.paths[node] = f"{self._path(node.getparent())}/{path_step(node)}"
        return path

    def first(self, parent, tag: str):
        """`parent.find(tag)`, from an index of the parent's children made once (reading a
        child asks each parent for many tags)."""
        index = self.index.get(parent)
        if index is None:
            index = self.index[parent] = {}
            for node in reversed(parent):
                index[node.tag] = node
        return index.get(tag)

    def text(self, parent, tag: str, required: bool = False) -> str:
        node = self.first(parent, tag) if parent is not None else None
        value = (node.text or "").strip() if node is not None else ""
        if required and not value:
            self.out.error(self.where(parent), tag, "is missing", self.child_id)
        return value

    def date(self, parent, tag: str, required: bool = False) -> date | None:
        value = self.text(parent, tag, required)
        try:
            return parse_date(value, ISO)
        except ValueError:
            node = parent.find(tag)
            self.out.error(self.where(node), tag, f"{value!r} is not a date (YYYY-MM-DD)", self.child_id)
            return None

    def bool(self, parent, tag: str) -> bool:
        value = self.text(parent, tag)
        try:
            return bool(parse_bool(value))
        except ValueError:
            self.out.error(
                self.where(parent.find(tag)), tag, f"{value!r} is not true/false/1/0", self.child_id
            )
            return False

    def code(self, parent, tag: str, allowed: frozenset[str], required: bool = True) -> str:
        value = self.text(parent, tag, required).upper()
        if value and value not in allowed:
            self.out.error(self.where(parent.find(tag)), tag, f"unknown code {value!r}", self.child_id)
        return value

    def read(self) -> ChildReturn | None:
        ids = self.element.find("ChildIdentifiers")
        if ids is None:
            self.out.error(self.where(self.element), "ChildIdentifiers", "is missing")
            return None
        self.child_id = self.text(ids, "LAchildID", required=True)
        if not self.child_id:
            return None
        record = ChildReturn(self.child_id, self.where(self.element))
        record.person = self.person(ids)
        for detail in self.element.iterfind("CINdetails"):
            record.cin.append(self.cin_details(detail))
        return record

    def sex(self, ids) -> str:
        sex = self.text(ids, "Sex").upper()
        if sex in GENDER_CURRENT:
            # Some systems (and the DfE's own 2024 fake census) put GenderCurrent's numeric code in Sex.
            self.out.warning(
                self.where(ids.find("Sex")),
                "Sex",
                f"numeric code {sex!r} read as GenderCurrent ({GENDER_CURRENT[sex]})",
                self.child_id,
            )
            return GENDER_CURRENT[sex]
        if sex:
            if sex not in {"M", "F", "U"}:
                self.out.error(self.where(ids.find("Sex")), "Sex", f"unknown code {sex!r}", self.child_id)
            return sex
        gender = self.text(ids, "GenderCurrent")
        if not gender:
            self.out.error(
                self.where(ids), "Sex", "is missing (neither Sex nor GenderCurrent)", self.child_id
            )
            return "U"
        if gender not in GENDER_CURRENT:
            self.out.error(
                self.where(ids.find("GenderCurrent")),
                "GenderCurrent",
                f"unknown code {gender!r}",
                self.child_id,
            )
        return GENDER_CURRENT.get(gender, "U")

    def person(self, ids) -> dict:
        chars = self.element.find("ChildCharacteristics")
        person = {
            "upn": self.text(ids, "UPN"),
            "former_upn": self.text(ids, "FormerUPN"),
            "upn_unknown": self.code(ids, "UPNunknown", frozenset(UPN_UNKNOWN), required=False),
            "date_of_birth": self.date(ids, "PersonBirthDate"),
            "expected_date_of_birth": self.date(ids, "ExpectedPersonBirthDate"),
            "sex": self.sex(ids),
            "death_date": self.date(ids, "PersonDeathDate"),
        }
        if chars is None:
            self.out.error(self.where(self.element), "ChildCharacteristics", "is missing", self.child_id)
            person["ethnicity"] = "NOBT"
            person["disabilities"] = []
            return person
        person["ethnicity"] = self.code(chars, "Ethnicity", ETHNICITY)
        disabilities = []
        block = chars.find("Disabilities")
        for node in block.iterfind("Disability") if block is not None else []:
            value = (node.text or "").strip().upper()
            if value not in DISABILITY:
                self.out.error(self.where(node), "Disability", f"unknown code {value!r}", self.child_id)
            disabilities.append(value)
        person["disabilities"] = disabilities
        return person

    def cin_details(self, node) -> dict:
        detail = {
            "cin_referral_date": self.date(node, "CINreferralDate", required=True),
            "referral_source": self.code(node, "ReferralSource", REFERRAL_SOURCE),
            "primary_need_code": self.code(node, "PrimaryNeedCode", PRIMARY_NEED),
            "cin_closure_date": self.date(node, "CINclosureDate"),
            "reason_for_closure": self.code(node, "ReasonForClosure", REASON_FOR_CLOSURE, required=False),
            "date_of_initial_cpc": self.date(node, "DateOfInitialCPC"),
            "referral_nfa": self.bool(node, "ReferralNFA"),
            "where": self.where(node),
        }
        detail["assessments"] = [self.assessment(a) for a in node.iterfind("Assessments")]
        detail["cin_plans"] = [
            {
                "cin_plan_start_date": self.date(p, "CINPlanStartDate", required=True),
                "cin_plan_end_date": self.date(p, "CINPlanEndDate"),
                "where": self.where(p),
            }
            for p in node.iterfind("CINPlanDates")
        ]
        detail["section47"] = [
            {
                "s47_actual_start_date": self.date(s, "S47ActualStartDate", required=True),
                "initial_cpc_target": self.date(s, "InitialCPCtarget"),
                "date_of_initial_cpc": self.date(s, "DateOfInitialCPC"),
                "icpc_not_required": self.bool(s, "ICPCnotRequired"),
                "where": self.where(s),
            }
            for s in node.iterfind("Section47")
        ]
        detail["cp_plans"] = [self.cp_plan(p) for p in node.iterfind("ChildProtectionPlans")]
        detail["pre_proceedings"] = [self.pre_proceedings(p) for p in node.iterfind("PreProceedingsandFGDM")]
        return detail

    def pre_proceedings(self, node) -> dict:
        """The PreProceedingsandFGDM module (from the 2026-27 census): pre-proceedings under the PLO
        and family group decision making, into the child's care proceedings record."""
        count = self.text(node, "ReviewMeetingsCount")
        if count and not is_whole_number(count):
            self.out.error(
                self.where(node.find("ReviewMeetingsCount")),
                "ReviewMeetingsCount",
                f"{count!r} is not a whole number",
                self.child_id,
            )
        return {
            "plo_start_date": self.date(node, "PPStartDate", required=True),
            "letter_before_proceedings_date": self.date(node, "LBPSentDate"),
            "fgdm_offered": self.yes_no(node, "FGDMMeetingOffer"),
            "fgdm_held": self.yes_no(node, "FGDMMeetingFac"),
            "initial_pre_proceedings_meeting_date": self.date(node, "InitialPPMeetingDate"),
            "pre_proceedings_review_meetings": int(count) if is_whole_number(count) else None,
            "step_decision_date": self.date(node, "StepDecisionDate"),
            "pre_proceedings_outcome": self.text(node, "PPOutcome").upper(),
            "application_issued_date": self.date(node, "CourtAppDate"),
            "letter_of_initial_concern_date": self.date(node, "LetterInitCPDate"),
            "where": self.where(node),
        }

    def yes_no(self, parent, tag: str) -> bool | None:
        value = self.text(parent, tag)
        if not value:
            return None
        try:
            return parse_bool(value)
        except ValueError:
            self.out.error(
                self.where(parent.find(tag)), tag, f"{value!r} is not true/false/1/0", self.child_id
            )
            return None

    def assessment(self, node) -> dict:
        factors = []
        block = node.find("FactorsIdentifiedAtAssessment")
        for factor in block.iterfind("AssessmentFactors") if block is not None else []:
            value = (factor.text or "").strip().upper()
            if value not in ASSESSMENT_FACTORS:
                self.out.error(
                    self.where(factor), "AssessmentFactors", f"unknown code {value!r}", self.child_id
                )
            factors.append(value)
        return {
            "assessment_actual_start_date": self.date(node, "AssessmentActualStartDate", required=True),
            "assessment_internal_review_date": self.date(node, "AssessmentInternalReviewDate"),
            "assessment_authorisation_date": self.date(node, "AssessmentAuthorisationDate"),
            "factors": factors,
            "where": self.where(node),
        }

    def cp_plan(self, node) -> dict:
        previous = self.text(node, "NumberOfPreviousCPP")
        try:
            number = int(previous) if previous else 0
        except ValueError:
            self.out.error(
                self.where(node), "NumberOfPreviousCPP", f"{previous!r} is not a number", self.child_id
            )
            number = 0
        reviews = []
        block = node.find("Reviews")
        for review in block.iterfind("CPPreviewDate") if block is not None else []:
            try:
                value = parse_date(review.text, ISO)
            except ValueError:
                self.out.error(
                    self.where(review), "CPPreviewDate", f"{review.text!r} is not a date", self.child_id
                )
                continue
            if value:
                reviews.append(value)
        return {
            "cpp_start_date": self.date(node, "CPPstartDate", required=True),
            "cpp_end_date": self.date(node, "CPPendDate"),
            "initial_category_of_abuse": self.code(node, "InitialCategoryOfAbuse", CATEGORY_OF_ABUSE),
            "latest_category_of_abuse": self.code(node, "LatestCategoryOfAbuse", CATEGORY_OF_ABUSE),
            "number_of_previous_cpp": number,
            "reviews": sorted(reviews),
            "where": self.where(node),
        }


def _header(element) -> dict:
    def text(path: str) -> str:
        node = element.find(path)
        return (node.text or "").strip() if node is not None else ""

    return {
        "collection": text("CollectionDetails/Collection"),
        "year": text("CollectionDetails/Year"),
        "reference_date": text("CollectionDetails/ReferenceDate"),
        "la_code": text("Source/LEA"),
        "software_code": text("Source/SoftwareCode"),
    }


def read_cin_xml(path: str | Path, max_bytes: int | None = None) -> ReturnData:
    """Read a CIN census XML file; raises ReturnFileError when it cannot be parsed at all."""
    path = check_file(path, **({"max_bytes": max_bytes} if max_bytes else {}))
    out = Collector(path.name)
    data = ReturnData("cin", [str(path)])
    number = 0
    options = {"resolve_entities": False, "no_network": True, "remove_comments": True}
    try:
        # huge_tree stays off: lxml's limits guard against entity expansion; no network.
        for _, element in etree.iterparse(str(path), events=("start",), **options):
            if element.tag != "Message":
                raise ReturnFileError(
                    [
                        out_problem(
                            path,
                            element,
                            f"the root element is <{element.tag}>, not <Message>: not a CIN census file",
                        )
                    ]
                )
            break  # the root's start tag is all this first look reads
        # Then only the elements read: lxml skips the rest without a Python step each.
        for _, element in etree.iterparse(str(path), events=("end",), tag=("Header", "Child"), **options):
            if (
                element.tag == "Header"
                and element.getparent() is not None
                and element.getparent().tag == "Message"
            ):
                data.header = _header(element)
            elif element.tag == "Child":
                number += 1
                _read_child(element, out, data, number)
                release(element)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        raise ReturnFileError(
            [out_problem(path, None, f"malformed XML: {error.msg}", where=f"line {line}")]
        ) from None
    if not data.children and not out.errors:
        out.error("", "Children", "the file holds no Child elements")
    data.problems = out.problems
    return data


def out_problem(path: Path, element, message: str, where: str = "") -> Problem:
    where = where or (f"line {element.sourceline}" if element is not None else "")
    return Problem(path.name, where, "", message)


def _read_child(element, out: Collector, data: ReturnData, number: int = 1) -> None:
    record = _Child(element, out, number).read()
    if record is None:
        return
    if record.la_child_id in data.children:
        out.error(record.where, "LAchildID", "the child appears twice in the file", record.la_child_id)
        return
    data.children[record.la_child_id] = record


__all__ = ["header_for", "read_cin_xml", "write_cin_xml"]

"""CIN census XML: a streaming reader (the writer is cin_writer.py).

The DfE layout is `Message/Header` then `Message/Children/Child` repeated. The reader walks
the file with lxml's iterparse and clears each Child once read, so memory holds one child
at a time plus the parsed records. Both `GenderCurrent` (to 2023-24: 1 male, 2 female, 0/9
unknown) and `Sex` (from 2024-25: M, F, U) are accepted; the writer writes the one of the
census's collection year, which is what that year's csc-validator-be-cin rules read.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from sightline.domain.numbers import is_whole_number

from .cin_fields import (
    ASSESSMENT,
    ASSESSMENT_FACTORS,
    BLANK,
    CIN_DETAILS,
    CIN_PLAN,
    CODE,
    CP_PLAN,
    DATE,
    DEATH,
    DISABILITY,
    ETHNICITY,
    ISO,
    PERSON,
    PRE_PROCEEDINGS,
    SECTION47,
    SPELT,
    TRUE_OR_FALSE,
    convert,
)
from .cin_writer import header_for, write_cin_xml  # the writer's, still importable from here
from .common import (
    Collector,
    Problem,
    ReturnFileError,
    check_file,
    collecting_later,
    parse_date,
    path_step,
    release,
)
from .records import ChildReturn, ReturnData

GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}


class _Child:
    """Reads one Child element into a ChildReturn, recording located problems.

    Places are the line and the element's path (`Children/Child[3]/CINdetails[2]/...`), so a
    problem is found in a file written on one line as well as in an indented one. Each record is
    read from a table of its fields (`PERSON`, `CIN_DETAILS`...): one look at its element's
    children, then a loop over the table, not a chain of calls per field.
    """

    def __init__(self, element, out: Collector, number: int = 1, days: dict | None = None) -> None:
        self.element = element
        self.out = out
        self.child_id = ""
        self.prefix = f"Children/Child[{number}]"
        self.paths: dict = {}
        # The dates read so far in the file, by their text (a census says the same days again and again).
        self.days = {} if days is None else days

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

    def parts(self, parent, tag: str, index: dict):
        """(element, where) of each of `parent`'s children named `tag` (`index` is `children(parent)`),
        its path made from its parent's and its number among them (as `path_step` would count it)."""
        nodes = index.get(tag)
        if not nodes:
            return
        base = self._path(parent)
        many = len(nodes) > 1
        for number, node in enumerate(nodes, 1):
            path = self.paths[node] = f"{base}/{tag}[{number}]" if many else f"{base}/{tag}"
            yield node, f"line {node.sourceline}, {path}"

    def fields(self, node, where: str | None, table: tuple, record: dict | None = None, index=None) -> dict:
        """The fields of `table` read from `node`'s children (the first of each tag), into `record`;
        `where` is `node`'s place (None: made only should a field be missing)."""
        record = {} if record is None else record
        index = children(node) if index is None else index
        error, days = self.out.error, self.days
        for key, tag, kind, allowed, required in table:
            leaf = index.get(tag)
            if leaf is not None:
                leaf = leaf[0]
            value = (leaf.text or "").strip() if leaf is not None else ""
            if not value:
                if required:
                    error(where or self.where(node), tag, "is missing", self.child_id)
                record[key] = BLANK[kind]
                continue
            # The usual cases without a call: a date already read, a known code.
            if kind == DATE and value in days:
                record[key] = days[value]
                continue
            if kind == CODE and value in allowed:
                record[key] = value
                continue
            if kind in TRUE_OR_FALSE and value in SPELT:
                record[key] = SPELT[value]
                continue
            record[key], wrong = convert(kind, value, allowed, days)
            if wrong:
                error(self.where(leaf), tag, wrong, self.child_id)
        return record

    def read(self) -> ChildReturn | None:
        index = children(self.element)
        ids = index.get("ChildIdentifiers", (None,))[0]
        if ids is None:
            self.out.error(self.where(self.element), "ChildIdentifiers", "is missing")
            return None
        mine = children(ids)
        leaf = mine.get("LAchildID", (None,))[0]
        self.child_id = (leaf.text or "").strip() if leaf is not None else ""
        if not self.child_id:
            self.out.error(self.where(ids), "LAchildID", "is missing", self.child_id)
            return None
        record = ChildReturn(self.child_id, self.where(self.element))
        record.person = self.person(ids, mine, index.get("ChildCharacteristics", (None,))[0])
        for detail, where in self.parts(self.element, "CINdetails", index):
            record.cin.append(self.cin_details(detail, where))
        return record

    def sex(self, ids) -> str:
        sex = (ids.findtext("Sex") or "").strip().upper()
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
        gender = (ids.findtext("GenderCurrent") or "").strip()
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

    def person(self, ids, index: dict, chars) -> dict:
        person = self.fields(ids, None, PERSON, index=index)
        person["sex"] = self.sex(ids)
        self.fields(ids, None, DEATH, person, index)
        if chars is None:
            self.out.error(self.where(self.element), "ChildCharacteristics", "is missing", self.child_id)
            person["ethnicity"] = "NOBT"
            person["disabilities"] = []
            return person
        self.fields(chars, None, (("ethnicity", "Ethnicity", CODE, ETHNICITY, True),), person)
        block = chars.find("Disabilities")
        person["disabilities"] = self.codes(block, "Disability", DISABILITY)
        return person

    def codes(self, block, tag: str, allowed: frozenset[str]) -> list[str]:
        """The codes of a block's items (`Disabilities/Disability`), each unknown one a problem."""
        values = []
        for node in block.iterfind(tag) if block is not None else ():
            value = (node.text or "").strip().upper()
            if value not in allowed:
                self.out.error(self.where(node), tag, f"unknown code {value!r}", self.child_id)
            values.append(value)
        return values

    def cin_details(self, node, where: str) -> dict:
        index = children(node)
        detail = self.fields(node, where, CIN_DETAILS, index=index)
        detail["where"] = where
        detail["assessments"] = [self.assessment(a, at) for a, at in self.parts(node, "Assessments", index)]
        detail["cin_plans"] = [
            {**self.fields(p, at, CIN_PLAN), "where": at} for p, at in self.parts(node, "CINPlanDates", index)
        ]
        detail["section47"] = [
            {**self.fields(s, at, SECTION47), "where": at} for s, at in self.parts(node, "Section47", index)
        ]
        detail["cp_plans"] = [
            self.cp_plan(p, at) for p, at in self.parts(node, "ChildProtectionPlans", index)
        ]
        detail["pre_proceedings"] = [
            self.pre_proceedings(p, at) for p, at in self.parts(node, "PreProceedingsandFGDM", index)
        ]
        return detail

    def pre_proceedings(self, node, where: str) -> dict:
        """The PreProceedingsandFGDM module (from the 2026-27 census): pre-proceedings under the PLO
        and family group decision making, into the child's care proceedings record."""
        count = (node.findtext("ReviewMeetingsCount") or "").strip()
        if count and not is_whole_number(count):
            self.out.error(
                self.where(node.find("ReviewMeetingsCount")),
                "ReviewMeetingsCount",
                f"{count!r} is not a whole number",
                self.child_id,
            )
        return {**self.fields(node, where, PRE_PROCEEDINGS), "where": where}

    def assessment(self, node, where: str) -> dict:
        factors = self.codes(
            node.find("FactorsIdentifiedAtAssessment"), "AssessmentFactors", ASSESSMENT_FACTORS
        )
        return {**self.fields(node, where, ASSESSMENT), "factors": factors, "where": where}

    def cp_plan(self, node, where: str) -> dict:
        previous = (node.findtext("NumberOfPreviousCPP") or "").strip()
        try:
            number = int(previous) if previous else 0
        except ValueError:
            self.out.error(where, "NumberOfPreviousCPP", f"{previous!r} is not a number", self.child_id)
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
        plan = self.fields(node, where, CP_PLAN)
        plan["number_of_previous_cpp"] = number
        plan["reviews"] = sorted(reviews)
        plan["where"] = where
        return plan


def children(node) -> dict[str, list]:
    """`node`'s children by tag, in file order: one look at them serves every field and part."""
    index: dict[str, list] = {}
    for child in node:
        found = index.get(child.tag)
        if found is None:
            index[child.tag] = [child]
        else:
            found.append(child)
    return index


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
    number, days = 0, {}
    options = {"resolve_entities": False, "no_network": True, "remove_comments": True}
    with collecting_later():
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
                    _read_child(element, out, data, number, days)
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


def _read_child(element, out: Collector, data: ReturnData, number: int = 1, days: dict | None = None) -> None:
    record = _Child(element, out, number, days).read()
    if record is None:
        return
    if record.la_child_id in data.children:
        out.error(record.where, "LAchildID", "the child appears twice in the file", record.la_child_id)
        return
    data.children[record.la_child_id] = record


__all__ = ["header_for", "read_cin_xml", "write_cin_xml"]

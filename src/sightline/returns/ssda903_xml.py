"""SSDA903 in its XML form (root EXPSSDA903, one CHILD element per child).

The layout is the one csc-validator-be-903 reads: the child's Header, UASC, OC3 and AD1
items as leaves of CHILD (CHILDID for CHILD, PL for PLACE); EPISODE elements; and under
HEADER the AREVIEW, AMISSING, OC2, PERMANENCE and AD_PLACED elements. Social worker
episodes, which the validator's XML reader does not take, are SWEPISODE elements. Values
use the CSV conventions (dates dd/mm/yyyy), so the same column rules check both forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from .common import Collector, Problem, ReturnFileError, check_file, element_path, release
from .records import ChildReturn, ReturnData
from .ssda903 import TABLES, _cell, _read_row, check_children_defined, header_row

RENAME = {"CHILD": "CHILDID", "PLACE": "PL"}
# Where each table lives: on CHILD itself (one row), or in repeated sub-elements.
LEAF_TABLES = ("Header", "UASC", "OC3", "AD1")
ELEMENTS = {
    "Episodes": "EPISODE",
    "Reviews": "HEADER/AREVIEW",
    "Missing": "HEADER/AMISSING",
    "OC2": "HEADER/OC2",
    "PrevPerm": "HEADER/PERMANENCE",
    "PlacedAdoption": "HEADER/AD_PLACED",
    "SWEpisodes": "SWEPISODE",
}
MARKERS = {"UASC": "DUC", "OC3": "IN_TOUCH", "AD1": "DATE_INT"}


def _tag(column: str) -> str:
    return RENAME.get(column, column)


def _leaves(element) -> dict[str, str]:
    return {child.tag: (child.text or "").strip() for child in element if len(child) == 0}


def _child_leaves(element) -> dict[str, str]:
    """The child's own items: leaves of CHILD, or of its HEADER, where the DfE's own fixtures put
    CHILDID, SEX, DOB, UASC... (the validator reads every leaf under CHILD). CHILD's win."""
    header = element.find("HEADER")
    return {**(_leaves(header) if header is not None else {}), **_leaves(element)}


def _row(table: str, own: dict[str, str], child_leaves: dict[str, str]) -> list[str]:
    values = {**child_leaves, **own}
    return [values.get(_tag(col.name), "") for col in TABLES[table]]


def _read_child(element, data: ReturnData, out: Collector, number: int = 1) -> None:
    """One CHILD's rows; each placed by its line and element path (CHILD[3]/EPISODE[2]), so a
    file written on one line is as easy to find one's way in as an indented one."""
    leaves = _child_leaves(element)

    def place(node) -> str:
        return f"line {node.sourceline}, {element_path(node, element, f'CHILD[{number}]')}"

    where = place(element)
    spec = {table: [(col, i) for i, col in enumerate(TABLES[table])] for table in TABLES}
    if not leaves.get("CHILDID"):
        out.error(where, "CHILDID", "is missing")
        return
    _read_row("Header", spec["Header"], _row("Header", {}, leaves), len(TABLES["Header"]), where, data, out)
    for table, marker in MARKERS.items():
        if leaves.get(marker) or (table == "UASC" and leaves.get("UASC") == "1"):
            _read_row(table, spec[table], _row(table, {}, leaves), len(TABLES[table]), where, data, out)
    for table, path in ELEMENTS.items():
        for node in element.iterfind(path):
            raw = _row(table, _leaves(node), leaves)
            _read_row(table, spec[table], raw, len(raw), place(node), data, out)


def read_903_xml(path: str | Path, max_bytes: int | None = None) -> ReturnData:
    path = check_file(path, **({"max_bytes": max_bytes} if max_bytes else {}))
    out = Collector(path.name)
    data = ReturnData("903", [str(path)])
    try:
        for number, (_, element) in enumerate(
            etree.iterparse(str(path), events=("end",), tag="CHILD", resolve_entities=False, no_network=True),
            start=1,
        ):
            _read_child(element, data, out, number)
            release(element)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        raise ReturnFileError(
            [Problem(path.name, f"line {line}", "", f"malformed XML: {error.msg}")]
        ) from None
    if not data.children:
        out.error("", "CHILD", "the file holds no CHILD elements")
    data.problems = out.problems + check_children_defined(data, True)
    return data


def _sub(parent, table: str, values: dict) -> None:
    """Every column, empty when blank: the validator's XML reader otherwise fills a missing
    item from another element of the same child."""
    for col in TABLES[table][1:]:
        if col.name in {"DOB", "SEX"} and table != "Header":
            continue
        etree.SubElement(parent, _tag(col.name)).text = _cell(col, values.get(col.field)) or None


def _child_element(record: ChildReturn, year: int | None = None):
    element = etree.Element("CHILD")
    etree.SubElement(element, "CHILDID").text = record.la_child_id
    _sub(element, "Header", header_row(record, year))
    etree.SubElement(element, "UASC").text = "1" if record.tables.get("UASC") else "0"
    if record.tables.get("UASC"):
        _sub(element, "UASC", record.tables["UASC"][0])
    for table in ("OC3", "AD1"):
        for row in record.tables.get(table, [])[:1]:
            _sub(element, table, row)
    for row in record.tables.get("Episodes", []):
        _sub(etree.SubElement(element, "EPISODE"), "Episodes", row)
    inner = [(t, p.split("/")[1]) for t, p in ELEMENTS.items() if p.startswith("HEADER/")]
    if any(record.tables.get(t) for t, _ in inner):
        header = etree.SubElement(element, "HEADER")
        for table, tag in inner:
            for row in record.tables.get(table, []):
                _sub(etree.SubElement(header, tag), table, row)
    for row in record.tables.get("SWEpisodes", []):
        _sub(etree.SubElement(element, "SWEPISODE"), "SWEpisodes", row)
    return element


def write_903_xml(out: str | Path, children: Iterable[ChildReturn], year: int | None = None) -> Path:
    """The 903 as one XML file, coded as collection `year` codes it (default: the current codes)."""
    with etree.xmlfile(str(out), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("EXPSSDA903"):
            for record in children:
                xf.write(_child_element(record, year), pretty_print=True)
    return Path(out)

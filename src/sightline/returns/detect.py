"""Which return a file is, from its content (never its name), and reading it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .common import DEFAULT_MAX_BYTES, Problem, ReturnFileError, check_file, sniff
from .records import ReturnData


def xml_root(path: Path) -> str:
    """The root element's tag, reading no further than its start tag."""
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True
        ):
            return element.tag
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        raise ReturnFileError(
            [Problem(path.name, f"line {line}", "", f"malformed XML: {error.msg}")]
        ) from None
    raise ReturnFileError([Problem(path.name, "", "", "the XML file has no root element")])


# A file named .xml whose content is not XML: said as such, not read as what its bytes resemble.
_NOT_XML = {
    "xlsx": "named as an XML file but it is an Excel workbook: give the CIN census or SSDA903 XML file",
    "binary": "named as an XML file but it is not XML (it is binary): is it the right file?",
    "csv": "named as an XML file but it is not XML (it does not start with a tag such as <Message>): "
    "is it the right file?",
}


def kind_of(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """'cin', '903-xml', '903' (a CSV table) or 'annex-a'; ReturnFileError for anything else."""
    check_file(path, max_bytes)
    kind = sniff(path)
    if path.suffix.lower() == ".xml" and kind != "xml":
        raise ReturnFileError([Problem(path.name, "line 1", "", _NOT_XML.get(kind, _NOT_XML["csv"]))])
    if kind == "xml":
        root = xml_root(path)
        if root == "Message":
            return "cin"
        if root.upper() in {"EXPSSDA903", "SSDA903"}:
            return "903-xml"
        raise ReturnFileError(
            [
                Problem(
                    path.name,
                    "line 1",
                    "",
                    f"an XML file with root <{root}>: neither a CIN census "
                    "(<Message>) nor an SSDA903 (<EXPSSDA903>) file",
                )
            ]
        )
    if kind == "xlsx":
        return "annex-a"
    if kind == "csv":
        return "903"
    raise ReturnFileError(
        [
            Problem(
                path.name,
                "",
                "",
                "not a CIN census XML, SSDA903 CSV/XML or Annex A workbook (the file is binary)",
            )
        ]
    )


def read_returns(paths: list[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[ReturnData]:
    """Read files into returns: each XML and workbook is one return, all CSVs together are one 903 set."""
    from .cin import read_cin_xml
    from .ssda903 import read_903_csvs

    paths = [Path(p) for p in paths]
    csvs, out = [], []
    for path in paths:
        kind = kind_of(path, max_bytes)
        if kind == "903":
            csvs.append(path)
        elif kind == "cin":
            out.append(read_cin_xml(path, max_bytes))
        elif kind == "903-xml":
            from .ssda903_xml import read_903_xml

            out.append(read_903_xml(path, max_bytes))
        else:
            from .annex_a import read_annex_a

            out.append(read_annex_a(path, max_bytes))
    if csvs:
        out.append(read_903_csvs(csvs, max_bytes))
    return out

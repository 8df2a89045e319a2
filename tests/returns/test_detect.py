"""Which return a file is (returns/detect.py): a file named .xml that is not XML is said to be so,
naming the file, and is not read as the SSDA903 CSV its bytes resemble."""

from __future__ import annotations

import pytest

from sightline.returns.common import ReturnFileError
from sightline.returns.detect import kind_of, read_returns


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"NOT_XML_<Message></Message>\n", "does not start with a tag"),
        (b"CHILD,SEX,DOB\n1,1,01/01/2015\n", "does not start with a tag"),
        (b"PK\x03\x04" + b"\x00" * 40, "it is an Excel workbook"),
        (b"\x00\x01\x02\x03junk" * 10, "it is binary"),
    ],
)
def test_a_file_named_xml_that_is_not_xml_is_refused_naming_it(tmp_path, content, said):
    path = tmp_path / "cin_census_2025.xml"
    path.write_bytes(content)
    with pytest.raises(ReturnFileError) as refused:
        read_returns([path])
    (problem,) = refused.value.problems
    assert problem.file == "cin_census_2025.xml" and "named as an XML file but" in problem.message
    assert said in problem.message and "SSDA903 table" not in str(refused.value)


def test_the_same_bytes_named_csv_are_a_903_table_and_real_xml_named_xml_is_xml(tmp_path):
    csv = tmp_path / "header.csv"
    csv.write_bytes(b"CHILD,SEX,DOB\n1,1,01/01/2015\n")
    assert kind_of(csv) == "903"
    xml = tmp_path / "census.XML"
    xml.write_bytes(b"\xef\xbb\xbf  <Message><Header/></Message>")
    assert kind_of(xml) == "cin"

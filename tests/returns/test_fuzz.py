"""Every reader, fed damaged or strange bytes, reads the file or rejects it with located problems:
never another exception. Hypothesis mutates a small valid file of each kind (cut short, bytes
overwritten or inserted, a value replaced by any text); the number of examples comes from the
hypothesis profile (`ci` by default: a few seconds a reader; HYPOTHESIS_PROFILE=deep for more)."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.imports.rules import check_return
from sightline.returns.annex_a import LISTS, write_annex_a
from sightline.returns.common import ReturnFileError
from sightline.returns.detect import read_returns
from sightline.returns.records import infer_year

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CIN = (
    b"<?xml version='1.0' encoding='utf-8'?>\n"
    b"<Message><Header><CollectionDetails><Collection>CIN</Collection>"
    b"<Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails><Source><LEA>999</LEA>"
    b"</Source></Header><Children>\n<Child><ChildIdentifiers><LAchildID>C1</LAchildID>"
    b"<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics>"
    b"<Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities>"
    b"</ChildCharacteristics><CINdetails><CINreferralDate>2025-05-01</CINreferralDate><ReferralSource>1A"
    b"</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><CINclosureDate>2025-09-01</CINclosureDate>"
    b"<ReasonForClosure>RC1</ReasonForClosure><ReferralNFA>false</ReferralNFA><Assessments>"
    b"<AssessmentActualStartDate>2025-05-02</AssessmentActualStartDate><AssessmentAuthorisationDate>"
    b"2025-06-01</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>2A"
    b"</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments><Section47><S47ActualStartDate>"
    b"2025-05-03</S47ActualStartDate><DateOfInitialCPC>2025-05-20</DateOfInitialCPC><ICPCnotRequired>false"
    b"</ICPCnotRequired></Section47><ChildProtectionPlans><CPPstartDate>2025-05-20</CPPstartDate>"
    b"<CPPendDate>2025-08-30</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
    b"<LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
    b"<Reviews><CPPreviewDate>2025-07-20</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>"
    b"</Child>\n</Children></Message>\n"
)
SSDA903_XML = (
    b"<EXPSSDA903><CHILD><CHILDID>X1</CHILDID><SEX>2</SEX><DOB>01/02/2012</DOB><ETHNIC>WBRI</ETHNIC>"
    b"<UPN>UN2</UPN><MOTHER /><MC_DOB /><UASC>0</UASC>"
    b"<EPISODE><DECOM>01/06/2025</DECOM><RNE>S</RNE><LS>V2</LS>"
    b"<CIN>N1</CIN><PL>U4</PL><PL_POST>DE2 2BB</PL_POST><HOME_POST>DE1 1AA</HOME_POST><URN>XXXXXXX</URN>"
    b"<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /></EPISODE><HEADER><AREVIEW>"
    b"<REVIEW>01/09/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW></HEADER></CHILD></EXPSSDA903>"
)
HEADER_CSV = (
    b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/02/2010,WBRI,UN2,,\nA2,F,03/04/2011,WBRI,UN2,0,\n"
)
EPISODES_CSV = (
    b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    b"A1,01/05/2025,S,C2,N1,U4,PR1,01/08/2025,E11,,DE1 1AA,DE2 2BB,XXXXXXX\n"
    b"A2,01/06/2025,S,C2,N1,U4,PR1,,,,DE1 1AA,DE2 2BB,XXXXXXX\n"
)


def mutated(seed: bytes):
    """The seed cut short, with bytes overwritten or inserted, or junk of its own."""
    at = st.integers(0, len(seed))
    return st.one_of(
        at.map(lambda n: seed[:n]),
        st.tuples(at, st.binary(min_size=1, max_size=8)).map(
            lambda t: seed[: t[0]] + t[1] + seed[t[0] + len(t[1]) :]
        ),
        st.tuples(at, st.binary(max_size=24)).map(lambda t: seed[: t[0]] + t[1] + seed[t[0] :]),
        st.binary(max_size=300),
    )


def retexted(seed: bytes, pattern: bytes = rb">([^<]*)<"):
    """The seed with one value (an element's text, a CSV cell) replaced by any text at all."""
    spans = [m.span(1) for m in re.finditer(pattern, seed)]

    def put(choice):
        (start, end), text = choice
        return seed[:start] + text.encode("utf-8", "surrogatepass") + seed[end:]

    return st.tuples(st.sampled_from(spans), st.text(max_size=40)).map(put)


def _read_or_reject(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in files.items():
            path = Path(folder) / name
            path.write_bytes(content)
            paths.append(path)
        try:
            returns = read_returns(paths)
        except ReturnFileError as error:
            assert error.problems
            assert all(p.file in files and p.message for p in error.problems), error.problems
            return
        for data in returns:
            assert all(p.file and p.message for p in data.problems)
            for problem in check_return(data, infer_year(data)):
                assert problem.file and problem.message and problem.code


@given(st.one_of(mutated(CIN), retexted(CIN)))
def test_the_cin_reader_reads_or_rejects_any_bytes(content):
    _read_or_reject({"census.xml": content})


@given(st.one_of(mutated(SSDA903_XML), retexted(SSDA903_XML)))
def test_the_903_xml_reader_reads_or_rejects_any_bytes(content):
    _read_or_reject({"ssda903.xml": content})


@given(st.one_of(mutated(EPISODES_CSV), retexted(EPISODES_CSV, rb"[,\n]([^,\n]*)(?=[,\n])")))
def test_the_903_csv_reader_reads_or_rejects_any_bytes(content):
    _read_or_reject({"header.csv": HEADER_CSV, "episodes.csv": content})


def _workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annex_a.xlsx"
        start = ["C1", "b) Female", "a) WBRI", date(2015, 1, 1), 10]
        write_annex_a(
            path,
            {
                1: [[*start, date(2025, 11, 1), "1A"]],
                7: [
                    [
                        *start,
                        "Yes",
                        date(2025, 10, 1),
                        "NEG",
                        "NEG",
                        None,
                        None,
                        None,
                        None,
                        "No",
                        0,
                        "T",
                        "W",
                    ]
                ],
            },
            date(2026, 3, 31),
        )
        return path.read_bytes()


WORKBOOK = _workbook()
CELL = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),  # what a worksheet can hold
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.booleans(),
)


@settings(max_examples=max(10, settings().max_examples // 3))
@given(mutated(WORKBOOK))
def test_the_annex_a_reader_reads_or_rejects_any_bytes(content):
    _read_or_reject({"annex_a.xlsx": content})


@settings(max_examples=max(10, settings().max_examples // 3))
@given(st.lists(st.lists(CELL, min_size=0, max_size=22), min_size=1, max_size=4))
def test_the_annex_a_reader_reads_or_rejects_any_cells(rows):
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as folder:
        book = Workbook()
        sheet = book.active
        sheet.append(LISTS[7][1])
        for row in rows:
            sheet.append(row)
        path = Path(folder) / "annex_a.xlsx"
        book.save(path)
        _read_or_reject({"annex_a.xlsx": path.read_bytes()})


@pytest.mark.parametrize("name", ["census.xml", "episodes.csv", "annex_a.xlsx"])
def test_the_seeds_themselves_read_cleanly(name):
    files = {
        "census.xml": {"census.xml": CIN},
        "episodes.csv": {"header.csv": HEADER_CSV, "episodes.csv": EPISODES_CSV},
        "annex_a.xlsx": {"annex_a.xlsx": WORKBOOK},
    }[name]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for file, content in files.items():
            (Path(folder) / file).write_bytes(content)
            paths.append(Path(folder) / file)
        (data,) = read_returns(paths)
        assert data.children and not data.errors
        assert not [p for p in check_return(data, 2026) if p.severity == "error"]

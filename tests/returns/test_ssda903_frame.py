"""The column-wise 903 reader reads what the row reader reads: the same children, rows and values,
and the same problems in the same order, on files with every kind of fault the row reader finds.
(The row reader is the csv module's, the older path; it stays for files with quoting.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from sightline.returns import ssda903
from sightline.returns.ssda903 import read_903_csvs
from sightline.returns.ssda903_frame import lines_of

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns"

HEADER = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "A1,1,01/02/2010,WBRI,UN1,,\n"
    "\n"
    " A2 ,f,2011-03-04,wbri,A123456789012,1,31/02/2020\n"
    ",,,,,,\n"
    "A3,9,1/2/2012,XXXX,,2,\n"
    "A4,M,00/01/0000,WBRI,,,\n"
    "A1,2,01/02/2010,WBRI,,,\n"
    ",M,01/02/2010,WBRI,,,\n"
    "A5,M,01/02/2010,WBRI\n"
    "A6,M,01/02/2010,WBRI,,,,extra\n"
    "A7,\u00a0M\u00a0,\t01/02/2010 ,WBRI,UN4,,\n"
    "A8,M,2010/02/01,WBRI,,,\n"
)
EPISODES = (
    "child,decom,rne,ls,cin,place,place_provider,dec,rec,reason_place_change,home_post,pl_post,urn\r\n"
    "A1,01/04/2023,P,C2,N1,U1,PR1,,,,DE1 1AA,DE2 2BB,SC1\r\n"
    "A1,01/05/2023,p,c2,N1,U1,PR1,01/06/2023,,,,,\r\n"
    "A2,01/05/2023,P,C2,N1,U1,PR1,,X1,,,,\r\n"
    "A9,,,,,,,,,,,,\r\n"
    "A2,01/05/2023,P,C2,N1,ZZ,PR1,01/06/2023,E11,,,,\r\n"
)
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,01/02/2010,01/06/2023,PN1\nB1,01/02/2010,,PN9\n"


def _both(paths: list[Path], monkeypatch) -> tuple:
    def seen(data):
        children = {k: (v.where, v.person, v.tables) for k, v in data.children.items()}
        return list(children.items()), data.header, [(str(p), p.child, p.row_only) for p in data.problems]

    columns = seen(read_903_csvs(paths))
    with monkeypatch.context() as patch:
        patch.setattr(ssda903, "lines_of", lambda _text: None)
        rows = seen(read_903_csvs(paths))
    return columns, rows


def test_the_column_reader_reads_faulty_files_as_the_row_reader_does(tmp_path, monkeypatch):
    paths = []
    for name, text in (("header.csv", HEADER), ("episodes.csv", EPISODES), ("reviews.csv", REVIEWS)):
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
        assert lines_of(text) is not None  # the column reader takes these
        paths.append(tmp_path / name)
    columns, rows = _both(paths, monkeypatch)
    assert columns == rows
    problems = columns[2]
    assert len(problems) > 12  # every fault above is reported
    assert any("31/02/2020" in p[0] for p in problems) and any("row 11" in p[0] for p in problems)


def test_the_column_reader_reads_the_fixtures_as_the_row_reader_does(monkeypatch):
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and "903" in p.name):
        paths = sorted(folder.glob("*.csv"))
        if paths:
            columns, rows = _both(paths, monkeypatch)
            assert columns == rows, folder.name


@pytest.mark.parametrize(
    "text",
    ['CHILD,DOB\n"A1",01/02/2010\n', "CHILD,DOB\rA1,01/02/2010\r", "CHILD,DOB\nA\x001,x\n", "\nCHILD\n"],
)
def test_files_needing_the_csv_module_go_to_the_row_reader(text):
    assert lines_of(text) is None


def test_the_collection_year_from_the_frames_is_the_year_from_the_rows(tmp_path):
    from dataclasses import replace
    from datetime import date

    from sightline.returns.records import infer_year_with_notes

    for name, text in (("episodes.csv", EPISODES), ("reviews.csv", REVIEWS)):
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    late = (
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        "A1,01/02/2010,M,01/03/2024,02/03/2031\nA2,01/02/2010,M,1/3/2024,\n"
    )
    (tmp_path / "missing.csv").write_text(late, encoding="utf-8")
    data = read_903_csvs(sorted(tmp_path.glob("*.csv")))
    assert data.frames is not None
    for today in (date(2023, 6, 1), date(2024, 2, 1), date(2024, 5, 1), date(2031, 6, 1)):
        assert infer_year_with_notes(data, today) == infer_year_with_notes(replace(data, frames=None), today)
    assert infer_year_with_notes(data, date(2031, 6, 1))[0] == 2031  # a date the frames hold

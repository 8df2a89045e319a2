"""The 903 import checks its rules on the frames the column-wise reader made: the same problems,
in the same order, as the rules on tables made from the children (`check_return`), on a return
that breaks them in every way the 903's rules find (dates in the wrong order, before 1900 or
after today, repeated and conflicting rows, values too long, the odd shapes the reader reads)."""

from __future__ import annotations

from datetime import date

from sightline.imports import services
from sightline.imports.rules import check_return
from sightline.returns.ssda903 import read_903_csvs

FILES = {
    "header.csv": (
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        "A1,1,01/02/2010,WBRI,UN1,,\n"
        "A2,2,01/02/1890,WBRI,A123456789012,1,01/01/2031\n"
        "A3,M,1/2/2012,WBRI,un4,0,\n"
        "A1,2,01/02/2010,WBRI,,,\n"
        "A4,U,2011-03-04,WBRI,ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,,\n"
        "B" + "9" * 60 + ",M,01/02/2010,WBRI,,,\n"
    ),
    "episodes.csv": (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "A2,01/05/2023,P,C2,N1,U1,PR1,01/04/2023,X1,,,,\n"
        "A1,01/04/2023,P,C2,N1,U1,PR1,,,,DE1 1AA,DE2 2BB,SC1\n"
        "A1,01/04/2023,P,C2,N1,U1,PR1,,,,DE1 1AA,DE2 2BB,SC1\n"
        "A3,01/04/2023,P,C2,N1,U1,PR1,,,,,,\n"
        "A3,01/04/2023,L,C2,N1,U1,PR1,,,,,,\n"
        "A9,2024-01-02,P,C2,N1,U1,PR1,,,,,,\n"
        "A1,01/06/2023,P,C2,N1,U1,PR1,,,,,," + "X" * 30 + "\n"
    ),
    "missing.csv": (
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        "A3,01/02/2012,M,01/03/2024,01/02/2024\n"
        "A1,01/02/2010,M,01/03/2024,\n"
        "A3,01/02/2012,M,01/03/2024,01/02/2024\n"
    ),
    "uasc.csv": "CHILD,SEX,DOB,DUC\nA1,1,01/02/2010,01/02/2028\nA1,1,01/02/2010,01/02/2029\n",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\nA4,01/02/2010,01/06/1899,PN1\nA1,01/02/2010,01/06/2023,\n",
}


def test_the_rules_on_the_readers_frames_find_what_they_find_on_rows(tmp_path):
    paths = []
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    data = read_903_csvs(paths)
    assert data.frames is not None
    today = date.today()
    on_rows = check_return(data, 2024, today)
    on_frames = services._check(data, 2024)
    kinds = {p.code.split("-")[-1] for p in on_rows}
    assert kinds == {"ORDER", "REPEATED", "CONFLICT", "LENGTH", "EARLY", "FUTURE"}, kinds
    assert on_frames == on_rows


def test_frames_that_no_longer_hold_every_row_give_way_to_the_rows(tmp_path):
    (tmp_path / "header.csv").write_text(FILES["header.csv"], encoding="utf-8")
    data = read_903_csvs([tmp_path / "header.csv"])
    data.children.pop("A1")
    assert services._check(data, 2024) == check_return(data, 2024)

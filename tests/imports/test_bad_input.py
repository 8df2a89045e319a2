"""Bad input: a clear error naming the file, place and field; nothing written; bounded work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sightline.cli import main
from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.records.models import Child, CINEpisode, LookedAfterEpisode

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns"
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/02/2010,WBRI,UN2,,\nA2,F,03/04/2011,WBRI,UN2,0,\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
GOOD_EPISODE = "A1,01/05/2025,S,C2,N1,U4,PR1,,,,DE1 1AA,DE2 2BB,XXXXXXX\n"


def _rejected(paths, *fragments):
    """Import, expect rejection, and check nothing was written and the run says why."""
    with pytest.raises(services.ImportRejectedError) as caught:
        services.import_files(paths)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    assert Child.objects.count() == 0
    assert CINEpisode.objects.count() == LookedAfterEpisode.objects.count() == 0
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED and run.errors
    return caught.value.problems


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_malformed_xml(tmp_path):
    text = (FIXTURES / "messy_cin.xml").read_text().replace("</ChildIdentifiers>", "</ChildIdentifier>", 1)
    path = _write(tmp_path, "census.xml", text)
    bad_line = next(i for i, line in enumerate(text.splitlines(), 1) if "</ChildIdentifier>" in line)
    _rejected([path], "census.xml", f"line {bad_line}", "malformed XML")


def test_a_csv_with_a_missing_column(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER)
    text = EPISODES.replace(",URN", "") + GOOD_EPISODE.replace(",XXXXXXX", "")
    episodes = _write(tmp_path, "e.csv", text)
    _rejected([header, episodes], "e.csv", "line 1", "Episodes table", "missing column(s) URN")


def test_a_csv_with_an_extra_column(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER.replace("MC_DOB\n", "MC_DOB,NICKNAME\n", 1))
    _rejected([header], "h.csv", "line 1", "Header table", "unexpected column(s) NICKNAME")


def test_an_unparseable_date(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER)
    episodes = _write(tmp_path, "e.csv", EPISODES + GOOD_EPISODE.replace("01/05/2025", "2025-13-45"))
    _rejected([header, episodes], "e.csv", "row 2", "field DECOM", "'2025-13-45' is not a date")


def test_an_unknown_code(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER)
    episodes = _write(
        tmp_path,
        "e.csv",
        EPISODES + GOOD_EPISODE + GOOD_EPISODE.replace("A1,01/05/2025,S,C2", "A2,01/06/2025,S,Z9"),
    )
    _rejected([header, episodes], "e.csv", "row 3", "field LS", "unknown code 'Z9'", "child A2")


def test_a_child_referenced_but_never_defined(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER)
    episodes = _write(tmp_path, "e.csv", EPISODES + GOOD_EPISODE + GOOD_EPISODE.replace("A1,", "B9,"))
    _rejected([header, episodes], "e.csv", "row 3", "field CHILD", "B9 is in Episodes but not in the Header")


def test_tables_without_their_header_table(tmp_path):
    episodes = _write(tmp_path, "e.csv", EPISODES + GOOD_EPISODE)
    _rejected([episodes], "e.csv", "no Header table")


def test_an_empty_file(tmp_path):
    _rejected([_write(tmp_path, "empty.csv", "")], "empty.csv", "the file is empty")


def test_a_csv_with_a_header_row_only_imports_nothing_and_says_so(tmp_path):
    header = _write(tmp_path, "h.csv", HEADER)
    episodes = _write(tmp_path, "e.csv", EPISODES)
    (run,) = services.import_files([header, episodes])
    assert any("e.csv" in w and "no rows" in w for w in run.warnings)
    assert LookedAfterEpisode.objects.count() == 0 and Child.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "not a CIN census XML, SSDA903"),
        ("page.xml", b"<html><body>hello</body></html>", "root <html>"),
        ("notes.csv", b"just some words\nand more words\n", "match no SSDA903 table"),
    ],
)
def test_a_wrong_file_type(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    _rejected([path], name, expected)


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.write(b"<Message>")
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written to disk
    _rejected([path], "huge.xml", "200 MB", "100 MB limit")


def test_one_bad_child_late_in_a_census_means_nothing_is_written(tmp_path):
    """All or nothing: the good children before the bad one are not imported either."""
    path = shutil.copy(FIXTURES / "messy_cin.xml", tmp_path / "census.xml")
    problems = _rejected([path], "census.xml", "unknown code 'ZZZZ'", "field CINreferralDate")
    assert {p.child for p in problems} == {"FAKE002", "FAKE004"}


def test_fake_data_imports_its_good_children_and_reports_the_bad_when_asked(tmp_path):
    runs = services.import_files(
        [FIXTURES / "messy_cin.xml", *sorted((FIXTURES / "messy_903").glob("*.csv"))], skip_bad_children=True
    )
    assert [r.status for r in runs] == [ImportRun.Status.IMPORTED] * 2
    assert set(Child.objects.values_list("la_child_id", flat=True)) == {"FAKE001", "FAKE003", "F1", "F2"}
    cin_warnings = "\n".join(runs[0].warnings)
    assert "FAKE002" in cin_warnings and "FAKE004" in cin_warnings
    assert "F5 is in Episodes but not in the Header" in "\n".join(runs[1].warnings)
    assert LookedAfterEpisode.objects.filter(child__la_child_id="F1").count() == 2


def test_the_command_line_names_the_file_and_field_and_exits_2(tmp_path, capsys):
    header = _write(tmp_path, "h.csv", HEADER)
    episodes = _write(tmp_path, "e.csv", EPISODES + GOOD_EPISODE.replace("U4", "QQ"))
    assert main(["import", str(header), str(episodes)]) == 2
    err = capsys.readouterr().err
    assert "e.csv: row 2, field PLACE: unknown code 'QQ'" in err
    assert Child.objects.count() == 0


def test_an_episode_with_a_reason_ceased_but_no_end_date(tmp_path):
    # As in the DfE validator's own fake 903: REC given on an open episode. The model refuses it,
    # so the reader reports it with its place, field and child instead of the database failing.
    bad = "A2,01/06/2025,S,C2,N1,U4,PR1,,E4A,,DE1 1AA,DE2 2BB,XXXXXXX\n"
    paths = [_write(tmp_path, "h.csv", HEADER), _write(tmp_path, "e.csv", EPISODES + GOOD_EPISODE + bad)]
    problems = _rejected(paths, "e.csv", "DEC")
    assert [(p.child, p.field) for p in problems] == [("A2", "DEC")]
    ImportRun.objects.all().delete()
    (run,) = services.import_files(paths, skip_bad_children=True)
    assert set(Child.objects.values_list("la_child_id", flat=True)) == {"A1"}
    assert LookedAfterEpisode.objects.count() == 1
    assert any("A2" in warning and "DEC" in warning for warning in run.warnings)


def test_903_xml_with_the_childs_items_under_header_as_the_dfe_fixtures_have_them(tmp_path):
    # The DfE validator reads every leaf under CHILD, so its fixtures put CHILDID, SEX, DOB... in HEADER.
    xml = (
        "<EXPSSDA903><CHILD><HEADER><CHILDID>X1</CHILDID><SEX>2</SEX><DOB>01/02/2012</DOB>"
        "<ETHNIC>WBRI</ETHNIC><UPN>UN2</UPN><MOTHER /><MC_DOB />"
        "<AREVIEW><REVIEW>01/09/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW></HEADER>"
        "<EPISODE><DECOM>01/06/2025</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N1</CIN><PL>U4</PL>"
        "<PL_POST>DE2 2BB</PL_POST><HOME_POST>DE1 1AA</HOME_POST><URN>XXXXXXX</URN>"
        "<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /></EPISODE>"
        "</CHILD></EXPSSDA903>"
    )
    (run,) = services.import_files([_write(tmp_path, "dfe_layout.xml", xml)])
    child = Child.objects.get(la_child_id="X1")
    assert child.sex == "F" and str(child.date_of_birth) == "2012-02-01"
    episode = LookedAfterEpisode.objects.get(child=child)
    assert (episode.place, episode.ls, episode.dec) == ("U4", "V2", None)
    assert child.lookedafterreviews.get().review_code == "PN1"
    assert run.status == ImportRun.Status.IMPORTED

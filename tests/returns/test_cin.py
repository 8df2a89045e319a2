"""The CIN census XML reader: codes and booleans as councils' systems write them, each bad value
located by line, field and child."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sightline.returns.cin import read_cin_xml

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns"


def test_cin_reader_maps_gender_current_and_boolean_spellings():
    data = read_cin_xml(FIXTURES / "messy_cin.xml")
    assert data.header["year"] == "2024" and data.header["la_code"] == "999"
    first, unborn = data.children["FAKE001"], data.children["FAKE003"]
    assert first.person["sex"] == "F"  # GenderCurrent 2
    assert unborn.person["sex"] == "U"  # GenderCurrent 9
    assert unborn.person["expected_date_of_birth"] == date(2024, 6, 15)
    assert data.children["FAKE004"].person["sex"] == "F"  # the newer Sex element
    detail = first.cin[0]
    assert detail["referral_nfa"] is False  # FALSE
    assert unborn.cin[0]["referral_nfa"] is True  # 1
    assert detail["section47"][0]["icpc_not_required"] is False  # 0
    assert detail["section47"][0]["date_of_initial_cpc"] == date(2023, 6, 1)
    assert detail["assessments"][0]["factors"] == ["3A", "4B"]
    plan = detail["cp_plans"][0]
    assert (plan["initial_category_of_abuse"], plan["latest_category_of_abuse"]) == ("NEG", "EMO")
    assert plan["reviews"] == [date(2023, 8, 24), date(2024, 2, 20)]
    (cin_plan,) = unborn.cin[0]["cin_plans"]
    assert (cin_plan["cin_plan_start_date"], cin_plan["cin_plan_end_date"]) == (
        date(2024, 2, 1),
        date(2024, 3, 1),
    )
    # Each part is placed by its line and its element's path under the child.
    assert cin_plan["where"].endswith("Children/Child[3]/CINdetails/CINPlanDates")


def test_cin_reader_locates_each_bad_value_by_line_field_and_child():
    data = read_cin_xml(FIXTURES / "messy_cin.xml")
    found = {(p.child, p.field) for p in data.errors}
    assert found == {
        ("FAKE002", "Ethnicity"),
        ("FAKE002", "CINreferralDate"),
        ("FAKE004", "ReferralSource"),
        ("FAKE004", "ReferralNFA"),
    }
    bad_date = next(p for p in data.errors if p.field == "CINreferralDate")
    assert bad_date.file == "messy_cin.xml"
    lines = (FIXTURES / "messy_cin.xml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "2023-13-01" in text)
    assert bad_date.where.startswith(f"line {line}")
    assert "'2023-13-01' is not a date" in str(bad_date)


def test_cin_reader_takes_a_numeric_sex_code_as_gender_current_with_a_warning(tmp_path):
    # As the DfE's own 2024 fake census does: <Sex>1</Sex> where M/F/U is expected.
    text = (FIXTURES / "messy_cin.xml").read_text()
    start = text.index("<GenderCurrent>2</GenderCurrent>")
    path = tmp_path / "numeric_sex.xml"
    path.write_text(text[:start] + "<Sex>2</Sex>" + text[start + len("<GenderCurrent>2</GenderCurrent>") :])
    data = read_cin_xml(path)
    assert data.children["FAKE001"].person["sex"] == "F"
    warned = [p for p in data.warnings if p.child == "FAKE001" and p.field == "Sex"]
    assert warned and "GenderCurrent" in warned[0].message
    assert not any(p.child == "FAKE001" and p.field == "Sex" for p in data.errors)


def test_a_count_in_a_digit_int_cannot_read_is_a_located_error(tmp_path):
    """'²' passes str.isdigit() but not int(): it was a ValueError and a traceback."""
    source = FIXTURES / "dfe_like" / "cin_pre_proceedings.xml"
    path = tmp_path / "census.xml"
    path.write_text(source.read_text().replace("<ReviewMeetingsCount>2<", "<ReviewMeetingsCount>²<"))
    data = read_cin_xml(path)
    (problem,) = [p for p in data.errors if p.field == "ReviewMeetingsCount"]
    assert problem.file == "census.xml" and problem.where.startswith("line ") and problem.child
    assert "'²' is not a whole number" in problem.message


def test_a_bad_date_said_twice_is_two_problems_and_a_good_one_reads_alike_each_time(tmp_path):
    """The reader keeps the dates it has read by their text: a bad one is not kept, so each
    place it is said is a problem of its own, at its own element and child."""

    def child(child_id: str, referral: str) -> str:
        return (
            f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID><PersonBirthDate>2015-01-01"
            "</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI"
            f"</Ethnicity></ChildCharacteristics><CINdetails><CINreferralDate>{referral}</CINreferralDate>"
            "<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode></CINdetails></Child>"
        )

    path = tmp_path / "census.xml"
    children = [child("C1", "2025-02-30"), child("C2", "2025-02-30"), child("C3", "2025-05-01")]
    path.write_text("\n".join(["<Message><Children>", *children, "</Children></Message>"]))
    data = read_cin_xml(path)
    bad = [p for p in data.errors if p.field == "CINreferralDate"]
    assert [(p.child, p.where.split(",")[0]) for p in bad] == [("C1", "line 2"), ("C2", "line 3")]
    assert all("'2025-02-30' is not a date" in p.message for p in bad)
    assert [data.children[c].cin[0]["cin_referral_date"] for c in ("C1", "C2", "C3")] == [
        None,
        None,
        date(2025, 5, 1),
    ]
    assert data.children["C3"].person["date_of_birth"] == data.children["C1"].person["date_of_birth"]

"""The CIN census XML writer: what it writes reads back the same, with the sex item of the
census's own collection year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sightline.returns.cin import read_cin_xml
from sightline.returns.cin_writer import header_for, write_cin_xml

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns"


def _round_trip(tmp_path, year: int):
    read = read_cin_xml(FIXTURES / "messy_cin.xml")
    out = tmp_path / f"cin_{year}.xml"
    write_cin_xml(
        out, header_for(year, "999", date(year, 3, 31), f"{year}-04-01T09:00:00"), read.children.values()
    )
    return read, read_cin_xml(out), out.read_text(encoding="utf-8")


def test_a_census_written_reads_back_as_the_children_it_was_written_from(tmp_path):
    read, again, _ = _round_trip(tmp_path, 2025)
    assert again.header["year"] == "2025" and again.header["la_code"] == "999"
    assert set(again.children) == set(read.children)
    for child_id, child in read.children.items():
        back = again.children[child_id]
        assert back.person["sex"] == child.person["sex"], child_id
        assert back.person.get("date_of_birth") == child.person.get("date_of_birth"), child_id
        for item in ("cin_referral_date", "primary_need_code", "referral_nfa"):
            assert [d[item] for d in back.cin] == [d[item] for d in child.cin], (child_id, item)
    plan = again.children["FAKE001"].cin[0]["cp_plans"][0]
    assert plan["reviews"] == [date(2023, 8, 24), date(2024, 2, 20)]


def test_to_2023_24_the_census_says_gender_current_and_from_2024_25_sex(tmp_path):
    *_, to_2024 = _round_trip(tmp_path, 2024)
    *_, from_2025 = _round_trip(tmp_path, 2025)
    assert "<GenderCurrent>2</GenderCurrent>" in to_2024 and "<Sex>" not in to_2024
    assert "<Sex>F</Sex>" in from_2025 and "<GenderCurrent>" not in from_2025

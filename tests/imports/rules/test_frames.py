"""`Registry.check_frames` (one Polars frame a table) finds what `check` finds in the same rows."""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.imports.rules import LABELS, all_rules, check_return, context_for
from sightline.imports.rules.base import EXAMPLE_CONTEXT, Registry, frame_of
from sightline.imports.rules.declare import duplicates
from sightline.imports.rules.tables import tables_of
from sightline.returns.cin import read_cin_xml

from ..census import census, child


def _troubled_census(tmp_path):
    plan = ("2025-06-01", "2025-09-01")
    return census(
        tmp_path,
        child("C1", plans=(plan, plan), reviews=("2025-07-01", "2025-08-01")),
        child("C2", plans=(("2025-06-01", "2025-05-01"),)),
        child("C3", born="1899-12-31", referral="2099-01-01"),
        child("C4", plans=(("2025-06-01", "2025-07-01"), ("2025-06-01", "2025-08-01"))),
        child("C5", referral="2026-04-02", closed="2026-04-01", reason="RC1"),
        child("C6"),
    )


def test_check_frames_finds_what_check_finds_in_a_census(tmp_path):
    data = read_cin_xml(_troubled_census(tmp_path))
    tables = tables_of(data)
    rules, ctx, labels = all_rules(), context_for(2026, date(2026, 4, 10)), LABELS["cin"]
    by_rows = rules.check("cin", tables, ctx, labels)
    frames = {
        table: frame_of(rows, [k for row in rows for k in row]).drop("_row")
        for table, rows in tables.items()
        if rows
    }
    by_frames = rules.check_frames("cin", frames, ctx, labels)
    assert by_frames == by_rows
    codes = {p.code for p in by_rows}
    assert {"CIN-CPPLAN-CPPENDDATE-ORDER", "CIN-CPPLAN-CPPSTARTDATE-REPEATED"} <= codes
    assert "CIN-CPPLAN-CPPSTARTDATE-CONFLICT" in codes and "CIN-CHILD-PERSONBIRTHDATE-EARLY" in codes
    assert all(p.file == "census.xml" and p.where and p.field and p.child for p in by_rows)


def test_the_census_frames_made_from_its_records_find_what_its_rows_find(tmp_path):
    """check_return checks the census on frames built from its records (cin_frames), with a
    fingerprint only where a key repeats: the same problems as its rows (cin_tables) give."""
    path = _troubled_census(tmp_path)
    text = path.read_text()
    detail = text[
        text.index("<CINdetails>", text.index("C6")) : text.index("</CINdetails>", text.index("C6")) + 13
    ]
    path.write_text(text.replace(detail, detail * 2))  # C6's episode twice, the same both times
    data = read_cin_xml(path)
    today = date(2026, 4, 10)
    by_rows = all_rules().check("cin", tables_of(data), context_for(2026, today), LABELS["cin"])
    assert check_return(data, 2026, today) == by_rows
    assert any(p.code == "CIN-CINEPISODE-CINREFERRALDATE-REPEATED" and p.child == "C6" for p in by_rows)


def test_a_frame_without_a_hash_tells_repeated_rows_from_differing_ones():
    registry = Registry()
    duplicates(registry, "cin", "plan", ("_child", "start"), "A plan", {"start": "Start"})
    frame = pl.DataFrame(
        {
            "_file": ["a.xml"] * 5,
            "_where": [f"row {n}" for n in range(1, 6)],
            "_child": ["C1", "C1", "C2", "C2", "C3"],
            "start": [date(2025, 5, 1)] * 5,
            "end": [date(2025, 6, 1), date(2025, 6, 1), date(2025, 6, 1), None, None],
        }
    )
    found = registry.check_frames("cin", {"plan": frame}, EXAMPLE_CONTEXT, {"plan": {"start": "Start"}})
    assert [(p.where, p.child, p.severity, p.field) for p in found] == [
        ("row 2", "C1", "warning", "Start"),
        ("row 4", "C2", "error", "Start"),
    ]
    assert "given twice, the same both times" in found[0].message and "01/05/2025" in found[0].message


def test_a_column_the_frame_lacks_is_blank_and_an_empty_frame_finds_nothing():
    registry = Registry()
    duplicates(registry, "cin", "plan", ("_child", "start"), "A plan", {})
    place = {"_file": ["a.xml"], "_where": ["row 1"], "_child": ["C1"]}
    assert registry.check_frames("cin", {"plan": pl.DataFrame(place)}, EXAMPLE_CONTEXT) == []
    empty = pl.DataFrame(place).clear()
    assert registry.check_frames("cin", {"plan": empty}, EXAMPLE_CONTEXT) == []

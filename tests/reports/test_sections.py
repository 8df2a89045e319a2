"""The report-section contract: registration, ordering and the empty section."""

from datetime import date

import pytest

from sightline.reports import sections
from sightline.reports.sections import QUARTERLY, ReportContext, Section, register, sections_for


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(sections, "_REGISTRY", {})
    return sections._REGISTRY


def test_sections_come_in_their_order_and_only_for_their_kind(registry):
    register("b", title="B", kinds={QUARTERLY}, order=20)(lambda ctx: Section.empty("b", "B"))
    register("a", title="A", kinds={QUARTERLY, "monthly"}, order=10)(lambda ctx: Section("a", "A"))
    register("m", title="M", kinds={"monthly"}, order=5)(lambda ctx: Section("m", "M"))
    assert [s.key for s in sections_for(QUARTERLY)] == ["a", "b"]
    ctx = ReportContext(QUARTERLY, date(2025, 10, 1), date(2025, 12, 31), "October to December 2025")
    built = sections.build_all(ctx)
    assert [s.is_empty for s in built] == [False, True]
    assert built[1].empty_message == "No data yet."


def test_an_unknown_kind_or_a_second_registration_is_refused(registry):
    with pytest.raises(ValueError, match="unknown kinds"):
        register("x", title="X", kinds={"weekly"}, order=1)
    register("y", title="Y", kinds={QUARTERLY}, order=1)(lambda ctx: None)
    with pytest.raises(ValueError, match="twice"):
        register("y", title="Y", kinds={QUARTERLY}, order=1)(lambda ctx: 1)


def test_a_committee_paper_shows_counts_of_1_to_5_suppressed_and_the_board_version_every_count():
    period = (QUARTERLY, date(2025, 10, 1), date(2025, 12, 31), "October to December 2025")
    board = ReportContext(*period)
    committee = ReportContext(*period, suppress_small_numbers=True)
    counts = [None, 0, 1, 5, 6, 120]
    assert [board.count(n) for n in counts] == counts
    assert [committee.count(n) for n in counts] == [None, 0, "1-5 (suppressed)", "1-5 (suppressed)", 6, 120]

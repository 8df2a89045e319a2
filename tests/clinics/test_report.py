"""The clinics' section of the quarterly Quality of Practice report: the quarter's clinics and the
council's own clinics' words, counts only in the committee version."""

from __future__ import annotations

from sightline.audits.domain.quarters import Quarter
from sightline.clinics import domain
from sightline.clinics.models import Clinic
from sightline.clinics.report import QUARTER_KEY, quarter_section
from sightline.reports.sections import QUARTERLY, ReportContext, sections_for

WORRY = "Placement stability for teenagers in care has fallen for three months"


def _context(day, *, committee: bool = False) -> ReportContext:
    quarter = Quarter.of(day)
    return ReportContext(
        QUARTERLY, quarter.start, quarter.end, "the quarter", suppress_small_numbers=committee
    )


def test_the_quarter_counts_each_levels_clinics_and_quotes_the_councils(scheduled, month):
    smt = scheduled.get(level="smt")
    Clinic.objects.filter(pk=smt.pk).update(worried_about=WORRY, status=domain.SUBMITTED)
    team = scheduled.filter(level="team").first()
    Clinic.objects.filter(pk=team.pk).update(worried_about="a team's worry", status=domain.SIGNED_OFF)

    section = quarter_section(_context(month))
    assert not section.is_empty and QUARTER_KEY in {s.key for s in sections_for(QUARTERLY)}
    counts = {row[0]: row[1:] for row in section.tables[0].rows}
    for level in domain.LEVELS:
        held = Clinic.objects.filter(level=level, month=month).count()
        if held:
            assert counts[domain.LEVEL_LABELS[level]][0] == held
    assert counts["Team clinic"][1] == 1  # the one signed off
    words = section.tables[1].rows
    assert [r[3] for r in words] == [WORRY]  # the council's clinic, not the team's
    assert words[0][1] == "Senior management team clinic" and words[0][2] == "What are we worried about"


def test_the_committee_version_gives_counts_and_no_words(scheduled, month):
    Clinic.objects.filter(level="smt").update(worried_about=WORRY, status=domain.SUBMITTED)
    section = quarter_section(_context(month, committee=True))
    assert len(section.tables) == 1
    assert WORRY not in repr(section)
    assert any("board version" in p for p in section.paragraphs)


def test_a_quarter_without_clinics_says_so(scheduled, month):
    long_ago = month.replace(year=month.year - 3)
    section = quarter_section(_context(long_ago))
    assert section.is_empty and "No performance clinic" in section.empty_message

"""The quarterly report's inequality section: the groups that stand out, and rates by ethnic group."""

from datetime import date

import pytest
from django.db.models import Q

from sightline.indicators.population import PopulationTable
from sightline.performance import services
from sightline.records.models import LookedAfterEpisode
from sightline.records.services import load_dataset
from sightline.reports.sections import QUARTERLY, ReportContext, sections_for

KEY = "performance.inequality"


def _context(**extra) -> ReportContext:
    return ReportContext(QUARTERLY, date(2025, 4, 1), date(2026, 3, 31), "2025-26", **extra)


def _section(ctx):
    return next(s for s in sections_for(QUARTERLY) if s.key == KEY).build(ctx)


@pytest.mark.django_db(transaction=True)
def test_the_section_lists_groups_and_rates_and_hides_small_counts_for_members(small_council):
    load_dataset(small_council)
    services.set_population(None, PopulationTable.from_rows(small_council.meta["population_estimate"]), "ONS")
    section = _section(_context())
    assert not section.is_empty
    exceptions, rates = section.tables
    assert exceptions.rows and all(
        row[3] in ("worse", "better", "higher", "lower") for row in exceptions.rows
    )
    looked_after = {row[0]: row[1] for row in rates.rows}
    assert "White British" in looked_after
    end = date(2026, 3, 31)
    open_on_the_day = LookedAfterEpisode.objects.filter(decom__lte=end).filter(
        Q(dec__isnull=True) | Q(dec__gt=end)
    )
    known = open_on_the_day.exclude(child__ethnicity__in=["REFU", "NOBT"])
    assert sum(looked_after.values()) == known.values("child_id").distinct().count()
    member = _section(_context(suppress_small_numbers=True))
    counts = [row[1] for row in member.tables[-1].rows]
    assert all(c == "1-5 (suppressed)" or c == 0 or c > 5 for c in counts)
    assert section.charts[0].categories == [row[0] for row in rates.rows]


@pytest.mark.django_db
def test_without_records_the_section_says_so():
    assert _section(_context()).is_empty

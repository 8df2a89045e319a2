"""The clinics' briefings list groups of children significantly and substantially worse or better."""

from datetime import date

import pytest

from sightline.clinics.exceptions import ExceptionContext, providers
from sightline.indicators.periods import Period
from sightline.performance import inequality
from sightline.records.services import load_dataset


@pytest.mark.django_db(transaction=True)
def test_the_briefings_exceptions_include_the_groups_that_stand_out(small_council):
    load_dataset(small_council)
    provider = next(p for p in providers() if p.key == "inequality")
    found = provider.find(ExceptionContext(month=date(2026, 3, 1), level="council", unit_id=None))
    assert found and len(found) <= 10
    year = Period.rolling_12(date(2026, 3, 31))
    for finding in found:
        indicator_title, group = finding.title.split(": ", 1)
        assert year.label in finding.detail and "95% interval" in finding.detail
        row = next(
            r for r in inequality.exceptions(year) if r["title"] == indicator_title and r["group"] == group
        )
        assert row["numerator"] is None or row["numerator"] > 5
        assert row["denominator"] > 5
        breakdown = inequality.breakdown(row["indicator_id"], year, row["by"])
        figure = next(g for g in breakdown.groups if g.label == group)
        assert figure.differs and figure.value == row["value"]

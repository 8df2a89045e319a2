"""The indicators the returns support give the same answers from the record model and from the
CIN census and SSDA903 exported, then imported into an empty database."""

from datetime import date

import pytest

from sightline.imports import services
from sightline.indicators.definitions import SUPPORTED_BY_RETURNS
from sightline.indicators.periods import Period
from sightline.performance import selectors
from sightline.records.services import clear_records, load_dataset

YEAR = Period.year(date(2025, 4, 1))
AT_END = Period.as_at(date(2026, 3, 31))


def figures() -> dict[str, tuple]:
    out = {}
    for indicator_id in SUPPORTED_BY_RETURNS:
        definition = selectors.definition(indicator_id)
        result = selectors.value(indicator_id, AT_END if definition["kind"] == "stock" else YEAR)
        # The returns carry no population (a council setting), so rates compare by their counts.
        value = None if definition["aggregate"] == "rate" else result.value
        out[indicator_id] = (value, result.numerator, result.denominator)
    return out


@pytest.mark.django_db(transaction=True)
def test_indicators_from_the_returns_equal_those_from_the_record_model(small_council, tmp_path):
    load_dataset(small_council)
    from_records = figures()
    assert from_records["assessments_45wd"][2] > 100 and from_records["cla_count"][0] > 20
    cin = services.export_cin(2026, tmp_path / "cin.xml")
    ssda903 = services.export_903(2026, tmp_path / "903")
    clear_records()
    runs = services.import_files([cin]) + services.import_files(sorted(ssda903))
    assert all(run.children for run in runs)
    assert figures() == from_records

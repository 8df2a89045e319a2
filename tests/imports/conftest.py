"""A small synthetic council's returns, exported once per session and the database emptied again."""

from __future__ import annotations

import pytest

from sightline.generator import CouncilSpec, generate
from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.records.services import clear_records, load_dataset

YEAR = 2026  # the latest complete collection year of the synthetic council (to 31 March 2026)
EARLIER = 2025  # a year re-made from today's records: written as it stood on 31 March 2025
BEFORE_SEX_CODES = 2024  # 2023-24: the last year the CIN census had GenderCurrent and the 903 SEX 1/2


@pytest.fixture(scope="session")
def returns_council():
    return generate(CouncilSpec(seed=11, size=0.05))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, django_db_setup, django_db_blocker, returns_council):
    """The council's CIN census, 903 CSVs and Annex A for 2025-26, written from the records,
    under "earlier" the same returns for 2024-25, and under BEFORE_SEX_CODES the CIN census
    and 903 for 2023-24."""
    out = tmp_path_factory.mktemp("exported")
    with django_db_blocker.unblock():
        load_dataset(returns_council, replace=True)
        paths = {
            "cin": services.export_cin(YEAR, out / "cin.xml"),
            "903": services.export_903(YEAR, out / "903"),
            "annex-a": services.export_annex_a(YEAR, out / "annex_a.xlsx"),
            "903-xml": services.export_903(YEAR, out / "ssda903.xml")[0],
            "earlier": {
                "cin": services.export_cin(EARLIER, out / "earlier" / "cin.xml"),
                "903": services.export_903(EARLIER, out / "earlier" / "903"),
                "annex-a": services.export_annex_a(EARLIER, out / "earlier" / "annex_a.xlsx"),
            },
            BEFORE_SEX_CODES: {
                "cin": services.export_cin(BEFORE_SEX_CODES, out / "2024" / "cin.xml"),
                "903": services.export_903(BEFORE_SEX_CODES, out / "2024" / "903"),
            },
        }
        clear_records()
        ImportRun.objects.all().delete()
    yield paths

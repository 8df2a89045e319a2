"""A small synthetic council's returns, exported once per module, and the database emptied again."""

from __future__ import annotations

import pytest

from sightline.generator import CouncilSpec, generate
from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.records.services import clear_records, load_dataset

YEAR = 2026  # the synthetic council's latest complete collection year (to 31 March 2026)


@pytest.fixture(scope="session")
def jobs_council():
    return generate(CouncilSpec(seed=13, size=0.04))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, django_db_setup, django_db_blocker, jobs_council):
    """The council's 2025-26 CIN census, 903 CSVs and Annex A as written by the exporters."""
    out = tmp_path_factory.mktemp("jobs-exported")
    with django_db_blocker.unblock():
        load_dataset(jobs_council, replace=True)
        paths = {
            "cin": services.export_cin(YEAR, out / "cin.xml"),
            "903": services.export_903(YEAR, out / "903"),
            "annex-a": services.export_annex_a(YEAR, out / "annex_a.xlsx"),
        }
        clear_records()
        ImportRun.objects.all().delete()
    yield paths


@pytest.fixture
def loaded_council(db, jobs_council):
    """The same council in the database, for exports."""
    load_dataset(jobs_council, replace=True)
    return jobs_council

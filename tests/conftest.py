"""Shared fixtures: generated councils are cached per session because generating takes seconds."""

from __future__ import annotations

import pytest

from sightline.generator import CouncilSpec, Dataset, generate


@pytest.fixture(scope="session")
def small_council() -> Dataset:
    """A council at a tenth of the default size: every kind of record, quick to load."""
    return generate(CouncilSpec(seed=7, size=0.1))


@pytest.fixture(scope="session")
def default_council() -> Dataset:
    return generate(CouncilSpec(seed=1))


@pytest.fixture
def live_council(transactional_db, council_data):
    """The web tests' council, committed so that a live server's requests see it."""
    from sightline.records.services import load_dataset

    load_dataset(council_data, replace=True)
    return council_data


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, through Playwright (see tests/browsing.py)."""
    import os

    from browsing import ARGS, CHROMIUM, sync_api

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def ssd_source():
    """A scratch PostgreSQL schema to hold SSD tables: (connection, schema name)."""
    from tests.ssd_source import scratch_schema

    with scratch_schema() as source:
        yield source

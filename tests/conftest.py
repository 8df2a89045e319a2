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

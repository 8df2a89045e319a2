import pytest

from sightline.generator import CouncilSpec, generate


@pytest.fixture(scope="session")
def ssd_day():
    """A small council (the SSD tests' size), to be loaded, adopted and advanced a day (`days`)."""
    return generate(CouncilSpec(seed=13, size=0.04))

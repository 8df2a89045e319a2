"""The one-pass CIN tables are csc-validator-be-cin's own converter's, cell for cell."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sightline.returns.validators import WORKER, validators_python

from .cin_shapes import irregular_census

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "returns"
CHECK = Path(__file__).with_name("validator_tables_check.py")

pytestmark = pytest.mark.skipif(
    validators_python() is None,
    reason="the DfE validators' environment .venv-validators is missing (scripts/bootstrap.sh creates it)",
)


def table_differences(paths: list[Path], hash_seed: str) -> dict[str, list[str]]:
    """Both converters on each file in one validators' process with this PYTHONHASHSEED."""
    completed = subprocess.run(
        [str(validators_python()), str(CHECK), str(WORKER.parent), *map(str, paths)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


# The package orders most tables' columns by iterating a set: several hash seeds give
# several orders, and so several layouts of missing values to reproduce.
@pytest.mark.parametrize("hash_seed", ["0", "1", "7"])
def test_every_table_equals_the_packages_for_fake_data_and_irregular_shapes(tmp_path, hash_seed):
    paths = [FIXTURES / "fake_style_cin.xml", FIXTURES / "messy_cin.xml"]
    for seed in range(3):
        path = tmp_path / f"shapes{seed}.xml"
        path.write_text(irregular_census(seed + 10 * int(hash_seed)))
        paths.append(path)
    found = table_differences(paths, hash_seed)
    assert found == {str(p): [] for p in paths}

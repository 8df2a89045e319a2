"""Whole numbers (domain/numbers.py): only the digits 0 to 9, so a value `int()` cannot read never
passes the check; and no module checks with `str.isdigit()` instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sightline.domain.numbers import is_whole_number

SRC = Path(__file__).parents[2] / "src" / "sightline"


@pytest.mark.parametrize("text", ["0", "7", "2026", "0042"])
def test_digits_are_a_whole_number_int_reads(text):
    assert is_whole_number(text) and int(text) >= 0


@pytest.mark.parametrize("text", ["", "²", "①", "٣", "-1", "+1", " 1", "1.0", "1e3", "x", None, 3])
def test_anything_else_is_not(text):
    assert not is_whole_number(text)


def test_no_module_checks_a_number_with_isdigit():
    """'²'.isdigit() is true and int('²') a ValueError: the check that let tracebacks through."""
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if path.name != "numbers.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.isdigit\(\)", line)
    ]
    assert not found, found

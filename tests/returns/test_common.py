"""The readers' shared parsers."""

from __future__ import annotations

import pytest

from sightline.returns.common import parse_bool


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("false", False),
        ("FALSE", False),
        ("0", False),
        ("", None),
    ],
)
def test_booleans(text, value):
    assert parse_bool(text) is value

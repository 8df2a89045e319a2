"""The SSD extract's import rules."""

from __future__ import annotations


def check_ssd(extract, records, *, full: bool) -> list:
    return []

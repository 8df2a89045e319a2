"""The web layer's door to the indicator engine: frames cached per data version, per process."""

from __future__ import annotations

from datetime import date


def drift_rows(on: date, *, team_id: int | None = None, child_id: int | None = None) -> list[dict]:
    """Due and overdue items, most overdue first. Filled in from sightline.indicators.drift."""
    return []


def dashboard(viewer, on: date) -> list[dict]:
    """The ten questions with their headline indicators (filled in from sightline.indicators)."""
    return []


def drill_down(viewer, indicator_id: str, on: date, params) -> dict | None:
    return None

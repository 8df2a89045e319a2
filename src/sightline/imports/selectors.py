"""Reads of the imports app for pages."""

from __future__ import annotations

from .models import ImportRun


def ssd_refreshes(limit: int = 10) -> list[ImportRun]:
    """The latest SSD extract imports, rejected ones with their first problems (the Returns page)."""
    return list(ImportRun.objects.filter(kind="ssd").order_by("-started_at", "-pk")[:limit])

"""Statistical process control beside the headline indicators, once the `spc` package is there:
the Making Data Count variation and assurance of each indicator's monthly series. Until then
no icons are shown (and no column)."""

from __future__ import annotations

import importlib.util

from sightline.reports.sections import ReportContext, Table


def available() -> bool:
    return importlib.util.find_spec("sightline.spc") is not None


def for_indicators(indicator_ids: list[str], ctx: ReportContext) -> dict[str, dict]:
    """{indicator id: {"variation": label, "assurance": label}}; empty without the spc package."""
    return {}


def with_columns(table: Table, icons: list[dict | None]) -> Table:
    rows = [
        [*row, (icon or {}).get("variation", ""), (icon or {}).get("assurance", "")]
        for row, icon in zip(table.rows, icons, strict=True)
    ]
    return Table(table.caption, [*table.headers, "Variation", "Assurance"], rows)

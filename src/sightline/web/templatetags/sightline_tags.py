"""Small template helpers for the indicator pages: drill-down links and table cells."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag
def drill_query(detail: dict, level: str, unit_id=None) -> str:
    """The query string for the same indicator and period at another level."""
    params = {"period": detail["period_kind"], "end": detail["end"].isoformat(), "level": level}
    if unit_id:
        params["unit"] = unit_id
    return urlencode(params)


@register.filter
def last_label(crumbs) -> str:
    return crumbs[-1].label if crumbs else ""


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "")


@register.filter
def column_label(key: str) -> str:
    """An engine column name as a heading: `icpc_date` → `ICPC date`."""
    words = str(key).replace("_", " ").split()
    acronyms = {"icpc", "cp", "cin", "cla", "s47", "rhi", "pep", "iro", "fte", "la", "id", "upn"}
    text = " ".join(w.upper() if w in acronyms else w for w in words)
    return text[:1].upper() + text[1:]


@register.filter
def cell(row: dict, key: str) -> str:
    """A value as a table cell: dates as 3 Mar 2026, numbers without noise, blanks for None."""
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%-d %b %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %b %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return str(value)


@register.filter
def worker_name(worker) -> str:
    """A worker named as the engine names them (performance.selectors.worker_name)."""
    from sightline.performance import selectors as perf

    return perf.worker_name(worker)

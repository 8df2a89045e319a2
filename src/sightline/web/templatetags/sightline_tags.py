"""Small template helpers: drill-down links, table cells, and dates as pages show them (31 March 2026)."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

from django import template

from sightline.domain import dates

from .. import params
from ..tables import local, shown

register = template.Library()


@register.simple_tag
def drill_query(detail: dict, level: str, unit_id=None) -> str:
    """The query string for the same indicator and period at another level."""
    params = {"period": detail["period_kind"], "end": detail["end"].isoformat(), "level": level}
    if unit_id:
        params["unit"] = unit_id
    return urlencode(params)


@register.filter
def labelled(error: str, label: str | None) -> str:
    """A form error in an error summary, led by its field's label unless it names the field."""
    return params.labelled(str(error), label)


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
    """A value as a table cell: dates as 3 March 2026, numbers without noise, blanks for None."""
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, date):
        return shown(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return str(value)


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """A date (or a moment's day, in English time) as every page shows it: 31 March 2026;
    blank for none, so that `|default:"Not recorded"` reads on."""
    if not value:
        return ""
    if isinstance(value, str):  # a date kept as text, e.g. in a job's parameters (2026-03-31)
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, date):
        return str(value)  # not a date after all: shown as it is, as Django's date filter would not
    if isinstance(value, datetime):
        value = local(value)
    return dates.long_date(value)


@register.filter(expects_localtime=True)
def long_datetime(value, precision: str = "") -> str:
    """A moment as every page shows it: 31 March 2026 at 2:05pm in English time
    (`|long_datetime:"seconds"` where a log or a job's timings need them)."""
    if not value:
        return ""
    if not isinstance(value, datetime):
        return long_date(value)  # a day without a time
    return dates.long_datetime(local(value), seconds=precision == "seconds")


@register.filter
def month_label(value) -> str:
    """A month in full, as a heading or a table row names it: March 2026."""
    return dates.month_label(value) if value else ""


@register.filter
def axis_month(value) -> str:
    """A month abbreviated (Mar 2026): only for chart ticks and tables whose columns are months."""
    return dates.axis_month(value) if value else ""


@register.filter
def worker_name(worker) -> str:
    """A worker named as the engine names them (performance.selectors.worker_name)."""
    from sightline.performance import selectors as perf

    return perf.worker_name(worker)

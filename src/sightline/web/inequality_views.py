"""The inequality of outcome page: groups significantly and substantially different; disproportionality."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from . import export_registry as exports
from . import indicator_tables, inequality, params, selectors
from .exports import table_response
from .indicators import PERIOD_KINDS, level_label, parse_period
from .views import with_viewer


@with_viewer
def inequality_page(request):
    on = selectors.as_at()
    asked = params.read(params.InequalityForm, request, data_to=on)
    # A month is too few children for most groups: the financial year unless another is asked for.
    kind, end, period = parse_period({**asked, "period": asked.get("period") or "year"}, on)
    by = asked.get("by") or "ethnicity"
    table = inequality.disproportionality(request.viewer, period, by)
    found = inequality.exceptions(request.viewer, period)
    if fmt := asked.get("format"):
        return _export(request, table, found, fmt, asked.get("table"), period)
    context = {
        "as_at": on,
        "period": period,
        "period_kind": kind,
        "period_kinds": PERIOD_KINDS,
        "end": end,
        "end_field": params.end_field(end, on),
        "table": table,
        "exceptions_table": indicator_tables.exceptions(found, kind, end),
        "rates_tables": indicator_tables.rates(table) if table["has_population"] else [],
        "breakdowns": {k: inequality.TABS[k] for k in ("ethnicity", "sex", "age")},
    }
    return render(request, "web/inequality.html", context)


def _export(request, table: dict, found: list[dict], fmt: str, which: str | None, period):
    if which == "disproportionality":
        rows = [
            (
                m["label"],
                r["label"],
                r["numerator_display"],
                r["denominator_display"],
                r["value_display"],
                r["interval"],
                r["to_white_british"],
                r["to_council"],
                r["differs"],
            )
            for m in table["measures"]
            for r in m["rows"]
        ]
        columns = [
            "Measure",
            table["by_label"],
            "Children",
            "Population",
            "Rate per 10,000",
            "95% interval",
            "Ratio to White British",
            "Ratio to the council",
            "Differs from the rest",
        ]
        return table_response(
            request,
            exports.DISPROPORTIONALITY,
            f"disproportionality-by-{table['by']}",
            columns,
            rows,
            fmt,
            title=f"Disproportionality by {table['by_label'].lower()}",
            period=str(period.label),
        )
    if which == "exceptions":
        rows = [
            (
                r["direction_label"],
                r["title"],
                r["breakdown"],
                r["group"],
                r["value_display"],
                r["interval"],
                r["whole_display"],
            )
            for r in found
        ]
        columns = ["Worse or better", "Indicator", "Grouped by", "Group", "Value", "95% interval", "Council"]
        return table_response(
            request,
            exports.INEQUALITY_EXCEPTIONS,
            "inequality-exceptions",
            columns,
            rows,
            fmt,
            title="Groups of children significantly and substantially different",
            period=str(period.label),
        )
    raise Http404("No such table")


def who_export(request, detail: dict, fmt: str):
    """The drill-down's Who table as CSV or Excel."""
    who, definition = detail["who"], detail["definition"]
    if not who["applies"]:
        raise Http404("No such table")
    name = f"{definition['id']}-{detail['level']}" + (f"-{detail['unit_id']}" if detail["unit_id"] else "")
    return table_response(
        request,
        exports.INDICATOR_WHO,
        f"{name}-by-{who['by']}",
        [
            who["tabs"][who["by"]],
            "Value",
            "95% interval",
            "Numerator",
            "Denominator",
            "Differs from the rest",
        ],
        [
            (
                r["label"],
                r["value_display"],
                r["interval"],
                r["numerator_display"],
                r["denominator_display"],
                r["differs"],
            )
            for r in who["rows"]
        ],
        fmt,
        title=f"{definition['title']}, by {who['tabs'][who['by']].lower()}",
        period=str(detail["period"].label),
        level=level_label(detail),
        names_worker=detail["level"] == "worker",
    )

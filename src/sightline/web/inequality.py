"""Pages' door to inequality of outcome: the drill-down's "Who" tab and the disproportionality page.

Figures come from the engine through `sightline.performance.inequality`; here they are made
ready to show. Viewers without child-level access see groups of 1 to 5 children as
"1-5 (suppressed)" (and, where only one group in a table is hidden, the next smallest too, so
it cannot be found by subtraction from the total), as on the other pages.
"""

from __future__ import annotations

import json

from sightline.accounts import roles
from sightline.performance import inequality as ineq

from .charts import FONT, GOVUK_COLOURS
from .indicators import DASH, fmt_value

SMALL = roles.SUPPRESSED_SMALL
AXIS_TITLES = {"per 10k": "per 10,000 children", "%": "per cent"}
NOT_APPLICABLE = "Not applicable"  # the breakdown defines who is counted
TABS = {
    "ethnicity": "Ethnicity",
    "sex": "Sex",
    "age": "Age band",
    "disability": "Disability",
    "uasc": "Unaccompanied asylum-seeking",
    "ethnicity_minor": "Ethnicity (detailed)",
}
DIRECTION_LABELS = {"worse": "Worse", "better": "Better", "higher": "Higher", "lower": "Lower"}


def hides_small_groups(viewer: roles.Viewer) -> bool:
    """Everyone without child-level access (elected members, partner agencies)."""
    return not roles.sees_child_level_data(viewer)


def _small(value) -> bool:
    return value is not None and 1 <= value <= roles.SMALL_NUMBER_MAX and float(value).is_integer()


def _count(value) -> str:
    if value is None:
        return DASH
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _interval(low, high, unit: str) -> str:
    if low is None or high is None:
        return DASH
    return f"{fmt_value(low, unit)} to {fmt_value(high, unit)}"


def _protect(rows: list[dict], size_key: str) -> None:
    """Secondary suppression: one hidden row could be found from the total, so hide the next smallest."""
    hidden = [r for r in rows if r["suppressed"]]
    shown = [r for r in rows if not r["suppressed"] and r[size_key] is not None]
    if len(hidden) == 1 and shown:
        _hide(min(shown, key=lambda r: r[size_key]), "suppressed")


COUNTS_SHOWN = {"numerator_display": "numerator", "denominator_display": "denominator"}


def _hide(row: dict, label: str) -> None:
    """Blank a row's figures; a count is "1-5 (suppressed)" only if it is one (a denominator of
    40 beside a numerator of 3 is "suppressed"), and a count the row never had stays a dash."""
    for key in row.get("hideable", ()):
        if key in COUNTS_SHOWN:
            count = row.get(COUNTS_SHOWN[key])
            row[key] = DASH if count is None else label if label != SMALL or _small(count) else "suppressed"
        else:
            row[key] = label if key == "value_display" else None
    row["suppressed"] = True


def who(viewer: roles.Viewer, definition: dict, period, level: str, unit_id, by: str) -> dict:
    """The Who tab: the figure for each group of children, its interval and whether it differs."""
    by = by if by in TABS else "ethnicity"
    result = ineq.breakdown(definition["id"], period, by, level, unit_id)
    unit = "per 10k" if result.per_population else definition["unit"]
    rows = [_group_row(g, unit) for g in result.groups]
    for row in rows if result.per_population else ():
        if not _small(row["denominator"]):  # the ONS estimate is published: only its small cells hide
            row["hideable"] = tuple(k for k in row["hideable"] if k != "denominator_display")
    defines = by in definition.get("defined_by", ())
    for row in rows if defines else ():
        row["differs"] = NOT_APPLICABLE
    if hides_small_groups(viewer):
        for row in rows:
            if _small(row["numerator"]) or _small(row["denominator"]):
                _hide(row, SMALL)
        _protect(rows, "denominator" if rows and rows[0]["denominator"] is not None else "numerator")
    return {
        "by": by,
        "tabs": TABS,
        "applies": result.applies,
        "defines_cohort": defines,
        "unit": unit,
        "per_population": result.per_population,
        "overall_display": fmt_value(result.overall, unit),
        "rows": rows,
        "chart": None
        if defines
        else dot_whisker(rows, result.overall, unit, f"{definition['title']} by {TABS[by].lower()}"),
        "counts_only": definition["aggregate"] in ("count", "rate") and not result.per_population,
    }


def _group_row(g, unit: str) -> dict:
    differs = {True: "Yes", False: "No", None: DASH}[g.differs]
    return {
        "label": g.label,
        "numerator": g.numerator,
        "denominator": g.denominator,
        "value": g.value,
        "ci_low": g.ci_low,
        "ci_high": g.ci_high,
        "value_display": fmt_value(g.value, unit),
        "numerator_display": _count(g.numerator),
        "denominator_display": _count(g.denominator),
        "interval": _interval(g.ci_low, g.ci_high, unit),
        "differs": differs,
        "suppressed": False,
        "hideable": (
            "value",
            "ci_low",
            "ci_high",
            "value_display",
            "numerator_display",
            "denominator_display",
            "interval",
            "differs",
        ),
    }


def dot_whisker(rows: list[dict], overall, unit: str, title: str) -> str | None:
    """Each group's value with its 95% interval as a horizontal whisker, the whole as a dashed line."""
    shown = [r for r in rows if not r["suppressed"] and r["value"] is not None]
    if not shown:
        return None
    trace = {
        "type": "scatter",
        "mode": "markers",
        "y": [r["label"] for r in shown],
        "x": [r["value"] for r in shown],
        "error_x": {
            "type": "data",
            "symmetric": False,
            "array": [(r["ci_high"] - r["value"]) if r["ci_high"] is not None else 0 for r in shown],
            "arrayminus": [(r["value"] - r["ci_low"]) if r["ci_low"] is not None else 0 for r in shown],
            "color": GOVUK_COLOURS[1],
        },
        "marker": {"color": GOVUK_COLOURS[0], "size": 10},
        "name": "Group (95% interval)",
    }
    layout = {
        "title": {"text": title},
        "xaxis": {"title": {"text": AXIS_TITLES.get(unit, unit)}, "gridcolor": "#f3f2f1", "zeroline": False},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "margin": {"l": 20, "r": 20, "t": 50, "b": 50},
        "height": 120 + 36 * len(shown),
        "font": FONT,
        "showlegend": False,
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    if overall is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "x0": overall,
                "x1": overall,
                "line": {"color": "#0b0c0c", "dash": "dash", "width": 2},
            }
        ]
    return json.dumps({"data": [trace], "layout": layout}, default=str).replace("<", "\\u003c")


def disproportionality(viewer: roles.Viewer, period, by: str) -> dict:
    """Rates per 10,000 by group for each stock and flow measure, with their ratios."""
    by = by if by in ("ethnicity", "sex", "age") else "ethnicity"
    rows = ineq.disproportionality_table(period, by)
    measures: dict[str, dict] = {}
    for row in rows:
        measure = measures.setdefault(
            row["measure"],
            {"label": row["measure_label"], "kind": row["kind"], "council": row["council_rate"], "rows": []},
        )
        measure["rows"].append(_rate_row(row))
    if hides_small_groups(viewer):
        for measure in measures.values():
            for row in measure["rows"]:
                if _small(row["count"]):
                    _hide(row, SMALL)
            _protect(measure["rows"], "count")
    return {
        "by": by,
        "by_label": TABS[by],
        "measures": list(measures.values()),
        "has_population": bool(rows) or ineq.population() is not None,
        "source": ineq.population_source(),
        "chart": _ratio_chart(measures, by),
    }


def _ratio(value, low, high) -> str:
    if value is None:
        return DASH
    return (
        f"{value:.2f} ({low:.2f} to {high:.2f})" if low is not None and high is not None else f"{value:.2f}"
    )


def _rate_row(row: dict) -> dict:
    return {
        "label": row["group"],
        "count": row["count"],
        "numerator": row["count"],
        "denominator": row["population"],
        "value": row["rate"],
        "numerator_display": _count(row["count"]),
        "denominator_display": _count(row["population"]),
        "value_display": fmt_value(row["rate"], "per 10k"),
        "interval": _interval(row["ci_low"], row["ci_high"], "per 10k"),
        "to_white_british": _ratio(
            row["ratio_to_white_british"],
            row["ratio_to_white_british_low"],
            row["ratio_to_white_british_high"],
        ),
        "to_council": _ratio(
            row["ratio_to_council"], row["ratio_to_council_low"], row["ratio_to_council_high"]
        ),
        "ratio": row["ratio_to_white_british"]
        if row["ratio_to_white_british"] is not None
        else row["ratio_to_council"],
        "differs": {True: "Yes", False: "No", None: DASH}[row["differs"]],
        "suppressed": False,
        "hideable": (
            "value",
            "ratio",
            "value_display",
            "numerator_display",
            "interval",
            "to_white_british",
            "to_council",
            "differs",
        ),
    }


def _ratio_chart(measures: dict, by: str) -> str | None:
    """Each group's rate ratio (to White British, or to the council for sex and age) per measure."""
    traces = []
    for index, measure in enumerate(measures.values()):
        shown = [r for r in measure["rows"] if not r["suppressed"] and r["ratio"]]
        if shown:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": measure["label"],
                    "y": [r["label"] for r in shown],
                    "x": [r["ratio"] for r in shown],
                    "marker": {"color": GOVUK_COLOURS[index % len(GOVUK_COLOURS)], "size": 10},
                }
            )
    if not traces:
        return None
    against = "White British children" if by == "ethnicity" else "the council as a whole"
    layout = {
        "title": {"text": f"Rate ratio to {against}"},
        "xaxis": {
            "type": "log",
            "title": {"text": "ratio (log scale; 1 = the same rate)"},
            "gridcolor": "#f3f2f1",
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
        "margin": {"l": 20, "r": 20, "t": 50, "b": 60},
        "height": 420,
        "font": FONT,
        "legend": {"orientation": "h", "y": -0.25},
        "shapes": [
            {
                "type": "line",
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "x0": 1,
                "x1": 1,
                "line": {"color": "#0b0c0c", "dash": "dash", "width": 2},
            }
        ],
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    return json.dumps({"data": traces, "layout": layout}, default=str).replace("<", "\\u003c")


def exceptions(viewer: roles.Viewer, period, level: str = "council", unit_id=None) -> list[dict]:
    """Groups significantly and substantially worse or better, ready to list (small groups left out
    for viewers without child-level access, since the group's count could be read from its figure)."""
    rows = []
    for row in ineq.exceptions(period, level, unit_id):
        if hides_small_groups(viewer) and (_small(row["numerator"]) or _small(row["denominator"])):
            continue
        rows.append(
            {
                **row,
                "direction_label": DIRECTION_LABELS[row["direction"]],
                "value_display": fmt_value(row["value"], row["unit"]),
                "whole_display": fmt_value(row["whole"], row["unit"]),
                "interval": _interval(row["ci_low"], row["ci_high"], row["unit"]),
            }
        )
    return rows

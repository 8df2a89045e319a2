"""The web layer's door to the indicator engine (`sightline.performance.selectors`).

Turns engine results into what the pages show: formatted figures, RAG labels, trend charts,
the drill-down hierarchy (council → service → team → worker → children) and drift rows.
Who may see what is applied here: elected members get suppressed small numbers and no
child-level rows; everyone else sees only the children their role lets them open.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sightline.accounts import roles
from sightline.accounts.selectors import child_filter
from sightline.domain.dates import axis_month
from sightline.indicators import ratings
from sightline.performance import selectors as perf
from sightline.spc import SIGNALS, icon_for
from sightline.workforce.models import Team, Worker

from . import direction
from .charts import xmr_chart
from .params import LISTS, PERIOD_KINDS

LEVEL_BELOW = {"council": "service", "service": "team", "team": "worker", "worker": None}
DASH = "\N{EN DASH}"
RAG_CSS = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
    ratings.TOO_FEW: "govuk-tag--grey",
    None: "govuk-tag--grey",
}
RAG_LABELS = {key: (ratings.label(key), css) for key, css in RAG_CSS.items()}
TREND_MONTHS = 24
CHILD_ROWS_SHOWN = 200
MEMO_MAX = 64


def fmt_value(value: float | None, unit: str) -> str:
    """A figure as a person reads it: 83.2%, 1,234, 53.1 per 10,000, 27 days."""
    if value is None:
        return DASH
    value = round(float(value), 1) + 0.0  # + 0.0: -0.0 (a rounded small fall) shows as 0.0
    if unit == "%":
        return f"{value:,.1f}%"
    if unit == "count":
        return f"{round(value) + 0:,.0f}"
    if unit == "per 10k":
        return f"{value:,.1f}"
    if unit in {"days", "working days", "weeks", "months"}:
        return f"{value:,.0f} {unit}" if float(value).is_integer() else f"{value:,.1f} {unit}"
    return f"{value:,.1f}"


def _small(value: float | None, viewer: roles.Viewer) -> bool:
    return (
        roles.suppresses_small_numbers(viewer)
        and value is not None
        and 1 <= value <= roles.SMALL_NUMBER_MAX
        and float(value).is_integer()
    )


def rated(definition: dict, result) -> str | None:
    """The rating shown: the engine's, unless the figure rests on too few cases to rate."""
    minimum = perf.local_standards().min_denominator_to_rate
    return ratings.rating(result.rag, result.denominator, minimum, definition["aggregate"])


def figure(definition: dict, result, viewer: roles.Viewer) -> dict:
    """One result ready for a table row; counts of 1 to 5 (and figures built on them) suppressed."""
    unit = definition["unit"]
    hidden = (
        _small(result.numerator, viewer)
        or _small(result.denominator, viewer)
        or (unit == "count" and _small(result.value, viewer))
    )
    shown = None if hidden else rated(definition, result)
    label, css = RAG_LABELS.get(shown, RAG_LABELS[None])
    bench = definition.get("benchmark_value")
    return {
        "id": definition["id"],
        "title": definition["title"],
        "unit": unit,
        "unit_id": result.unit_id,
        "unit_name": result.unit_name,
        "value": None if hidden else result.value,
        "display": roles.SUPPRESSED_SMALL if hidden else fmt_value(result.value, unit),
        "numerator": None if hidden else _count(result.numerator),
        "denominator": None if hidden else _count(result.denominator),
        "suppressed": hidden,
        "rag": shown,
        "rag_label": label,
        "rag_class": css,
        "target_display": fmt_value(result.target, unit) if result.target is not None else DASH,
        "target_text": ratings.target_text(
            result.target, result.tolerance, definition["polarity"], lambda v: fmt_value(v, unit)
        ),
        "benchmark_display": fmt_value(bench["value"], unit) if bench else DASH,
        "benchmark_year": bench["year"] if bench else "",
    }


def protect_breakdown(rows: list[dict], viewer: roles.Viewer) -> list[dict]:
    """Secondary suppression: with the total shown, one hidden row could be found by subtraction,
    so when exactly one row is hidden the smallest other row is hidden too."""
    if not roles.suppresses_small_numbers(viewer):
        return rows
    hidden = [row for row in rows if row["suppressed"]]
    shown = [row for row in rows if not row["suppressed"] and row["value"] is not None]
    if len(hidden) == 1 and shown:
        row = min(shown, key=lambda r: r["value"])
        label, css = RAG_LABELS[None]
        row.update(
            value=None,
            display="suppressed",
            numerator=None,
            denominator=None,
            suppressed=True,
            rag=None,
            rag_label=label,
            rag_class=css,
        )
    return rows


def _count(value: float | None) -> str | None:
    return None if value is None else f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def parse_period(params: dict, on: date):
    """The period a page asks for, from its parameters as web.params.PeriodForm cleaned them:
    the kind (month by default) ending on `end` (the data's date by default)."""
    kind = params.get("period") or "month"
    end = params.get("end") or on
    return kind, end, perf.default_period(kind, end)


_memo_lock = threading.Lock()
_memo: dict = {"engine": None, "items": OrderedDict()}


def memoised(key: tuple, build):
    """Page parts cached for as long as the engine (data and settings versions) is current, the
    MEMO_MAX used last (keys carry a date from the URL: stay bounded, but a page asked for
    an odd date drops only the part used longest ago, not every page's)."""
    current = perf.engine()
    with _memo_lock:
        items = _memo["items"]
        if _memo["engine"] is not current:
            items = OrderedDict()
            _memo.update(engine=current, items=items)
        if key in items:
            items.move_to_end(key)
            return items[key]
    value = build()
    with _memo_lock:
        if _memo["engine"] is current:
            items = _memo["items"]
            items[key] = value
            items.move_to_end(key)
            while len(items) > MEMO_MAX:
                items.popitem(last=False)
    return value


def compared(definition: dict, period, viewer: roles.Viewer, level: str = "council", unit_id=None) -> dict:
    """A figure for the period and, as `travel`, its direction since the period before
    (web.direction), both as this viewer is shown them."""
    now = perf.value(definition["id"], period, level, unit_id)
    before = perf.value(definition["id"], period.previous(), level, unit_id)
    shown, earlier = figure(definition, now, viewer), figure(definition, before, viewer)
    shown["travel"] = direction.travel(
        definition,
        now,
        before,
        minimum=perf.local_standards().min_denominator_to_rate,
        shown=lambda v: fmt_value(v, definition["unit"]),
        suppressed=(shown["suppressed"], earlier["suppressed"]),
    )
    return shown


@dataclass
class Crumb:
    label: str
    level: str
    unit_id: int | None


def _hierarchy(level: str, unit_id: int | None) -> list[Crumb]:
    """Breadcrumbs from the council down to the unit being shown."""
    crumbs = [Crumb("Council", "council", None)]
    if level == "worker" and unit_id:
        worker = Worker.objects.select_related("team__service").filter(pk=unit_id).first()
        if worker:
            team = worker.team
            crumbs += [
                Crumb(team.service.name, "service", team.service_id),
                Crumb(team.name, "team", team.pk),
                Crumb(str(worker), "worker", worker.pk),
            ]
    elif level == "team" and unit_id:
        team = Team.objects.select_related("service").filter(pk=unit_id).first()
        if team:
            crumbs += [
                Crumb(team.service.name, "service", team.service_id),
                Crumb(team.name, "team", team.pk),
            ]
    elif level == "service" and unit_id:
        crumbs.append(Crumb(perf.units("service").get(unit_id, "Service"), "service", unit_id))
    return crumbs


def _members(level: str, unit_id: int | None, below: str) -> set[int] | None:
    """Ids of the units one level down that belong to this unit (None: all of them)."""
    if level == "service" and below == "team":
        return set(Team.objects.filter(service_id=unit_id).values_list("pk", flat=True))
    if level == "team" and below == "worker":
        return set(Worker.objects.filter(team_id=unit_id).values_list("pk", flat=True))
    return None


def drill_down(viewer: roles.Viewer, indicator_id: str, on: date, params) -> dict | None:
    """An indicator at one level: its figure, trend, the level below and the children behind it.

    `params` are the page's parameters as web.params.IndicatorForm cleaned them."""
    try:
        definition = perf.definition(indicator_id)
    except KeyError:
        return None
    kind, end, period = parse_period(params, on)
    level = params.get("level") or "council"
    unit_id = params.get("unit") if level != "council" else None
    if not roles.sees_child_level_data(viewer) and level == "worker":
        level, unit_id = "council", None
    headline = compared(definition, period, viewer, level, unit_id)
    below = LEVEL_BELOW[level]
    if below == "worker" and not roles.sees_child_level_data(viewer):
        below = None
    rows = []
    if below:
        members = _members(level, unit_id, below)
        rows = protect_breakdown(
            [
                figure(definition, result, viewer)
                for result in perf.breakdown(indicator_id, period, below)
                if members is None or result.unit_id in members
            ],
            viewer,
        )
    trend = _trend_one(definition, end, level, unit_id, viewer)
    detail = {
        "definition": definition,
        "period": period,
        "period_kind": kind,
        "period_kinds": PERIOD_KINDS,
        "end": end,
        "level": level,
        "unit_id": unit_id,
        "crumbs": _hierarchy(level, unit_id),
        "comparators": [
            {**row, "display": fmt_value(row["value"], definition["unit"])}
            for row in perf.comparators(indicator_id)
        ],
        "headline": headline,
        "below": below,
        "rows": rows,
        **trend,
        "list": None,
        "rebases": perf.rebases().get(indicator_id, []),
        "can_rebase": roles.can_record_spc_rebase(viewer),
    }
    if roles.sees_child_level_data(viewer):
        which = params.get("list") or "missing"
        detail["list"] = child_list(viewer, indicator_id, period, level, unit_id, which, on)
    return detail


SIGNAL_LABELS = dict(
    zip(SIGNALS, ("Outside the limits", "Shift", "Trend", "Two of three near a limit"), strict=True)
)


def _trend_one(definition: dict, end: date, level: str, unit_id: int | None, viewer) -> dict:
    """The 24 months as a Making Data Count XmR chart, its icons, and the same numbers as a table.

    The analysis reads the values the viewer is shown (suppressed months are gaps)."""
    points = perf.series(definition["id"], end=end, months=TREND_MONTHS, level=level, unit_id=unit_id)
    cells = [(month, figure(definition, result, viewer)) for month, result in points]
    control = perf.control_of(definition, [(month, cell["value"]) for month, cell in cells])
    chart = xmr_chart(
        [axis_month(month) for month, _ in cells],
        control,
        title="Last 24 months: statistical process control",
        y_title=definition["unit"],
    )
    unit = definition["unit"]
    trend = [
        (
            month,
            {
                **cell,
                "mean": fmt_value(point.mean, unit) if point.value is not None else DASH,
                "limits": _limits(point, unit),
                "signals": ", ".join(SIGNAL_LABELS[s] for s in point.signals),
            },
        )
        for (month, cell), point in zip(cells, control.points, strict=True)
    ]
    return {"chart": chart, "trend": trend, "spc": control, "icons": icon_for(control)}


def _limits(point, unit: str) -> str:
    if point.value is None or point.lower is None:
        return DASH
    return f"{fmt_value(point.lower, unit)} to {fmt_value(point.upper, unit)}"


def child_list(viewer, indicator_id: str, period, level: str, unit_id, which: str, on: date) -> dict:
    """The rows behind a figure, limited to the children the viewer may open."""
    rows, hidden = child_filter(viewer, on).keep(
        perf.children(indicator_id, period, level, unit_id, which), key=lambda row: row.get("child_id")
    )
    columns = _columns(rows)
    return {
        "which": which,
        "lists": LISTS,
        "total": len(rows),
        "hidden": hidden,
        "columns": columns,
        "rows": rows[:CHILD_ROWS_SHOWN],
        "all_rows": rows,
        "workers": bool(rows) and rows[0].get("child_id") is None,
    }


HIDDEN_COLUMNS = {"child_id", "team_id", "worker_id", "service_id", "la_child_id"}


def _columns(rows: list[dict]) -> list[str]:
    """Column keys in the engine's order, without the ids the page links and columns with no values."""
    if not rows:
        return []
    return [
        key for key in rows[0] if key not in HIDDEN_COLUMNS and any(row.get(key) is not None for row in rows)
    ]


def level_label(detail: dict) -> str:
    """The drill-down's level as the About sheet says it: "Council", "Team: Locality North"."""
    if len(detail["crumbs"]) > 1:
        return f"{detail['level'].capitalize()}: {detail['crumbs'][-1].label}"
    return "Council"

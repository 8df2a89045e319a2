"""The quarterly report's headline indicators: one section per Key Performance Question, read
from the indicator engine (never recounted), with the quarter beside the one before and the same
quarter a year earlier, the target and rating, England's latest figure and a monthly trend."""

from __future__ import annotations

from datetime import timedelta

from sightline.accounts import roles
from sightline.domain.dates import add_months, axis_month
from sightline.indicators.periods import Period
from sightline.indicators.registry import KPQS
from sightline.performance import selectors as perf
from sightline.reports.sections import QUARTERLY, Chart, ReportContext, Section, Table, register
from sightline.web.indicators import figure

from . import spc_icons

TREND_MONTHS = 12
SPC_NOTE = (
    "Variation and assurance are read from each indicator's last 24 months by statistical process "
    "control (NHS England's Making Data Count): special cause variation is a real change, not noise."
)
SPC_NOTE = (
    "Variation and assurance are read from each indicator's last 24 months by statistical process "
    "control (NHS England's Making Data Count): special cause variation is a real change, not noise."
)
HEADERS = ["Indicator", "This quarter", "Previous quarter", "A year earlier", "Target", "Rating", "England"]


def _viewer(ctx: ReportContext) -> roles.Viewer:
    """Figures are shown as an elected member would see them in the committee version."""
    if ctx.suppress_small_numbers:
        return roles.Viewer(role=roles.Role.ELECTED_MEMBER)
    return ctx.viewer or roles.Viewer(role=roles.Role.PERFORMANCE_ANALYST)


def _periods(ctx: ReportContext) -> tuple[Period, Period, Period]:
    this = Period("quarter", ctx.start, ctx.end)
    previous = Period.quarter(ctx.start - timedelta(days=1))
    year_before = Period.quarter(add_months(ctx.start, -12))
    return this, previous, year_before


def _unit(ctx: ReportContext) -> tuple[str, int | None]:
    return (ctx.level, ctx.unit_id) if ctx.level in {"service", "team"} and ctx.unit_id else ("council", None)


def _row(definition: dict, ctx: ReportContext, viewer: roles.Viewer) -> list:
    level, unit_id = _unit(ctx)
    shown = [
        figure(definition, perf.value(definition["id"], p, level, unit_id), viewer) for p in _periods(ctx)
    ]
    now = shown[0]
    england = now["benchmark_display"]
    if now["benchmark_year"]:
        england = f"{england} ({now['benchmark_year']})"
    return [
        definition["title"],
        *(s["display"] for s in shown),
        now["target_display"],
        now["rag_label"],
        england,
    ]


def _trend(definition: dict, months: list[tuple]) -> Chart:
    months = months[-TREND_MONTHS:]
    values = [value for _, value in months]
    series = {definition["title"]: values}
    if definition["target"] is not None:
        series["Target"] = [definition["target"]] * len(values)
    return Chart(
        title=f"{definition['title']}: the last {TREND_MONTHS} months",
        kind="line",
        categories=[axis_month(month) for month, _ in months],
        series=series,
        unit=definition["unit"],
    )


def build(number: int, ctx: ReportContext) -> Section:
    key, (title, question) = f"reports.kpq{number}", KPQS[number]
    heading = f"KPQ {number}: {title}"
    definitions = [d for d in perf.definitions() if d["kpq"] == number and d["headline"]]
    if not definitions or ctx.end > perf.reference_date():
        return Section.empty(key, heading, "No figures for this period yet.")
    viewer = _viewer(ctx)
    level, unit_id = _unit(ctx)
    table = Table(
        f"{title}: headline indicators, {ctx.label}", HEADERS, [_row(d, ctx, viewer) for d in definitions]
    )
    months = {d["id"]: spc_icons.monthly_values(d, ctx.end, level, unit_id, viewer) for d in definitions}
    icons = [spc_icons.icons_for(d, ctx.end, level, unit_id, viewer, months[d["id"]]) for d in definitions]
    table, svgs = spc_icons.with_columns(table, icons)
    return Section(
        key,
        heading,
        paragraphs=[question, SPC_NOTE],
        tables=[table],
        charts=[_trend(d, months[d["id"]]) for d in definitions],
        extra={"cell_svgs": {0: svgs}},
    )


def _declare(number: int) -> None:
    register(
        f"reports.kpq{number}", title=f"KPQ {number}: {KPQS[number][0]}", kinds={QUARTERLY}, order=number
    )(lambda ctx: build(number, ctx))


for _number in KPQS:
    _declare(_number)

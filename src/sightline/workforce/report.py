"""The workforce section of the monthly clinic pack and the quarterly report: the engine's
workforce measures for the unit at the period's end (one definition each, as on the pages)."""

from __future__ import annotations

from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.performance.loader import NoCouncilError
from sightline.reports.sections import MONTHLY, QUARTERLY, ReportContext, Section, Table, register

from .selectors import MEASURES

LEVELS = {"council", "service", "team"}
NONE = "\N{EN DASH}"  # no figure


def _shown(value, unit: str) -> str:
    if value is None:
        return NONE
    return f"{value:.1f}%" if unit == "%" else f"{value:.1f}"


@register("workforce.health", title="Workforce", kinds={MONTHLY, QUARTERLY}, order=40)
def workforce_section(ctx: ReportContext) -> Section:
    title = "Workforce"
    level = ctx.level if ctx.level in LEVELS else "council"
    unit_id = ctx.unit_id if level != "council" else None
    stock, flow = Period.as_at(ctx.end), Period("window", ctx.start, ctx.end)
    try:
        rows = _rows(level, unit_id, stock, flow)
    except NoCouncilError:
        rows = []
    if not rows or all(r[1] == NONE for r in rows):
        return Section.empty("workforce.health", title, "No workforce figures for this period yet.")
    table = Table(
        caption=f"Workforce measures at {ctx.end:%-d %B %Y} (staff survey: {ctx.label})",
        headers=["Measure", "Value", "England"],
        rows=rows,
    )
    return Section(key="workforce.health", title=title, tables=[table])


def _rows(level: str, unit_id, stock: Period, flow: Period) -> list[tuple]:
    rows = []
    for indicator_id in MEASURES:
        definition = perf.definition(indicator_id)
        period = stock if definition["kind"] == "stock" else flow
        result = perf.value(indicator_id, period, level, unit_id)
        england = definition["benchmark_value"]
        rows.append(
            (
                definition["title"],
                _shown(result.value, definition["unit"]),
                _shown(england["value"], definition["unit"]) if england else NONE,
            )
        )
    return rows

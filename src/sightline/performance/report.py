"""Inequality of outcome in the quarterly Quality of Practice report (seed 004 appendix 3)."""

from __future__ import annotations

from sightline.accounts.roles import SMALL_NUMBER_MAX, SUPPRESSED_SMALL
from sightline.indicators.periods import Period
from sightline.reports.sections import QUARTERLY, Chart, ReportContext, Section, Table, register

from . import inequality
from .loader import NoCouncilError

KEY, TITLE = "performance.inequality", "Inequality of outcome"
SHOWN = 20


def _small(n, ctx: ReportContext) -> bool:
    return ctx.suppress_small_numbers and n is not None and 1 <= n <= SMALL_NUMBER_MAX


def _period(ctx: ReportContext) -> Period:
    return Period("custom", ctx.start, ctx.end)


@register(KEY, title=TITLE, kinds={QUARTERLY}, order=40)
def inequality_section(ctx: ReportContext) -> Section:
    """Groups of children significantly and substantially worse or better, and rates of children in care
    and on plans per 10,000 of each ethnic group."""
    try:
        return _build(ctx)
    except NoCouncilError:
        return Section.empty(KEY, TITLE, "No records are loaded yet.")


def _build(ctx: ReportContext) -> Section:
    period = _period(ctx)
    level = ctx.level if ctx.unit_id else "council"
    found = [
        r
        for r in inequality.exceptions(period, level, ctx.unit_id if level != "council" else None)
        if not (_small(r["numerator"], ctx) or _small(r["denominator"], ctx))
    ]
    rates = inequality.disproportionality_table(period, "ethnicity") if level == "council" else []
    if not found and not rates:
        return Section.empty(
            KEY,
            TITLE,
            "No group of children stands out this quarter, and no population "
            "estimate is held for rates by group.",
        )
    worse = sum(r["direction"] == "worse" for r in found)
    better = sum(r["direction"] == "better" for r in found)
    paragraphs = [
        f"Every indicator broken down by ethnicity, sex, age band, disability and unaccompanied "
        f"asylum-seeking status for {ctx.label}: {worse} groups of children did significantly and "
        f"substantially worse than the rest and {better} better (95% confidence; 'substantially' is "
        "the council's threshold)."
    ]
    tables = []
    if found:
        tables.append(
            Table(
                caption=f"Groups significantly and substantially different, {ctx.label} (worse first)",
                headers=[
                    "Indicator",
                    "Grouped by",
                    "Group",
                    "Worse or better",
                    "Group's figure",
                    "95% interval",
                    "Council",
                ],
                rows=[
                    [
                        r["title"],
                        r["breakdown"],
                        r["group"],
                        r["direction"],
                        r["value"],
                        f"{r['ci_low']} to {r['ci_high']}" if r["ci_low"] is not None else None,
                        r["whole"],
                    ]
                    for r in found[:SHOWN]
                ],
            )
        )
    charts = []
    if rates:
        cla = [r for r in rates if r["measure"] == "cla"]
        tables.append(_rates_table(cla, ctx))
        charts.append(
            Chart(
                title="Children looked after per 10,000 children of each ethnic group",
                kind="bar",
                categories=[r["group"] for r in cla],
                series={"Per 10,000": [None if _small(r["count"], ctx) else r["rate"] for r in cla]},
                unit="per 10,000",
            )
        )
    return Section(key=KEY, title=TITLE, paragraphs=paragraphs, tables=tables, charts=charts)


def _rates_table(rows: list[dict], ctx: ReportContext) -> Table:
    def cells(r):
        if _small(r["count"], ctx):
            return [r["group"], SUPPRESSED_SMALL, r["population"], None, None]
        return [r["group"], r["count"], r["population"], r["rate"], r["ratio_to_white_british"]]

    return Table(
        caption=f"Children looked after at {ctx.end:%-d %B %Y} by ethnic group, per 10,000 children",
        headers=[
            "Ethnic group",
            "Children looked after",
            "Children in the population",
            "Per 10,000",
            "Ratio to White British",
        ],
        rows=[cells(r) for r in rows],
    )

"""The audit programme's sections of the quarterly Quality of Practice report and the monthly
clinic pack: audits completed, grades, moderation and themes ("No data yet" when none)."""

from __future__ import annotations

from sightline.reports.sections import Chart, ReportContext, Section, Table, register

from . import selectors
from .domain import analysis as a
from .domain.agreement import agreement, over_optimism
from .domain.grades import GRADE_ORDER, GRADES

TITLE = "Case-file audits"


def build(ctx: ReportContext, key: str) -> Section:
    team_id = ctx.unit_id if ctx.level == "team" else None
    rows = selectors.finalised_rows(ctx.start, ctx.end, team_id)
    if not rows:
        return Section.empty(key, TITLE)
    kinds = a.distribution(rows, lambda r: r["tool"])
    overall = a.distribution(rows, lambda r: "All audits")[0]
    pairs = selectors.moderation_pairs(rows)
    moderated = agreement(pairs)
    paragraphs = [
        f"{ctx.count(overall.n)} audits were finalised in {ctx.label}; "
        f"{overall.good_or_better_pct}% were graded Good or better.",
    ]
    if moderated.n:
        kappa = f"{moderated.kappa:.2f}" if moderated.kappa is not None else "not calculable"
        paragraphs.append(
            f"{ctx.count(moderated.n)} were moderated: the moderator agreed exactly with "
            f"{moderated.exact_pct}% "
            f"(weighted kappa {kappa}); {ctx.count(moderated.moved_down)} grades moved down and "
            f"{ctx.count(moderated.moved_up)} up."
        )
    tables = [
        Table(
            "Grades by kind of audit",
            ["Tool", *[GRADES[g] for g in GRADE_ORDER], "Audits", "Good or better %"],
            [
                [
                    d.group,
                    *[ctx.count(d.counts[g]) for g in GRADE_ORDER],
                    ctx.count(d.n),
                    d.good_or_better_pct,
                ]
                for d in kinds
            ],
        )
    ]
    if pairs and not ctx.suppress_small_numbers:
        tables.append(
            Table(
                "Over-optimism per auditor (mean auditor minus moderator grade)",
                ["Auditor", "Moderated", "Mean difference"],
                [[o.auditor, o.n, o.mean_difference] for o in over_optimism(pairs)],
            )
        )
    chart = Chart(
        "Overall grades",
        "bar",
        [GRADES[g] for g in GRADE_ORDER],
        {"Audits": [overall.counts[g] for g in GRADE_ORDER]},
        unit="audits",
    )
    return Section(
        key, TITLE, paragraphs=paragraphs, tables=tables, charts=[] if ctx.suppress_small_numbers else [chart]
    )


@register("audits.quarterly", title=TITLE, kinds={"quarterly"}, order=30)
def quarterly(ctx: ReportContext) -> Section:
    return build(ctx, "audits.quarterly")


@register("audits.monthly", title=TITLE, kinds={"monthly"}, order=30)
def monthly(ctx: ReportContext) -> Section:
    return build(ctx, "audits.monthly")

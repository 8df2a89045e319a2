"""Inequality of outcome among a clinic briefing's data exceptions (Durham's proforma: "the focus
should be on inequality of outcome ... significant poor (or excellent) performance").

Registered with the clinics' registry of exception providers when that app is installed. A
month holds too few children in most groups to tell anything, so the groups are compared over
the 12 months to the clinic's month; groups of 5 children or fewer are left out, since a
briefing may go to a committee.
"""

from __future__ import annotations

from sightline.accounts.roles import SMALL_NUMBER_MAX
from sightline.clinics.exceptions import ExceptionContext, Finding, register
from sightline.indicators.periods import Period, month_end

from . import inequality

SHOWN = 10


def _big_enough(row: dict) -> bool:
    return all(n is None or n > SMALL_NUMBER_MAX for n in (row["numerator"], row["denominator"]))


@register("inequality", title="Inequality of outcome: groups of children doing better or worse", order=20)
def inequality_findings(ctx: ExceptionContext) -> list[Finding]:
    from sightline.web.indicators import fmt_value

    period = Period.rolling_12(month_end(ctx.month))
    rows = [r for r in inequality.exceptions(period, ctx.level, ctx.unit_id) if _big_enough(r)]
    return [
        Finding(
            title=f"{r['title']}: {r['group']}",
            detail=_detail(r, period, fmt_value),
            indicator_id=r["indicator_id"],
            value_display=fmt_value(r["value"], r["unit"]),
        )
        for r in rows[:SHOWN]
    ]


def _detail(r: dict, period: Period, fmt) -> str:
    unit = r["unit"]
    return (
        f"{r['direction'].capitalize()} than for the rest of the children over the {period.label} "
        f"({r['breakdown'].lower()}): {fmt(r['value'], unit)} against {fmt(r['whole'], unit)} for all "
        f"(95% interval {fmt(r['ci_low'], unit)} to {fmt(r['ci_high'], unit)})."
    )

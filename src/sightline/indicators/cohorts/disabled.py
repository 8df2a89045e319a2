"""Cohort: disabled children. Do they get timely assessment and help?"""

from __future__ import annotations

import polars as pl

from ..common import REF, open_on_dates, with_child
from ..kpq.assessment import completed_assessments
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)

DISABLED = pl.col("disabilities").list.eval(pl.element() != "NONE").list.any().fill_null(False)


@indicator(
    id="disabled_open_share",
    defined_by=("disability",),
    supported_by_returns=CIN,
    title="Children in need who are disabled",
    kpq="disabled",
    numerator="children with an open CIN episode and a recorded disability",
    denominator="children with an open CIN episode",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    headline=True,
    source="CIN census Disabilities",
    date_label="as at",
)
def disabled_share(ctx, ons):
    open_cin = (
        open_on_dates(ctx, "referral", "cin_referral_date", "cin_closure_date", ons)
        .select("child_id", "date")
        .unique()
    )
    return with_child(open_cin, ctx, "disabilities").select(
        "child_id", pl.col("disabilities").list.join(" ").alias("disabilities"), DISABLED.alias("num"), "date"
    )


@indicator(
    id="disabled_assessments_45wd",
    defined_by=("disability",),
    supported_by_returns=CIN,
    title="Disabled children's assessments within 45 working days",
    kpq="disabled",
    numerator="assessments of disabled children authorised within 45 working days",
    denominator="assessments of disabled children authorised in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=85.0,
    tolerance=5.0,
    source=f"{REF} §1 (45 working days)",
    date_label="authorisation date",
)
def disabled_assessments(ctx):
    frame = with_child(completed_assessments(ctx), ctx, "disabilities")
    return frame.filter(DISABLED).select(
        "child_id",
        pl.col("assessment_authorisation_date").alias("date"),
        "working_days",
        (pl.col("working_days") <= ctx.standards.assessment_working_days).alias("num"),
    )

"""KPQ2. Assessments: does every child have an assessment of need without drift and delay which results in
the right outcome?"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..common import REF, open_on_dates
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def completed_assessments(ctx) -> pl.DataFrame:
    """Authorised assessments with their duration on the selected basis (DfE: start→authorisation)."""

    def build():
        frame = ctx["assessment"].join(
            ctx["referral"].select(pl.col("id").alias("episode_id"), "cin_referral_date"),
            on="episode_id",
            how="left",
        )
        start = (
            "cin_referral_date"
            if ctx.standards.assessment_basis == "referral"
            else "assessment_actual_start_date"
        )
        return frame.filter(pl.col("assessment_authorisation_date").is_not_null()).with_columns(
            ctx.wd(start, "assessment_authorisation_date").alias("working_days"),
            pl.col(start).alias("counted_from"),
        )

    return ctx.memo("completed_assessments", build)


def _assessment_rows(ctx, **extra):
    return completed_assessments(ctx).select(
        "child_id",
        pl.col("assessment_authorisation_date").alias("date"),
        "counted_from",
        "assessment_authorisation_date",
        "working_days",
        "outcome",
        **extra,
    )


@indicator(
    id="assessments_completed",
    supported_by_returns=CIN,
    title="Assessments completed",
    kpq=2,
    numerator="assessments authorised in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source="CIN census Assessments (AssessmentAuthorisationDate)",
    date_label="authorisation date",
)
def assessments_completed(ctx):
    return _assessment_rows(ctx)


@indicator(
    id="assessments_45wd",
    supported_by_returns=CIN,
    title="Assessments completed within 45 working days",
    kpq=2,
    numerator="assessments authorised within 45 working days",
    denominator="assessments authorised in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=85.0,
    tolerance=5.0,
    headline=True,
    benchmark="assess45",
    national="DfE CIN: assessments completed within 45 working days",
    source=f"{REF} §1 [S]/[V]: DfE basis start→authorisation (default) or WT23 referral basis; "
    "setting assessment_basis",
    date_label="authorisation date",
)
def assessments_45(ctx):
    limit = ctx.standards.assessment_working_days
    return _assessment_rows(ctx, num=pl.col("working_days") <= limit)


@indicator(
    id="assessment_median_days",
    supported_by_returns=CIN,
    title="Median assessment duration",
    kpq=2,
    numerator="working days from start (or referral) to authorisation",
    denominator="assessments authorised",
    unit="working days",
    aggregate="median",
    polarity="lower",
    kind="flow",
    target=35.0,
    tolerance=5.0,
    headline=True,
    benchmark="assess_median_days",
    national="DfE CIN: median duration of assessments",
    source=f"{REF} §1; DfE CIN statistics table C2",
    date_label="authorisation date",
)
def assessment_median(ctx):
    return _assessment_rows(ctx, value=pl.col("working_days"))


@indicator(
    id="assessments_open_over_45",
    supported_by_returns=CIN,
    title="Open assessments past 45 working days",
    kpq=2,
    numerator="assessments started and not authorised at the date, older than 45 working days",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=0.0,
    tolerance=10.0,
    headline=True,
    source=f"{REF} §1 (45 working days)",
    date_label="as at",
)
def assessments_open(ctx, ons: tuple[date, ...]):
    limit = ctx.standards.assessment_working_days
    frame = open_on_dates(
        ctx, "assessment", "assessment_actual_start_date", "assessment_authorisation_date", ons
    )
    frame = frame.with_columns(ctx.wd("assessment_actual_start_date", pl.col("date")).alias("working_days"))
    return frame.select(
        "child_id",
        "assessment_actual_start_date",
        "working_days",
        (pl.col("working_days") > limit).alias("num"),
        "date",
    )


@indicator(
    id="assessment_outcome_services",
    title="Assessments leading to social care services",
    kpq=2,
    numerator="authorised assessments with outcome CIN plan, s47 or looked after",
    denominator="authorised assessments with an outcome",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="Annex A list 4 (assessed as requiring LA children's social care support)",
    date_label="authorisation date",
)
def assessment_outcome_services(ctx):
    return _assessment_rows(
        ctx, num=pl.col("outcome").is_in(["CIN", "S47", "CLA"]), den=pl.col("outcome").fill_null("") != ""
    )


@indicator(
    id="assessment_outcome_nfa",
    title="Assessments ending in no further action",
    kpq=2,
    numerator="authorised assessments with outcome NFA",
    denominator="authorised assessments with an outcome",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    source="Annex A list 4; CIN census reason for closure RC8",
    date_label="authorisation date",
)
def assessment_outcome_nfa(ctx):
    return _assessment_rows(ctx, num=pl.col("outcome") == "NFA", den=pl.col("outcome").fill_null("") != "")


@indicator(
    id="assessment_child_seen",
    title="Assessments where the child was seen",
    kpq=2,
    numerator="authorised assessments with the child seen",
    denominator="assessments authorised in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=98.0,
    tolerance=3.0,
    source="Annex A list 4 (Child Seen During Continuous Assessment)",
    date_label="authorisation date",
)
def assessment_child_seen(ctx):
    return completed_assessments(ctx).select(
        "child_id",
        pl.col("assessment_authorisation_date").alias("date"),
        "child_seen_date",
        pl.col("child_seen").alias("num"),
    )

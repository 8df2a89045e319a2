"""KPQ3 (continued). How child protection plans progress: how long ended plans lasted, review
conferences on time, first core groups."""

from __future__ import annotations

import polars as pl

from ..common import REF, months_between
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _ended_plans(ctx) -> pl.DataFrame:
    return (
        ctx["cp_plan"]
        .filter(pl.col("cpp_end_date").is_not_null())
        .with_columns(months_between(pl.col("cpp_start_date"), pl.col("cpp_end_date")).alias("months_open"))
    )


BANDS = [
    ("under_3m", "under 3 months", 0, 3),
    ("3_6m", "3 to 6 months", 3, 6),
    ("6_12m", "6 to 12 months", 6, 12),
    ("1_2y", "1 to 2 years", 12, 24),
    ("2y_plus", "2 years or more", 24, 10_000),
]


def _band_facts(low: int, high: int):
    def facts(ctx):
        return _ended_plans(ctx).select(
            "child_id",
            pl.col("cpp_end_date").alias("date"),
            "cpp_start_date",
            "months_open",
            pl.col("months_open").is_between(low, high - 1).alias("num"),
        )

    return facts


for key, label, low, high in BANDS:
    indicator(
        id=f"cpp_ended_{key}",
        supported_by_returns=CIN,
        title=f"CP plans ended lasting {label}",
        kpq=3,
        numerator=f"plans ended in the period that lasted {label}",
        denominator="plans ended in the period",
        unit="%",
        aggregate="percent",
        polarity="lower" if key in ("under_3m", "2y_plus") else None,
        kind="flow",
        benchmark="cpp_end_2yrs" if key == "2y_plus" else None,
        source=f"{REF} §2 [V] plans ending by length",
        date_label="plan end",
    )(_band_facts(low, high))


def conference_history(ctx) -> pl.DataFrame:
    """Review conferences with the date each was due: 3 months after the ICPC, then 6 months apart."""
    first_months = ctx.standards.first_review_conference_months
    later_months = ctx.standards.review_conference_months
    plans = ctx["cp_plan"].select(pl.col("id").alias("plan_id"), "cpp_start_date")
    conferences = (
        ctx["conference"]
        .filter(pl.col("plan_id").is_not_null() & pl.col("kind").is_in(["ICPC", "RCPC"]))
        .join(plans, on="plan_id", how="left")
        .sort("plan_id", "conference_date")
        .with_columns(
            pl.col("conference_date").shift(1).over("plan_id").alias("previous_conference"),
            pl.col("kind").shift(1).over("plan_id").alias("previous_kind"),
        )
    )
    reviews = conferences.filter(pl.col("kind") == "RCPC").with_columns(
        pl.col("previous_conference").fill_null(pl.col("cpp_start_date")).alias("previous_conference"),
        pl.col("previous_kind").fill_null("ICPC").alias("previous_kind"),
    )
    first = pl.col("previous_kind") == "ICPC"
    return reviews.with_columns(
        pl.when(first)
        .then(pl.col("previous_conference").dt.offset_by(f"{first_months}mo"))
        .otherwise(pl.col("previous_conference").dt.offset_by(f"{later_months}mo"))
        .alias("due_date")
    )


@indicator(
    id="rcpc_in_time",
    title="Review conferences in time",
    kpq=3,
    numerator="review conferences held by their due date (3 months after the ICPC, then 6 months apart)",
    denominator="review conferences held in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=95.0,
    tolerance=5.0,
    source=f"{REF} §1 [S] (WT23)",
    date_label="conference date",
)
def rcpc_in_time(ctx):
    return conference_history(ctx).select(
        "child_id",
        pl.col("conference_date").alias("date"),
        "previous_conference",
        "due_date",
        (pl.col("conference_date") <= pl.col("due_date")).alias("num"),
    )


@indicator(
    id="core_group_10wd",
    title="First core group within 10 working days",
    kpq=3,
    numerator="plans whose first core group met within 10 working days of the plan start (the ICPC)",
    denominator="plans started in the period whose deadline has passed or that have a core group",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §1 [S]; setting first_core_group_working_days",
    date_label="plan start",
)
def core_group_10(ctx):
    limit = ctx.standards.first_core_group_working_days
    first = ctx["core_group"].group_by("plan_id").agg(pl.col("meeting_date").min().alias("first_core_group"))
    frame = (
        ctx["cp_plan"]
        .join(first, left_on="id", right_on="plan_id", how="left")
        .with_columns(
            ctx.wd("cpp_start_date", "first_core_group").alias("working_days"),
            ctx.add_wd("cpp_start_date", limit).alias("due_date"),
        )
    )
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "first_core_group",
        "due_date",
        "working_days",
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
        (pl.col("first_core_group").is_not_null() | (pl.col("due_date") <= ctx.reference_date)).alias("den"),
    )

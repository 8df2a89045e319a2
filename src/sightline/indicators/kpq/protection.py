"""KPQ3. Child protection: are the right children in the child protection process and are they receiving a
robust and timely child protection response?"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..common import CIN_STATS, REF, months_between, open_on_dates
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def icpcs(ctx) -> pl.DataFrame:
    """Initial conferences with the s47 start and strategy discussion they followed."""

    def build():
        s47 = (
            ctx["s47"]
            .join(
                ctx["strategy"].select(pl.col("id").alias("strategy_discussion_id"), "discussion_date"),
                on="strategy_discussion_id",
                how="left",
            )
            .select(pl.col("id").alias("section47_id"), "s47_actual_start_date", "discussion_date")
        )
        return ctx["conference"].filter(pl.col("kind") == "ICPC").join(s47, on="section47_id", how="left")

    return ctx.memo("icpcs", build)


@indicator(
    id="s47_rate",
    supported_by_returns=CIN,
    title="Section 47 enquiries per 10,000 children",
    kpq=3,
    numerator="s47 enquiries started in the period, annualised",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="flow",
    benchmark="s47_rate",
    national="DfE CIN: s47 enquiries per 10,000",
    source=CIN_STATS,
    date_label="s47 start",
)
def s47_rate(ctx):
    return ctx["s47"].select("child_id", pl.col("s47_actual_start_date").alias("date"), "outcome")


@indicator(
    id="icpc_rate",
    supported_by_returns=CIN,
    title="Initial child protection conferences per 10,000 children",
    kpq=3,
    numerator="ICPCs in the period, annualised",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="flow",
    benchmark="icpc_rate",
    national="DfE CIN: ICPCs per 10,000",
    source=CIN_STATS,
    date_label="ICPC date",
)
def icpc_rate(ctx):
    return icpcs(ctx).select("child_id", pl.col("conference_date").alias("date"), "plan_decided")


@indicator(
    id="icpc_15wd",
    supported_by_returns=CIN,
    title="ICPCs within 15 working days of the s47 start",
    kpq=3,
    numerator="ICPCs held within 15 working days of the s47 start",
    denominator="ICPCs in the period with an s47 start on or before the conference (ICPCs dated before "
    "the s47 start are counted in the rate but excluded here, as the DfE does)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=85.0,
    tolerance=5.0,
    headline=True,
    benchmark="icpc15",
    national="DfE CIN: ICPCs within 15 working days of the s47 start",
    source=f"{REF} §1 [S]/[V] (WT23; DfE counts from S47ActualStartDate)",
    date_label="ICPC date",
)
def icpc_15(ctx):
    limit = ctx.standards.icpc_working_days
    frame = icpcs(ctx).with_columns(ctx.wd("s47_actual_start_date", "conference_date").alias("working_days"))
    valid = pl.col("s47_actual_start_date").is_not_null() & (pl.col("working_days") >= 0)
    return frame.select(
        "child_id",
        pl.col("conference_date").alias("date"),
        "s47_actual_start_date",
        "working_days",
        valid.fill_null(False).alias("den"),
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
    )


@indicator(
    id="s47_to_icpc",
    supported_by_returns=CIN,
    title="Section 47 enquiries leading to an ICPC",
    kpq=3,
    numerator="s47 enquiries started in the period with an ICPC",
    denominator="s47 enquiries started in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="Annex A list 5; CIN census Section47",
    date_label="s47 start",
)
def s47_to_icpc(ctx):
    linked = icpcs(ctx).select(pl.col("section47_id").alias("id"), pl.lit(True).alias("num")).unique("id")
    return (
        ctx["s47"]
        .join(linked, on="id", how="left")
        .select("child_id", pl.col("s47_actual_start_date").alias("date"), "outcome", "num")
    )


@indicator(
    id="icpc_to_plan",
    supported_by_returns=CIN,
    title="ICPCs resulting in a CP plan",
    kpq=3,
    numerator="ICPCs deciding a CP plan (recorded, or a plan starting on the conference day)",
    denominator="ICPCs in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="Annex A list 5 (Did the ICPC result in a CP plan)",
    date_label="ICPC date",
)
def icpc_to_plan(ctx):
    """Recorded on the conference, or shown by a plan starting that day (as in the CIN census)."""
    starts = ctx["cp_plan"].select(
        "child_id", pl.col("cpp_start_date").alias("conference_date"), pl.lit(True).alias("_p")
    )
    frame = icpcs(ctx).join(
        starts.unique(["child_id", "conference_date"]), on=["child_id", "conference_date"], how="left"
    )
    return frame.select(
        "child_id",
        pl.col("conference_date").alias("date"),
        (pl.col("plan_decided") | pl.col("_p").fill_null(False)).alias("num"),
    )


def _plans_on(ctx, ons: tuple[date, ...]) -> pl.DataFrame:
    """The plans open on each as-at date (`date`), with the whole months each had been open by then."""
    return ctx.memo(
        f"plans_on:{ons}",
        lambda: open_on_dates(ctx, "cp_plan", "cpp_start_date", "cpp_end_date", ons).with_columns(
            months_between(pl.col("cpp_start_date"), pl.col("date")).alias("months_open")
        ),
    )


@indicator(
    id="cpp_rate",
    supported_by_returns=CIN,
    title="Children on CP plans per 10,000 children",
    kpq=3,
    numerator="children on a CP plan at the date",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    headline=True,
    benchmark="cpp_rate",
    national="DfE CIN: children on CP plans at 31 March per 10,000",
    source=CIN_STATS,
    date_label="as at",
)
def cpp_rate(ctx, ons):
    return (
        _plans_on(ctx, ons)
        .unique(["date", "child_id"])
        .select("child_id", "cpp_start_date", "months_open", "date")
    )


@indicator(
    id="cpp_count",
    supported_by_returns=CIN,
    title="Children on CP plans",
    kpq=3,
    numerator="children on a CP plan at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CIN_STATS,
    date_label="as at",
)
def cpp_count(ctx, ons):
    return cpp_rate(ctx, ons)


@indicator(
    id="cpp_starts",
    supported_by_returns=CIN,
    title="CP plans started",
    kpq=3,
    numerator="CP plans starting in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source=CIN_STATS,
    date_label="plan start",
)
def cpp_starts(ctx):
    return ctx["cp_plan"].select(
        "child_id", pl.col("cpp_start_date").alias("date"), "initial_category_of_abuse"
    )


def _plan_history(ctx) -> pl.DataFrame:
    return (
        ctx["cp_plan"]
        .sort("child_id", "cpp_start_date")
        .with_columns(
            pl.col("cpp_end_date").shift(1).over("child_id").alias("previous_plan_end"),
            pl.col("cpp_start_date").shift(1).over("child_id").alias("previous_plan_start"),
        )
    )


@indicator(
    id="cpp_repeat",
    supported_by_returns=CIN,
    title="CP plans that are a second or later plan",
    kpq=3,
    numerator="plans started in the period for a child who had a plan before (recorded or counted)",
    denominator="CP plans started in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    target=23.0,
    tolerance=3.0,
    headline=True,
    benchmark="cpp_second",
    national="DfE CIN: CP plans starting that were a second or subsequent plan",
    source=f"{REF} §2 [V] repeat plans",
    date_label="plan start",
)
def cpp_repeat(ctx):
    frame = _plan_history(ctx)
    repeat = pl.col("previous_plan_start").is_not_null() | (pl.col("number_of_previous_cpp") > 0)
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "previous_plan_end",
        "number_of_previous_cpp",
        repeat.alias("num"),
    )


@indicator(
    id="cpp_repeat_2y",
    title="CP plans within 2 years of a previous plan ending",
    kpq=3,
    numerator="plans started within 2 years of the end of the child's previous plan",
    denominator="CP plans started in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    source=f"{REF} §2 [U] repeat plans within 2 years",
    date_label="plan start",
)
def cpp_repeat_2y(ctx):
    frame = _plan_history(ctx)
    within = pl.col("previous_plan_end") >= pl.col("cpp_start_date").dt.offset_by("-2y")
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "previous_plan_end",
        within.fill_null(False).alias("num"),
    )


@indicator(
    id="cpp_open_checkpoint",
    supported_by_returns=CIN,
    title="CP plans open 12-18 months (independent checkpoint)",
    kpq=3,
    numerator="children whose plan has been open between the checkpoint bounds (default 12 and 18 months)",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    source="seed 001 (Derbyshire checkpoints for plans of 12-18 months); settings cp_checkpoint_months_*",
    date_label="as at",
)
def cpp_checkpoint(ctx, ons):
    low, high = ctx.standards.cp_checkpoint_months_low, ctx.standards.cp_checkpoint_months_high
    frame = _plans_on(ctx, ons)
    return frame.select(
        "child_id",
        "cpp_start_date",
        "months_open",
        pl.col("months_open").is_between(low, high - 1).alias("num"),
        "date",
    )


@indicator(
    id="cpp_checkpoint_by_18m",
    title="CP plans reaching 18 months with an independent checkpoint",
    kpq=3,
    numerator="plans with an independent checkpoint review on or before the day they reached the "
    "checkpoint's upper bound (default 18 months)",
    denominator="plans still open on the day they reached the upper bound, that day falling in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=10.0,
    source="seed 001 (Derbyshire checkpoints for plans of 12-18 months); CPPlan.checkpoint_review_date; "
    "settings cp_checkpoint_months_*",
    date_label="day the plan reached the upper bound",
)
def cpp_checkpoint_by_18m(ctx):
    high = ctx.standards.cp_checkpoint_months_high
    reached = pl.col("cpp_start_date").dt.offset_by(f"{high}mo")
    frame = ctx["cp_plan"].with_columns(reached.alias("date"))
    frame = frame.filter(pl.col("cpp_end_date").is_null() | (pl.col("cpp_end_date") >= pl.col("date")))
    return frame.select(
        "child_id",
        "date",
        "cpp_start_date",
        "checkpoint_review_date",
        (pl.col("checkpoint_review_date") <= pl.col("date")).fill_null(False).alias("num"),
    )


@indicator(
    id="cpp_open_2y",
    supported_by_returns=CIN,
    title="CP plans open 2 years or more",
    kpq=3,
    numerator="plans open at the date that started 2 or more years before",
    denominator="plans open at the date",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=2.0,
    tolerance=2.0,
    headline=True,
    benchmark="cpp_open_2yrs",
    source=f"{REF} §2 [U] 2+ years open at 31 March",
    date_label="as at",
)
def cpp_open_2y(ctx, ons):
    frame = _plans_on(ctx, ons)
    return frame.select(
        "child_id", "cpp_start_date", "months_open", (pl.col("months_open") >= 24).alias("num"), "date"
    )

"""KPQ8. Children in care: are the right children in care and are they there for the right amount of
time?"""

from __future__ import annotations

import polars as pl

from ..common import CLA_STATS, REF, cla_on_dates, days, periods_of_care, poc_start_on_dates
from ..registry import EACH_CHILD, SSDA903, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def cla_with(ctx, ons, *starts) -> pl.DataFrame:
    """Children looked after on each date (`date`) with the start of their period of care and/or placement."""
    frame = cla_on_dates(ctx, ons).select("child_id", "date")
    for build in starts:
        frame = frame.join(build(ctx, ons), on=["child_id", "date"], how="left", maintain_order="left")
    return frame


@indicator(
    id="cla_rate",
    supported_by_returns=SSDA903,
    title="Children looked after per 10,000 children",
    kpq=8,
    numerator="children looked after at the date (not short breaks)",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    headline=True,
    benchmark="cla_rate",
    national="DfE CLA: children looked after at 31 March per 10,000",
    source=CLA_STATS,
    date_label="as at",
)
def cla_rate(ctx, ons):
    return cla_on_dates(ctx, ons).select("child_id", "decom", "ls", "place", "date")


@indicator(
    id="cla_count",
    supported_by_returns=SSDA903,
    title="Children looked after",
    kpq=8,
    numerator="children looked after at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CLA_STATS,
    date_label="as at",
)
def cla_count(ctx, ons):
    return cla_rate(ctx, ons)


@indicator(
    id="cla_starters",
    supported_by_returns=SSDA903,
    title="Children starting to be looked after",
    kpq=8,
    numerator="periods of care starting in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    headline=True,
    source=CLA_STATS,
    date_label="start date",
)
def cla_starters(ctx):
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only"))
    return poc.select("child_id", pl.col("poc_start").alias("date"))


@indicator(
    id="cla_leavers",
    supported_by_returns=SSDA903,
    title="Children ceasing to be looked after",
    kpq=8,
    numerator="periods of care ending in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source=CLA_STATS,
    date_label="end date",
)
def cla_leavers(ctx):
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only") & pl.col("poc_end").is_not_null())
    return poc.select("child_id", pl.col("poc_end").alias("date"), "poc_start", "poc_rec")


LEGAL = {  # each title as said: "on an interim care order", "accommodated under section 20"
    "care_order": ("on a full care order (C2)", ["C2"]),
    "interim_care_order": ("on an interim care order (C1)", ["C1"]),
    "section_20": ("accommodated under section 20 (V2)", ["V2"]),
    "placement_order": ("on a placement order (E1, D1)", ["E1", "D1"]),
}


def _legal_facts(codes):
    def facts(ctx, ons):
        return cla_on_dates(ctx, ons).select("child_id", "ls", pl.col("ls").is_in(codes).alias("num"), "date")

    return facts


for key, (label, codes) in LEGAL.items():
    indicator(
        id=f"cla_legal_{key}",
        supported_by_returns=SSDA903,
        title=f"Looked-after children {label}",
        kpq=8,
        numerator=f"children looked after at the date with legal status {', '.join(codes)}",
        denominator="children looked after at the date",
        unit="%",
        aggregate="percent",
        polarity=None,
        kind="stock",
        as_at_dates=True,
        source=f"{REF} §5 SSDA903 LS",
        date_label="as at",
    )(_legal_facts(codes))


@indicator(
    id="cla_median_days_in_care",
    title="Median time in care of children looked after",
    kpq=8,
    numerator="days since the current period of care began",
    denominator="children looked after at the date",
    unit="days",
    aggregate="median",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CLA_STATS,
    date_label="as at",
)
def cla_duration(ctx, ons):
    frame = cla_with(ctx, ons, poc_start_on_dates)
    return frame.select("child_id", "poc_start", days("poc_start", pl.col("date")).alias("value"), "date")


@indicator(
    id="cla_reentry_12m",
    title="Re-entries to care within 12 months of returning home",
    kpq=8,
    numerator="children starting care within 12 months of a previous period that ended with a return home "
    "(REC E4A/E4B)",
    denominator="periods of care starting in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    target=8.0,
    tolerance=3.0,
    headline=True,
    source=f"{REF} §5 SSDA903 REC; seed 004 KPQ8",
    date_label="start date",
)
def cla_reentry(ctx):
    poc = (
        periods_of_care(ctx)
        .sort("child_id", "poc_start")
        .with_columns(
            pl.col("poc_end").shift(1).over("child_id").alias("previous_end"),
            pl.col("poc_rec").shift(1).over("child_id").alias("previous_rec"),
        )
        .filter(~pl.col("short_breaks_only"))
    )
    reentry = pl.col("previous_rec").is_in(["E4A", "E4B"]) & (
        pl.col("previous_end") >= pl.col("poc_start").dt.offset_by("-12mo")
    )
    return poc.select(
        "child_id",
        pl.col("poc_start").alias("date"),
        "previous_end",
        "previous_rec",
        reentry.fill_null(False).alias("num"),
    )


@indicator(
    id="cla_out_of_area",
    title="Looked-after children placed outside the council's area",
    kpq=8,
    numerator="children looked after at the date placed in another LA",
    denominator="children looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    source=f"{REF} §2 [U] placed out of area",
    date_label="as at",
)
def cla_out_of_area(ctx, ons):
    la = ctx.frames.la_code
    frame = cla_on_dates(ctx, ons)
    outside = (pl.col("placement_la").fill_null("") != "") & (pl.col("placement_la") != la)
    return frame.select("child_id", "placement_la", "place", outside.alias("num"), "date")


@indicator(
    id="cla_over_20_miles",
    title="Looked-after children placed over 20 miles from home",
    kpq=8,
    numerator="children looked after at the date placed further than the setting (default 20 miles)",
    denominator="children looked after at the date with a known distance",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=15.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §2 [U] (HOME_POST → PL_POST); setting out_of_area_miles",
    date_label="as at",
)
def cla_far(ctx, ons):
    miles = ctx.standards.out_of_area_miles
    frame = cla_on_dates(ctx, ons)
    return frame.select(
        "child_id",
        "placement_distance_miles",
        "place",
        (pl.col("placement_distance_miles") > miles).fill_null(False).alias("num"),
        pl.col("placement_distance_miles").is_not_null().alias("den"),
        "date",
    )

"""Cohort: homeless 16-17-year-olds. Are they assessed and accommodated?"""

from __future__ import annotations

import polars as pl

from ..common import age_on, with_child
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _homeless(ctx) -> pl.DataFrame:
    """Referrals of 16-17-year-olds from housing (source 4): the record model has no homelessness flag."""
    frame = with_child(ctx["referral"], ctx, "date_of_birth").with_columns(
        age_on(pl.col("date_of_birth"), pl.col("cin_referral_date")).alias("age")
    )
    return frame.filter(pl.col("age").is_between(16, 17) & (pl.col("referral_source") == "4"))


@indicator(
    id="homeless_16_17_referrals",
    defined_by=("age",),
    supported_by_returns=CIN,
    title="Homeless 16-17-year-olds referred",
    kpq="homeless_16_17",
    numerator="referrals of 16-17-year-olds from housing services (source 4)",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    headline=True,
    source="seeds (homeless 16-17-year-olds; Southwark judgment duties); proxy: referral source 4 at 16-17",
    date_label="referral date",
)
def homeless_referrals(ctx):
    return _homeless(ctx).select("child_id", pl.col("cin_referral_date").alias("date"), "age", "referral_nfa")


@indicator(
    id="homeless_16_17_accommodated",
    defined_by=("age",),
    supported_by_returns=CIN,
    title="Homeless 16-17-year-olds accommodated within 3 months",
    kpq="homeless_16_17",
    numerator="of those referrals, young people who became looked after within 3 months",
    denominator="referrals of 16-17-year-olds from housing services",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="seeds (homeless 16-17-year-olds); proxy as above",
    date_label="referral date",
)
def homeless_accommodated(ctx):
    starts = ctx["cla_episode"].filter(pl.col("rne") == "S").select("child_id", "decom").sort("decom")
    frame = (
        _homeless(ctx)
        .sort("cin_referral_date")
        .join_asof(
            starts,
            left_on="cin_referral_date",
            right_on="decom",
            by="child_id",
            strategy="forward",
            check_sortedness=False,
        )
    )
    within = pl.col("decom") <= pl.col("cin_referral_date").dt.offset_by("3mo")
    return frame.select(
        "child_id",
        pl.col("cin_referral_date").alias("date"),
        pl.col("decom").alias("looked_after_from"),
        within.fill_null(False).alias("num"),
    )

"""KPQ9. Outcomes in care: do we achieve good outcomes for our children in care and care leavers
(stability, health, education, reviews, care leavers, adoption)?"""

from __future__ import annotations

import polars as pl

from ..common import (
    CPR,
    PLACEMENT_CHANGE,
    REF,
    SHORT_BREAKS,
    age_on,
    first_within,
    health_checks,
    last_on_or_before,
    periods_of_care,
    placement_start_dates,
    poc_start_on_dates,
    stacked,
    with_child,
)
from ..registry import EACH_CHILD, SSDA903, indicator
from .in_care import cla_with

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _placements_in_year(ctx, ons) -> pl.DataFrame:
    """child_id, date -> placements during the 12 months to the date (a legal-status-only change is not
    a move)."""
    episodes = ctx["cla_episode"].filter(~pl.col("ls").is_in(SHORT_BREAKS))
    episodes = stacked(
        ons,
        lambda on: episodes.filter(
            (pl.col("decom") <= on)
            & (pl.col("dec").is_null() | (pl.col("dec") > pl.lit(on).dt.offset_by("-1y")))
        ),
    ).sort("date", "child_id", "decom")
    first = (pl.col("child_id") != pl.col("child_id").shift(1)) | (pl.col("date") != pl.col("date").shift(1))
    return (
        episodes.with_columns((pl.col("rne").is_in(PLACEMENT_CHANGE) | first.fill_null(True)).alias("_new"))
        .group_by("child_id", "date")
        .agg(pl.col("_new").sum().alias("placements"))
    )


@indicator(
    id="cla_3plus_placements",
    supported_by_returns=SSDA903,
    title="Short-term stability: 3 or more placements in 12 months",
    kpq=9,
    numerator="children looked after at the date with 3 or more placements in the 12 months to it",
    denominator="children looked after at the date (not only short breaks)",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=10.0,
    tolerance=2.0,
    headline=True,
    benchmark="cla_3plus",
    national="DfE CLA: children with 3 or more placements during the year",
    source=f"{REF} §2 [V] stability, short term",
    date_label="as at",
)
def cla_3plus(ctx, ons):
    frame = cla_with(ctx, ons, _placements_in_year)
    return frame.select("child_id", "placements", (pl.col("placements") >= 3).alias("num"), "date")


@indicator(
    id="cla_long_term_stability",
    title="Long-term stability: same placement for 2 years",
    kpq=9,
    numerator="of those, children in the same placement for at least 2 years",
    denominator="children under 16 at the date looked after for 2½ years or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=70.0,
    tolerance=5.0,
    benchmark="cla_ltstab",
    national="DfE CLA: long-term placement stability",
    source=f"{REF} §2 [V] stability, long term (the adoption-placement exception is not applied)",
    date_label="as at",
)
def cla_long_term(ctx, ons):
    frame = with_child(cla_with(ctx, ons, poc_start_on_dates, placement_start_dates), ctx, "date_of_birth")
    on = pl.col("date")
    eligible = (age_on(pl.col("date_of_birth"), on) < 16) & (pl.col("poc_start") <= on.dt.offset_by("-30mo"))
    return frame.select(
        "child_id",
        "poc_start",
        "placement_start",
        eligible.fill_null(False).alias("den"),
        (pl.col("placement_start") <= on.dt.offset_by("-2y")).fill_null(False).alias("num"),
        "date",
    )


def _in_care_a_year(ctx, ons) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        frame = with_child(cla_with(ctx, ons, poc_start_on_dates), ctx, "date_of_birth")
        return frame.filter(pl.col("poc_start") <= pl.col("date").dt.offset_by("-1y")).with_columns(
            age_on(pl.col("date_of_birth"), pl.col("date")).alias("age")
        )

    return ctx.memo(f"in_care_a_year:{ons}", build)


@indicator(
    id="health_assessment_in_time",
    title="Health assessments up to date",
    kpq=9,
    numerator="children with a health assessment in the last 6 months (under 5) or 12 months (5 and over)",
    denominator="children looked after at the date for 12 months or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [S] review health assessments",
    date_label="as at",
)
def health_in_time(ctx, ons):
    checks = health_checks(ctx, "IHA", "RHA")
    frame = last_on_or_before(
        ctx, _in_care_a_year(ctx, ons), checks, "health:IHA,RHA", "check_date", "last_check"
    )
    months = pl.when(pl.col("age") < 5).then(pl.lit("-6mo")).otherwise(pl.lit("-12mo"))
    on = pl.col("date")
    in_time = (pl.col("age") < 5) & (pl.col("last_check") > on.dt.offset_by("-6mo")) | (
        (pl.col("age") >= 5) & (pl.col("last_check") > on.dt.offset_by("-12mo"))
    )
    return frame.select(
        "child_id", "age", "last_check", months.alias("window"), in_time.fill_null(False).alias("num"), "date"
    )


@indicator(
    id="dental_in_time",
    title="Dental checks up to date",
    kpq=9,
    numerator="children with a dental check in the last 12 months",
    denominator="children looked after at the date for 12 months or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=85.0,
    tolerance=5.0,
    source="SSDA903 OC2 TEETH_CHECK",
    date_label="as at",
)
def dental(ctx, ons):
    checks = health_checks(ctx, "DENTAL")
    frame = last_on_or_before(
        ctx, _in_care_a_year(ctx, ons), checks, "health:DENTAL", "check_date", "last_check"
    )
    return frame.select(
        "child_id",
        "last_check",
        (pl.col("last_check") > pl.col("date").dt.offset_by("-12mo")).fill_null(False).alias("num"),
        "date",
    )


@indicator(
    id="iha_in_time",
    title="Initial health assessments within 20 working days",
    kpq=9,
    numerator="children starting care whose initial health assessment was within the standard",
    denominator="periods of care starting in the period whose deadline has passed or with an assessment",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    source=f"{REF} §1 [S]; setting iha_working_days",
    date_label="start date",
)
def iha(ctx):
    limit = ctx.standards.iha_working_days
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only"))
    ihas = ctx["health_check"].filter(pl.col("kind") == "IHA").select("child_id", "check_date")
    return first_within(ctx, poc, "poc_start", ihas, "check_date", limit)


@indicator(
    id="pep_in_time",
    title="Personal education plans up to date",
    kpq=9,
    numerator="children of school age with a PEP within the setting (default 4 months, one a term)",
    denominator="children aged 5-15 looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §1 [V]/[S] PEP each term; setting pep_months",
    date_label="as at",
)
def pep(ctx, ons):
    months = ctx.standards.pep_months
    frame = with_child(cla_with(ctx, ons), ctx, "date_of_birth").with_columns(
        age_on(pl.col("date_of_birth"), pl.col("date")).alias("age")
    )
    frame = last_on_or_before(
        ctx, frame.filter(pl.col("age").is_between(5, 15)), ctx["pep"], "pep", "pep_date", "last_pep"
    )
    return frame.select(
        "child_id",
        "age",
        "last_pep",
        (pl.col("last_pep") > pl.col("date").dt.offset_by(f"-{months}mo")).fill_null(False).alias("num"),
        "date",
    )


def review_history(ctx) -> pl.DataFrame:
    """Each review with its due date (CPR reg 33: 20 working days, then 3 months, then 6 months)."""

    def build():
        poc = periods_of_care(ctx).select("child_id", "poc_start", "poc_end")
        reviews = (
            ctx["cla_review"]
            .sort("review_date")
            .join_asof(
                poc.sort("poc_start"),
                left_on="review_date",
                right_on="poc_start",
                by="child_id",
                strategy="backward",
                check_sortedness=False,
            )
            .sort("child_id", "poc_start", "review_date")
        )
        reviews = reviews.with_columns(
            pl.col("review_date").shift(1).over("child_id", "poc_start").alias("previous_review"),
            pl.col("review_date").cum_count().over("child_id", "poc_start").alias("review_number"),
        )
        due = (
            pl.when(pl.col("review_number") == 1)
            .then(ctx.add_wd("poc_start", 20))
            .when(pl.col("review_number") == 2)
            .then(pl.col("previous_review").dt.offset_by("3mo"))
            .otherwise(pl.col("previous_review").dt.offset_by("6mo"))
        )
        return reviews.with_columns(due.alias("due_date"))

    return ctx.memo("cla_reviews", build)


@indicator(
    id="cla_reviews_in_time",
    title="Looked-after reviews in time",
    kpq=9,
    numerator="reviews held by their due date",
    denominator="reviews held in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=95.0,
    tolerance=5.0,
    headline=True,
    source=f"{CPR} reg 33",
    date_label="review date",
)
def cla_reviews(ctx):
    return review_history(ctx).select(
        "child_id",
        pl.col("review_date").alias("date"),
        "review_number",
        "previous_review",
        "due_date",
        (pl.col("review_date") <= pl.col("due_date")).fill_null(False).alias("num"),
    )


@indicator(
    id="cla_review_participation",
    supported_by_returns=SSDA903,
    title="Children participating in their reviews",
    kpq=9,
    numerator="reviews with the child's views conveyed (PN1-PN6)",
    denominator="reviews in the period of children 4 and over (not PN0)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §5 SSDA903 REVIEW_CODE",
    date_label="review date",
)
def participation(ctx):
    return ctx["cla_review"].select(
        "child_id",
        pl.col("review_date").alias("date"),
        "review_code",
        pl.col("review_code").is_in(["PN1", "PN2", "PN3", "PN4", "PN5", "PN6"]).alias("num"),
        (pl.col("review_code") != "PN0").alias("den"),
    )

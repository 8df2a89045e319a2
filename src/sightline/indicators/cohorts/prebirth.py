"""Cohort: pre-birth. Are unborn babies referred early and assessed before birth? (Durham pre-birth model)"""

from __future__ import annotations

import polars as pl

from ..registry import EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


@indicator(
    id="prebirth_referred_early",
    defined_by=("age",),
    title="Pre-birth referrals before 21 weeks' gestation",
    kpq="prebirth",
    numerator="pre-birth referrals made before the setting (default 21 weeks)",
    denominator="pre-birth referrals in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=70.0,
    tolerance=10.0,
    headline=True,
    source="seed 004 Durham pre-birth model; setting prebirth_referral_weeks",
    date_label="referral date",
)
def prebirth_early(ctx):
    weeks = ctx.standards.prebirth_referral_weeks
    return ctx["prebirth"].select(
        "child_id",
        pl.col("referral_date").alias("date"),
        "gestation_weeks_at_referral",
        (pl.col("gestation_weeks_at_referral") < weeks).alias("num"),
    )


@indicator(
    id="prebirth_assessed_by_29w",
    defined_by=("age",),
    title="Pre-birth assessments complete by 29 weeks",
    kpq="prebirth",
    numerator="assessments completed by the setting (default 29 weeks' gestation)",
    denominator="pre-birth referrals in the period with an assessment completed",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    headline=True,
    source="seed 004 Durham pre-birth model; setting prebirth_assessment_weeks",
    date_label="referral date",
)
def prebirth_assessed(ctx):
    weeks = ctx.standards.prebirth_assessment_weeks
    return ctx["prebirth"].select(
        "child_id",
        pl.col("referral_date").alias("date"),
        "assessment_completed_date",
        "assessment_completed_week",
        (pl.col("assessment_completed_week") <= weeks).fill_null(False).alias("num"),
        pl.col("assessment_completed_week").is_not_null().alias("den"),
    )


@indicator(
    id="prebirth_removed_at_birth",
    defined_by=("age",),
    title="Pre-birth outcomes: looked after at birth",
    kpq="prebirth",
    numerator="babies looked after at birth",
    denominator="pre-birth referrals in the period with an outcome at birth",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="seed 004 (outcomes at birth)",
    date_label="referral date",
)
def prebirth_removed(ctx):
    return ctx["prebirth"].select(
        "child_id",
        pl.col("referral_date").alias("date"),
        "outcome_at_birth",
        (pl.col("outcome_at_birth") == "CLA").alias("num"),
        (pl.col("outcome_at_birth").fill_null("") != "").alias("den"),
    )

"""Cohorts the seeds single out: pre-birth, private fostering, homeless 16-17-year-olds, disabled children."""

from __future__ import annotations

import polars as pl

from .common import REF, age_on, first_within, last_on_or_before, open_on_dates, seen_visits, with_child
from .registry import indicator


@indicator(
    id="prebirth_referred_early",
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


@indicator(
    id="pf_first_visit",
    title="Private fostering: first visit within 7 working days",
    kpq="private_fostering",
    numerator="notifications visited within 7 working days",
    denominator="notifications in the period whose deadline has passed or that were visited",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=100.0,
    tolerance=10.0,
    headline=True,
    source=f"{REF} §1 [V] PFR reg 4",
    date_label="notification date",
)
def pf_first(ctx):
    limit = ctx.standards.pf_first_visit_working_days
    visits = ctx["visit"].filter((pl.col("kind") == "PF") & pl.col("seen")).select("child_id", "visit_date")
    frame = first_within(ctx, ctx["private_fostering"], "notification_date", visits, "visit_date", limit)
    return frame.rename({"visit_date": "first_visit"})


@indicator(
    id="pf_visits_in_time",
    title="Private fostering: visits within the regulations",
    kpq="private_fostering",
    numerator="open arrangements visited within 6 weeks (first year) or 12 weeks (after)",
    denominator="private fostering arrangements open at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=10.0,
    source=f"{REF} §1 [V] PFR reg 8",
    date_label="as at",
)
def pf_visits(ctx, ons):
    arrangements = open_on_dates(ctx, "private_fostering", "notification_date", "end_date", ons).unique(
        ["date", "child_id"]
    )
    frame = last_on_or_before(
        ctx, arrangements, seen_visits(ctx, "PF"), "visit:PF", "visit_date", "last_visit"
    )
    first_year = pl.col("notification_date") > pl.col("date").dt.offset_by("-1y")
    due = (
        pl.when(pl.col("last_visit").is_null() | (pl.col("last_visit") < pl.col("notification_date")))
        .then(ctx.add_wd("notification_date", ctx.standards.pf_first_visit_working_days))
        .when(first_year)
        .then(pl.col("last_visit") + pl.duration(weeks=6))
        .otherwise(pl.col("last_visit") + pl.duration(weeks=12))
    )
    return frame.with_columns(due.alias("due_date")).select(
        "child_id",
        "notification_date",
        "last_visit",
        "due_date",
        (pl.col("due_date") >= pl.col("date")).alias("num"),
        "date",
    )


def _homeless(ctx) -> pl.DataFrame:
    """Referrals of 16-17-year-olds from housing (source 4): the record model has no homelessness flag."""
    frame = with_child(ctx["referral"], ctx, "date_of_birth").with_columns(
        age_on(pl.col("date_of_birth"), pl.col("cin_referral_date")).alias("age")
    )
    return frame.filter(pl.col("age").is_between(16, 17) & (pl.col("referral_source") == "4"))


@indicator(
    id="homeless_16_17_referrals",
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


DISABLED = pl.col("disabilities").list.eval(pl.element() != "NONE").list.any().fill_null(False)


@indicator(
    id="disabled_open_share",
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
    from .kpq_front_door import completed_assessments

    frame = with_child(completed_assessments(ctx), ctx, "disabilities")
    return frame.filter(DISABLED).select(
        "child_id",
        pl.col("assessment_authorisation_date").alias("date"),
        "working_days",
        (pl.col("working_days") <= ctx.standards.assessment_working_days).alias("num"),
    )

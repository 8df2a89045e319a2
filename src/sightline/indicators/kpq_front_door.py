"""KPQ1 (referrals and children seen) and KPQ2 (assessments)."""

from __future__ import annotations

from datetime import date

import polars as pl

from .common import REF, open_on_dates
from .registry import indicator

WT23 = f"{REF} §1 (WT23 ch.3)"
CIN_STATS = f"{REF} §2 (DfE children in need statistics)"


@indicator(
    id="contacts",
    title="Contacts received",
    kpq=1,
    numerator="contacts dated in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source="Ofsted Annex A list 1; seed 004 KPQ1",
    date_label="contact date",
)
def contacts(ctx):
    return ctx["contact"].select(
        "child_id", pl.col("contact_date").alias("date"), "source", "outcome", "decision_date"
    )


indicator(
    id="contacts_yoy",
    title="Contacts: change on the same period last year",
    kpq=1,
    numerator="contacts in the period",
    denominator="contacts in the same period a year earlier",
    unit="%",
    aggregate="yoy",
    base="contacts",
    polarity=None,
    kind="flow",
    source="seed 004 KPQ1 (demand year on year)",
    date_label="contact date",
)(contacts)


@indicator(
    id="referrals",
    title="Referrals",
    kpq=1,
    numerator="referrals (CIN episodes opened) in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    headline=True,
    source=f"{CIN_STATS}; CIN census CINreferralDate",
    national="DfE CIN: referrals in the year",
    date_label="referral date",
)
def referrals(ctx):
    return ctx["referral"].select(
        "child_id",
        pl.col("cin_referral_date").alias("date"),
        "referral_source",
        "primary_need_code",
        "referral_nfa",
    )


indicator(
    id="referrals_yoy",
    title="Referrals: change on the same period last year",
    kpq=1,
    numerator="referrals in the period",
    denominator="referrals in the same period a year earlier",
    unit="%",
    aggregate="yoy",
    base="referrals",
    polarity=None,
    kind="flow",
    source="seed 004 KPQ1 (demand year on year)",
    date_label="referral date",
)(referrals)

indicator(
    id="referral_rate",
    title="Referrals per 10,000 children",
    kpq=1,
    numerator="referrals in the period, annualised (x 12 / months in the period)",
    denominator="children aged 0-17 (council setting)",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="flow",
    benchmark="ref_rate",
    source=f"{CIN_STATS} (rates per 10,000 children aged 0-17)",
    national="DfE CIN: referral rate per 10,000",
    date_label="referral date",
)(referrals)


@indicator(
    id="contact_decision_timely",
    title="Contact decisions within the local standard (1 working day)",
    kpq=1,
    numerator="contacts decided within the standard",
    denominator="contacts in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=95.0,
    tolerance=5.0,
    headline=True,
    source=f"{WT23} [S]; setting decision_working_days",
    date_label="contact date",
)
def contact_decision(ctx):
    limit = ctx.standards.decision_working_days
    frame = ctx["contact"].with_columns(ctx.wd("contact_date", "decision_date").alias("working_days"))
    return frame.select(
        "child_id",
        pl.col("contact_date").alias("date"),
        "decision_date",
        "working_days",
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
    )


@indicator(
    id="rereferrals_12m",
    title="Re-referrals within 12 months",
    kpq=1,
    numerator="referrals within 12 months of the child's previous referral",
    denominator="referrals in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    target=20.0,
    tolerance=3.0,
    headline=True,
    benchmark="reref",
    national="DfE CIN: re-referrals within 12 months",
    source=f"{REF} §2 [V] re-referrals ÷ referrals in the year",
    date_label="referral date",
)
def rereferrals(ctx):
    frame = (
        ctx["referral"]
        .sort("child_id", "cin_referral_date")
        .with_columns(pl.col("cin_referral_date").shift(1).over("child_id").alias("previous_referral"))
    )
    within = pl.col("previous_referral") >= pl.col("cin_referral_date").dt.offset_by("-12mo")
    return frame.select(
        "child_id",
        pl.col("cin_referral_date").alias("date"),
        "previous_referral",
        within.fill_null(False).alias("num"),
    )


@indicator(
    id="referral_nfa",
    title="Referrals with no further action",
    kpq=1,
    numerator="referrals marked NFA",
    denominator="referrals in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    source="CIN census ReferralNFA; Annex A list 3",
    date_label="referral date",
)
def referral_nfa(ctx):
    return ctx["referral"].select(
        "child_id", pl.col("cin_referral_date").alias("date"), pl.col("referral_nfa").alias("num")
    )


def first_seen(ctx) -> pl.DataFrame:
    """Each referral (not NFA) with the first date the child was seen on or after it."""
    referrals = (
        ctx["referral"]
        .filter(~pl.col("referral_nfa"))
        .select(pl.col("id").alias("episode_id"), "child_id", "cin_referral_date")
    )
    by_assessment = (
        ctx["assessment"]
        .filter(pl.col("child_seen_date").is_not_null())
        .group_by("episode_id")
        .agg(pl.col("child_seen_date").min().alias("seen_in_assessment"))
    )
    visits = ctx["visit"].filter(pl.col("seen")).select("child_id", "visit_date").sort("visit_date")
    seen_visit = (
        referrals.sort("cin_referral_date")
        .join_asof(
            visits,
            left_on="cin_referral_date",
            right_on="visit_date",
            by="child_id",
            strategy="forward",
            check_sortedness=False,
        )
        .select("episode_id", pl.col("visit_date").alias("seen_on_visit"))
    )
    return (
        referrals.join(by_assessment, on="episode_id", how="left")
        .join(seen_visit, on="episode_id", how="left")
        .with_columns(pl.min_horizontal("seen_in_assessment", "seen_on_visit").alias("seen_date"))
    )


@indicator(
    id="seen_after_referral",
    title="Children seen within the local standard after referral",
    kpq=1,
    numerator="referrals where the child was seen within the standard",
    denominator="referrals (not NFA) in the period whose deadline has passed or who were seen",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=5.0,
    headline=True,
    source="seed 004 KPQ1 (children seen in accordance with timescales); "
    "setting seen_after_referral_working_days",
    date_label="referral date",
)
def seen_after_referral(ctx):
    limit = ctx.standards.seen_after_referral_working_days
    frame = first_seen(ctx).with_columns(
        ctx.wd("cin_referral_date", "seen_date").alias("working_days"),
        ctx.add_wd("cin_referral_date", limit).alias("due_date"),
    )
    return frame.select(
        "child_id",
        pl.col("cin_referral_date").alias("date"),
        "seen_date",
        "due_date",
        "working_days",
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
        (pl.col("seen_date").is_not_null() | (pl.col("due_date") <= ctx.reference_date)).alias("den"),
    )


# ----- KPQ2 assessments ---------------------------------------------------------------------
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

"""KPQ1. Referrals and children seen: are referrals allocated in a timely manner and are children seen
in accordance with timescales?"""

from __future__ import annotations

import polars as pl

from ..common import CIN_STATS, REF
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)

WT23 = f"{REF} §1 (WT23 ch.3)"


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
    return at_the_front_door(
        ctx,
        ctx["contact"].select(
            "child_id", pl.col("contact_date").alias("date"), "source", "outcome", "decision_date"
        ),
    )


def at_the_front_door(ctx, frame: pl.DataFrame) -> pl.DataFrame:
    """A contact is the front door's (MASH, first contact): it is counted under the council's front
    door team, as councils report contacts, not under whoever holds the child's case, or under
    "Unallocated" for the nine in ten about a child nobody holds. With no front door team, or
    several (which of them decided a contact is not recorded), the case holder's team it is."""
    teams = ctx["team"].filter(pl.col("kind") == "FRONT_DOOR")["id"]
    if teams.len() != 1:
        return frame
    return frame.with_columns(
        pl.lit(teams[0], pl.Int64).alias("team_id"), pl.lit(None, pl.Int64).alias("worker_id")
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
    supported_by_returns=CIN,
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
    supported_by_returns=CIN,
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
    return at_the_front_door(
        ctx,
        frame.select(
            "child_id",
            pl.col("contact_date").alias("date"),
            "decision_date",
            "working_days",
            (pl.col("working_days") <= limit).fill_null(False).alias("num"),
        ),
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
    supported_by_returns=CIN,
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

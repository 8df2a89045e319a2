"""Cohort: private fostering. Are privately fostered children visited within the regulations?"""

from __future__ import annotations

import polars as pl

from ..common import REF, first_within, last_on_or_before, open_on_dates, seen_visits
from ..registry import EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


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

"""KPQ5. Visits: are children seen often enough and alone?"""

from __future__ import annotations

import polars as pl

from ..common import (
    REF,
    age_on,
    cla_on_dates,
    last_on_or_before,
    open_on_dates,
    placement_start_dates,
    seen_visits,
    with_child,
)
from ..registry import EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _last_visit(ctx, frame: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Add `last_visit`: the child's last seen visit of the kind on or before the row's `date`."""
    return last_on_or_before(ctx, frame, seen_visits(ctx, kind), f"visit:{kind}", "visit_date", "last_visit")


def _visited_within(ctx, plans: pl.DataFrame, start: str, kind: str, limit: int) -> pl.DataFrame:
    """Children on a plan whose next visit is not yet overdue at the row's `date`: due `limit` working
    days after the last visit since the plan began, or after the plan's start when there has been none."""
    frame = (
        _last_visit(ctx, plans, kind)
        .with_columns(
            pl.max_horizontal(
                pl.when(pl.col("last_visit") >= pl.col(start)).then(pl.col("last_visit")), pl.col(start)
            ).alias("_from")
        )
        .with_columns(ctx.add_wd("_from", limit).alias("due_date"))
    )
    return frame.select(
        "child_id",
        start,
        "last_visit",
        "due_date",
        (pl.col("due_date") >= pl.col("date")).alias("num"),
        "date",
    )


@indicator(
    id="cp_visits_in_time",
    title="Children on CP plans visited within the local standard",
    kpq=5,
    numerator="children on a plan at the date seen within the standard (default 10 working days) "
    "or whose plan "
    "started less than the standard ago",
    denominator="children on a CP plan at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [S] local standard, setting cp_visit_working_days",
    date_label="as at",
)
def cp_visits(ctx, ons):
    limit = ctx.standards.cp_visit_working_days
    plans = (
        open_on_dates(ctx, "cp_plan", "cpp_start_date", "cpp_end_date", ons)
        .unique(["date", "child_id"])
        .select("child_id", "cpp_start_date", "date")
    )
    return _visited_within(ctx, plans, "cpp_start_date", "CP", limit)


@indicator(
    id="cp_seen_alone",
    title="CP visits where the child was seen alone",
    kpq=5,
    numerator="CP visits in the period with the child seen alone",
    denominator="CP visits with the child seen, aged 2 or over on the day (the default local standard)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    headline=True,
    source="Annex A list 7 (Was the child seen alone?); seed 004 KPQ5; a baby or toddler too young to "
    "talk to a worker on their own is not counted (from 2 by default; setting seen_alone_from_age)",
    date_label="visit date",
)
def cp_seen_alone(ctx):
    """A baby cannot be seen alone in any sense that matters, so a visit to one is no exception."""
    visits = with_child(ctx["visit"].filter((pl.col("kind") == "CP") & pl.col("seen")), ctx, "date_of_birth")
    old_enough = age_on(pl.col("date_of_birth"), pl.col("visit_date")) >= ctx.standards.seen_alone_from_age
    return visits.filter(old_enough.fill_null(False)).select(
        "child_id", pl.col("visit_date").alias("date"), pl.col("seen_alone").alias("num")
    )


@indicator(
    id="cla_visits_in_time",
    title="Looked-after children visited within CPR reg 28",
    kpq=5,
    numerator="looked-after children visited within a week of the placement starting, then within 6 weeks "
    "in its first year and 3 months after",
    denominator="children looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [V] CPR reg 28(2) (3 months after the first year assumes a placement meant to last)",
    date_label="as at",
)
def cla_visits(ctx, ons):
    frame = (
        cla_on_dates(ctx, ons)
        .select("child_id", "date")
        .join(placement_start_dates(ctx, ons), on=["child_id", "date"], how="left", maintain_order="left")
    )
    frame = _last_visit(ctx, frame, "CLA")
    visited_since = pl.col("last_visit") >= pl.col("placement_start")
    first_year = pl.col("placement_start") > pl.col("date").dt.offset_by("-1y")
    due = (
        pl.when(~visited_since.fill_null(False))
        .then(pl.col("placement_start") + pl.duration(days=7))
        .when(first_year)
        .then(pl.col("last_visit") + pl.duration(weeks=6))
        .otherwise(pl.col("last_visit").dt.offset_by("3mo"))
    )
    return frame.with_columns(due.alias("due_date")).select(
        "child_id",
        "placement_start",
        "last_visit",
        "due_date",
        (pl.col("due_date") >= pl.col("date")).fill_null(False).alias("num"),
        "date",
    )


@indicator(
    id="cin_visits_in_time",
    title="Children on CIN plans visited within the local standard",
    kpq=5,
    numerator="children on a CIN plan at the date seen within the standard (default 20 working days)",
    denominator="children on a CIN plan at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=85.0,
    tolerance=5.0,
    source="local standard, setting cin_visit_working_days",
    date_label="as at",
)
def cin_visits(ctx, ons):
    limit = ctx.standards.cin_visit_working_days
    plans = (
        open_on_dates(ctx, "cin_plan", "cin_plan_start_date", "cin_plan_end_date", ons)
        .unique(["date", "child_id"])
        .select("child_id", "cin_plan_start_date", "date")
    )
    return _visited_within(ctx, plans, "cin_plan_start_date", "CIN", limit)

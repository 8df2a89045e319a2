"""Timescales and drift: for every open case, the next due date of each kind, and how late it is.

Each `_kind` function returns rows (child_id, kind, detail, due_date, last_done, previous)
for the cases open on the date; `drift()` adds the status (overdue / due), the days overdue
and the allocation in force, most overdue first. `previous` says whether the last occurrence
was "met" or "met late" where the record shows it.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .common import age_on, cla_on, cp_open_on, last_before, placement_start, poc_start_on, with_child
from .context import Context
from .kpq.care_outcomes import review_history
from .kpq.protection_progress import conference_history

KINDS = {
    "visit": "Statutory visit",
    "review": "Looked-after review",
    "conference": "Review child protection conference",
    "icpc": "Initial child protection conference",
    "core_group": "Core group",
    "assessment": "Assessment",
    "health_assessment": "Health assessment",
    "pep": "Personal education plan",
    "rhi": "Return home interview",
    "pf_visit": "Private fostering visit",
    "cp_checkpoint": "CP plan checkpoint (12-18 months)",
}
COLUMNS = ["child_id", "kind", "detail", "due_date", "last_done", "previous"]


def _shape(frame: pl.DataFrame, kind: str, detail: str | pl.Expr = "") -> pl.DataFrame:
    detail = pl.lit(detail) if isinstance(detail, str) else detail
    frame = frame.with_columns(pl.lit(kind).alias("kind"), detail.alias("detail"))
    for name, dtype in (("last_done", pl.Date), ("previous", pl.Utf8)):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype).alias(name))
    return frame.select(
        pl.col("child_id").cast(pl.Int64),
        "kind",
        pl.col("detail").cast(pl.Utf8),
        pl.col("due_date").cast(pl.Date),
        pl.col("last_done").cast(pl.Date),
        pl.col("previous").cast(pl.Utf8),
    )


def _met(done: pl.Expr, due: pl.Expr) -> pl.Expr:
    return (
        pl.when(done.is_null() | due.is_null())
        .then(None)
        .when(done <= due)
        .then(pl.lit("met"))
        .otherwise(pl.lit("met late"))
    )


def _visits_wd(
    ctx: Context, on: date, kind: str, starts: pl.DataFrame, start_col: str, limit: int, label: str
) -> pl.DataFrame:
    visits = ctx["visit"].filter((pl.col("kind") == kind) & pl.col("seen") & (pl.col("visit_date") <= on))
    ordered = visits.sort("child_id", "visit_date").with_columns(
        pl.col("visit_date").shift(1).over("child_id").alias("before")
    )
    last = ordered.group_by("child_id").agg(
        pl.col("visit_date").last().alias("last_done"), pl.col("before").last()
    )
    frame = starts.join(last, on="child_id", how="left")
    since = pl.when(pl.col("last_done") >= pl.col(start_col)).then(pl.col("last_done"))
    frame = frame.with_columns(pl.max_horizontal(since, pl.col(start_col)).alias("_from"))
    frame = frame.with_columns(
        ctx.add_wd("_from", limit).alias("due_date"),
        _met(pl.col("last_done"), ctx.add_wd(pl.max_horizontal("before", start_col), limit)).alias(
            "previous"
        ),
    )
    return _shape(frame, "visit", label)


def _visits(ctx: Context, on: date) -> list[pl.DataFrame]:
    s = ctx.standards
    cp = cp_open_on(ctx, on).unique("child_id").select("child_id", "cpp_start_date")
    cin = (
        ctx["cin_plan"]
        .filter(
            (pl.col("cin_plan_start_date") <= on)
            & (pl.col("cin_plan_end_date").is_null() | (pl.col("cin_plan_end_date") > on))
        )
        .unique("child_id")
        .select("child_id", "cin_plan_start_date")
        .join(cp, on="child_id", how="anti")
    )
    out = [
        _visits_wd(ctx, on, "CP", cp, "cpp_start_date", s.cp_visit_working_days, "CP visit"),
        _visits_wd(ctx, on, "CIN", cin, "cin_plan_start_date", s.cin_visit_working_days, "CIN visit"),
    ]
    cla = cla_on(ctx, on).select("child_id").join(placement_start(ctx, on), on="child_id", how="left")
    visits = ctx["visit"].filter((pl.col("kind") == "CLA") & pl.col("seen"))
    cla = cla.join(last_before(visits, "visit_date", on, "last_done"), on="child_id", how="left")
    visited_since = (pl.col("last_done") >= pl.col("placement_start")).fill_null(False)
    first_year = pl.col("placement_start") > pl.lit(on).dt.offset_by("-1y")
    due = (
        pl.when(~visited_since)
        .then(pl.col("placement_start") + pl.duration(days=7))
        .when(first_year)
        .then(pl.col("last_done") + pl.duration(weeks=6))
        .otherwise(pl.col("last_done").dt.offset_by("3mo"))
    )
    out.append(_shape(cla.with_columns(due.alias("due_date")), "visit", "Looked-after visit (CPR reg 28)"))
    return out


def _reviews_due(ctx: Context, on: date) -> pl.DataFrame:
    cla = cla_on(ctx, on).select("child_id").join(poc_start_on(ctx, on), on="child_id", how="left")
    reviews = review_history(ctx).filter(pl.col("review_date") <= on)
    last = (
        reviews.sort("review_date")
        .group_by("child_id", "poc_start")
        .agg(
            pl.col("review_date").last().alias("last_done"),
            pl.col("review_number").last(),
            pl.col("due_date").last().alias("_last_due"),
        )
    )
    frame = cla.join(last, on=["child_id", "poc_start"], how="left")
    due = (
        pl.when(pl.col("last_done").is_null())
        .then(ctx.add_wd("poc_start", 20))
        .when(pl.col("review_number") == 1)
        .then(pl.col("last_done").dt.offset_by("3mo"))
        .otherwise(pl.col("last_done").dt.offset_by("6mo"))
    )
    previous = _met(pl.col("last_done"), pl.col("_last_due")).alias("previous")
    frame = frame.with_columns(due.alias("due_date"), previous)
    return _shape(frame, "review", "CPR reg 33")


def _conferences(ctx: Context, on: date) -> list[pl.DataFrame]:
    s = ctx.standards
    plans = cp_open_on(ctx, on).select(pl.col("id").alias("plan_id"), "child_id", "cpp_start_date")
    held = ctx["conference"].filter(pl.col("plan_id").is_not_null() & (pl.col("conference_date") <= on))
    last = (
        held.sort("conference_date")
        .group_by("plan_id")
        .agg(pl.col("conference_date").last().alias("last_done"), pl.col("kind").last().alias("_kind"))
    )
    history = conference_history(ctx).filter(pl.col("conference_date") <= on)
    last_review = (
        history.sort("conference_date")
        .group_by("plan_id")
        .agg(_met(pl.col("conference_date"), pl.col("due_date")).last().alias("previous"))
    )
    frame = plans.join(last, on="plan_id", how="left").join(last_review, on="plan_id", how="left")
    base = pl.col("last_done").fill_null(pl.col("cpp_start_date"))
    first = pl.col("_kind").fill_null("ICPC") == "ICPC"
    due = (
        pl.when(first)
        .then(base.dt.offset_by(f"{s.first_review_conference_months}mo"))
        .otherwise(base.dt.offset_by(f"{s.review_conference_months}mo"))
    )
    out = [_shape(frame.with_columns(due.alias("due_date")), "conference", "RCPC")]

    groups = ctx["core_group"].filter(pl.col("meeting_date") <= on)
    last_group = groups.group_by("plan_id").agg(pl.col("meeting_date").max().alias("last_done"))
    core = plans.join(last_group, on="plan_id", how="left")
    core_due = (
        pl.when(pl.col("last_done").is_null())
        .then(ctx.add_wd("cpp_start_date", s.first_core_group_working_days))
        .otherwise(pl.col("last_done") + pl.duration(weeks=s.core_group_weeks))
    )
    out.append(_shape(core.with_columns(core_due.alias("due_date")), "core_group", "Core group"))

    # A plan open `low` months is due an independent checkpoint by `high` months, until one is held.
    low, high = s.cp_checkpoint_months_low, s.cp_checkpoint_months_high
    reviewed = (
        ctx["cp_plan"].filter(pl.col("checkpoint_review_date") <= on).select(pl.col("id").alias("plan_id"))
    )
    checkpoint = (
        plans.filter(pl.col("cpp_start_date") <= pl.lit(on).dt.offset_by(f"-{low}mo"))
        .join(reviewed, on="plan_id", how="anti")
        .with_columns(pl.col("cpp_start_date").dt.offset_by(f"{high}mo").alias("due_date"))
    )
    out.append(_shape(checkpoint, "cp_checkpoint", f"Plan open {low}+ months: independent checkpoint"))

    s47 = ctx["s47"].filter(
        (pl.col("s47_actual_start_date") <= on)
        & (pl.col("end_date").is_null() | (pl.col("end_date") > on))
        & ~pl.col("icpc_not_required")
    )
    icpc_held = ctx["conference"].filter((pl.col("kind") == "ICPC") & (pl.col("conference_date") <= on))
    s47 = s47.join(icpc_held.select(pl.col("section47_id").alias("id")), on="id", how="anti")
    s47 = s47.with_columns(ctx.add_wd("s47_actual_start_date", s.icpc_working_days).alias("due_date"))
    awaiting = s47.filter(pl.col("outcome").is_in(["ICPC", ""]) | pl.col("outcome").is_null())
    out.append(_shape(awaiting, "icpc", "ICPC"))
    return out


def _assessments(ctx: Context, on: date) -> pl.DataFrame:
    frame = ctx["assessment"].filter(
        (pl.col("assessment_actual_start_date") <= on)
        & (pl.col("assessment_authorisation_date").is_null() | (pl.col("assessment_authorisation_date") > on))
    )
    frame = frame.with_columns(
        ctx.add_wd("assessment_actual_start_date", ctx.standards.assessment_working_days).alias("due_date")
    )
    return _shape(frame, "assessment", "45 working days")


def _health_and_pep(ctx: Context, on: date) -> list[pl.DataFrame]:
    cla = cla_on(ctx, on).select("child_id").join(poc_start_on(ctx, on), on="child_id", how="left")
    cla = with_child(cla, ctx, "date_of_birth").with_columns(age_on(pl.col("date_of_birth"), on).alias("age"))
    checks = ctx["health_check"].filter(pl.col("kind").is_in(["IHA", "RHA"]))
    health = cla.join(last_before(checks, "check_date", on, "last_done"), on="child_id", how="left")
    since = (pl.col("last_done") >= pl.col("poc_start")).fill_null(False)
    due = (
        pl.when(~since)
        .then(ctx.add_wd("poc_start", ctx.standards.iha_working_days))
        .when(pl.col("age") < 5)
        .then(pl.col("last_done").dt.offset_by("6mo"))
        .otherwise(pl.col("last_done").dt.offset_by("12mo"))
    )
    out = [_shape(health.with_columns(due.alias("due_date")), "health_assessment", "Health assessment")]
    school = cla.filter(pl.col("age").is_between(4, 15))
    pep = school.join(last_before(ctx["pep"], "pep_date", on, "last_done"), on="child_id", how="left")
    pep_due = (
        pl.when((pl.col("last_done") >= pl.col("poc_start")).fill_null(False))
        .then(pl.col("last_done").dt.offset_by(f"{ctx.standards.pep_months}mo"))
        .otherwise(ctx.add_wd("poc_start", 20))
    )
    out.append(_shape(pep.with_columns(pep_due.alias("due_date")), "pep", "PEP each term"))
    return out


def _rhi(ctx: Context, on: date) -> pl.DataFrame:
    """Returns in the last 3 months with no interview yet: older ones are history, not drift."""
    hours = ctx.standards.rhi_hours
    frame = ctx["missing"].filter(
        pl.col("mis_end").is_not_null()
        & (pl.col("mis_end").dt.date() <= on)
        & (pl.col("rhi_date").is_null() | (pl.col("rhi_date").dt.date() > on))
        & (pl.col("mis_end").dt.date() > pl.lit(on).dt.offset_by("-3mo"))
    )
    frame = frame.with_columns((pl.col("mis_end") + pl.duration(hours=hours)).dt.date().alias("due_date"))
    return _shape(frame, "rhi", f"Within {hours} hours of return")


def _private_fostering(ctx: Context, on: date) -> pl.DataFrame:
    arrangements = ctx["private_fostering"].filter(
        (pl.col("notification_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") > on))
    )
    visits = ctx["visit"].filter((pl.col("kind") == "PF") & pl.col("seen"))
    frame = arrangements.join(last_before(visits, "visit_date", on, "last_done"), on="child_id", how="left")
    first_year = pl.col("notification_date") > pl.lit(on).dt.offset_by("-1y")
    due = (
        pl.when(pl.col("last_done").is_null() | (pl.col("last_done") < pl.col("notification_date")))
        .then(ctx.add_wd("notification_date", ctx.standards.pf_first_visit_working_days))
        .when(first_year)
        .then(pl.col("last_done") + pl.duration(weeks=6))
        .otherwise(pl.col("last_done") + pl.duration(weeks=12))
    )
    return _shape(frame.with_columns(due.alias("due_date")), "pf_visit", "PFR regs 4, 8")


def due_items(ctx: Context, on: date) -> pl.DataFrame:
    """Every open case's next due date of each kind, with status and days overdue on `on`."""
    parts = [
        *_visits(ctx, on),
        _reviews_due(ctx, on),
        *_conferences(ctx, on),
        _assessments(ctx, on),
        *_health_and_pep(ctx, on),
        _rhi(ctx, on),
        _private_fostering(ctx, on),
    ]
    frame = pl.concat(parts, how="vertical").filter(pl.col("due_date").is_not_null())
    overdue = (pl.lit(on) - pl.col("due_date")).dt.total_days()
    return frame.with_columns(
        pl.when(overdue > 0).then(pl.lit("overdue")).otherwise(pl.lit("due")).alias("status"),
        overdue.clip(lower_bound=0).alias("days_overdue"),
    ).sort(  # ties broken on the child and the item, so lists of them do not move between reads
        ["days_overdue", "due_date", "child_id", "kind", "detail"],
        descending=[True, False, False, False, False],
        nulls_last=True,
    )

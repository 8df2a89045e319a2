"""KPQ4. Caseloads: are social work caseloads manageable and do they meet our quality standards?

Rows per worker, not per child."""

from __future__ import annotations

from datetime import date

import polars as pl

from ..common import REF, WORKFORCE_STATS, open_rows
from ..registry import indicator

CASE_HOLDING = ["SW", "SP"]


def active_workers(ctx, ons: tuple[date, ...]) -> pl.DataFrame:
    """Case-holding workers in post on each as-at date (`date`)."""

    def build() -> pl.DataFrame:
        workers = open_rows(
            ctx["worker"].filter(pl.col("role").is_in(CASE_HOLDING)), "start_date", "leave_date", ons
        )
        return workers.select(
            pl.col("id").alias("worker_id"), "team_id", "fte", "agency", "role", "start_date", "date"
        )

    return ctx.memo(f"active_workers:{ons}", build)


def _open_allocations(ctx, ons: tuple[date, ...]) -> pl.DataFrame:
    """Social-work allocations open on each date (an end on the day itself still counts), with `date`."""
    return ctx.memo(
        f"open_allocations:{ons}",
        lambda: open_rows(
            ctx["allocation"].filter(pl.col("role") == "SW"),
            "start_date",
            "end_date",
            ons,
            end_inclusive=True,
        ),
    )


def _caseloads(ctx, ons: tuple[date, ...]) -> pl.DataFrame:
    """Each case-holding worker's open social-work allocations on each date, with the team's limit.

    Workers holding no case that day are left out, as in the DfE's caseload measure: a front-door
    worker who takes no cases would otherwise pull the average down.
    """

    def build() -> pl.DataFrame:
        open_alloc = _open_allocations(ctx, ons)
        counts = open_alloc.group_by("date", "worker_id").agg(pl.len().cast(pl.Int64).alias("children"))
        limits = ctx["team"].select(pl.col("id").alias("team_id"), "caseload_limit")
        return (
            active_workers(ctx, ons)
            .join(counts, on=["date", "worker_id"], how="left", maintain_order="left")
            .join(limits, on="team_id", how="left", maintain_order="left")
            .filter(pl.col("children").is_not_null())
        )

    return ctx.memo(f"caseloads:{ons}", build)


@indicator(
    id="caseload_per_fte",
    title="Children per case-holding worker (FTE)",
    kpq=4,
    numerator="children with an open social-work allocation",
    denominator="FTE of case-holding social workers",
    unit="ratio",
    aggregate="ratio",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=18.0,
    tolerance=2.0,
    headline=True,
    benchmark="sw_caseload",
    national="DfE workforce: average caseload per case-holding social worker (FTE)",
    source=f"{REF} §1 social worker caseload: local limits (Team.caseload_limit)",
    date_label="as at",
)
def caseload(ctx, ons):
    return _caseloads(ctx, ons).select(
        "worker_id",
        "team_id",
        "children",
        "fte",
        pl.col("children").alias("value"),
        pl.col("fte").alias("weight"),
        "date",
    )


@indicator(
    id="workers_over_limit",
    title="Case-holding workers above the team's caseload limit",
    kpq=4,
    numerator="workers whose children per FTE exceed their team's limit",
    denominator="case-holding workers",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=10.0,
    tolerance=10.0,
    headline=True,
    source=f"{REF} §1 local caseload limits (Team.caseload_limit)",
    date_label="as at",
)
def over_limit(ctx, ons):
    frame = _caseloads(ctx, ons)
    return frame.select(
        "worker_id",
        "team_id",
        "children",
        "fte",
        "caseload_limit",
        (pl.col("children") / pl.col("fte") > pl.col("caseload_limit")).alias("num"),
        "date",
    )


@indicator(
    id="unallocated_children",
    title="Open children without an allocated social worker",
    kpq=4,
    numerator="children with an open CIN episode and no social-work allocation at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=0.0,
    tolerance=5.0,
    headline=True,
    source="seed 004 KPQ1/KPQ4 (allocation in a timely manner); Annex A 'Allocated Worker'",
    date_label="as at",
)
def unallocated(ctx, ons):
    referrals = (
        ctx["referral"]
        .filter(~pl.col("referral_nfa"))
        .select("child_id", "cin_referral_date", "cin_closure_date")
    )
    open_cin = (
        open_rows(referrals, "cin_referral_date", "cin_closure_date", ons)
        .group_by("child_id", "date")
        .agg(pl.col("cin_referral_date").max().alias("cin_referral_date"))
    )
    allocated = _open_allocations(ctx, ons).select("child_id", "date")
    return (
        open_cin.join(allocated, on=["child_id", "date"], how="anti")
        .with_columns((pl.col("date") - pl.col("cin_referral_date")).dt.total_days().alias("days_open"))
        .select("child_id", "cin_referral_date", "days_open", "date")
    )


@indicator(
    id="agency_share",
    title="Agency social workers (share of FTE)",
    kpq=4,
    numerator="FTE of agency case-holding workers",
    denominator="FTE of case-holding workers",
    unit="%",
    aggregate="ratio",
    scale=100.0,
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=10.0,
    tolerance=5.0,
    benchmark="sw_agency",
    national="DfE workforce: agency social worker rate (FTE)",
    source=WORKFORCE_STATS,
    date_label="as at",
)
def agency(ctx, ons):
    frame = active_workers(ctx, ons)
    return frame.select(
        "worker_id",
        "team_id",
        "agency",
        "fte",
        pl.when(pl.col("agency")).then(pl.col("fte")).otherwise(0.0).alias("value"),
        pl.col("fte").alias("weight"),
        "date",
    )

"""KPQ10. Supervision: are supervision and practice observation taking place in a timely manner?

Rows per worker, not per child."""

from __future__ import annotations

import polars as pl

from ..common import last_on_or_before
from ..registry import WORKFORCE, indicator
from .caseloads import active_workers

FACTS_FROM = WORKFORCE  # what a refresh recomputes (`delta`)


@indicator(
    id="supervision_in_time",
    title="Workers supervised within the local standard",
    kpq=10,
    numerator="case-holding workers supervised within the standard (default 20 working days) before the date",
    denominator="case-holding workers in post for longer than the standard",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=10.0,
    headline=True,
    source="seed 004 KPQ10; setting supervision_working_days",
    date_label="as at",
)
def supervision(ctx, ons):
    limit = ctx.standards.supervision_working_days
    frame = last_on_or_before(
        ctx,
        active_workers(ctx, ons),
        ctx["supervision"],
        "supervision",
        "supervision_date",
        "last_supervision",
        by="worker_id",
    ).with_columns(
        ctx.wd("last_supervision", pl.col("date")).alias("working_days_since"),
        ctx.wd("start_date", pl.col("date")).alias("_in_post"),
    )
    return frame.select(
        "worker_id",
        "team_id",
        "last_supervision",
        "working_days_since",
        (pl.col("working_days_since") <= limit).fill_null(False).alias("num"),
        (pl.col("_in_post") > limit).alias("den"),
        "date",
    )


@indicator(
    id="supervision_reflective",
    title="Supervisions that were reflective",
    kpq=10,
    numerator="supervisions in the period recorded as reflective",
    denominator="supervisions in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=50.0,
    tolerance=10.0,
    headline=True,
    source="seed 004 (reflective supervision)",
    date_label="supervision date",
)
def reflective(ctx):
    workers = ctx["worker"].select(pl.col("id").alias("worker_id"), "team_id")
    return (
        ctx["supervision"]
        .join(workers, on="worker_id", how="left")
        .select(
            "worker_id",
            "team_id",
            pl.col("supervision_date").alias("date"),
            pl.col("reflective").alias("num"),
        )
    )


@indicator(
    id="practice_observations",
    title="Workers observed in practice twice a year",
    kpq=10,
    numerator="case-holding workers with the set number of observations (default 2) in the last 12 months",
    denominator="case-holding workers in post for 12 months or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=80.0,
    tolerance=10.0,
    headline=True,
    source="seed 004 (practice observations twice a year); setting observations_per_year",
    date_label="as at",
)
def observations(ctx, ons):
    needed = ctx.standards.observations_per_year
    year_ago = pl.col("date").dt.offset_by("-1y")
    dates = pl.DataFrame({"date": list(ons)}, schema={"date": pl.Date})
    counts = (
        dates.join(ctx["observation"].select("worker_id", "observation_date"), how="cross")
        .filter((pl.col("observation_date") <= pl.col("date")) & (pl.col("observation_date") > year_ago))
        .group_by("date", "worker_id")
        .agg(pl.len().cast(pl.Int64).alias("observations"))
    )
    frame = (
        active_workers(ctx, ons)
        .join(counts, on=["date", "worker_id"], how="left", maintain_order="left")
        .with_columns(pl.col("observations").fill_null(0))
    )
    return frame.select(
        "worker_id",
        "team_id",
        "observations",
        (pl.col("observations") >= needed).alias("num"),
        (pl.col("start_date") <= year_ago).alias("den"),
        "date",
    )

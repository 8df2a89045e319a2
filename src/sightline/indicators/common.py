"""Shared pieces for definitions: sources, ages, periods of care, plans open on a date."""

from __future__ import annotations

from datetime import date

import polars as pl

REF = "shared/reference/timescales-and-indicators.md"
SHORT_BREAKS = ["V3", "V4"]
PLACEMENT_CHANGE = ["S", "P", "B", "T", "U"]


def age_on(dob: pl.Expr, day: pl.Expr | date) -> pl.Expr:
    """Age in whole years on `day`."""
    day = day if isinstance(day, pl.Expr) else pl.lit(day)
    years = day.dt.year() - dob.dt.year()
    before_birthday = (day.dt.month() < dob.dt.month()) | (
        (day.dt.month() == dob.dt.month()) & (day.dt.day() < dob.dt.day())
    )
    return years - before_birthday.cast(pl.Int32)


def with_child(frame: pl.DataFrame, ctx, *columns: str) -> pl.DataFrame:
    """Add child columns. An inner join: every row's child exists (a foreign key), and polars joins a
    small frame to the large child table several times faster this way than as a left join."""
    child = ctx.memo(
        f"child:{columns}", lambda: ctx["child"].select(pl.col("id").alias("child_id"), *columns)
    )
    return frame.join(child, on="child_id", how="inner", maintain_order="left")


def open_on(start: str, end: str, on: date) -> pl.Expr:
    """Started on or before `on` and not ended by it (an end on the day itself counts as ended)."""
    return (pl.col(start) <= on) & (pl.col(end).is_null() | (pl.col(end) > on))


def periods_of_care(ctx) -> pl.DataFrame:
    """One row per period of care: child_id, poc_start, poc_end (null if open), last REC, breaks only."""

    def build() -> pl.DataFrame:
        episodes = ctx["cla_episode"].sort("child_id", "decom")
        first = pl.col("child_id") != pl.col("child_id").shift(1)
        episodes = episodes.with_columns(
            ((pl.col("rne") == "S") | first.fill_null(True)).cast(pl.Int32).cum_sum().alias("poc")
        )
        return episodes.group_by("child_id", "poc", maintain_order=True).agg(
            pl.col("decom").min().alias("poc_start"),
            pl.col("dec").last().alias("poc_end"),
            pl.col("rec").last().alias("poc_rec"),
            pl.col("ls").is_in(SHORT_BREAKS).all().alias("short_breaks_only"),
        )

    return ctx.memo("periods_of_care", build)


def cla_on(ctx, on: date) -> pl.DataFrame:
    """The episode in force for each child looked after on `on` (short breaks excluded, as the DfE does)."""

    def build():
        episodes = ctx["cla_episode"].filter(open_on("decom", "dec", on) & ~pl.col("ls").is_in(SHORT_BREAKS))
        return episodes.sort("decom").unique("child_id", keep="last", maintain_order=True)

    return ctx.memo(f"cla_on:{on}", build)


def placement_start(ctx, on: date) -> pl.DataFrame:
    """child_id -> start of the current placement on `on` (episodes with only a legal change run on)."""

    def build():
        starts = ctx["cla_episode"].filter((pl.col("decom") <= on) & pl.col("rne").is_in(PLACEMENT_CHANGE))
        return starts.group_by("child_id").agg(pl.col("decom").max().alias("placement_start"))

    return ctx.memo(f"placement_start:{on}", build)


def poc_start_on(ctx, on: date) -> pl.DataFrame:
    """child_id -> start of the period of care that is open on `on`."""
    poc = periods_of_care(ctx)
    return ctx.memo(
        f"poc_start_on:{on}",
        lambda: poc.filter(open_on("poc_start", "poc_end", on)).select("child_id", "poc_start"),
    )


def cp_open_on(ctx, on: date) -> pl.DataFrame:
    return ctx["cp_plan"].filter(open_on("cpp_start_date", "cpp_end_date", on))


def last_before(events: pl.DataFrame, date_col: str, on: date, name: str) -> pl.DataFrame:
    """child_id -> the latest `date_col` on or before `on`."""
    return events.filter(pl.col(date_col) <= on).group_by("child_id").agg(pl.col(date_col).max().alias(name))


def days(start: pl.Expr | str, end: pl.Expr | str) -> pl.Expr:
    start = pl.col(start) if isinstance(start, str) else start
    end = pl.col(end) if isinstance(end, str) else end
    return (end - start).dt.total_days()


def seen_visits(ctx, kind: str) -> pl.DataFrame:
    """Seen visits of one kind, sorted by date (cached: the visit table is the largest)."""
    return ctx.memo(
        f"seen_visits:{kind}",
        lambda: (
            ctx["visit"]
            .filter((pl.col("kind") == kind) & pl.col("seen"))
            .select("child_id", "visit_date", "seen_alone")
            .sort("visit_date")
        ),
    )


def health_checks(ctx, *kinds: str) -> pl.DataFrame:
    return ctx.memo(
        f"health:{kinds}",
        lambda: ctx["health_check"].filter(pl.col("kind").is_in(list(kinds))).sort("check_date"),
    )


def last_event_on(ctx, events: pl.DataFrame, key: str, date_col: str, on: date, name: str) -> pl.DataFrame:
    """Memoised `last_before` for a cached event frame named `key`."""
    return ctx.memo(f"last:{key}:{on}", lambda: last_before(events, date_col, on, name))


def first_within(ctx, starts: pl.DataFrame, start: str, events: pl.DataFrame, event: str, limit: int):
    """Each start with the first event on or after it, due within `limit` working days.

    Columns: child_id, date (the start), the event's date, due_date, num (in time) and den (the
    event happened, or its deadline has passed by the reference date).
    """
    frame = (
        starts.sort(start)
        .join_asof(
            events.sort(event),
            left_on=start,
            right_on=event,
            by="child_id",
            strategy="forward",
            check_sortedness=False,
        )
        .with_columns(ctx.add_wd(start, limit).alias("due_date"))
    )
    return frame.select(
        "child_id",
        pl.col(start).alias("date"),
        event,
        "due_date",
        (pl.col(event) <= pl.col("due_date")).fill_null(False).alias("num"),
        (pl.col(event).is_not_null() | (pl.col("due_date") <= ctx.reference_date)).alias("den"),
    )

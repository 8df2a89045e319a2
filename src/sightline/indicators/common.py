"""Shared pieces for definitions: sources, ages, periods of care, plans open on a date.

The Polars column forms of `sightline.domain.dates` (ages, whole months) live here, beside the
building blocks the definitions share; the definitions import this module, never the engine.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .standards import REF

CIN_STATS = f"{REF} §2 (DfE children in need statistics)"
CLA_STATS = f"{REF} §2 (DfE children looked after statistics, SSDA903)"
CPR = f"{REF} §1 [V] CPR 2010"
WORKFORCE_STATS = "DfE children's social work workforce statistics (benchmarks.csv sw_*)"
SHORT_BREAKS = ["V3", "V4"]
PLACEMENT_CHANGE = ["S", "P", "B", "T", "U"]
KEYED_IDS = (0, 2**31)  # the ids `id_day` keys exactly


def age_on(dob: pl.Expr, day: pl.Expr | date) -> pl.Expr:
    """Age in whole years on `day`."""
    day = day if isinstance(day, pl.Expr) else pl.lit(day)
    years = day.dt.year() - dob.dt.year()
    before_birthday = (day.dt.month() < dob.dt.month()) | (
        (day.dt.month() == dob.dt.month()) & (day.dt.day() < dob.dt.day())
    )
    return years - before_birthday.cast(pl.Int32)


def months_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Whole calendar months from start to end (a plan from 5 Jan is 12 months old on 5 Jan next year)."""
    months = (end.dt.year() - start.dt.year()) * 12 + end.dt.month() - start.dt.month()
    return months - (end.dt.day() < start.dt.day()).cast(pl.Int32)


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


# ----- many as-at dates at once ------------------------------------------------------------------
# Stock definitions declared with `as_at_dates` get a tuple of dates and return one frame with a
# `date` column; these helpers give the per-date building blocks above for all of the dates.


def stacked(ons, build) -> pl.DataFrame:
    """`build(on)` for each as-at date, stacked in date order with the date as a column `date`."""
    return pl.concat([build(on).with_columns(pl.lit(on).alias("date")) for on in ons], how="vertical")


def open_rows(frame: pl.DataFrame, start: str, end: str, ons, end_inclusive: bool = False) -> pl.DataFrame:
    """The rows open on each date, with the date as `date`: as `stacked` filters with `open_on` (or, with
    `end_inclusive`, an end on the day itself still open), in date order and frame order within a date.

    The dates are sorted, so each row is open on a run of them: from the first on or after its start
    to the last before (or on) its end. Rows are repeated for their run rather than filtered per date.
    """
    ons = list(ons)
    if ons != sorted(set(ons)):
        included = (lambda on: pl.col(end) >= on) if end_inclusive else (lambda on: pl.col(end) > on)
        return stacked(
            ons, lambda on: frame.filter((pl.col(start) <= on) & (pl.col(end).is_null() | included(on)))
        )
    dates = pl.Series("date", ons, dtype=pl.Date)
    first = pl.when(pl.col(start).is_not_null()).then(pl.lit(dates).search_sorted(pl.col(start), side="left"))
    stop = (
        pl.when(pl.col(end).is_null())
        .then(pl.lit(len(ons), pl.UInt32))
        .otherwise(pl.lit(dates).search_sorted(pl.col(end), side="right" if end_inclusive else "left"))
    )
    runs = (
        frame.select(pl.int_ranges(first, stop).alias("_i"))
        .with_row_index("_row")
        .explode("_i")
        .drop_nulls("_i")
        .sort("_i", "_row")
    )
    # Flagged sorted (it is), as a stack of per-date frames is: polars then groups by date in
    # contiguous slices and adds floats in the same order as for the stack.
    return frame[runs["_row"]].with_columns(dates.gather(runs["_i"]).set_sorted())


def open_on_dates(ctx, table: str, start: str, end: str, ons) -> pl.DataFrame:
    """The rows of `table` open on each date (as `open_on`), with the date as `date` (cached)."""
    return ctx.memo(f"open_on_dates:{table}:{ons}", lambda: open_rows(ctx[table], start, end, ons))


def last_before_dates(events: pl.DataFrame, by: str, date_col: str, name: str, ons) -> pl.DataFrame:
    """`by`, date -> the latest `date_col` on or before the date, for every date (`last_before` stacked).

    Each event is the latest for the run of dates from its own date to the day before its id's next.
    """
    ordered = (
        events.select(by, date_col)
        .drop_nulls()
        .sort(by, date_col)
        .with_columns(pl.col(date_col).shift(-1).over(by).alias("_next"))
    )
    return open_rows(ordered, date_col, "_next", ons).select(by, pl.col(date_col).alias(name), "date")


def cla_on_dates(ctx, ons) -> pl.DataFrame:
    """`cla_on` for each date, with the date as `date`."""

    def build() -> pl.DataFrame:
        episodes = open_rows(
            ctx["cla_episode"].filter(~pl.col("ls").is_in(SHORT_BREAKS)), "decom", "dec", ons
        )
        return episodes.sort("date", "decom").unique(["date", "child_id"], keep="last", maintain_order=True)

    return ctx.memo(f"cla_on_dates:{ons}", build)


def placement_start_dates(ctx, ons) -> pl.DataFrame:
    """`placement_start` for each date: child_id, placement_start, date."""
    changes = ctx["cla_episode"].filter(pl.col("rne").is_in(PLACEMENT_CHANGE))
    return ctx.memo(
        f"placement_start_dates:{ons}",
        lambda: last_before_dates(changes, "child_id", "decom", "placement_start", ons),
    )


def poc_start_on_dates(ctx, ons) -> pl.DataFrame:
    """`poc_start_on` for each date: child_id, poc_start, date."""
    return ctx.memo(
        f"poc_start_on_dates:{ons}",
        lambda: open_rows(periods_of_care(ctx), "poc_start", "poc_end", ons).select(
            "child_id", "poc_start", "date"
        ),
    )


def id_day(ident: pl.Expr, day: pl.Expr) -> pl.Expr:
    """An id (within KEYED_IDS) and a date as one Int64 that sorts by id, then by date, so an as-of
    join on it finds a child's (or worker's) latest event without grouping by id on every call."""
    return ident.cast(pl.Int64) * 2**32 + (day.cast(pl.Int32).cast(pl.Int64) + 2**31)


def keyable(*ids: pl.Series) -> bool:
    """Whether every id is one `id_day` keys exactly."""
    low, high = KEYED_IDS
    return all(s.null_count() == s.len() or (low <= s.min() and s.max() < high) for s in ids)


def last_on_or_before(
    ctx, frame: pl.DataFrame, events: pl.DataFrame, key: str, date_col: str, name: str, by: str = "child_id"
) -> pl.DataFrame:
    """Add `name`: the latest `date_col` in `events` (cached under `key`) of the row's child (or `by`)
    on or before the row's `date`, as `last_before` gives for one date; one as-of join for all dates."""
    if frame.is_empty() or not keyable(frame[by], events[by]):
        dates = frame["date"].unique().drop_nulls().sort().to_list()
        if not dates:
            return frame.with_columns(pl.lit(None, events.schema[date_col]).alias(name))
        last = stacked(
            dates,
            lambda on: (
                events.filter(pl.col(date_col) <= on).group_by(by).agg(pl.col(date_col).max().alias(name))
            ),
        )
        return frame.join(last, on=[by, "date"], how="left", maintain_order="left")
    keyed = ctx.memo(
        f"keyed:{key}",
        lambda: (
            events.filter(pl.col(by).is_not_null() & pl.col(date_col).is_not_null())
            .select(
                id_day(pl.col(by), pl.col(date_col)).alias("_e_key"),
                pl.col(by).alias("_e_id"),
                pl.col(date_col).alias("_e_date"),
            )
            .sort("_e_key")
        ),
    )
    return (
        frame.with_row_index("_e_row")
        .with_columns(id_day(pl.col(by), pl.col("date")).alias("_e_key"))
        .sort("_e_key")
        .join_asof(keyed, on="_e_key", strategy="backward", check_sortedness=False)
        .with_columns(pl.when(pl.col("_e_id") == pl.col(by)).then(pl.col("_e_date")).alias(name))
        .sort("_e_row")
        .drop("_e_row", "_e_key", "_e_id", "_e_date")
    )

"""Attribution: each fact gets the team and worker of the social-work allocation in force on its date.

An as-of join by child (flow facts, keyed on one Int64 of child and day, `common.id_day`) or the
allocations in force on each as-at date (stock facts), then the team's service. Kept per engine,
so the allocations are sorted and keyed once per data version.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .common import id_day, keyable
from .context import Context
from .frames import Frames


class Attribution:
    def __init__(self, frames: Frames, ctx: Context) -> None:
        self.ctx = ctx
        self._attributions: dict[tuple[int, int], list[tuple[pl.DataFrame, pl.DataFrame]]] = {}
        self._alloc = (
            frames["allocation"]
            .filter(pl.col("role") == "SW")
            .select(
                "child_id",
                pl.col("start_date").alias("_a_start"),
                pl.col("end_date").fill_null(date(9999, 12, 31)).alias("_a_end"),
                pl.col("worker_id").alias("_a_worker"),
                pl.col("team_id").alias("_a_team"),
            )
            .sort("_a_start")
        )
        self._team_service = frames["team"].select(pl.col("id").alias("team_id"), "service_id")
        self._service_of = _by_position(self._team_service, "team_id", "service_id")

    def allocated_on_many(self, ons: tuple[date, ...]) -> pl.DataFrame:
        """`allocated_on` for each date, stacked with a date column (the same rows per date)."""
        return self.ctx.memo(
            f"allocated_on_many:{ons}",
            lambda: pl.concat([self.allocated_on(on).with_columns(pl.lit(on).alias("date")) for on in ons]),
        )

    def allocated_on_rows(self, frame: pl.DataFrame, ons: tuple[date, ...]) -> pl.DataFrame:
        """`frame` (stock facts of the dates `ons`) with the team_id and worker_id of `allocated_on`
        its row's date added, in row order, as a left join on child and date gives them: looked up
        by position in a table of every allocated child x date (`_on_table`), several times faster
        than the join, which is kept for dates out of order."""
        table = self._on_table(ons)
        if table is None:
            many = self.allocated_on_many(ons)
            return frame.join(many, on=["child_id", "date"], how="left", maintain_order="left")
        dates, children, team, worker = table
        at = pl.lit(dates).search_sorted(pl.col("date"))
        rank = pl.lit(children).search_sorted(pl.col("child_id").cast(children.dtype))
        found = (
            (at < dates.len())
            & (pl.lit(dates).gather(at.clip(0, dates.len() - 1)) == pl.col("date"))
            & (rank < children.len())
            & (pl.lit(children).gather(rank.clip(0, children.len() - 1)) == pl.col("child_id"))
        )
        position = frame.select(pl.when(found).then(at.cast(pl.Int64) * children.len() + rank.cast(pl.Int64)))
        return frame.with_columns(team.gather(position.to_series()), worker.gather(position.to_series()))

    def _on_table(self, ons: tuple[date, ...]) -> tuple[pl.Series, ...] | None:
        """(the dates, the allocated children's ids sorted, team_id and worker_id at date index x
        children + the child's rank among them): `allocated_on_many` as arrays (None for unsorted
        dates). Sized by the rows present, not by the largest child id (a rank is a binary search)."""

        def build() -> tuple[pl.Series, ...] | None:
            many = self.allocated_on_many(ons).filter(pl.col("child_id").is_not_null())
            if list(ons) != sorted(set(ons)) or many.is_empty():
                return None
            children = many["child_id"].unique().sort()
            dates = pl.Series("date", ons, dtype=pl.Date)
            at = pl.lit(dates).search_sorted(pl.col("date")).cast(pl.Int64) * children.len()
            rank = pl.lit(children).search_sorted(pl.col("child_id")).cast(pl.Int64)
            position = many.select(at + rank).to_series()
            size = dates.len() * children.len()
            return (
                dates,
                children,
                *(
                    pl.repeat(None, size, dtype=many.schema[name], eager=True)
                    .scatter(position, many[name])
                    .alias(name)
                    for name in ("team_id", "worker_id")
                ),
            )

        return self.ctx.memo(f"allocated_on_table:{ons}", build)

    def attribute(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add team_id, worker_id (the social-work allocation in force at `date`) and service_id."""
        if "team_id" not in frame.columns and frame.height and _one_value(frame["date"]):
            # Stock facts share one date: join the allocations in force that day (cached).
            frame = frame.join(
                self.allocated_on(frame["date"][0]), on="child_id", how="left", maintain_order="left"
            )
        elif "team_id" not in frame.columns:
            keyed = self._alloc_keyed() if frame.schema["date"] == pl.Date else None
            if keyed is None:
                frame = frame.with_row_index("_row").sort("date")
                joined = frame.join_asof(
                    self._alloc,
                    left_on="date",
                    right_on="_a_start",
                    by="child_id",
                    strategy="backward",
                    check_sortedness=False,
                )
                in_force = pl.col("_a_end") >= pl.col("date")
                frame = (
                    joined.with_columns(
                        pl.when(in_force).then(pl.col("_a_team")).otherwise(None).alias("team_id"),
                        pl.when(in_force).then(pl.col("_a_worker")).otherwise(None).alias("worker_id"),
                    )
                    .drop("_a_start", "_a_end", "_a_team", "_a_worker")
                    .sort("_row")
                    .drop("_row")
                )
            else:
                found = self._allocated_at(frame.select("child_id", "date"), keyed)
                frame = frame.with_columns(found["team_id"], found["worker_id"])
        elif "worker_id" not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.Int64).alias("worker_id"))
        frame = frame.with_columns(pl.col("team_id").cast(pl.Int64), pl.col("worker_id").cast(pl.Int64))
        if "service_id" in frame.columns:
            frame = frame.drop("service_id")
        if self._service_of is None:
            return frame.join(self._team_service, on="team_id", how="left")
        # The team's service by position (team ids are small), as the left join on team_id gives it.
        top, team = self._service_of.len() - 1, pl.col("team_id")
        service = pl.when(team.is_between(0, top)).then(pl.lit(self._service_of).gather(team.clip(0, top)))
        return frame.with_columns(service.alias("service_id"))

    def _allocated_at(self, keys: pl.DataFrame, keyed: pl.DataFrame) -> pl.DataFrame:
        """team_id and worker_id in force for each (child_id, date) row of `keys`, in row order.

        Only these two columns are sorted and matched, not the wide facts frame. Several flow
        indicators share their rows (every assessment measure, every referral measure), so a result
        is kept and reused for the same rows (checked equal, not just hashed).
        """
        bucket = self._attributions.setdefault((keys.height, keys.hash_rows().sum()), [])
        for rows, found in bucket:
            if rows.equals(keys):
                return found
        in_force = (pl.col("_a_child") == pl.col("child_id")) & (pl.col("_a_end") >= pl.col("date"))
        found = (
            keys.with_columns(id_day(pl.col("child_id"), pl.col("date")).alias("_a_key"))
            .with_row_index("_row")
            .sort("_a_key")
            .join_asof(keyed, on="_a_key", strategy="backward", check_sortedness=False)
            .sort("_row")
            .select(
                pl.when(in_force).then(pl.col("_a_team")).otherwise(None).alias("team_id"),
                pl.when(in_force).then(pl.col("_a_worker")).otherwise(None).alias("worker_id"),
            )
        )
        bucket.append((keys, found))
        return found

    def _alloc_keyed(self) -> pl.DataFrame | None:
        """The social-work allocations keyed by child and start as one Int64 (`common.id_day`).

        An as-of join on that one key picks, per child, the same allocation as an as-of join on the
        start date grouped `by` child (the latest start on or before the date; the last of equal
        starts in `_alloc` order, kept by the stable sort), without grouping the allocations on
        every call, which was most of a flow indicator's attribution time. None when the ids are
        too large for the key.
        """

        def build() -> pl.DataFrame | None:
            alloc = self._alloc.filter(pl.col("child_id").is_not_null() & pl.col("_a_start").is_not_null())
            if not keyable(alloc["child_id"]):
                return None
            return alloc.select(
                id_day(pl.col("child_id"), pl.col("_a_start")).alias("_a_key"),
                pl.col("child_id").alias("_a_child"),
                "_a_end",
                "_a_team",
                "_a_worker",
            ).sort("_a_key", maintain_order=True)

        return self.ctx.memo("alloc_keyed", build)

    def allocated_on(self, on: date) -> pl.DataFrame:
        return self.ctx.memo(
            f"allocated_on:{on}",
            lambda: (
                self._alloc.filter((pl.col("_a_start") <= on) & (pl.col("_a_end") >= on))
                .unique("child_id")
                .select(
                    "child_id", pl.col("_a_team").alias("team_id"), pl.col("_a_worker").alias("worker_id")
                )
            ),
        )


def _one_value(values: pl.Series) -> bool:
    """Whether `values.n_unique() <= 1` (every value null, or one value and no null), without hashing."""
    nulls = values.null_count()
    return nulls == values.len() or (nulls == 0 and values.min() == values.max())


def _by_position(frame: pl.DataFrame, key: str, value: str) -> pl.Series | None:
    """`value` at index `key` (null where no row has that key), or None when the keys are not small
    distinct non-negative integers."""
    keys = frame[key]
    if (
        frame.is_empty()
        or keys.null_count()
        or keys.min() < 0
        or keys.max() > 1_000_000
        or not keys.is_unique().all()
    ):
        return None
    return pl.repeat(None, keys.max() + 1, dtype=frame.schema[value], eager=True).scatter(keys, frame[value])

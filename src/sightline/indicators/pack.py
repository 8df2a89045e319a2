"""The full pack: every indicator x 24 monthly values x every unit of each level, as one frame.

A part of the engine (`Engine.pack`), in its own module for its size: the exports and the
benchmark build the whole pack this way rather than value by value.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .periods import month_end, month_starts
from .registry import Indicator

LEVELS = ("council", "service", "team", "worker")
LEVEL_KEY = {"council": None, "service": "service_id", "team": "team_id", "worker": "worker_id"}


class PackMixin:
    """`Engine.pack` and its helpers; the engine supplies the facts, aggregations and population."""

    def pack(self, end: date, months: int = 24, levels: tuple[str, ...] = LEVELS) -> pl.DataFrame:
        """Every indicator x `months` monthly values x every unit of each level, as one frame (kept).

        Columns: indicator_id, level, unit_id (null for the council and for unallocated rows),
        month, numerator, denominator, value. Year-on-year indicators are left out (they are
        two counts of another indicator). Built from one grouped aggregation per level over the
        facts of every count, percentage and rate together, and one per indicator and level for
        the others, so it is the way to compute the whole pack (exports, the benchmark). Rows come
        in registry order of indicators, then by level, unit (the unallocated first) and month:
        the same order every time, as grouping does not keep one.
        """
        starts = month_starts(end, months)
        key = (tuple(starts), tuple(levels))
        if key not in self._packs:
            self._packs[key] = self._pack(starts, tuple(levels))
        return self._packs[key]

    def _pack(self, starts: list[date], levels: tuple[str, ...]) -> pl.DataFrame:
        # A refresh's kept months of the previous pack (`delta_pack`): only the others are aggregated.
        rows, valid = next(((r, v) for lv, r, v in self._reusable if lv == levels), (None, {}))
        parts, counted, keep = [], [], []
        for ind in self.registry:
            if ind.aggregate == "yoy":
                continue
            kept = valid.get(ind.id, frozenset()) & set(starts)
            todo = [s for s in starts if s not in kept]
            keep += [(ind.id, month) for month in kept]
            if not todo:
                continue
            frame = self._pack_facts(ind, starts, todo)
            if ind.aggregate in ("percent", "count", "rate"):
                counted.append((ind, frame))
            else:
                # Float sums (ratios, means) are grouped as before, over the collected facts.
                eager = frame.collect()
                parts.extend(self._pack_level(ind, eager, level).lazy() for level in levels)
        if keep:
            pairs = pl.DataFrame(keep, schema={"indicator_id": pl.Utf8, "month": pl.Date}, orient="row")
            parts.append(rows.join(pairs, on=["indicator_id", "month"], how="semi").lazy())
        if counted and levels:
            parts.extend(self._pack_counted(counted, levels))
        if not parts:
            return pl.DataFrame()
        order = {ind.id: i for i, ind in enumerate(self.registry)}
        # Lazy parts, one collect: the facts frames are read for the few columns aggregated only.
        return (
            pl.concat(parts, how="vertical_relaxed")
            .with_columns(
                pl.col("indicator_id").replace_strict(order, return_dtype=pl.Int32).alias("_order"),
                pl.col("level").replace_strict(list(levels), list(range(len(levels)))).alias("_level"),
            )
            .sort("_order", "_level", "unit_id", "month", nulls_last=False)
            .drop("_order", "_level")
            .collect()
        )

    def _pack_facts(self, ind: Indicator, starts: list[date], todo: list[date]) -> pl.LazyFrame:
        """The indicator's facts of the months `todo` of the pack's `starts`, with `_month` (lazy)."""
        ons = tuple(month_end(s) for s in starts)
        if ind.kind == "flow":
            in_months = pl.col("date").is_between(todo[0], month_end(todo[-1]))
            frame = self._flow_facts(ind).lazy().filter(in_months)
        elif len(todo) == len(starts) or (ind.id, ons) in self._stock_many:
            frame = self._stock_series(ind, ons).lazy()
            if len(todo) < len(starts):
                frame = frame.filter(pl.col("date").is_between(todo[0], month_end(todo[-1])))
        else:
            frame = self._stock_series(ind, tuple(month_end(s) for s in todo)).lazy()
        frame = frame.with_columns(pl.col("date").dt.truncate("1mo").alias("_month"))
        first = starts.index(todo[0])
        if starts[first : first + len(todo)] == todo:  # months in a row: the dates' filter took them
            return frame
        return frame.filter(pl.col("_month").is_in(todo))

    def _pack_counted(
        self, items: list[tuple[Indicator, pl.LazyFrame]], levels: tuple[str, ...]
    ) -> list[pl.LazyFrame]:
        """Counts, percentages and rates: one grouping of each indicator's facts by month, service,
        team and worker (collected together), summed again for each level.

        Their sums are of booleans (whole numbers), so summing the groups' sums cannot change a
        value; ratios, means and medians keep one aggregation per indicator and level (`_pack_level`).
        """
        meta = pl.DataFrame(
            {
                "_ind": list(range(len(items))),
                "indicator_id": [ind.id for ind, _ in items],
                "_aggregate": [ind.aggregate for ind, _ in items],
                "_factor": [12.0 if ind.kind == "flow" else 1.0 for ind, _ in items],
            },
            schema={"_ind": pl.Int32, "indicator_id": pl.Utf8, "_aggregate": pl.Utf8, "_factor": pl.Float64},
        ).lazy()
        units = ["_month", "service_id", "team_id", "worker_id"]
        finest = pl.concat(
            pl.collect_all(
                [
                    frame.group_by(units)
                    .agg(
                        (pl.col("num") & pl.col("den")).sum().cast(pl.Int64).alias("n"),
                        pl.col("den").sum().cast(pl.Int64).alias("d"),
                    )
                    .select(pl.lit(i, pl.Int32).alias("_ind"), *units, "n", "d")
                    for i, (_, frame) in enumerate(items)
                ]
            )
        ).lazy()
        n, d = pl.col("n").cast(pl.Float64), pl.col("d").cast(pl.Float64)
        percent, count = pl.col("_aggregate") == "percent", pl.col("_aggregate") == "count"
        out = []
        for level in levels:
            key = LEVEL_KEY[level]
            keys = ["_ind", "_month"] if key is None else ["_ind", "_month", key]
            # As `_value_expr` computes each aggregate, operation for operation.
            rate = (
                n * 10_000.0 * pl.col("_factor") / self.population
                if level == "council" and self.population
                else pl.lit(None, pl.Float64)
            )
            value = (
                pl.when(percent).then(pl.when(d > 0).then(100.0 * n / d)).when(count).then(n).otherwise(rate)
            )
            grouped = finest.group_by(keys).agg(pl.col("n").sum(), pl.col("d").sum())
            out.append(
                grouped.join(meta, on="_ind", how="left").select(
                    "indicator_id",
                    pl.lit(level).alias("level"),
                    (pl.lit(None, pl.Int64) if key is None else pl.col(key)).cast(pl.Int64).alias("unit_id"),
                    pl.col("_month").alias("month"),
                    n.alias("numerator"),
                    pl.when(percent).then(d).alias("denominator"),
                    value.round(1).alias("value"),
                )
            )
        return out

    def _pack_level(self, ind: Indicator, frame: pl.DataFrame, level: str) -> pl.DataFrame:
        """One indicator's monthly values at one level."""
        key = LEVEL_KEY[level]
        keys = ["_month"] if key is None else ["_month", key]
        grouped = frame.group_by(keys).agg(self._aggs(ind))
        return grouped.select(
            pl.lit(ind.id).alias("indicator_id"),
            pl.lit(level).alias("level"),
            (pl.lit(None, pl.Int64) if key is None else pl.col(key)).cast(pl.Int64).alias("unit_id"),
            pl.col("_month").alias("month"),
            pl.col("n").cast(pl.Float64).alias("numerator"),
            pl.col("d").cast(pl.Float64).alias("denominator"),
            self._value_expr(ind, level),
        )

    def _value_expr(self, ind: Indicator, level: str) -> pl.Expr:
        """The monthly value as an expression over the aggregated n, d, v (as `_finish` does for one row)."""
        n, d = pl.col("n").cast(pl.Float64), pl.col("d").cast(pl.Float64)
        if ind.aggregate == "percent":
            value = pl.when(d > 0).then(100.0 * n / d)
        elif ind.aggregate == "count":
            value = n
        elif ind.aggregate == "rate":
            factor = 12.0 if ind.kind == "flow" else 1.0
            value = (
                n * 10_000.0 * factor / self.population if level == "council" and self.population else None
            )
        elif ind.aggregate == "ratio":
            value = pl.when(d > 0).then(ind.scale * n / d)
        else:
            value = pl.col("v").cast(pl.Float64)
        if value is None:
            return pl.lit(None, pl.Float64).alias("value")
        return value.round(1).alias("value")

"""The engine: facts per indicator, attributed to the allocation in force, aggregated per period and level.

Flow facts (events) are computed once per engine and filtered by date; stock facts are
computed per as-at date and cached. An engine is built for one data version and one set of
local standards and targets, so everything it computes can be cached on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from .common import id_day, keyable
from .frames import Frames
from .periods import Period, month_end, month_starts
from .registry import REGISTRY, Indicator, Registry
from .standards import LocalStandards

LEVELS = ("council", "service", "team", "worker")
LEVEL_KEY = {"council": None, "service": "service_id", "team": "team_id", "worker": "worker_id"}
INTERNAL = {"num", "den", "value", "weight", "date", "team_id", "worker_id", "service_id", "child_id"}


class Context:
    """What a facts function sees: the frames, the local standards and small shared helpers."""

    def __init__(self, frames: Frames, standards: LocalStandards) -> None:
        self.frames = frames
        self.standards = standards
        self.reference_date = frames.reference_date
        self._memo: dict = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]

    def wd(self, start: str | pl.Expr, end: str | pl.Expr) -> pl.Expr:
        return self.frames.working_days(_col(start), _col(end))

    def add_wd(self, start: str | pl.Expr, days: int) -> pl.Expr:
        return self.frames.add_working_days(_col(start), days)

    def memo(self, key: str, build):
        """Share an intermediate frame between definitions (e.g. periods of care)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


def _col(value: str | pl.Expr) -> pl.Expr:
    return pl.col(value) if isinstance(value, str) else value


@dataclass
class Result:
    indicator_id: str
    period: Period
    level: str
    unit_id: int | None
    unit_name: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    tolerance: float | None
    rag: str | None
    benchmark: dict | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "indicator_id": self.indicator_id,
            "period": self.period.label,
            "period_start": self.period.start,
            "period_end": self.period.end,
            "level": self.level,
            "unit_id": self.unit_id,
            "unit_name": self.unit_name,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "target": self.target,
            "tolerance": self.tolerance,
            "rag": self.rag,
            "benchmark": self.benchmark,
        }


def rag(
    value: float | None, target: float | None, tolerance: float | None, polarity: str | None
) -> str | None:
    """Green at or better than target; amber within tolerance of it; red beyond."""
    if value is None or target is None or polarity is None:
        return None
    gap = (target - value) if polarity == "higher" else (value - target)
    if gap <= 0:
        return "green"
    return "amber" if gap <= (tolerance or 0) else "red"


class Engine:
    def __init__(
        self,
        frames: Frames,
        standards: LocalStandards | None = None,
        targets: dict[str, tuple[float | None, float | None]] | None = None,
        benchmarks: dict[str, dict] | None = None,
        registry: Registry = REGISTRY,
    ) -> None:
        if registry is REGISTRY:
            from . import definitions  # noqa: F401 - registers every indicator

        self.frames = frames
        self.standards = standards or LocalStandards()
        self.ctx = Context(frames, self.standards)
        self.registry = registry
        self.targets = targets or {}
        self.benchmarks = benchmarks or {}
        self._flow: dict[str, pl.DataFrame] = {}
        self._stock: dict[tuple[str, date], pl.DataFrame] = {}
        self._stock_many: dict[tuple[str, tuple[date, ...]], pl.DataFrame] = {}
        self._attributions: dict[tuple[int, int], list[tuple[pl.DataFrame, pl.DataFrame]]] = {}
        self._names = self._unit_names()
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

    @property
    def population(self) -> int:
        return self.standards.population_0_17 or self.frames.population_0_17

    # ----- facts -------------------------------------------------------------------------
    def definition(self, indicator_id: str) -> Indicator:
        return self.registry[indicator_id]

    def facts(self, indicator_id: str, period: Period) -> pl.DataFrame:
        """Attributed facts inside the period (flow) or at its end (stock)."""
        ind = self.registry[indicator_id]
        if ind.aggregate == "yoy":
            ind = self.registry[ind.base]
        if ind.kind == "stock":
            return self._stock_facts(ind, period.end)
        frame = self._flow_facts(ind)
        return frame.filter(pl.col("date").is_between(period.start, period.end))

    def _flow_facts(self, ind: Indicator) -> pl.DataFrame:
        if ind.id not in self._flow:
            self._flow[ind.id] = self._attribute(self._normalise(ind.facts(self.ctx), ind))
        return self._flow[ind.id]

    def _stock_facts(self, ind: Indicator, on: date) -> pl.DataFrame:
        key = (ind.id, on)
        if key not in self._stock:
            facts = ind.facts(self.ctx, (on,)) if ind.as_at_dates else ind.facts(self.ctx, on)
            frame = self._normalise(facts, ind).with_columns(pl.lit(on).alias("date"))
            self._stock[key] = self._attribute(frame)
        return self._stock[key]

    def _stock_series(self, ind: Indicator, ons: tuple[date, ...]) -> pl.DataFrame:
        """Stock facts for several as-at dates in one frame (the pack's path).

        A definition declared with `as_at_dates` computes every date in one pass; any other is
        called once per date, in date order. Either way normalising and attributing once over the
        whole frame saves the fixed cost of those steps per date.
        """
        key = (ind.id, ons)
        if key not in self._stock_many:
            if ind.as_at_dates:
                facts = ind.facts(self.ctx, ons)
            else:
                parts = [ind.facts(self.ctx, on).with_columns(pl.lit(on).alias("date")) for on in ons]
                facts = pl.concat(parts, how="diagonal_relaxed")
            frame = self._normalise(facts, ind)
            if "team_id" in frame.columns:
                self._stock_many[key] = self._attribute(frame)
            else:
                self._stock_many[key] = self._attribute(
                    frame.join(
                        self._allocated_on_many(ons),
                        on=["child_id", "date"],
                        how="left",
                        maintain_order="left",
                    )
                )
        return self._stock_many[key]

    def _allocated_on_many(self, ons: tuple[date, ...]) -> pl.DataFrame:
        """`_allocated_on` for each date, stacked with a date column (the same rows per date)."""
        return self.ctx.memo(
            f"allocated_on_many:{ons}",
            lambda: pl.concat([self._allocated_on(on).with_columns(pl.lit(on).alias("date")) for on in ons]),
        )

    @staticmethod
    def _normalise(frame: pl.DataFrame, ind: Indicator) -> pl.DataFrame:
        defaults = {
            "child_id": pl.lit(None, pl.Int64),
            "num": pl.lit(True),
            "den": pl.lit(True),
            "value": pl.lit(None, pl.Float64),
            "weight": pl.lit(None, pl.Float64),
        }
        missing = [expr.alias(name) for name, expr in defaults.items() if name not in frame.columns]
        frame = frame.with_columns(missing) if missing else frame
        if ind.kind == "flow" and "date" not in frame.columns:
            raise ValueError(f"Indicator {ind.id}: flow facts need a date column")
        return frame.with_columns(
            pl.col("num").fill_null(False).cast(pl.Boolean),
            pl.col("den").fill_null(False).cast(pl.Boolean),
            pl.col("value").cast(pl.Float64),
            pl.col("weight").cast(pl.Float64),
            pl.col("child_id").cast(pl.Int64),
        )

    def _attribute(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add team_id, worker_id (the social-work allocation in force at `date`) and service_id."""
        if "team_id" not in frame.columns and frame["date"].n_unique() <= 1 and frame.height:
            # Stock facts share one date: join the allocations in force that day (cached).
            frame = frame.join(
                self._allocated_on(frame["date"][0]), on="child_id", how="left", maintain_order="left"
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
        return frame.join(self._team_service, on="team_id", how="left")

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

    def _allocated_on(self, on: date) -> pl.DataFrame:
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

    # ----- aggregation -------------------------------------------------------------------
    def _aggs(self, ind: Indicator) -> list[pl.Expr]:
        den = pl.col("den")
        if ind.aggregate == "percent":
            return [(pl.col("num") & den).sum().alias("n"), den.sum().alias("d"), pl.lit(None).alias("v")]
        if ind.aggregate in ("count", "rate", "yoy"):
            return [(pl.col("num") & den).sum().alias("n"), pl.lit(None).alias("d"), pl.lit(None).alias("v")]
        values = pl.col("value").filter(den & pl.col("value").is_not_null())
        if ind.aggregate == "median":
            return [pl.lit(None).alias("n"), values.count().alias("d"), values.median().alias("v")]
        if ind.aggregate == "mean":
            return [pl.lit(None).alias("n"), values.count().alias("d"), values.mean().alias("v")]
        return [
            values.sum().alias("n"),
            pl.col("weight").filter(den).sum().alias("d"),
            pl.lit(None).alias("v"),
        ]

    def _finish(self, ind: Indicator, period: Period, level: str, n, d, v) -> tuple:
        if ind.aggregate == "percent":
            value = 100.0 * n / d if d else None
        elif ind.aggregate == "count":
            value = float(n)
        elif ind.aggregate == "rate":
            value = 10_000.0 * n / self.population if level == "council" and self.population else None
            if value is not None and ind.kind == "flow":
                value *= 12 / _months_in(period)
        elif ind.aggregate == "ratio":
            value = ind.scale * n / d if d else None
        else:
            value = float(v) if v is not None else None
        if value is not None:
            value = round(value, 1)
        return value, (float(n) if n is not None else None), (float(d) if d is not None else None)

    def _grouped(self, ind: Indicator, frame: pl.DataFrame, keys: list[str]) -> dict[tuple, tuple]:
        if not keys:
            row = frame.select(self._aggs(ind)).row(0)
            return {(): row}
        out = frame.group_by(keys).agg(self._aggs(ind))
        return {tuple(r[: len(keys)]): tuple(r[len(keys) :]) for r in out.iter_rows()}

    def _filter_unit(self, frame: pl.DataFrame, level: str, unit_id: int | None) -> pl.DataFrame:
        if level not in LEVELS:
            raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
        key = LEVEL_KEY[level]
        if key is None:
            return frame
        if unit_id is None:
            raise ValueError(f"Level {level} needs a unit id (which {level}).")
        return frame.filter(pl.col(key) == unit_id)

    def _result(
        self, ind: Indicator, period: Period, level: str, unit_id, n, d, v, yoy_before=None
    ) -> Result:
        if ind.aggregate == "yoy":
            before = yoy_before or 0
            value = round(100.0 * (n - before) / before, 1) if before else None
            numer, denom = float(n), float(before)
        else:
            value, numer, denom = self._finish(ind, period, level, n, d, v)
        target, tolerance = self.targets.get(ind.id, (ind.target, ind.tolerance))
        return Result(
            indicator_id=ind.id,
            period=period,
            level=level,
            unit_id=unit_id,
            unit_name=self._names[level].get(unit_id, "Unallocated") if level != "council" else "Council",
            value=value,
            numerator=numer,
            denominator=denom,
            target=target,
            tolerance=tolerance,
            rag=rag(value, target, tolerance, ind.polarity),
            benchmark=self.benchmarks.get(ind.benchmark or ""),
        )

    # ----- public ------------------------------------------------------------------------
    def value(
        self, indicator_id: str, period: Period, level: str = "council", unit_id: int | None = None
    ) -> Result:
        ind = self.registry[indicator_id]
        frame = self._filter_unit(self.facts(indicator_id, period), level, unit_id)
        n, d, v = self._grouped(ind, frame, [])[()]
        before = None
        if ind.aggregate == "yoy":
            prior = self._filter_unit(self.facts(indicator_id, period.shifted_years(-1)), level, unit_id)
            before = self._grouped(ind, prior, [])[()][0]
        return self._result(ind, period, level, unit_id, n, d, v, before)

    def series(
        self,
        indicator_id: str,
        end: date,
        months: int = 24,
        level: str = "council",
        unit_id: int | None = None,
    ) -> list[tuple[date, Result]]:
        """Monthly values for the `months` months ending with the month containing `end`.

        Stock counts, percentages and medians come from one frame of every month end; stock ratios
        and means are summed one month at a time, as `value` sums them, so no float sum changes.
        """
        ind = self.registry[indicator_id]
        starts = month_starts(end, months)
        base = self.registry[ind.base] if ind.aggregate == "yoy" else ind
        if ind.aggregate == "yoy" or (base.kind == "stock" and ind.aggregate in ("ratio", "mean")):
            return [(s, self.value(indicator_id, Period.month(s), level, unit_id)) for s in starts]
        if base.kind == "stock":
            frame = self._stock_series(base, tuple(month_end(s) for s in starts))
        else:
            frame = self._flow_facts(base).filter(pl.col("date").is_between(starts[0], month_end(starts[-1])))
        frame = self._filter_unit(frame, level, unit_id)
        frame = frame.with_columns(pl.col("date").dt.truncate("1mo").alias("_month"))
        groups = self._grouped(ind, frame, ["_month"])
        empty = self._grouped(ind, frame.clear(), [])[()]
        return [
            (s, self._result(ind, Period.month(s), level, unit_id, *groups.get((s,), empty))) for s in starts
        ]

    def breakdown(self, indicator_id: str, period: Period, level: str = "team") -> list[Result]:
        """One result per service, team or worker with any facts in the period (and unallocated last)."""
        ind = self.registry[indicator_id]
        key = LEVEL_KEY.get(level)
        if key is None:
            raise ValueError("A breakdown is by service, team or worker.")
        groups = self._grouped(ind, self.facts(indicator_id, period), [key])
        before = {}
        if ind.aggregate == "yoy":
            before = {
                k: v[0]
                for k, v in self._grouped(
                    ind, self.facts(indicator_id, period.shifted_years(-1)), [key]
                ).items()
            }
        results = [
            self._result(ind, period, level, k[0], *v, yoy_before=before.get(k)) for k, v in groups.items()
        ]
        names = self._names[level]
        return sorted(results, key=lambda r: (r.unit_id is None, names.get(r.unit_id, ""), r.unit_id or 0))

    def children(
        self,
        indicator_id: str,
        period: Period,
        level: str = "council",
        unit_id: int | None = None,
        which: str = "numerator",
    ) -> list[dict]:
        """The rows behind a figure: numerator, denominator, or missing (in the denominator only)."""
        conditions = {
            "numerator": pl.col("num") & pl.col("den"),
            "denominator": pl.col("den"),
            "missing": pl.col("den") & ~pl.col("num"),
        }
        if which not in conditions:
            raise ValueError(f"which must be one of {', '.join(conditions)}")
        frame = self._filter_unit(self.facts(indicator_id, period), level, unit_id).filter(conditions[which])
        child = self.frames["child"].select(pl.col("id").alias("child_id"), "la_child_id")
        frame = frame.join(child, on="child_id", how="left")
        detail = [
            c for c in frame.columns if c not in INTERNAL and c != "la_child_id" and not c.startswith("_")
        ]
        rows = []
        for r in frame.sort("date").iter_rows(named=True):
            row = {
                "child_id": r["child_id"],
                "la_child_id": r["la_child_id"],
                "date": r["date"],
                "team_id": r["team_id"],
                "team": self._names["team"].get(r["team_id"], "Unallocated"),
                "worker_id": r["worker_id"],
                "worker": self._names["worker"].get(r["worker_id"], ""),
                "value": r["value"],
            }
            row.update({c: r[c] for c in detail})
            rows.append(row)
        return rows

    def pack(self, end: date, months: int = 24, levels: tuple[str, ...] = LEVELS) -> pl.DataFrame:
        """Every indicator x `months` monthly values x every unit of each level, as one frame.

        Columns: indicator_id, level, unit_id (null for the council and for unallocated rows),
        month, numerator, denominator, value. Year-on-year indicators are left out (they are
        two counts of another indicator). Built from one grouped aggregation per level over the
        facts of every count, percentage and rate together, and one per indicator and level for
        the others, so it is the way to compute the whole pack (exports, the benchmark). Rows come
        in registry order of indicators, then by level.
        """
        starts = month_starts(end, months)
        parts, counted = [], []
        for ind in self.registry:
            if ind.aggregate == "yoy":
                continue
            if ind.kind == "flow":
                frame = self._flow_facts(ind).filter(
                    pl.col("date").is_between(starts[0], month_end(starts[-1]))
                )
                frame = frame.with_columns(pl.col("date").dt.truncate("1mo").alias("_month"))
            else:
                frame = self._stock_series(ind, tuple(month_end(s) for s in starts)).with_columns(
                    pl.col("date").dt.truncate("1mo").alias("_month")
                )
            if ind.aggregate in ("percent", "count", "rate"):
                counted.append((ind, frame))
            else:
                parts.extend(self._pack_level(ind, frame, level) for level in levels)
        if counted and levels:
            parts.append(self._pack_counted(counted, levels))
        if not parts:
            return pl.DataFrame()
        order = {ind.id: i for i, ind in enumerate(self.registry)}
        return (
            pl.concat(parts, how="vertical_relaxed")
            .with_columns(
                pl.col("indicator_id").replace_strict(order, return_dtype=pl.Int32).alias("_order"),
                pl.col("level").replace_strict(list(levels), list(range(len(levels)))).alias("_level"),
            )
            .sort("_order", "_level", maintain_order=True)
            .drop("_order", "_level")
        )

    def _pack_counted(
        self, items: list[tuple[Indicator, pl.DataFrame]], levels: tuple[str, ...]
    ) -> pl.DataFrame:
        """Counts, percentages and rates: every indicator's facts in one frame, one aggregation a level.

        Their sums are of booleans (whole numbers), so grouping them together cannot change a value;
        ratios, means and medians keep one aggregation per indicator and level (`_pack_level`).
        """
        meta = pl.DataFrame(
            {
                "_ind": list(range(len(items))),
                "indicator_id": [ind.id for ind, _ in items],
                "_aggregate": [ind.aggregate for ind, _ in items],
                "_factor": [12.0 if ind.kind == "flow" else 1.0 for ind, _ in items],
            },
            schema={"_ind": pl.Int32, "indicator_id": pl.Utf8, "_aggregate": pl.Utf8, "_factor": pl.Float64},
        )
        facts = pl.concat(
            [
                frame.select(
                    pl.lit(i, pl.Int32).alias("_ind"),
                    "_month",
                    "service_id",
                    "team_id",
                    "worker_id",
                    (pl.col("num") & pl.col("den")).alias("n"),
                    pl.col("den").alias("d"),
                )
                for i, (_, frame) in enumerate(items)
            ]
        )
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
            grouped = facts.group_by(keys).agg(pl.col("n").sum(), pl.col("d").sum())
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
        return pl.concat(out)

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

    def _unit_names(self) -> dict[str, dict]:
        worker = self.frames["worker"]
        return {
            "service": dict(self.frames["service"].select("id", "name").iter_rows()),
            "team": dict(self.frames["team"].select("id", "name").iter_rows()),
            "worker": dict(
                worker.select("id", pl.concat_str("first_name", pl.lit(" "), "last_name")).iter_rows()
            ),
        }

    def units(self, level: str) -> dict:
        return self._names[level]


def _months_in(period: Period) -> float:
    """Whole months in a month-aligned period, else the fraction of a year in months."""
    if period.start.day == 1 and month_end(period.end) == period.end:
        return float(len(period.months()))
    return ((period.end - period.start).days + 1) / 365.25 * 12


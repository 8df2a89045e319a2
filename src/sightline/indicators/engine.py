"""The engine: facts per indicator, attributed to the allocation in force, aggregated per period and level.

Flow facts (events) are computed once per engine and filtered by date; stock facts are
computed per as-at date and cached. An engine is built for one data version and one set of
local standards and targets, so everything it computes can be cached on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from .attribution import Attribution
from .context import REFERENCE_DATE, Context
from .frames import Frames
from .pack import LEVEL_KEY, LEVELS, PackMixin
from .periods import Period, month_end, month_starts
from .registry import REGISTRY, Indicator, Registry
from .standards import LocalStandards

INTERNAL = {"num", "den", "value", "weight", "date", "team_id", "worker_id", "service_id", "child_id"}


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


class Engine(PackMixin):
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
        self.read_reference: set = set()  # the keys above whose facts read the reference date
        self.reads: dict = {}  # key above -> the frames its facts read (attribution's included)
        self._packs: dict[tuple, pl.DataFrame] = {}
        self._reusable: list[tuple] = []  # pack rows a refresh kept (`delta_pack`)
        self.refresh: dict[str, set[str]] | None = None  # what a refresh kept, spliced, recomputed
        self.attribution = Attribution(frames, self.ctx)
        self._names = self._unit_names()

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
            facts = self._noted(ind.id, lambda: ind.facts(self.ctx))
            self._flow[ind.id] = self.attribution.attribute(self._normalise(facts, ind))
        return self._flow[ind.id]

    def _noted(self, key, compute) -> pl.DataFrame:
        """compute(), noting the frames it read (a fact with no team is attributed by allocations)."""
        facts, reads = self.ctx.reading(compute)
        if REFERENCE_DATE in reads:
            self.read_reference.add(key)
        self.reads[key] = reads | ({"allocation"} if "team_id" not in facts.columns else set())
        return facts

    def _stock_facts(self, ind: Indicator, on: date) -> pl.DataFrame:
        key = (ind.id, on)
        if key not in self._stock:
            facts = self._noted(
                key, lambda: ind.facts(self.ctx, (on,)) if ind.as_at_dates else ind.facts(self.ctx, on)
            )
            frame = self._normalise(facts, ind).with_columns(pl.lit(on).alias("date"))
            self._stock[key] = self.attribution.attribute(frame)
        return self._stock[key]

    def _stock_series(self, ind: Indicator, ons: tuple[date, ...]) -> pl.DataFrame:
        """Stock facts for several as-at dates in one frame (the pack's path).

        A definition declared with `as_at_dates` computes every date in one pass; any other is
        called once per date, in date order. Either way normalising and attributing once over the
        whole frame saves the fixed cost of those steps per date.
        """
        key = (ind.id, ons)
        if key not in self._stock_many:
            facts = self._noted(key, lambda: self._stock_dates(ind, ons))
            frame = self._normalise(facts, ind)
            if "team_id" in frame.columns:
                self._stock_many[key] = self.attribution.attribute(frame)
            else:
                allocated = self.attribution.allocated_on_rows(frame, ons)
                self._stock_many[key] = self.attribution.attribute(allocated)
        return self._stock_many[key]

    def _stock_dates(self, ind: Indicator, ons: tuple[date, ...]) -> pl.DataFrame:
        if ind.as_at_dates:
            return ind.facts(self.ctx, ons)
        parts = [ind.facts(self.ctx, on).with_columns(pl.lit(on).alias("date")) for on in ons]
        return pl.concat(parts, how="diagonal_relaxed")

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
        """Add team_id, worker_id and service_id to a frame of facts (`Attribution.attribute`)."""
        return self.attribution.attribute(frame)

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

    def _unit_names(self) -> dict[str, dict]:
        return {
            "service": dict(self.frames["service"].select("id", "name").iter_rows()),
            "team": dict(self.frames["team"].select("id", "name").iter_rows()),
            "worker": worker_names(self.frames["worker"]),
        }

    def units(self, level: str) -> dict:
        return self._names[level]


def worker_names(workers: pl.DataFrame) -> dict[int, str]:
    """Each worker's name as pages show it; two workers of the same name are told apart by
    their staff id after it ('Sam Patel (S00012)')."""
    name = pl.concat_str("first_name", pl.lit(" "), "last_name")
    shown = (
        pl.when(pl.len().over(name) > 1)
        .then(pl.concat_str(name, pl.lit(" ("), "staff_id", pl.lit(")")))
        .otherwise(name)
    )
    return dict(workers.select("id", shown.alias("name")).iter_rows())


def _months_in(period: Period) -> float:
    """Whole months in a month-aligned period, else the fraction of a year in months."""
    if period.start.day == 1 and month_end(period.end) == period.end:
        return float(len(period.months()))
    return ((period.end - period.start).days + 1) / 365.25 * 12

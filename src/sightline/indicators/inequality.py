"""Inequality of outcome: any indicator broken down by who the children are.

`Inequality(engine, population).breakdown(id, period, by, level, unit_id)` splits the same
facts the engine counts (so the groups add up to the whole) by ethnicity, sex, age band,
disability or UASC status, at any level and period. Each group gets its numerator,
denominator, value, a 95% interval and whether it differs significantly from the rest of
the children (see `intervals`). Counts and rates are per 10,000 of the group's own
population where the council's population table has that split (ethnicity, sex, age).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from . import group_figures as figures
from .engine import Engine, Result, _months_in
from .group_figures import Group
from .groups import BREAKDOWNS, GROUPS, UNBORN, child_attributes, dense, labels, with_groups
from .periods import Period
from .population import PopulationTable

PER = 10_000.0
CACHE_MAX = 4096
EXCEPTION_BREAKDOWNS = ("ethnicity", "sex", "age", "disability", "uasc")
NOT_KNOWN = {"UNKNOWN", "NOBT", "REFU", "U", UNBORN}  # groups no exception is raised about
BREAKDOWNS_ORDER = tuple(BREAKDOWNS)
FACT_COLUMNS = ["child_id", "date", "num", "den", "value", "weight"]


@dataclass
class Breakdown:
    indicator_id: str
    period: Period
    by: str
    level: str
    unit_id: int | None
    whole: Result
    groups: list[Group] = field(default_factory=list)
    applies: bool = True  # False for figures about workers, not children
    per_population: bool = False  # counts and rates per 10,000 of each group's population
    overall: float | None = None  # what the groups compare with: the whole's figure, or its rate per 10,000

    def __post_init__(self) -> None:
        if self.overall is None:
            self.overall = self.whole.value

    def rows(self) -> list[dict]:
        """Rows for the command line and downloads: group, numerator, ..., differs."""
        return [
            {"group": g.label, **{k: v for k, v in g.as_dict().items() if k not in ("key", "label")}}
            for g in self.groups
        ]


class Inequality:
    """Breakdowns over one engine (and its caches), with an optional population table."""

    def __init__(self, engine: Engine, population: PopulationTable | None = None) -> None:
        self.engine = engine
        self.population = population if population else None
        self._pops = {by: self.population.groups(by) for by in BREAKDOWNS} if self.population else {}
        self._attributes = dense(child_attributes(engine.frames["child"]))
        self._cache: dict[tuple, object] = {}

    def breakdown(
        self, indicator_id: str, period: Period, by: str, level: str = "council", unit_id: int | None = None
    ) -> Breakdown:
        names = labels(by)
        ind = self.engine.definition(indicator_id)
        place = (indicator_id, period, level, unit_id)
        whole = self._cached(
            ("whole", *place), lambda: self.engine.value(indicator_id, period, level, unit_id)
        )
        result = Breakdown(indicator_id, period, by, level, unit_id, whole)
        framed = self._facts(*place)
        if framed.height and framed["child_id"].null_count() == framed.height:
            result.applies = False
            return result
        pops = self._pops.get(by) if level == "council" else None
        if ind.aggregate in ("median", "mean"):
            kept, ties = self._cached(("ranked", *place), lambda: figures.ranked(framed))
            result.groups = figures.samples(kept, ties, by, names, median=ind.aggregate == "median")
        elif ind.aggregate == "yoy":
            before = self._cells(indicator_id, period.shifted_years(-1), level, unit_id, by)
            result.groups = figures.yoy(self._cells(*place, by), before, names)
        elif ind.aggregate == "percent":
            result.groups = figures.percent(self._cells(*place, by), names)
        elif ind.aggregate in ("count", "rate"):
            self._counts(result, ind, self._cells(*place, by), names, pops)
        else:
            result.groups = figures.ratio(self._cells(*place, by), names, ind.scale)
        return result

    def _counts(self, result: Breakdown, ind, cells: dict, names: dict, pops: dict | None) -> None:
        scale = PER * (12 / _months_in(result.period) if ind.kind == "flow" else 1.0)
        result.per_population = bool(pops)
        result.groups = figures.counts(cells, names, pops, scale, rate=ind.aggregate == "rate")
        if pops:
            total = sum(pops.values())
            counted = sum(g.numerator for g in result.groups)
            result.overall = figures.number(counted * scale / total) if total else None

    def _cached(self, key: tuple, build):
        if key not in self._cache:
            if len(self._cache) >= CACHE_MAX:
                self._cache.clear()
            self._cache[key] = build()
        return self._cache[key]

    def _facts(self, indicator_id: str, period: Period, level: str, unit_id: int | None) -> pl.DataFrame:
        """The engine's facts for the place, with every breakdown's group as a column."""

        def build() -> pl.DataFrame:
            facts = self.engine._filter_unit(self.engine.facts(indicator_id, period), level, unit_id)
            return with_groups(facts.select(FACT_COLUMNS), self._attributes)

        return self._cached(("facts", indicator_id, period, level, unit_id), build)

    def _cells(self, indicator_id: str, period: Period, level: str, unit_id: int | None, by: str) -> dict:
        """{group: (numerator, denominator, value sum, weight sum)} for the breakdown."""

        def all_cells() -> pl.DataFrame:
            den = pl.col("den")
            return (
                self._facts(indicator_id, period, level, unit_id)
                .group_by([f"_{b}" for b in BREAKDOWNS_ORDER])
                .agg(
                    (pl.col("num") & den).sum().alias("n"),
                    den.sum().alias("d"),
                    pl.col("value").filter(den).sum().alias("vs"),
                    pl.col("weight").filter(den).sum().alias("ws"),
                )
            )

        cells = self._cached(("cells", indicator_id, period, level, unit_id), lambda: all_cells().rows())
        position = BREAKDOWNS_ORDER.index(by)

        def grouped() -> dict:
            out: dict[str, list] = {}
            for row in cells:
                totals = out.setdefault(row[position], [0, 0, 0.0, 0.0])
                for i, amount in enumerate(row[len(BREAKDOWNS_ORDER) :]):
                    totals[i] += amount or 0
            return {key: tuple(totals) for key, totals in out.items()}

        return self._cached(("cells", indicator_id, period, level, unit_id, by), grouped)

    def exceptions(
        self,
        period: Period,
        level: str = "council",
        unit_id: int | None = None,
        breakdowns: tuple[str, ...] = EXCEPTION_BREAKDOWNS,
        indicator_ids: list[str] | None = None,
    ) -> list[dict]:
        """Groups significantly and substantially worse or better than the whole (the briefing's exceptions).

        Substantially: by the council's `inequality_points` for a percentage, and by a ratio of
        `inequality_ratio` (either way) for a rate, a count per population or a time. Each row:
        indicator_id, title, by, breakdown, group, key, value, whole, unit, direction ("worse" /
        "better", or "higher" / "lower" where the indicator has no better direction), numerator,
        denominator, ci_low, ci_high, p_value, size. Worse first, the largest first. Groups of
        children whose ethnicity, sex or age is not known are left out.
        """
        wanted = indicator_ids or [ind.id for ind in self.engine.registry]
        rows = []
        for indicator_id in wanted:
            ind = self.engine.definition(indicator_id)
            if ind.aggregate in ("yoy", "ratio"):
                continue
            for by in (b for b in breakdowns if b not in ind.defined_by):  # never true by definition
                result = self.breakdown(indicator_id, period, by, level, unit_id)
                for group in result.groups:
                    row = _exception(ind, result, group, self.engine.standards) if group.differs else None
                    if row:
                        rows.append(row)
        return sorted(rows, key=lambda r: (r["direction"] not in ("worse", "higher"), -r["size"]))

    def every(self, period: Period, by: str) -> list[Breakdown]:
        """Every indicator broken down one way for one period at council level."""
        return [self.breakdown(ind.id, period, by) for ind in self.engine.registry]


def _size(ind, group: Group, whole: float, standards) -> float | None:
    """How many times the council's threshold for 'substantially' the group's difference is."""
    if ind.aggregate == "percent":
        return abs(group.value - whole) / standards.inequality_points
    if whole > 0 and group.value > 0:
        ratio = group.value / whole
        return max(ratio, 1 / ratio) / standards.inequality_ratio
    return None


def _exception(ind, result: Breakdown, group: Group, standards) -> dict | None:
    whole = result.overall
    if group.value is None or whole is None or group.key in NOT_KNOWN:
        return None
    if ind.aggregate in ("count", "rate") and not result.per_population:
        return None
    size = _size(ind, group, whole, standards)
    if size is None or size < 1:
        return None
    higher = group.value > whole
    if ind.polarity:
        direction = "better" if higher == (ind.polarity == "higher") else "worse"
    else:
        direction = "higher" if higher else "lower"
    return {
        "indicator_id": ind.id,
        "title": ind.title,
        "unit": "per 10k" if result.per_population else ind.unit,
        "by": result.by,
        "breakdown": BREAKDOWNS[result.by],
        "key": group.key,
        "group": group.label,
        "value": group.value,
        "whole": whole,
        "direction": direction,
        "numerator": group.numerator,
        "denominator": group.denominator,
        "ci_low": group.ci_low,
        "ci_high": group.ci_high,
        "p_value": group.p_value,
        "size": round(size, 2),
    }


__all__ = ["BREAKDOWNS", "GROUPS", "Breakdown", "Group", "Inequality"]

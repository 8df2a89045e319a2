"""Reads for the web and the CLI: definitions, values, series, breakdowns, child lists, drift, settings.

Everything here reads the engine of `engine_cache` (one per data and settings version per
process), which in turn caches facts and results.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.indicators import benchmarks as bench
from sightline.indicators.citations import plain_source
from sightline.indicators.definitions import REGISTRY, all_definitions
from sightline.indicators.drift import KINDS, due_items
from sightline.indicators.engine import LEVELS, Engine, Result
from sightline.indicators.periods import Period
from sightline.indicators.registry import COHORTS, KPQ_SOURCE, KPQS
from sightline.indicators.standards import LocalStandards
from sightline.spc import Rebase
from sightline.spc import Result as ControlResult
from sightline.spc import analyse as spc_analyse

from .engine_cache import (
    clear_cache,
    engine,
    memo,
    one_engine,
    refreshing,
    served_reference_date,
    stored_standards,
)
from .loader import council, council_row, data_version
from .models import SettingChange, SpcRebase
from .scope import scoped

COHORT_SOURCE = "Groups of children the council's Quality Assurance Framework and inspections single out"
__all__ = [
    "LEVELS",
    "Period",
    "Result",
    "breakdown",
    "children",
    "clear_cache",
    "comparators",
    "control",
    "control_of",
    "council_row",
    "data_version",
    "default_period",
    "definitions",
    "drift",
    "drift_kinds",
    "engine",
    "headline_values",
    "kpqs",
    "local_standards",
    "memo",
    "one_engine",
    "pack",
    "rebases",
    "reference_date",
    "refreshing",
    "series",
    "served_reference_date",
    "setting_change_log",
    "setting_changes",
    "standards_table",
    "stored_standards",
    "units",
    "value",
    "worker_name",
]


# ----- definitions ----------------------------------------------------------------------------
def definitions() -> list[dict]:
    """Every indicator in display order, with its effective target and tolerance and England benchmark.

    Keys: id, title, kpq (1-10 or a cohort key), question, numerator, denominator, unit,
    aggregate, polarity ("higher"/"lower"/None), source, kind ("flow"/"stock"), target,
    tolerance, default_target, default_tolerance, benchmark (id), benchmark_value (latest
    England row as a dict, or None), national, headline, date_label.
    """
    current = engine()
    out = []
    for d in all_definitions():
        row = d.as_dict()
        row["default_target"], row["default_tolerance"] = d.target, d.tolerance
        row["target"], row["tolerance"] = current.targets.get(d.id, (d.target, d.tolerance))
        row["benchmark_value"] = current.benchmarks.get(d.benchmark or "")
        out.append(row)
    return out


def definition(indicator_id: str) -> dict:
    for row in definitions():
        if row["id"] == indicator_id:
            return row
    raise KeyError(f"There is no indicator {indicator_id!r}.")


def kpqs(include_cohorts: bool = False) -> list[dict]:
    """The ten Key Performance Questions (Durham QAF appendix 2), each with its indicator ids.

    Keys: number (1-10, or the cohort key), title, question, source, indicators (ids in
    display order), headline (the ids shown on the KPQ dashboard).
    """
    defs = definitions()
    groups = [(n, *KPQS[n]) for n in KPQS]
    if include_cohorts:
        groups += [(k, *COHORTS[k]) for k in COHORTS]
    return [
        {
            "number": number,
            "title": title,
            "question": question,
            "source": KPQ_SOURCE if number in KPQS else COHORT_SOURCE,
            "indicators": [d["id"] for d in defs if d["kpq"] == number],
            "headline": [d["id"] for d in defs if d["kpq"] == number and d["headline"]],
        }
        for number, title, question in groups
    ]


# ----- periods -------------------------------------------------------------------------------
def reference_date() -> date:
    """The date the data runs to (Council.reference_date)."""
    return engine().frames.reference_date


def default_period(kind: str = "month", on: date | None = None) -> Period:
    """A period of the given kind (month, quarter, year, rolling_12, as_at) ending at the reference date."""
    on = on or reference_date()
    makers = {
        "month": Period.month,
        "quarter": Period.quarter,
        "year": Period.year,
        "rolling_12": Period.rolling_12,
        "as_at": Period.as_at,
    }
    if kind not in makers:
        raise ValueError(f"Unknown period kind {kind!r}; use one of {', '.join(makers)}.")
    return makers[kind](on)


# ----- values --------------------------------------------------------------------------------
def value(
    indicator_id: str, period: Period | None = None, level: str = "council", unit_id: int | None = None
) -> Result:
    """One figure: Result(value, numerator, denominator, target, tolerance, rag, benchmark, unit_name...).

    `period` defaults to the reference month; `level` is council, service, team or worker,
    with `unit_id` the Service, Team or Worker pk. Raises KeyError for an unknown indicator,
    ValueError for a bad level.
    """
    period = period or default_period()
    REGISTRY[indicator_id]
    return memo(
        ("value", indicator_id, period, level, unit_id),
        lambda e: e.value(indicator_id, period, level, unit_id),
    )


def series(
    indicator_id: str,
    end: date | None = None,
    months: int = 24,
    level: str = "council",
    unit_id: int | None = None,
) -> list[tuple[date, Result]]:
    """Monthly results for the trend chart: [(first day of month, Result)], oldest first."""
    end = end or reference_date()
    REGISTRY[indicator_id]
    if not 1 <= months <= 120:
        raise ValueError("A series is 1 to 120 months long.")
    return memo(
        ("series", indicator_id, end, months, level, unit_id),
        lambda e: e.series(indicator_id, end, months, level, unit_id),
    )


def breakdown(indicator_id: str, period: Period | None = None, level: str = "team") -> list[Result]:
    """One Result per service, team or worker (unit_id, unit_name), unallocated last, for the drill-down."""
    period = period or default_period()
    REGISTRY[indicator_id]
    return memo(
        ("breakdown", indicator_id, period, level), lambda e: e.breakdown(indicator_id, period, level)
    )


def children(
    indicator_id: str,
    period: Period | None = None,
    level: str = "council",
    unit_id: int | None = None,
    which: str = "numerator",
) -> list[dict]:
    """The child-level rows behind a figure (which = numerator, denominator or missing).

    Each row: child_id (Child.pk; None for worker rows), la_child_id, date (the event or
    as-at date), team_id, team, worker_id, worker, value, then the definition's own detail
    columns (the relevant dates, working days...). Worker-level indicators (caseloads,
    supervision) list workers instead, with child_id None.
    """
    period = period or default_period()
    REGISTRY[indicator_id]
    return memo(
        ("children", indicator_id, period, level, unit_id, which),
        lambda e: e.children(indicator_id, period, level, unit_id, which),
    )


def headline_values(
    period: Period | None = None, level: str = "council", unit_id: int | None = None
) -> list[dict]:
    """Every headline indicator's definition with its Result, in display order (the home dashboard)."""
    period = period or default_period()
    return [
        {"definition": d, "result": value(d["id"], period, level, unit_id)}
        for d in definitions()
        if d["headline"]
    ]


def pack(end: date | None = None, months: int = 24, levels: tuple[str, ...] = LEVELS) -> pl.DataFrame:
    """Every indicator x `months` monthly values x the council and every service, team and worker
    (or only the `levels` asked for).

    A Polars frame (indicator_id, level, unit_id, month, numerator, denominator, value) for
    exports and the clinics' exceptions; year-on-year indicators are left out.
    """
    end = end or reference_date()
    return memo(("pack", end, months, tuple(levels)), lambda e: e.pack(end, months, tuple(levels)))


def units(level: str) -> dict[int, str]:
    """{id: name} of the services, teams or workers."""
    return engine().units(level)


def worker_name(worker) -> str:
    """A worker named as the engine names them: two of the same name told apart by staff id."""
    if worker is None:
        return ""
    return units("worker").get(worker.pk) or str(worker)


def comparators(indicator_id: str) -> list[dict]:
    """England and the statistical neighbours (the council setting `statistical_neighbours`) for
    an indicator with a national benchmark: [{area, la_code, value, year, unit, source}]."""
    codes = [c for c in local_standards().statistical_neighbours.split(",") if c]
    return bench.comparators(REGISTRY[indicator_id].benchmark, codes)


# ----- statistical process control -----------------------------------------------------------
def rebases() -> dict[str, list[Rebase]]:
    """The dates analysts recorded for recalculating each indicator's limits, with the reasons
    (read once per page: a drill-down's chart and its table both ask)."""
    return {k: list(v) for k, v in scoped("spc_rebases", _rebases).items()}


def _rebases() -> dict[str, list[Rebase]]:
    found: dict[str, list[Rebase]] = {}
    for indicator_id, on, reason in SpcRebase.objects.values_list("indicator_id", "starts_on", "reason"):
        found.setdefault(indicator_id, []).append(Rebase(on, reason))
    return found


def control_of(
    definition: dict,
    points: list[tuple[date, float | None]],
    recorded: list[Rebase] | None = None,
    run_length: int | None = None,
) -> ControlResult:
    """The Making Data Count reading of monthly values [(month, value)] of an indicator: its
    polarity and effective target from the definition, the council's run length (unless given,
    for a caller analysing many series), recorded rebases."""
    return spc_analyse(
        [month for month, _ in points],
        [value for _, value in points],
        polarity=definition.get("polarity"),
        target=definition.get("target"),
        run_length=run_length or local_standards().spc_run_length,
        rebases=rebases().get(definition["id"], []) if recorded is None else recorded,
    )


def control(
    indicator_id: str,
    end: date | None = None,
    months: int = 24,
    level: str = "council",
    unit_id: int | None = None,
) -> ControlResult:
    """The XmR analysis of an indicator's monthly series (`series`) at a level."""
    points = [(month, result.value) for month, result in series(indicator_id, end, months, level, unit_id)]
    return control_of(definition(indicator_id), points)


# ----- drift ---------------------------------------------------------------------------------
def drift_kinds() -> dict[str, str]:
    return dict(KINDS)


def drift(
    on: date | None = None,
    team_id: int | None = None,
    worker_id: int | None = None,
    child_id: int | None = None,
    overdue_only: bool = False,
) -> list[dict]:
    """Next due date of each kind for every open case, most overdue first.

    Each row: child_id, la_child_id, kind, kind_label, detail, due_date, status ("overdue" or
    "due"), days_overdue, last_done, previous ("met", "met late" or None), team_id, team,
    worker_id, worker (the social-work allocation in force on `on`).
    """
    on = on or reference_date()
    rows = memo(("drift", on), lambda e: _drift_rows(e, on))
    return [
        r
        for r in rows
        if (team_id is None or r["team_id"] == team_id)
        and (worker_id is None or r["worker_id"] == worker_id)
        and (child_id is None or r["child_id"] == child_id)
        and (not overdue_only or r["status"] == "overdue")
    ]


def _drift_rows(current: Engine, on: date) -> list[dict]:
    frame = due_items(current.ctx, on).with_columns(pl.lit(on).alias("date"))
    frame = current._attribute(frame.with_row_index("_order")).sort("_order")
    ids = current.frames["child"].select(pl.col("id").alias("child_id"), "la_child_id")
    frame = frame.join(ids, on="child_id", how="left", maintain_order="left")
    teams, workers = current.units("team"), current.units("worker")
    return [
        {
            "child_id": r["child_id"],
            "la_child_id": r["la_child_id"],
            "kind": r["kind"],
            "kind_label": KINDS[r["kind"]],
            "detail": r["detail"],
            "due_date": r["due_date"],
            "status": r["status"],
            "days_overdue": r["days_overdue"],
            "last_done": r["last_done"],
            "previous": r["previous"],
            "team_id": r["team_id"],
            "team": teams.get(r["team_id"], "Unallocated"),
            "worker_id": r["worker_id"],
            "worker": workers.get(r["worker_id"], ""),
        }
        for r in frame.iter_rows(named=True)
    ]


# ----- settings ------------------------------------------------------------------------------
def local_standards() -> LocalStandards:
    """The effective local standards (defaults overridden by the council's settings)."""
    return engine().standards


def standards_table() -> list[dict]:
    """Each local standard with its label, unit, bounds, source, default and current value."""
    current = local_standards()
    return [
        {**row, "value": getattr(current, row["key"]), "source": plain_source(row["source"])}
        for row in LocalStandards.describe()
    ]


def setting_changes(limit: int = 200) -> list[SettingChange]:
    """The audit trail of changes to standards and targets, newest first."""
    return list(SettingChange.objects.select_related("user")[:limit])


def setting_change_log(limit: int = 200) -> list[dict]:
    """The audit trail for the settings page: each change named as the page names the setting
    ("Local standard: Contact decision", "Target for Assessments within 45 working days"),
    never by its internal key."""
    standards = {row["key"]: row["label"] for row in LocalStandards.describe()}
    titles = {d.id: d.title for d in REGISTRY}
    what = {
        SettingChange.Kind.STANDARD: lambda key: f"Local standard: {standards.get(key, key)}",
        SettingChange.Kind.TARGET: lambda key: f"Target for {titles.get(key, key)}",
        SettingChange.Kind.POPULATION: lambda key: "Population estimate",
    }
    return [
        {
            "changed_at": c.changed_at,
            "username": c.username,
            "what": what[c.kind](c.key) if c.kind in what else c.get_kind_display(),
            "old_value": c.old_value,
            "new_value": c.new_value,
        }
        for c in setting_changes(limit)
    ]


def council_name() -> str:
    return council().name

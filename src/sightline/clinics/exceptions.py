"""Where a briefing's data exceptions come from: a registry of providers.

A provider is a function of the clinic's month and unit returning findings; the briefing is
pre-populated with every provider's findings when the month's clinics are scheduled. The
indicators' provider is here: an indicator whose monthly series at the clinic's level shows
special-cause concern in its latest month (NHS England's Making Data Count), or that missed its
target that month. Other apps add theirs from their AppConfig.ready(), for instance the
inequality work's groups whose outcomes differ, or the feedback register's complaints:

    from sightline.clinics.exceptions import ExceptionContext, Finding, register

    @register("feedback.complaints", title="Complaints", order=40)
    def complaints(ctx: ExceptionContext) -> list[Finding]:
        ...  # ctx.level is council, service or team; ctx.unit_id the Service or Team pk

A provider that fails is left out of that briefing (and logged), never breaking the cycle.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sightline.indicators.engine import rag
from sightline.performance import selectors as perf
from sightline.spc import SIGNALS, VARIATION_LABELS, Rebase

from . import domain

log = logging.getLogger(__name__)
SIGNAL_WORDS = dict(
    zip(
        SIGNALS,
        ("outside the process limits", "a shift", "a trend", "two of three near a limit"),
        strict=True,
    )
)
MONTHS = 24


@dataclass(frozen=True)
class ExceptionContext:
    month: date  # the first day of the month the figures are for
    level: str  # council | service | team (the engine's level)
    unit_id: int | None  # the Service or Team pk; None for the council


@dataclass(frozen=True)
class Finding:
    title: str
    detail: str = ""
    indicator_id: str = ""
    variation: str = ""
    assurance: str = ""
    value_display: str = ""
    target_display: str = ""


@dataclass(frozen=True)
class Provider:
    key: str
    title: str
    order: int
    find: Callable[[ExceptionContext], list[Finding]]


_PROVIDERS: dict[str, Provider] = {}


def register(key: str, *, title: str, order: int = 50):
    def decorate(find: Callable[[ExceptionContext], list[Finding]]):
        existing = _PROVIDERS.get(key)
        if existing is not None and existing.find is not find:
            raise ValueError(f"Exception provider {key} is registered twice")
        _PROVIDERS[key] = Provider(key, title, order, find)
        return find

    return decorate


def providers() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))


def find_all(ctx: ExceptionContext) -> list[tuple[Provider, Finding]]:
    found = []
    for provider in providers():
        try:
            found.extend((provider, finding) for finding in provider.find(ctx))
        except Exception:  # one register's fault must not stop the month's clinics
            log.exception("Exception provider %s failed for %s", provider.key, ctx)
    return found


def engine_level(clinic_level: str) -> str:
    return clinic_level if clinic_level in {"team", "service"} else "council"


# ----- the indicators' provider ------------------------------------------------------------------
_memo_lock = threading.Lock()
_memo: dict = {"engine": None, "items": {}}
ZERO_WHEN_EMPTY = {"count", "rate"}  # a month with no events counts 0; a percentage has no value


def _series_by_unit(month: date, level: str) -> dict[tuple[str, int | None], list[tuple[date, float | None]]]:
    """Every indicator's 24 months for every unit of a level, from the engine's pack (one pass)."""
    current = perf.engine()
    key = (month, level)
    with _memo_lock:
        if _memo["engine"] is not current:
            _memo.update(engine=current, items={})
        if key in _memo["items"]:
            return _memo["items"][key]
    frame = perf.pack(end=domain.month_end(month), months=MONTHS, levels=(level,))
    months = _months(month)
    aggregates = {d["id"]: d["aggregate"] for d in perf.definitions()}
    values: dict[tuple[str, int | None], dict[date, float | None]] = {}
    for row in frame.select("indicator_id", "unit_id", "month", "value").iter_rows():
        values.setdefault((row[0], row[1]), {})[row[2]] = row[3]
    built = {
        unit: [(m, found.get(m, 0.0 if aggregates.get(unit[0]) in ZERO_WHEN_EMPTY else None)) for m in months]
        for unit, found in values.items()
    }
    with _memo_lock:
        if _memo["engine"] is current:
            _memo["items"][key] = built
    return built


def _months(month: date) -> list[date]:
    out = [month]
    while len(out) < MONTHS:
        out.append(domain.previous_month(out[-1]))
    return out[::-1]


def indicator_findings(
    definitions: list[dict],
    series: dict[str, list[tuple[date, float | None]]],
    rebases: dict[str, list[Rebase]],
    fmt: Callable[[float | None, str], str] = lambda v, unit: "" if v is None else f"{v:g}",
) -> list[Finding]:
    """The exceptions among one unit's indicators: special-cause concern in the latest month, or the
    latest month's figure beyond its target's tolerance. Common-cause variation on target is none."""
    found = []
    run_length = perf.local_standards().spc_run_length
    for definition in definitions:
        points = series.get(definition["id"])
        if not points or not definition["polarity"]:
            continue
        control = perf.control_of(definition, points, rebases.get(definition["id"], []), run_length)
        latest = points[-1][1]
        missed = rag(latest, definition["target"], definition["tolerance"], definition["polarity"]) == "red"
        if not (control.concern or missed):
            continue
        found.append(_finding(definition, control, latest, missed, fmt))
    return found


def _finding(definition: dict, control, latest, missed: bool, fmt) -> Finding:
    parts = []
    if control.concern:
        signals = control.latest.signals if control.latest else ()
        words = ", ".join(SIGNAL_WORDS[s] for s in signals)
        parts.append(f"{VARIATION_LABELS[control.variation]} ({words}).")
    if missed:
        parts.append(f"Missed the target of {fmt(definition['target'], definition['unit'])} this month.")
    unit = definition["unit"]
    return Finding(
        title=definition["title"],
        detail=" ".join(parts),
        indicator_id=definition["id"],
        variation=control.variation or "",
        assurance=control.assurance or "",
        value_display=fmt(latest, unit),
        target_display=fmt(definition["target"], unit) if definition["target"] is not None else "",
    )


@register("indicators", title="Indicators: special-cause concern and missed targets", order=10)
def indicators(ctx: ExceptionContext) -> list[Finding]:
    from sightline.web.indicators import fmt_value

    by_unit = _series_by_unit(ctx.month, ctx.level)
    series = {indicator_id: points for (indicator_id, unit), points in by_unit.items() if unit == ctx.unit_id}
    definitions = [d for d in perf.definitions() if d["polarity"]]
    return indicator_findings(definitions, series, perf.rebases(), fmt_value)

"""An action's impact measure, computed, never typed in: before it started and after it closed.

Measure sources form a small registry. "indicator" reads the indicator engine (any registered
indicator, at council, service or team level); the audits app adds "audit" (the share of
audits graded good or better on a section) by calling `declare(...)` when it lands. A
source gives the value over a window of whole months and the monthly series for the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sightline.indicators.periods import Period, month_end
from sightline.performance import selectors as perf

from . import domain


@dataclass(frozen=True)
class MeasureSource:
    key: str
    label: str
    choices: Callable[[], Sequence[tuple[str, str]]]  # (measure key, title)
    value: Callable[[str, str, int | None, date, date], float | None]  # key, level, unit, start, end
    series: Callable[[str, str, int | None, date, int], list[tuple[date, float | None]]]
    unit: Callable[[str], str]
    polarity: Callable[[str], str | None]
    title: Callable[[str], str]


_SOURCES: dict[str, MeasureSource] = {}


def declare(source: MeasureSource) -> MeasureSource:
    _SOURCES[source.key] = source
    return source


def source(key: str) -> MeasureSource | None:
    return _SOURCES.get(key)


def sources() -> list[MeasureSource]:
    return list(_SOURCES.values())


# ----- the indicator engine ---------------------------------------------------------------------
def window_period(start: date, end: date) -> Period:
    return Period("window", start, end)


def _indicator_value(key: str, level: str, unit_id: int | None, start: date, end: date) -> float | None:
    return perf.value(key, window_period(start, end), level, unit_id if level != "council" else None).value


def _indicator_series(key: str, level: str, unit_id: int | None, end: date, months: int):
    unit = unit_id if level != "council" else None
    return [(month, result.value) for month, result in perf.series(key, end, months, level, unit)]


def _definition(key: str) -> dict:
    return perf.definition(key)


declare(
    MeasureSource(
        key="indicator",
        label="An indicator",
        choices=lambda: [(d["id"], d["title"]) for d in perf.definitions()],
        value=_indicator_value,
        series=_indicator_series,
        unit=lambda key: _definition(key)["unit"],
        polarity=lambda key: _definition(key)["polarity"],
        title=lambda key: _definition(key)["title"],
    )
)


# ----- an action's before and after -----------------------------------------------------------
@dataclass(frozen=True)
class Impact:
    title: str
    unit: str
    windows: domain.ImpactWindows
    before: float | None
    after: float | None
    direction: str | None  # better | worse | same | None
    series: list[tuple[date, float | None]]
    start: date
    closed: date | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def verdict(self) -> str:
        if self.windows.after is None:
            return "Not measured yet: the action is still open."
        if not self.windows.after_complete:
            return f"Not measured yet: the months after it closed run to {self.windows.after.end:%-d %B %Y}."
        if self.direction is None:
            return "No change can be measured: a value is missing for one of the windows."
        return {"better": "Improved", "worse": "Worse", "same": "No change"}[self.direction]


def impact(action, data_end: date) -> Impact | None:
    """The before and after values of an action's measure, or None if it has none (or its source is
    not installed)."""
    measure = source(action.measure) if action.measure else None
    if measure is None or not action.measure_key:
        return None
    standards = perf.stored_standards()
    windows = domain.impact_windows(
        action.start_date,
        action.completed_on if action.status == domain.COMPLETE else None,
        data_end,
        standards.impact_months_before,
        standards.impact_months_after,
    )
    level, unit = action.measure_level, action.measure_unit_id
    before = measure.value(action.measure_key, level, unit, windows.before.start, windows.before.end)
    after = None
    if windows.after is not None and windows.after_complete:
        after = measure.value(action.measure_key, level, unit, windows.after.start, windows.after.end)
    chart_end = min(data_end, windows.after.end if windows.after else data_end)
    first = windows.before.start
    months = (chart_end.year - first.year) * 12 + chart_end.month - first.month + 1
    series = measure.series(action.measure_key, level, unit, month_end(chart_end), min(max(months, 1), 120))
    return Impact(
        title=measure.title(action.measure_key),
        unit=measure.unit(action.measure_key),
        windows=windows,
        before=before,
        after=after,
        direction=domain.change_direction(before, after, measure.polarity(action.measure_key)),
        series=series,
        start=action.start_date,
        closed=windows.after and action.completed_on,
    )


# ----- the audit programme: the share of audits good or better, overall or on one section -------
OVERALL = "overall"


def _audit_rows(level: str, unit_id: int | None, start: date, end: date) -> list[dict]:
    from sightline.audits import selectors as audit_selectors
    from sightline.workforce.models import Team

    rows = audit_selectors.finalised_rows(start, end, unit_id if level == "team" else None)
    if level == "service" and unit_id is not None:
        teams = set(Team.objects.filter(service_id=unit_id).values_list("pk", flat=True))
        rows = [r for r in rows if r["team_id"] in teams]
    return rows


def _audit_share(key: str, rows: list[dict]) -> float | None:
    from sightline.audits.analysis import definitions_for
    from sightline.audits.domain import analysis

    if key == OVERALL:
        return analysis.good_or_better_pct(rows)
    definitions, _ = definitions_for(rows)
    found = next((d for d in analysis.by_section(rows, definitions) if d.group == key), None)
    return found.good_or_better_pct if found else None


def _audit_value(key: str, level: str, unit_id: int | None, start: date, end: date) -> float | None:
    return _audit_share(key, _audit_rows(level, unit_id, start, end))


def _audit_series(key: str, level: str, unit_id: int | None, end: date, months: int):
    from sightline.indicators.periods import month_starts

    return [(m, _audit_value(key, level, unit_id, m, month_end(m))) for m in month_starts(end, months)]


def _audit_choices() -> list[tuple[str, str]]:
    from sightline.audits.analysis import definitions_for
    from sightline.audits.domain import analysis

    rows = _audit_rows("council", None, date(1900, 1, 1), date(9999, 12, 31))
    definitions, _ = definitions_for(rows)
    sections = [d.group for d in analysis.by_section(rows, definitions)]
    return [(OVERALL, "Audits graded good or better overall")] + [
        (s, f"Audits good or better on {s}") for s in sections
    ]


def _audit_title(key: str) -> str:
    return "Audits graded good or better" + ("" if key == OVERALL else f" on {key}")


def declare_audit_measure() -> None:
    """The audit measure, when the audits app is installed (called from the AppConfig)."""
    declare(
        MeasureSource(
            key="audit",
            label="An audit measure",
            choices=_audit_choices,
            value=_audit_value,
            series=_audit_series,
            unit=lambda key: "%",
            polarity=lambda key: "higher",
            title=_audit_title,
        )
    )

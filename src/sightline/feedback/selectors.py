"""Reads for the feedback pages: overdue complaints, and the quarterly tables of seed 004 (tables 1-2).

Complaints about a child are read through the register's access rules, so a list never shows a
complaint about a child the viewer may not open; counts are of every complaint (no child named).
The measures (stage 1 complaints, stage 1 in timescale, compliments) are the indicator engine's,
quarter by quarter, so the page and the indicator's drill-down give one figure; stages 2 and 3
and the themes are counts of the register's rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Avg

from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.registers.access import visible_rows

from . import domain
from .models import Complaint, SurveyAnswer

QUARTERS_SHOWN = 6


def overdue_complaints(viewer, on: date, team_ids: set[int] | None = None):
    from .registers import COMPLAINTS

    queryset = Complaint.objects.filter(responded_on__isnull=True, due_on__lt=on).select_related(
        "team", "child"
    )
    if team_ids is not None:
        queryset = queryset.filter(team_id__in=team_ids)
    return list(visible_rows(COMPLAINTS, viewer, queryset, on).order_by("due_on", "reference"))


def recent_quarters(on: date, count: int = QUARTERS_SHOWN) -> list[tuple[int, int]]:
    """The last `count` financial quarters up to the one `on` falls in, oldest first."""
    year, quarter = domain.financial_quarter(on)
    found = []
    for _ in range(count):
        found.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found[::-1]


def quarter_name(key: tuple[int, int]) -> str:
    year, quarter = key
    return f"Q{quarter} {year}-{(year + 1) % 100:02d}"


def _first_day(key: tuple[int, int]) -> date:
    year, quarter = key
    month = 4 + (quarter - 1) * 3
    return date(year + (month > 12), (month - 1) % 12 + 1, 1)


def _by_quarter(days, keys) -> list[int]:
    counted = Counter(domain.financial_quarter(d) for d in days)
    return [counted.get(k, 0) for k in keys]


def _engine(indicator_id: str, key: tuple[int, int], team_id: int | None = None):
    period = Period.quarter(_first_day(key))
    if team_id is None:
        return perf.value(indicator_id, period)
    return perf.value(indicator_id, period, "team", team_id)


def _count(result) -> int:
    return int(result.value or 0)


def complaints_by_stage(on: date) -> dict:
    """Complaints received by stage and quarter, and stage 1 responded to within timescale."""
    keys = recent_quarters(on)
    rows = Complaint.objects.filter(stage__gt=1, received_on__gte=_first_day(keys[0]), received_on__lte=on)
    later = list(rows.values_list("stage", "received_on"))
    stage1 = [_count(_engine("complaints_stage1", k)) for k in keys]
    table = [(domain.STAGES[1], stage1)]
    for stage in (2, 3):
        table.append((domain.STAGES[stage], _by_quarter([r for s, r in later if s == stage], keys)))
    in_time = [_engine("complaints_stage1_in_time", k) for k in keys]
    names = [quarter_name(k) for k in keys]
    timely = [
        (name, int(r.denominator or 0), int(r.numerator or 0), r.value)
        for name, r in zip(names, in_time, strict=True)
    ]
    return {
        "quarters": names,
        "rows": table,
        "stage1": list(zip(names, stage1, strict=True)),
        "in_time": timely,
    }


def stage1_by_team(on: date) -> dict:
    """Stage 1 complaints by team and quarter (the engine's breakdown), largest first."""
    keys = recent_quarters(on)
    grouped: dict[str, list[int]] = defaultdict(lambda: [0] * len(keys))
    for column, key in enumerate(keys):
        for result in perf.breakdown("complaints_stage1", Period.quarter(_first_day(key)), "team"):
            if result.unit_id is not None:
                grouped[result.unit_name][column] = _count(result)
    table = sorted(grouped.items(), key=lambda r: (-sum(r[1]), r[0]))
    return {"quarters": [quarter_name(k) for k in keys], "rows": table}


def stage1_by_theme(on: date, labels: dict) -> dict:
    """Stage 1 complaints by theme and quarter (register rows), largest first."""
    keys = recent_quarters(on)
    rows = Complaint.objects.filter(stage=1, received_on__gte=_first_day(keys[0]), received_on__lte=on)
    grouped = defaultdict(list)
    for name, day in rows.values_list("theme", "received_on"):
        grouped[name].append(day)
    table = [(labels.get(name, name), _by_quarter(days, keys)) for name, days in grouped.items()]
    table.sort(key=lambda r: (-sum(r[1]), str(r[0])))
    return {"quarters": [quarter_name(k) for k in keys], "rows": table}


def compliments_by_quarter(on: date, team_id: int | None = None) -> dict:
    keys = recent_quarters(on)
    return {
        "quarters": [quarter_name(k) for k in keys],
        "counts": [_count(_engine("compliments_received", k, team_id)) for k in keys],
    }


def survey_by_question(on: date) -> list[tuple[str, float | None, int]]:
    """Each question's average score over the last four quarters, with the number of answers."""
    keys = recent_quarters(on, 4)
    answers = SurveyAnswer.objects.filter(
        response__received_on__gte=_first_day(keys[0]), response__received_on__lte=on
    )
    found = answers.values("question__number", "question__text").annotate(mean=Avg("score"))
    counts = Counter(answers.values_list("question__number", flat=True))
    return [
        (
            f"{r['question__number']}. {r['question__text']}",
            round(r["mean"], 2),
            counts[r["question__number"]],
        )
        for r in found.order_by("question__number")
    ]

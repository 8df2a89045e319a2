"""Reads for the feedback pages: overdue complaints, and the quarterly tables of seed 004 (tables 1-2).

Complaints about a child are read through the register's access rules, so a list never shows a
complaint about a child the viewer may not open; counts are of every complaint (no child named).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Avg

from sightline.registers.access import visible_rows

from . import domain
from .models import Complaint, Compliment, SurveyAnswer

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


def complaints_by_stage(on: date, team_ids: set[int] | None = None) -> dict:
    """Complaints received by stage and quarter, with those responded within timescale (stage 1)."""
    keys = recent_quarters(on)
    rows = Complaint.objects.filter(received_on__gte=_first_day(keys[0]), received_on__lte=on)
    if team_ids is not None:
        rows = rows.filter(team_id__in=team_ids)
    values = list(rows.values_list("stage", "received_on", "responded_on", "due_on"))
    table = []
    for stage, label in domain.STAGES.items():
        table.append((label, _by_quarter([r for s, r, _, _ in values if s == stage], keys)))
    in_time = _by_quarter([r for s, r, done, due in values if s == 1 and done and done <= due], keys)
    names = [quarter_name(k) for k in keys]
    return {"quarters": names, "rows": table, "stage1": list(zip(names, table[0][1], in_time, strict=True))}


def stage1_by(on: date, field: str, labels: dict | None = None) -> dict:
    """Stage 1 complaints by team (or theme) and quarter, largest first."""
    keys = recent_quarters(on)
    rows = Complaint.objects.filter(stage=1, received_on__gte=_first_day(keys[0]), received_on__lte=on)
    grouped = defaultdict(list)
    for name, day in rows.values_list(field, "received_on"):
        grouped[name].append(day)
    table = [((labels or {}).get(name, name), _by_quarter(days, keys)) for name, days in grouped.items()]
    table.sort(key=lambda r: (-sum(r[1]), str(r[0])))
    return {"quarters": [quarter_name(k) for k in keys], "rows": table}


def compliments_by_quarter(on: date, team_ids: set[int] | None = None) -> dict:
    keys = recent_quarters(on)
    rows = Compliment.objects.filter(received_on__gte=_first_day(keys[0]), received_on__lte=on)
    if team_ids is not None:
        rows = rows.filter(team_id__in=team_ids)
    return {
        "quarters": [quarter_name(k) for k in keys],
        "counts": _by_quarter(list(rows.values_list("received_on", flat=True)), keys),
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

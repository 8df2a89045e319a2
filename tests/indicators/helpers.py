"""Hand-built councils for the indicator tests: a few rows, answers worked out by hand."""

from __future__ import annotations

from datetime import date

from sightline.indicators.engine import Engine
from sightline.indicators.frames import Frames
from sightline.indicators.periods import Period
from sightline.indicators.standards import LocalStandards

REFERENCE = date(2026, 3, 31)
SERVICE = [{"id": 1, "name": "Families First"}]
TEAMS = [
    {"id": 1, "name": "Team A", "service_id": 1, "kind": "LOCALITY", "caseload_limit": 18},
    {"id": 2, "name": "Team B", "service_id": 1, "kind": "LOCALITY", "caseload_limit": 18},
]
WORKERS = [
    {
        "id": 1,
        "staff_id": "W1",
        "first_name": "Ann",
        "last_name": "One",
        "role": "SW",
        "team_id": 1,
        "fte": 1.0,
        "agency": False,
        "newly_qualified": False,
        "start_date": date(2020, 1, 1),
    },
    {
        "id": 2,
        "staff_id": "W2",
        "first_name": "Bob",
        "last_name": "Two",
        "role": "SW",
        "team_id": 2,
        "fte": 0.5,
        "agency": True,
        "newly_qualified": False,
        "start_date": date(2020, 1, 1),
    },
]


def children(*ids: int, dob: date = date(2015, 6, 1), **extra) -> list[dict]:
    return [
        {"id": i, "la_child_id": f"C{i}", "sex": "F", "date_of_birth": dob, "disabilities": [], **extra}
        for i in ids
    ]


def engine(standards: LocalStandards | None = None, population: int = 10_000, **tables) -> Engine:
    """An engine over the given tables, with one service, two teams and two workers unless given."""
    tables.setdefault("service", SERVICE)
    tables.setdefault("team", TEAMS)
    tables.setdefault("worker", WORKERS)
    if "child" not in tables:
        ids = sorted({row["child_id"] for rows in tables.values() for row in rows if row.get("child_id")})
        tables["child"] = children(*ids)
    frames = Frames.from_rows(tables, reference_date=REFERENCE, population_0_17=population, la_code="999")
    return Engine(frames, standards=standards)


def period(start: date, end: date) -> Period:
    return Period("custom", start, end)


def figures(result) -> tuple:
    return result.value, result.numerator, result.denominator

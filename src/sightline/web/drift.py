"""Drift lists: what is due and overdue for a team's or a child's open cases, from the engine.

The engine (performance.selectors.drift) decides what is due and when; this module words each
item for a person ('Overdue by 3 days' is not 'Due in 3 days'), narrows a team's list by what a
manager asks (overdue only, the kind of item, one worker) and names the workers it can be
narrowed to.
"""

from __future__ import annotations

from datetime import date

from sightline.performance import selectors as perf

SHOW = {"overdue": "Overdue only", "due": "Due, not yet overdue"}

# The columns of a drift list's download (the page shows the same, with the status as a tag).
EXPORT_COLUMNS = [
    ("la_child_id", "Child"),
    ("item", "What is due"),
    ("due_date", "Due"),
    ("when", "Status"),
    ("days_overdue", "Days overdue"),
    ("worker", "Worker"),
]


def drift_rows(on: date, *, team_id: int | None = None, child_id: int | None = None) -> list[dict]:
    """Due and overdue items, most overdue first, from the engine's timescales."""
    rows = perf.drift(on, team_id=team_id, child_id=child_id)
    return [worded(row, on) for row in rows]


def worded(row: dict, on: date) -> dict:
    """An engine's drift row with what is due and when in words ("item", "when")."""
    return {**row, "item": _item(row), "when": when_due(row, on)}


def _item(row: dict) -> str:
    """What is due, with the rule behind it when that adds something: 'Statutory visit: CPR reg 28'."""
    detail = row.get("detail") or ""
    if not detail or detail.lower() == row["kind_label"].lower():
        return row["kind_label"]
    return f"{row['kind_label']}: {detail}"


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def when_due(row: dict, on: date) -> str:
    """'Overdue by 3 days', 'Due today' or 'Due in 4 days': a due item told from an overdue one."""
    if row["status"] == "overdue":
        return f"Overdue by {_days(row['days_overdue'])}"
    ahead = (row["due_date"] - on).days
    return "Due today" if ahead <= 0 else f"Due in {_days(ahead)}"


def narrowed(rows: list[dict], *, show: str = "", kind: str = "", worker: int | None = None) -> list[dict]:
    """The rows a manager asked for: `show` a status ('overdue' or 'due'), one kind, one worker."""
    return [
        row
        for row in rows
        if (not show or row["status"] == show)
        and (not kind or row["kind"] == kind)
        and (worker is None or row["worker_id"] == worker)
    ]


def workers_of(rows: list[dict]) -> dict[int, str]:
    """The workers a list can be narrowed to (those with an item in it), by name."""
    named = {row["worker_id"]: row["worker"] for row in rows if row["worker_id"] is not None}
    return dict(sorted(named.items(), key=lambda item: (item[1], item[0])))

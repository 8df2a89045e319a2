"""The indicator catalogue: every indicator, by Key Performance Question and group of children.

The dashboard shows each question's headline figures only; a performance manager looking for
"care leavers in suitable accommodation" needs every indicator one search away. Each row is the
council's figure for the latest month, rated and suppressed as on the other pages, linking to
its drill-down.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from sightline.accounts import roles
from sightline.performance import selectors as perf

from .indicators import figure, parse_period
from .tables import Cell, Table, Tag, columns

HEADERS = ("Group", "Indicator", "What it counts", "Council figure", "Rating", "Target", "England")


def _words(definition: dict, group: dict) -> str:
    parts = [definition["title"], definition["numerator"], definition["denominator"], group["title"]]
    return " ".join(p for p in parts if p).lower()


def _group_name(group: dict) -> str:
    number = group["number"]
    return f"Question {number}: {group['title']}" if isinstance(number, int) else group["title"]


def _counts(definition: dict) -> str:
    denominator = definition["denominator"]
    if not denominator or denominator in {"—", "-"}:
        return definition["numerator"]
    return f"{definition['numerator']}, of {denominator}"


def catalogue(viewer: roles.Viewer, on: date, query: str = "") -> dict:
    """The groups with the indicators matching every word of `query` (all when it is empty)."""
    _, _, period = parse_period({}, on)
    definitions = {d["id"]: d for d in perf.definitions()}
    words = query.lower().split()
    groups, rows = [], []
    for group in perf.kpqs(include_cohorts=True):
        found = []
        for indicator_id in group["indicators"]:
            definition = definitions[indicator_id]
            if words and not all(word in _words(definition, group) for word in words):
                continue
            shown = figure(definition, perf.value(indicator_id, period), viewer)
            found.append((definition, shown))
            rows.append(
                (
                    _group_name(group),
                    definition["title"],
                    _counts(definition),
                    shown["display"],
                    shown["rag_label"],
                    shown["target_display"],
                    shown["benchmark_display"],
                )
            )
        if found:
            groups.append(
                {
                    "name": _group_name(group),
                    "question": group["question"],
                    "table": _table(_group_name(group), found),
                }
            )
    return {
        "groups": groups,
        "rows": rows,
        "shown": len(rows),
        "total": len(definitions),
        "period": period,
        "query": query,
    }


def _table(name: str, found: list[tuple[dict, dict]]) -> Table:
    return Table(
        f"{name}: every indicator",
        columns(*HEADERS[1:], numeric=["Council figure", "Target", "England"]),
        [
            (
                Cell(d["title"], reverse("indicator", args=[d["id"]])),
                _counts(d),
                f["display"],
                Cell("", tags=(Tag(f["rag_label"], f["rag_class"].removeprefix("govuk-tag--")),)),
                f["target_display"],
                f["benchmark_display"],
            )
            for d, f in found
        ],
        row_headers=True,
    )

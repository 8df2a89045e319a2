"""The workforce front page's tables, declared as columns and rows (web/tables.py)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import reverse

from sightline.web.tables import DASH, Cell, Column, Table, columns


def _measure(value, unit: str) -> str:
    return f"{floatformat(value, 1)}{'%' if unit == '%' else ''}"


def _england(definition) -> str:
    benchmark = definition.get("benchmark_value")
    if not benchmark:
        return DASH
    return f"{benchmark['value']}{'%' if definition['unit'] == '%' else ''} ({benchmark['year']})"


def measures(rows, period) -> Table:
    return Table(
        f"The council's workforce measures{f', {period.label}' if period else ''}",
        columns("Measure", "Council", "England", numeric=["Council", "England"]),
        [
            (
                Cell(m["definition"]["title"], reverse("indicator", args=[m["definition"]["id"]])),
                DASH if m["council"].value is None else _measure(m["council"].value, m["definition"]["unit"]),
                _england(m["definition"]),
            )
            for m in rows
        ],
        id="workforce-measures",
        caption_size="m",
        row_headers=True,
    )


def by_team(rows, headers) -> Table:
    return Table(
        "By team",
        [Column("Team"), *(Column(h, numeric=True) for h in headers)],
        [(row["name"], *(DASH if v is None else floatformat(v, 1) for v in row["values"])) for row in rows],
        id="workforce-by-team",
        caption_size="m",
        row_headers=True,
        scroll=True,
    )


def starters_and_leavers(movement: dict, as_at) -> Table:
    return Table(
        f"Social workers who started and left, {movement['since']:%-d %B %Y} to {as_at:%-d %B %Y}",
        columns("Employed by", "Starters", "Leavers", numeric=["Starters", "Leavers"]),
        movement["rows"],
        id="starters-leavers",
        caption_size="s",
        row_headers=True,
    )


def leaving_reasons(movement: dict) -> Table:
    return Table(
        "Why they left",
        columns("Reason", "Leavers", numeric=["Leavers"]),
        movement["reasons"],
        id="leaving-reasons",
        caption_size="s",
        row_headers=True,
    )


def overview(figures: dict, as_at) -> dict:
    movement = figures["movement"]
    return {
        "measures": measures(figures["measures"], figures["period"]),
        "by_team": by_team(figures["by_team"], figures["team_headers"]),
        "movement": movement,
        "starters_and_leavers": starters_and_leavers(movement, as_at) if movement else None,
        "leaving_reasons": leaving_reasons(movement) if movement else None,
    }

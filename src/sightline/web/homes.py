"""The home dashboard's council view: the ten questions, each with its headline figures beside the
period before (direction of travel), England and any statistical neighbours, and 24-month trends.

Built from the engine through web.indicators (figures, suppression, direction) and shared by every
viewer of one kind, so it is built once per period and kind of viewer while the data stand.
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse

from sightline.accounts import roles
from sightline.domain.dates import month_label
from sightline.performance import selectors as perf

from . import indicator_tables
from .indicators import compared, figure, fmt_value, memoised, parse_period
from .params import PERIOD_KINDS
from .small_multiples import small_multiple
from .tables import Cell, Column, Table, Tag

TREND_MONTHS = 24


def dashboard(viewer: roles.Viewer, on: date, params=None) -> dict:
    """The ten questions, each with its headline figures and a 24-month trend chart.

    The same for every viewer but for suppression, so it is built once per period and kind of
    viewer for as long as the data and settings stay the same.
    """
    kind, end, period = parse_period(params or {}, on)
    suppressed = roles.suppresses_small_numbers(viewer)

    def build() -> dict:
        # Rendering the sections is most of the page's work, and as shared as their figures.
        context = _dashboard(viewer, kind, end, period)
        return {**context, "questions_html": render_to_string("web/home_questions.html", context)}

    return memoised(("dashboard", kind, end, suppressed), build)


def _dashboard(viewer: roles.Viewer, kind: str, end: date, period) -> dict:
    definitions = {d["id"]: d for d in perf.definitions()}
    neighbours = bool(perf.local_standards().statistical_neighbours.strip(","))
    questions = []
    for question in perf.kpqs():
        headline = [definitions[i] for i in question["headline"]]
        shown = [(d, compared(d, period, viewer)) for d in headline]
        questions.append(
            {
                "number": question["number"],
                "title": question["title"],
                "question": question["question"],
                "indicators": [figure for _, figure in shown],
                "headline": headline_table(question["number"], shown, period, kind, neighbours),
                **_trend(headline, end, viewer, _trend_caption(question)),
            }
        )
    return {"kpqs": questions, "period": period, "period_kind": kind, "period_kinds": PERIOD_KINDS}


def headline_table(number, shown: list[tuple[dict, dict]], period, kind: str, neighbours: bool) -> Table:
    """A question's headline figures: each beside the period before, its target and rating,
    England's latest figure and, when the council names them, its statistical neighbours'."""
    columns = [Column("Indicator"), Column(period.label, numeric=True), Column("Direction of travel")]
    columns += [Column("Target", numeric=True), Column("Rating"), Column("England", numeric=True)]
    if neighbours:
        columns.append(Column("Statistical neighbours"))
    rows = []
    for definition, fig in shown:
        row = [
            Cell(
                fig["title"],
                href=f"{reverse('indicator', args=[fig['id']])}?period={kind}",
                note=f"{fig['numerator']} of {fig['denominator']}"
                if fig["numerator"] is not None and fig["denominator"] is not None
                else "",
            ),
            fig["display"],
            travel_cell(fig["travel"]),
            fig["target_display"],
            indicator_tables.rating(fig),
            Cell(fig["benchmark_display"], note=fig["benchmark_year"]),
        ]
        if neighbours:
            row.append(_neighbours(definition))
        rows.append(row)
    return Table(f"Headline indicators for question {number}", columns, rows, row_headers=True)


def travel_cell(travel) -> Cell:
    """The direction of travel as words, with better or worse as a tag after them."""
    return Cell(travel.text, tags=(Tag(travel.label, travel.colour),) if travel.label else ())


def _neighbours(definition: dict) -> str:
    """Each named neighbour's latest published figure: 'Derby 23.0% (2024-25)'."""
    found = perf.comparators(definition["id"])[1:]
    if not found:
        return "No national figure to compare"
    return "; ".join(
        f"{row['area']} {fmt_value(row['value'], definition['unit'])} ({row['year']})"
        if row["value"] is not None
        else f"{row['area']}: no published figure"
        for row in found
    )


def _trend_caption(question: dict) -> str:
    return f"Question {question['number']}: headline indicators by month"


def _trend(definitions: list[dict], end: date, viewer: roles.Viewer, caption: str) -> dict:
    """A chart of the headline indicators over 24 months, and the same numbers as a table."""
    if not definitions:
        return {"multiples": [], "trend": None}
    series = {d["id"]: perf.series(d["id"], end=end, months=TREND_MONTHS) for d in definitions}
    months = [month for month, _ in series[definitions[0]["id"]]]
    cells = {d["id"]: [figure(d, result, viewer) for _, result in series[d["id"]]] for d in definitions}
    multiples = [
        {
            "title": d["title"],
            "svg": small_multiple(
                months,
                [c["value"] for c in cells[d["id"]]],
                title=d["title"],
                unit=d["unit"],
                target=_target_of(d, series[d["id"]]),
                england=(d.get("benchmark_value") or {}).get("value"),
                suppressed=[c["suppressed"] for c in cells[d["id"]]],
            ),
        }
        for d in definitions
    ]
    table = Table(
        caption,
        [Column("Month"), *(Column(d["title"], numeric=True) for d in definitions)],
        [
            (month_label(month), *(cells[d["id"]][index]["display"] for d in definitions))
            for index, month in enumerate(months)
        ],
        row_headers=True,
    )
    return {"multiples": multiples, "trend": table}


def _target_of(definition: dict, points: list) -> float | None:
    """The target in force at the latest month (a council may have changed the default)."""
    return points[-1][1].target if points else definition.get("target")

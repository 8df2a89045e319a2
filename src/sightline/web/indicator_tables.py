"""The tables of the dashboard, an indicator's page and the inequality page (web/tables.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import capfirst

from sightline.domain.dates import month_label

from .tables import DASH, Cell, Column, Table, Tag, columns
from .templatetags.sightline_tags import cell, column_label, drill_query

_FIGURES = ("Value", "Numerator", "Denominator")


def _or_dash(value):
    return DASH if value is None else value


def rating(figure: dict) -> Cell:
    """A figure's RAG rating as a tag, in the ratings' one width."""
    return Cell(
        tags=(Tag(figure["rag_label"], figure["rag_class"].removeprefix("govuk-tag--"), rating=True),)
    )


def headline(number, figures: list[dict], period, period_kind: str) -> Table:
    """A question's headline indicators on the dashboard, each linking to its page."""
    numeric = (period.label, "Target", "England")
    return Table(
        f"Headline indicators for question {number}",
        columns("Indicator", period.label, "Target", "Rating", "England", numeric=numeric),
        [
            (
                Cell(
                    f["title"],
                    f"{reverse('indicator', args=[f['id']])}?period={period_kind}",
                    note=""
                    if f["numerator"] is None or f["denominator"] is None
                    else f"{f['numerator']} of {f['denominator']}",
                ),
                f["display"],
                f["target_display"],
                rating(f),
                Cell(f["benchmark_display"], note=f["benchmark_year"]),
            )
            for f in figures
        ],
        row_headers=True,
    )


def comparators(detail: dict) -> Table | None:
    if len(detail["comparators"]) <= 1:
        return None
    return Table(
        "Latest published figures for comparison",
        columns("Area", "Latest published", "Year", numeric=["Latest published"]),
        [(c["area"], c["display"], c["year"] or "no published figure") for c in detail["comparators"]],
        id="comparators-table",
        row_headers=True,
    )


def breakdown(detail: dict) -> Table | None:
    """The figure for each unit of the level below, each linking to its own drill-down."""
    below = detail["below"]
    if not below:
        return None
    return Table(
        f"{detail['definition']['title']} by {below}",
        columns(capfirst(below), *_FIGURES, "Rating", numeric=_FIGURES),
        [
            (
                Cell(
                    row["unit_name"],
                    f"?{drill_query(detail, below, row['unit_id'])}" if row["unit_id"] else "",
                ),
                row["display"],
                _or_dash(row["numerator"]),
                _or_dash(row["denominator"]),
                rating(row),
            )
            for row in detail["rows"]
        ],
        id="breakdown-table",
        row_headers=True,
        empty="Nothing to show for this period.",
        scroll=True,
    )


def trend(detail: dict) -> Table:
    numeric = (*_FIGURES, "Mean")
    return Table(
        f"{detail['definition']['title']} by month, with the mean, the process limits and any signal",
        columns("Month", *numeric, "Process limits", "Signal", numeric=numeric),
        [
            (
                month_label(month),
                point["display"],
                _or_dash(point["numerator"]),
                _or_dash(point["denominator"]),
                point["mean"],
                point["limits"],
                point["signals"],
            )
            for month, point in detail["trend"]
        ],
        id="trend-table",
        row_headers=True,
    )


def child_list(listing: dict | None) -> Table | None:
    """The children (or workers) behind the figure, each child linking to their record."""
    if not listing or not listing["rows"]:
        return None
    keys = listing["columns"]
    first = [] if listing["workers"] else [Column("Child")]

    def child(row) -> list:
        if listing["workers"]:
            return []
        return [
            Cell(row["la_child_id"], reverse("child", args=[row["child_id"]])) if row.get("child_id") else ""
        ]

    return Table(
        listing["lists"].get(listing["which"], ""),
        [*first, *(Column(column_label(k)) for k in keys)],
        [(*child(row), *(cell(row, k) for k in keys)) for row in listing["rows"]],
        id="child-list",
        scroll=True,
    )


def who(detail: dict) -> Table | None:
    """The figure for each group of children (the Who tab), against the rest of the children."""
    w = detail.get("who")
    if not w or not w["applies"]:
        return None
    group = w["tabs"].get(w["by"], "")
    denominator = "Children in the population" if w["per_population"] else "Denominator"
    numeric = ("Value", "95% interval", "Numerator", denominator)
    return Table(
        f"{detail['definition']['title']} by {group.lower()}",
        columns(group, *numeric, "Differs from the rest", numeric=numeric),
        [
            (
                row["label"],
                row["value_display"],
                _or_dash(row["interval"]),
                row["numerator_display"],
                row["denominator_display"],
                _or_dash(row["differs"]),
            )
            for row in w["rows"]
        ],
        id="who-table",
        row_headers=True,
        empty="Nothing to show for this period.",
        scroll=True,
    )


def detail_tables(detail: dict) -> dict:
    """Every table of an indicator's page, None where the page shows none."""
    return {
        "comparators": comparators(detail),
        "breakdown": breakdown(detail),
        "trend": trend(detail),
        "children": child_list(detail.get("list")),
        "who": who(detail),
    }


_DIRECTION_COLOURS = {"worse": "red", "better": "green"}


def exceptions(found: list[dict], period_kind: str, end) -> Table:
    """The groups significantly and substantially different, each linking to its indicator's Who tab."""
    numeric = ("Group's figure", "95% interval", "Council")
    return Table(
        "Groups significantly and substantially different, worse first",
        columns("Indicator", "Group", "Worse or better", *numeric, numeric=numeric),
        [
            (
                Cell(
                    r["title"],
                    f"{reverse('indicator', args=[r['indicator_id']])}"
                    f"?period={period_kind}&end={end:%Y-%m-%d}&by={r['by']}#who",
                ),
                Cell(r["group"], note=r["breakdown"]),
                Cell(tags=(Tag(r["direction_label"], _DIRECTION_COLOURS.get(r["direction"], "grey")),)),
                r["value_display"],
                r["interval"],
                r["whole_display"],
            )
            for r in found
        ],
        id="exceptions-table",
        row_headers=True,
        empty="No group of children is significantly and substantially different this period.",
        scroll=True,
    )


def rates(table: dict) -> list[Table]:
    """Disproportionality: one table of rates per 10,000 children for each measure."""
    ratios = ("Ratio to White British",) if table["by"] == "ethnicity" else ()
    numeric = ("Children", "Population", "Per 10,000", "95% interval", *ratios, "Ratio to the council")
    return [
        Table(
            f"{m['label']}: council {_or_dash(m['council'])} per 10,000",
            columns(table["by_label"], *numeric, "Differs from the rest", numeric=numeric),
            [
                (
                    r["label"],
                    r["numerator_display"],
                    r["denominator_display"],
                    r["value_display"],
                    _or_dash(r["interval"]),
                    *((_or_dash(r["to_white_british"]),) if ratios else ()),
                    _or_dash(r["to_council"]),
                    _or_dash(r["differs"]),
                )
                for r in m["rows"]
            ],
            id=f"rates-{number}",
            caption_size="s",
            row_headers=True,
            scroll=True,
        )
        for number, m in enumerate(table.get("measures") or [], 1)
    ]

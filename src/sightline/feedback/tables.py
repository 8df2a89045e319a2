"""The feedback front page's tables, declared as columns and rows (web/tables.py)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import reverse

from sightline.web.tables import DASH, Cell, Column, Table, columns


def by_quarter(table: dict, caption: str, first: str, table_id: str) -> Table:
    """Counts by financial quarter: rows of (label, [count per quarter])."""
    return Table(
        caption,
        [Column(first), *(Column(q, numeric=True) for q in table["quarters"])],
        [(label, *cells) for label, cells in table["rows"]],
        id=table_id,
        caption_size="s",
        row_headers=True,
        empty="None in these quarters.",
        scroll=True,
    )


def stage1_in_time(by_stage: dict) -> Table:
    labels = ("Quarter", "Due", "Responded within timescale", "Share")
    return Table(
        "Stage 1 complaints responded to within the timescale, by the quarter the response was due",
        columns(*labels, numeric=labels[1:]),
        [
            (quarter, due, in_time, DASH if share is None else f"{floatformat(share, 1)}%")
            for quarter, due, in_time, share in by_stage["in_time"]
        ],
        id="stage1-in-time",
        caption_size="s",
        row_headers=True,
    )


def compliments(table: dict, table_id: str = "compliments-by-quarter") -> Table:
    return Table(
        "Compliments received",
        columns(*table["quarters"], numeric=table["quarters"]),
        [table["counts"]],
        id=table_id,
        caption_size="s",
    )


def overdue(complaints, caption: str, table_id: str) -> Table | None:
    """Complaints open past their timescale, each linking to its record (None when there are none)."""
    if not complaints:
        return None
    return Table(
        caption,
        columns("Complaint", "Stage", "Team", "Received", "Response due"),
        [
            (
                Cell(c.reference, reverse("complaints-detail", args=[c.pk])),
                c.get_stage_display(),
                c.team,
                c.received_on,
                c.due_on,
            )
            for c in complaints
        ],
        id=table_id,
        caption_size="s",
    )


def survey(rows) -> Table:
    return Table(
        "Average score (1 to 5) over the last four quarters",
        columns("Question", "Average score", "Answers", numeric=["Average score", "Answers"]),
        rows,
        id="survey-by-question",
        caption_size="s",
        row_headers=True,
    )


def overview(by_stage: dict, by_team: dict, by_theme: dict, compliments_: dict, survey_) -> dict:
    return {
        "by_stage": by_quarter(by_stage, "Complaints received by stage", "Stage", "complaints-by-stage"),
        "stage1_in_time": stage1_in_time(by_stage),
        "by_team": by_quarter(by_team, "Stage 1 complaints by team", "Team", "stage1-by-team"),
        "by_theme": by_quarter(by_theme, "Stage 1 complaints by theme", "Theme", "stage1-by-theme"),
        "compliments": compliments(compliments_),
        "survey": survey(survey_),
    }

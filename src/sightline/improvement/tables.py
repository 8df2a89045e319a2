"""The improvement pages' tables, declared as columns and rows (web/tables.py): plan actions with
their RAG, closing the loop, escalations, an action's impact, a review's agencies, updates."""

from __future__ import annotations

from itertools import groupby

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.text import Truncator

from sightline.domain.dates import axis_month, long_date, month_label
from sightline.performance.selectors import worker_name
from sightline.web.tables import DASH, Cell, Column, Table, Tag, columns, written

# A plan action's RAG as a tag: (words, colour); anything else is a withdrawn action.
RAG_TAGS = {
    "red": ("Overdue", "red"),
    "amber": ("Due soon", "yellow"),
    "green": ("On track", "green"),
    "done": ("Complete", "grey"),
}


def rag_tag(rag: str | None) -> Tag:
    return Tag(*RAG_TAGS.get(rag, ("Withdrawn", "grey")))


def _figure(value) -> str:
    """A measure to one decimal place, a dash when there is none."""
    return floatformat(value, 1) or DASH


def _action_link(action) -> Cell:
    return Cell(action.title, reverse("actions-detail", args=[action.pk]))


def actions(pairs, caption: str, table_id: str = "") -> Table:
    """Plan actions, each with its RAG: (action, rag) pairs."""
    return Table(
        caption,
        columns("Action", "Owner", "Due", "Status", "RAG"),
        [
            (
                _action_link(action),
                worker_name(action.owner),
                action.due_date,
                action.get_status_display(),
                Cell(tags=(rag_tag(rag),)),
            )
            for action, rag in pairs
        ],
        id=table_id,
        caption_size="s",
    )


def plan_summary(summary) -> Table:
    """The count of the plan's actions by RAG, each linking to the list of them."""
    return Table(
        "The plan's actions",
        columns("RAG", "Actions", numeric=["Actions"]),
        [(Cell(label, f"{reverse('actions-list')}?rag={code}"), n) for code, label, n in summary],
        id="plan-summary",
        caption_size="m",
    )


def _completed(row) -> str:
    completed = row["action"].completed_on
    if row["late"]:
        return f"closed late, {long_date(completed)}"
    return f"{long_date(completed)}" if completed else ""


def _loop_row(row) -> tuple:
    action, impact = row["action"], row["impact"]
    due = f"{long_date(action.due_date)}" if action.due_date else ""
    return (
        Cell(
            action.title,
            reverse("actions-detail", args=[action.pk]),
            note=f"{worker_name(action.owner)}, due {due}",
        ),
        Cell(tags=(rag_tag(row["rag"]),), note=_completed(row)),
        Truncator(action.evidence or DASH).chars(200),
        impact.title if impact else DASH,
        _figure(impact.before) if impact else "",
        _figure(impact.after) if impact else "",
        impact.verdict if impact else "No measure",
    )


def loop(rows) -> list[tuple[str, Table]]:
    """Closing the loop: for each source (a recommendation, a finding), what was done and what changed."""
    labels = ("Action and owner", "Status", "What was done", "Measure", "Before", "After", "What changed")
    tables = []
    for number, (source, group) in enumerate(groupby(rows, key=lambda r: r["action"].source_label)):
        table = Table(
            "What was done and what changed",
            columns(*labels, numeric=["Before", "After"]),
            [_loop_row(row) for row in group],
            id="loop-table" if number == 0 else "",
            scroll=True,
        )
        tables.append((source, table))
    return tables


def by_team(months, rows) -> Table:
    """IRO escalations per team and month: rows of (team, [count per month], total)."""
    return Table(
        "Escalations by team and month",
        [
            Column("Team"),
            *(Column(axis_month(m), numeric=True) for m in months),
            Column("Total", numeric=True),
        ],
        [(name, *cells, total) for name, cells, total in rows],
        id="by-team-table",
        row_headers=True,
        scroll=True,
    )


def _escalation_link(escalation) -> Cell:
    return Cell(escalation.get_issue_display(), reverse("iro-escalations-detail", args=[escalation.pk]))


def overdue_escalations(escalations) -> Table:
    """On the team page: escalations open past the local timescale."""
    return Table(
        "IRO escalations open past the local timescale",
        columns("Child", "Issue", "Stage", "IRO", "Response due"),
        [
            (
                Cell(e.child.la_child_id, reverse("child", args=[e.child_id])),
                _escalation_link(e),
                e.get_stage_display(),
                worker_name(e.iro),
                e.response_due,
            )
            for e in escalations
        ],
        id="team-overdue-escalations",
        caption_size="s",
    )


def _closed(escalation) -> str:
    if not escalation.resolved_on:
        return "Open"
    return f"{long_date(escalation.resolved_on)} ({escalation.get_outcome_display().lower()})"


def child_escalations(escalations) -> Table:
    """On the child's record: the escalations about the child."""
    return Table(
        "IRO escalations about this child",
        columns("Raised", "Issue", "Stage", "Response due", "Closed"),
        [
            (e.raised_on, _escalation_link(e), e.get_stage_display(), e.response_due, _closed(e))
            for e in escalations
        ],
        id="child-escalations",
    )


def impact(found) -> Table:
    """An action's measure in the window before it started and the one after it closed."""
    title = f"{found.title} ({found.unit})" if found.unit else found.title
    after = found.windows.after
    return Table(
        "Before and after",
        columns("Window", "Months", title, numeric=[title]),
        [
            ("Before it started", found.windows.before.label, _figure(found.before)),
            ("After it closed", after.label if after else DASH, _figure(found.after)),
        ],
        id="impact-table",
        caption_size="s",
    )


def impact_series(found) -> Table:
    return Table(
        f"{found.title} by month",
        columns("Month", "Value", numeric=["Value"]),
        [(month_label(month), _figure(value)) for month, value in found.series],
        id="impact-series",
    )


def agency_responses(recommendation, responses) -> Table:
    """A practice review's recommendation: each agency's part, its status and how many updates."""
    return Table(
        f"Agencies responsible for {str(recommendation).lower()}",
        columns("Agency", "What it will do", "Status", "Updates"),
        [
            (
                Cell(r.get_agency_display(), reverse("agency-actions-detail", args=[r.pk])),
                r.action,
                r.get_status_display(),
                len(r.updates.all()),
            )
            for r in responses
        ],
    )


def progress_updates(updates) -> Table:
    """An agency's dated updates on its part of a recommendation, as it wrote them."""
    return Table(
        "Progress updates, oldest first",
        columns("Date", "What has been done", "Evidence"),
        [(u.update_date, written(u.progress), written(u.evidence)) for u in updates],
        id="updates-table",
    )

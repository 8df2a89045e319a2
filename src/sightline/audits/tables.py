"""The audit pages' tables, declared as columns and rows (web/tables.py): the analysis tables, the
hub's lists, programmes and their audits, the overdue list, the actions register, the tools, the
team page's audits and an audit's own actions."""

from __future__ import annotations

from django.urls import reverse

from sightline.domain.dates import long_date
from sightline.web.tables import DASH, Action, Cell, Column, Item, Table, columns, local

from .domain.grades import grade_label
from .models import AuditAction
from .posts import NoteForm


def _audit_url(audit_id: int, fragment: str = "") -> str:
    return reverse("audit", args=[audit_id]) + fragment


def _dash(value):
    return DASH if value is None else value


def analysis(table) -> Table:
    """An analysis table (audits.analysis.Table): a missing figure as a dash; a suppressed count
    reads as roles.suppress gave it."""
    return Table(
        table.caption,
        [Column(header) for header in table.headers],
        [[row[0], *(_dash(value) for value in row[1:])] for row in table.rows],
        id=f"table-{table.key}",
        row_headers=True,
        scroll=True,
    )


def _linked_rows(pairs, link) -> list[list]:
    """Rows of export cells whose first cell links to the audit: (audit, cells) pairs."""
    return [[Cell(cells[0], link(audit)), *cells[1:]] for audit, cells in pairs]


def programme_audits(rows, headers) -> Table:
    """A programme's audits, as its download has them, each child linking to the audit."""
    return Table(
        "Audits in the programme",
        columns(*headers),
        _linked_rows(((r["audit"], r["cells"]) for r in rows), lambda a: _audit_url(a.pk)),
        id="programme-audits",
        scroll=True,
    )


def overdue(pairs, headers) -> Table:
    """Overdue audits, as the download has them: (audit, cells) pairs."""
    return Table(
        "Overdue audits", columns(*headers), _linked_rows(pairs, lambda a: _audit_url(a.pk)), id="overdue"
    )


def actions(pairs, headers) -> Table:
    """The actions register, as the download has it, the child linking to the audit's actions;
    a date not yet there (closed) as a dash."""
    return Table(
        "Actions",
        columns(*headers),
        [
            [cells[0], Cell(cells[1], _audit_url(action.audit_id, "#actions")), *map(_dash, cells[2:])]
            for action, cells in pairs
        ],
        id="actions",
    )


def programmes(rows) -> Table:
    """Each programme's progress: (programme, Progress) pairs."""
    figures = ("Planned", "Finalised", "Completion", "Overdue")
    return Table(
        "Programmes",
        columns("Programme", "Quarter", "Tool", *figures, numeric=figures),
        [
            (
                Cell(p.name, reverse("audit-programme", args=[p.pk])),
                p.quarter,
                p.tool_version.tool.name,
                progress.planned,
                progress.finalised,
                DASH if progress.completion_pct is None else f"{progress.completion_pct}%",
                progress.overdue,
            )
            for p, progress in rows
        ],
        id="programmes",
    )


def tools(pairs) -> Table:
    """The audit tools with their latest version: (tool, version) pairs."""
    return Table(
        "Audit tools",
        columns("Tool", "Kind", "Latest version"),
        [
            (
                Cell(tool.name, reverse("audit-tool", args=[tool.key]), note=tool.description),
                tool.get_kind_display(),
                f"{latest.number} ({long_date(local(latest.created_at))})",
            )
            for tool, latest in pairs
        ],
        id="tools",
    )


def agency_open(audits) -> Table:
    """A partner agency's open multi-agency audits, where it completes its section."""
    return Table(
        "Open multi-agency audits with a section for your agency",
        columns("Audit", "Due", "Auditor"),
        [
            (
                Cell(f"Audit {a.pk}: your agency's section", _audit_url(a.pk)),
                a.due_date or "Not set",
                a.auditor_name or "Not yet given",
            )
            for a in audits
        ],
    )


def to_do(audits) -> Table:
    """The viewer's own audits not yet finalised."""
    return Table(
        "Audits for you to do",
        columns("Child", "Tool", "Due", "Status"),
        [
            (
                Cell(f"Audit of {a.child.la_child_id}", _audit_url(a.pk)),
                a.tool_version.tool.name,
                a.due_date,
                a.get_status_display(),
            )
            for a in audits
        ],
    )


def finalised(audits, partner: bool) -> Table:
    """Finalised audits the viewer may open, with the grade they may see (`grade_shown`); a
    partner agency sees neither the child's id nor the grade."""
    labels = ("Audit", "Tool", "Date", "Auditor") + (() if partner else ("Grade",))
    return Table(
        "Finalised audits",
        columns(*labels),
        [
            (
                Cell(f"Audit {a.pk}" + ("" if partner else f" of {a.child.la_child_id}"), _audit_url(a.pk)),
                a.tool_version.tool.name,
                a.audit_date,
                a.auditor_name,
                *(() if partner else (a.grade_shown,)),
            )
            for a in audits
        ],
    )


def team_audits(audits) -> Table:
    """On the team page: the team's finalised audits the viewer may open."""
    return Table(
        "The team's audits",
        columns("Audit", "Tool", "Date", "Grade"),
        [
            (
                Cell(f"Audit of {a.child.la_child_id}", _audit_url(a.pk)),
                a.tool_version.tool.name,
                a.audit_date,
                grade_label(a.overall_grade),
            )
            for a in audits
        ],
        id="team-audits",
    )


def _close_form(action) -> dict:
    """The cell's own small form closing an open action, saying what was done."""
    form = NoteForm(auto_id="close-%s")
    form.fields["note"].widget.attrs["id"] = f"close-{action.pk}"
    return {
        "field": form["note"],
        "label": "What was done",
        "label_shown": True,
        "action": Action(
            "Close", reverse("audit-action-close", args=[action.pk]), context=action.description
        ),
    }


def _action_status(action, can_close: bool, raise_url: str | None) -> Cell:
    closed = f" {long_date(action.closed_on)}" if action.closed_on else ""
    closable = can_close and action.status == AuditAction.Status.OPEN
    return Cell(
        f"{action.get_status_display()}{closed}",
        items=(Item("Raise a plan action", href=raise_url),) if raise_url else (),
        **(_close_form(action) if closable else {}),
    )


def audit_actions(actions, can_close: bool, raise_url) -> Table:
    """An audit's actions; an open one closed from its row by those who may. `raise_url(action)`:
    where to raise a plan action from it, or None."""
    return Table(
        "Actions",
        columns("Action", "Owner", "Due", "Status"),
        [
            (a.description, a.owner_name, a.due_date, _action_status(a, can_close, raise_url(a)))
            for a in actions
        ],
    )

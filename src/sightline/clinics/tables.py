"""The clinic pages' tables (the month's schedule; a clinic's data exceptions with a commentary
box per row, last month's actions and the briefings it receives), declared as columns and rows
(web/tables.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from sightline.spc import ASSURANCE_LABELS, VARIATION_LABELS
from sightline.spc.icons import assurance_icon, variation_icon
from sightline.web.tables import DASH, Cell, Table, Tag, columns
from sightline.web.templatetags.sightline_tags import worker_name

from . import domain

FIGURES = ("This month", "Target")
STATUS_COLOURS = {domain.SIGNED_OFF: "green", domain.DRAFT: "grey"}  # otherwise blue


def status_tag(clinic, label: str) -> Tag:
    return Tag(label, STATUS_COLOURS.get(clinic.status, "blue"))


def schedule(rows) -> Table:
    """The month's clinics in the order they meet, each with its briefing's status."""
    return Table(
        "The month's clinics, in the order they meet",
        columns("Clinic", "Meets", "Briefing"),
        [
            (
                Cell(row["clinic"], reverse("clinic", args=[row["clinic"].pk])),
                f"{row['clinic'].meets_on:%-d %B %Y}",
                Cell(tags=(status_tag(row["clinic"], row["status"]),)),
            )
            for row in rows
        ],
        id="clinics",
        caption_size="m",
        row_headers=True,
    )


def _indicator(exception, clinic) -> Cell:
    """The exception's indicator, linked to its page at the clinic's level."""
    if not exception.indicator_id:
        return Cell(exception.title)
    if clinic.level == "team":
        level = {"level": "team", "unit": clinic.team_id}
    elif clinic.level == "service":
        level = {"level": "service", "unit": clinic.service_id}
    else:
        level = {"level": "council"}
    return Cell(exception.title, f"{reverse('indicator', args=[exception.indicator_id])}?{urlencode(level)}")


def signal(exception) -> str:
    """The Making Data Count icons of the exception's stored variation and assurance, then its words."""
    icons = []
    if exception.variation in VARIATION_LABELS:
        icons.append(variation_icon(exception.variation, 32).svg)
    if exception.assurance in ASSURANCE_LABELS:
        icons.append(assurance_icon(exception.assurance, 32).svg)
    # The icons are built from fixed shapes and escaped labels (spc.icons); the words are escaped.
    return format_html(
        '<span class="sightline-spc-inline">{}</span> {}', mark_safe(" ".join(icons)), exception.detail
    )


def exceptions(clinic, found, commentary=None) -> Table:
    """The month's data exceptions; with a `commentary` form (one who may edit the briefing) a
    box per row for what it means, otherwise the commentary as written."""
    return Table(
        f"Data exceptions, {clinic.month:%B %Y}",
        columns(
            "Indicator", "This month", "Target", "Signal", "Commentary", numeric=["This month", "Target"]
        ),
        [
            (
                _indicator(e, clinic),
                e.value_display,
                e.target_display,
                signal(e),
                Cell(field=commentary[f"commentary-{e.pk}"]) if commentary else e.commentary,
            )
            for e in found
        ],
        id="exceptions-table",
        row_headers=True,
        missing=DASH,
    )


def _plan_action(action) -> Cell:
    if action.plan_action:
        return Cell(action.text, reverse("actions-detail", args=[action.plan_action.pk]))
    return Cell(action.text)


def previous_actions(actions) -> Table:
    return Table(
        "Actions raised at last month's clinic and their status now",
        columns("Action", "Owner", "Due", "Status"),
        [
            (
                _plan_action(a),
                worker_name(a.owner),
                a.due_date,
                a.plan_action.get_status_display() if a.plan_action else "Not on the plan",
            )
            for a in actions
        ],
        id="previous-actions-table",
        row_headers=True,
    )


def _briefing(clinic) -> Cell:
    name = clinic.unit_name if clinic.level in {"team", "service"} else clinic.get_level_display()
    return Cell(name, reverse("clinic", args=[clinic.pk]))


def below(summaries) -> Table:
    """The briefings of the clinics one level down, as this clinic receives them."""
    return Table(
        "The briefings this clinic receives",
        columns("Briefing", "Status", "Exceptions", "Worried about", "Working well", numeric=["Exceptions"]),
        [
            (_briefing(s["clinic"]), s["status"], s["exceptions"], s["worried_about"], s["working_well"])
            for s in summaries
        ],
        id="below-table",
        row_headers=True,
        missing=DASH,
    )


def teams(summaries) -> Table:
    """Every team's briefing this month, for the council's clinics."""
    labels = ("Team", "Service", "Status", "Exceptions", "Of concern", "Worried about")
    return Table(
        "Team briefings this month, rolled up",
        columns(*labels, numeric=["Exceptions", "Of concern"]),
        [
            (
                Cell(s["clinic"].team.name, reverse("clinic", args=[s["clinic"].pk])),
                s["clinic"].team.service.name,
                s["status"],
                s["exceptions"],
                s["concerns"],
                s["worried_about"],
            )
            for s in summaries
        ],
        id="teams-table",
        row_headers=True,
        missing=DASH,
    )


def pack_tables(pack: dict, commentary=None) -> dict:
    """The clinic page's tables from its pack (clinics.selectors.pack)."""
    return {
        "exceptions_table": exceptions(pack["clinic"], pack["exceptions"], commentary),
        "previous_actions_table": previous_actions(pack["previous_actions"]),
        "below_table": below(pack["below"]),
        "teams_table": teams(pack["teams"]),
    }

"""The feedback front page: overdue complaints and the quarterly tables, beside the registers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from sightline.accounts import roles
from sightline.web.selectors import as_at
from sightline.web.views import with_viewer

from . import selectors, tables
from .models import Complaint
from .registers import COMPLAINTS, COMPLIMENTS, QUESTIONS, RESPONSES

SECTIONS = [COMPLAINTS, COMPLIMENTS, RESPONSES, QUESTIONS]


@with_viewer
def overview(request):
    viewer = request.viewer
    shown = roles.visible_registers(viewer, SECTIONS)
    if not shown:
        raise PermissionDenied
    on = as_at()
    context = {
        "registers": shown,
        "as_at": on,
        **tables.overview(
            selectors.complaints_by_stage(on),
            selectors.stage1_by_team(on),
            selectors.stage1_by_theme(on, dict(Complaint.Theme.choices)),
            selectors.compliments_by_quarter(on),
            selectors.survey_by_question(on),
        ),
        "counts_only": roles.register_access(viewer, COMPLAINTS.rules) == "aggregates",
    }
    if not context["counts_only"]:
        context["overdue"] = tables.overdue(
            selectors.overdue_complaints(viewer, on),
            "Complaints awaiting a response after the day it was due",
            "overdue-complaints",
        )
    return render(request, "feedback/overview.html", context)

"""Reads for the improvement pages: detail-page extras, overdue lists, closing the loop, counts."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sightline.accounts import roles
from sightline.accounts.selectors import viewer_for
from sightline.indicators.periods import month_start
from sightline.registers.access import visible_rows
from sightline.web.selectors import as_at

from . import charts, domain, measures, sources, tables
from .escalations import DISPUTE_STATES, dispute_state_filter, timescale_label  # noqa: F401
from .models import (
    AgencyResponse,
    DisputeResolution,
    Inspection,
    PlanAction,
    PracticeReview,
)


def _viewer(request):
    return getattr(request, "viewer", None) or viewer_for(request.user)


# ----- plan -------------------------------------------------------------------------------------
def plan_actions_for(viewer, on: date):
    from .registers import PLAN_ACTIONS

    queryset = PlanAction.objects.select_related("priority", "owner", "owner__team")
    return visible_rows(PLAN_ACTIONS, viewer, queryset, on)


def priority_context(request, priority) -> dict:
    on = as_at()
    actions = plan_actions_for(_viewer(request), on).filter(priority=priority)
    pairs = [(a, a.rag(on)) for a in actions]
    return {"actions": tables.actions(pairs, "Actions under this priority", "priority-actions")}


def action_context(request, action) -> dict:
    on = as_at()
    found = measures.impact(action, on)
    source = sources.resolve(action.source_model, action.source_id) if action.source_model else None
    origin = sources.origin_of(action.origin_model, action.origin_id) if action.origin_model else None
    return {
        "impact": found,
        "impact_table": tables.impact(found) if found else None,
        "impact_series": tables.impact_series(found) if found else None,
        "impact_chart": charts.impact_svg(found) if found else "",
        "source_row": source,
        "origin_row": origin,
        "loop_url": loop_url(origin) if origin is not None else None,
    }


def actions_raised_from(row):
    return PlanAction.objects.filter(source_model=row._meta.label_lower, source_id=row.pk).select_related(
        "owner"
    )


def sourced_context(request, row) -> dict:
    """The plan actions raised from a row, and the link that raises another."""
    from .registers import PLAN_ACTIONS

    viewer = _viewer(request)
    on = as_at()
    raised = visible_rows(PLAN_ACTIONS, viewer, actions_raised_from(row), on)
    pairs = [(a, a.rag(on)) for a in raised]
    return {
        "raised_actions": tables.actions(pairs, "Plan actions", "raised-actions") if pairs else None,
        "raise_url": raise_url(row) if roles.can_add_row(viewer, PLAN_ACTIONS.rules) else None,
    }


def raise_url(row) -> str:
    from .registers import PLAN_ACTIONS

    return f"{PLAN_ACTIONS.add_url()}?source_model={row._meta.label_lower}&source_id={row.pk}"


def raise_url_for(viewer, row) -> str | None:
    """Where to raise a plan action from another app's row (an audit's action): None when its kind
    is no declared source or the viewer may not add plan actions; the plan action keeps the row
    as its source."""
    from .registers import PLAN_ACTIONS

    if sources.kind_for(sources.label_of(row)) is None or not roles.can_add_row(viewer, PLAN_ACTIONS.rules):
        return None
    return raise_url(row)


def loop_url(origin) -> str:
    from django.urls import reverse

    return reverse("improvement-loop", args=[origin._meta.label_lower, origin.pk])


def overdue_actions(viewer, on: date, *, owner_ids=None, team_ids=None):
    """Open actions past their due date, most overdue first, that the viewer may see."""
    queryset = plan_actions_for(viewer, on).filter(status__in=domain.OPEN_STATUSES, due_date__lt=on)
    if owner_ids is not None:
        queryset = queryset.filter(owner_id__in=owner_ids)
    if team_ids is not None:
        queryset = queryset.filter(owner__team_id__in=team_ids)
    return list(queryset.order_by("due_date", "pk"))


def my_actions(viewer, on: date) -> dict:
    """For the plan's front page: the viewer's own actions, and those of the staff they manage."""
    visible = plan_actions_for(viewer, on).exclude(status=domain.WITHDRAWN)
    own = list(visible.filter(owner_id=viewer.worker_id)) if viewer.worker_id else []
    managed = visible.none()
    if viewer.role is roles.Role.TEAM_MANAGER:
        managed = visible.filter(owner__team_id__in=viewer.team_ids)
    elif viewer.role is roles.Role.HEAD_OF_SERVICE:
        managed = visible.filter(owner__team__service_id__in=viewer.service_ids)
    managed = [a for a in managed.exclude(owner_id=viewer.worker_id) if a.status in domain.OPEN_STATUSES]
    return {
        "own": [(a, a.rag(on)) for a in own if a.status in domain.OPEN_STATUSES],
        "managed": [(a, a.rag(on)) for a in managed],
    }


def plan_summary(viewer, on: date) -> list[tuple[str, str, int]]:
    """(RAG code, label, count) of the actions the viewer may see, withdrawn ones left out."""
    counts = Counter(a.rag(on) for a in plan_actions_for(viewer, on))
    return [(k, domain.RAG_LABELS[k], counts.get(k, 0)) for k in ("red", "amber", "green", "done")]


# ----- closing the loop -------------------------------------------------------------------------
def loop_report(viewer, origin, on: date) -> list[dict]:
    """Every action raised from one origin (an inspection, a review, an audit programme, a challenge),
    what was done (status, evidence) and what changed (the measure before and after)."""
    actions = plan_actions_for(viewer, on).filter(origin_model=origin._meta.label_lower, origin_id=origin.pk)
    rows = []
    for action in actions.order_by("source_label", "due_date", "pk"):
        rows.append(
            {
                "action": action,
                "rag": action.rag(on),
                "late": domain.closed_late(action.status, action.due_date, action.completed_on),
                "impact": measures.impact(action, on),
            }
        )
    return rows


# ----- practice reviews -------------------------------------------------------------------------
def review_context(request, review: PracticeReview) -> dict:
    from .registers import RESPONSES

    viewer = _viewer(request)
    responses = visible_rows(RESPONSES, viewer, AgencyResponse.objects.all(), as_at())
    responses = responses.filter(recommendation__finding__review=review).prefetch_related("updates")
    by_recommendation: dict[int, list] = {}
    for response in responses:
        by_recommendation.setdefault(response.recommendation_id, []).append(response)
    findings = []
    for finding in review.findings.prefetch_related("recommendations"):
        findings.append(
            {
                "finding": finding,
                "recommendations": [
                    {"recommendation": r, "responses": _responses_table(r, by_recommendation.get(r.pk))}
                    for r in finding.recommendations.all()
                ],
            }
        )
    return {"findings": findings, "loop_url": loop_url(review)}


def _responses_table(recommendation, responses):
    return tables.agency_responses(recommendation, responses) if responses else None


def progress_summary(review: PracticeReview, viewer) -> dict:
    """The summary of progress in the shape partnerships publish: for each finding, what each
    agency has done (its updates in date order) and the evidence for it, numbered paragraphs."""
    from .registers import RESPONSES

    responses = visible_rows(RESPONSES, viewer, AgencyResponse.objects.all(), as_at())
    responses = responses.filter(recommendation__finding__review=review).prefetch_related("updates")
    number = len([p for p in review.introduction.split("\n\n") if p.strip()])
    sections = []
    for finding in review.findings.all():
        paragraphs = []
        for response in [r for r in responses if r.recommendation.finding_id == finding.pk]:
            for update in response.updates.all():
                number += 1
                paragraphs.append(
                    {
                        "number": number,
                        "agency": response.get_agency_display(),
                        "text": update.progress,
                        "evidence": update.evidence,
                        "date": update.update_date,
                    }
                )
        sections.append({"finding": finding, "paragraphs": paragraphs})
    intro = [p.strip() for p in review.introduction.split("\n\n") if p.strip()]
    return {"review": review, "introduction": intro, "sections": sections}


def response_context(request, response: AgencyResponse) -> dict:
    from .forms import ProgressUpdateForm
    from .registers import RESPONSES

    viewer = _viewer(request)
    can_update = roles.can_change_row(
        viewer, RESPONSES.rules, roles.RowScope(agencies=frozenset({response.agency}))
    )
    return {
        "recommendation": response.recommendation,
        "updates": tables.progress_updates(updates) if (updates := list(response.updates.all())) else None,
        "update_form": ProgressUpdateForm(initial={"update_date": date.today()}) if can_update else None,
    }


# ----- inspections ------------------------------------------------------------------------------
def inspection_context(request, inspection: Inspection) -> dict:
    from .registers import PLAN_ACTIONS

    viewer = _viewer(request)
    on = as_at()
    judgements = [
        (Inspection._meta.get_field(a).verbose_name, getattr(inspection, f"get_{a}_display")())
        for a in Inspection.JUDGEMENT_AREAS
    ]
    recommendations = []
    for rec in inspection.recommendations.all():
        raised = [(a, a.rag(on)) for a in visible_rows(PLAN_ACTIONS, viewer, actions_raised_from(rec), on)]
        recommendations.append(
            {
                "recommendation": rec,
                "actions": tables.actions(raised, "Plan actions") if raised else None,
                "raise_url": raise_url(rec) if roles.can_add_row(viewer, PLAN_ACTIONS.rules) else None,
            }
        )
    return {
        "judgements": judgements,
        "no_overall": inspection.start_date >= date(2026, 4, 1),
        "inspection_recommendations": recommendations,
        "loop_url": loop_url(inspection),
    }


# ----- IRO dispute resolution -------------------------------------------------------------------
def escalations_for_child(viewer, child, on: date) -> list[DisputeResolution]:
    from .registers import DISPUTES

    queryset = DisputeResolution.objects.filter(child=child).select_related("team", "iro")
    return list(visible_rows(DISPUTES, viewer, queryset, on))


def overdue_escalations(viewer, team, on: date) -> list[DisputeResolution]:
    from .registers import DISPUTES

    queryset = DisputeResolution.objects.filter(team=team, resolved_on__isnull=True, response_due__lt=on)
    return list(
        visible_rows(DISPUTES, viewer, queryset.select_related("child", "iro"), on).order_by("response_due")
    )


def escalations_by_team_and_month(start: date, end: date, team_ids=None) -> dict:
    """Escalations raised per team and month (aggregates: no child), with how many were resolved
    within the local timescale."""
    queryset = DisputeResolution.objects.filter(raised_on__range=(start, end)).select_related("team")
    if team_ids is not None:
        queryset = queryset.filter(team_id__in=team_ids)
    months, teams = [], {}
    cells: Counter = Counter()
    timely: Counter = Counter()
    for row in queryset:
        month = month_start(row.raised_on)
        if month not in months:
            months.append(month)
        teams[row.team_id] = row.team.name
        cells[(row.team_id, month)] += 1
        if row.resolved_on is not None and row.resolved_on <= row.response_due:
            timely[row.team_id] += 1
    months.sort()
    return {"months": months, "teams": teams, "cells": cells, "timely": timely}

"""The analysis page (grades by quarter, team, cohort and section; weakest questions; Signs of
Safety elements; actions; completion) and the agreement page (moderation, kappa, alpha,
over-optimism, calibration over time). Every chart has its table; every table downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from sightline.accounts import roles
from sightline.web import export_registry as exports
from sightline.web import params
from sightline.web.charts import line_chart
from sightline.web.exports import table_response
from sightline.web.params import ParameterError
from sightline.web.selectors import as_at
from sightline.web.views import with_viewer
from sightline.workforce.models import Team

from . import analysis as figures
from . import tables as govuk
from .domain.defaults import TOOL_KINDS
from .domain.grades import GRADE_ORDER, GRADES
from .domain.sampling import COHORTS
from .domain.tools import SOS_ELEMENTS
from .params import AgreementForm, AnalysisForm


def _range(asked):
    first, last = figures.period(as_at())
    first, last = asked["start"] or first, asked["end"] or last
    return (first, last) if first <= last else (last, first)


def _export(request, export, tables, asked, first, last):
    """The table asked for by `table` (the first when none is named); an unknown one is a 400."""
    wanted = asked["table"]
    table = next((t for t in tables if t.key == wanted), None if wanted else tables[0])
    if table is None:
        names = ", ".join(t.key for t in tables)
        raise ParameterError([f"Table: “{wanted}” is not one of {names}."])
    team = Team.objects.filter(pk=asked["team"]).first() if asked.get("team") else None
    return table_response(
        request,
        export,
        f"audits-{table.key}",
        table.headers,
        table.rows,
        asked["format"],
        title=table.caption,
        period=first.label if first == last else f"{first.label} to {last.label}",
        level=f"Team: {team.name}" if team else "Council",
    )


@with_viewer
def analysis(request):
    viewer = request.viewer
    if not roles.sees_audit_aggregates(viewer):
        raise PermissionDenied
    asked = params.read(AnalysisForm, request)
    first, last = _range(asked)
    team_id, cohort, kind = asked["team"], asked["cohort"] or None, asked["kind"] or None
    shown_to = viewer if roles.suppresses_small_numbers(viewer) else None
    rows, tables, by_quarter, elements = figures.analysis_tables(
        first, last, team_id=team_id, cohort=cohort, kind=kind, viewer=shown_to
    )
    if asked["format"]:
        return _export(request, exports.AUDIT_ANALYSIS, tables, asked, first, last)
    quarters = [d.group for d in by_quarter]
    suppressing = shown_to is not None
    grade_chart = line_chart(
        quarters,
        {
            "Good or better %": [
                d.good_or_better_pct if not (suppressing and d.n <= 5) else None for d in by_quarter
            ]
        },
        title="Share of audits graded Good or better",
        y_title="%",
    )
    mix_chart = line_chart(
        quarters,
        {
            GRADES[g]: [
                round(100 * d.counts[g] / d.n, 1) if d.n and not (suppressing and d.n <= 5) else None
                for d in by_quarter
            ]
            for g in GRADE_ORDER
        },
        title="Overall grades by quarter (% of audits)",
        y_title="%",
    )
    element_quarters = sorted(elements)
    element_chart = line_chart(
        element_quarters,
        {label: [elements[q][key] for q in element_quarters] for key, label in SOS_ELEMENTS.items()},
        title="Signs of Safety elements in use",
        y_title="% of audits",
    )
    return render(
        request,
        "audits/analysis.html",
        {
            "tables": [(table, govuk.analysis(table)) for table in tables],
            "charts": {"quarter": grade_chart, "mix": mix_chart, "elements": element_chart},
            "first": first,
            "last": last,
            "audits": roles.suppress(len(rows), viewer),
            "teams": Team.objects.exclude(kind__in=["FRONT_DOOR", "IRO"]).order_by("name"),
            "team_id": team_id,
            "cohorts": COHORTS.items(),
            "cohort": cohort,
            "kinds": TOOL_KINDS.items(),
            "kind": kind,
            "query": request.GET.urlencode(),
            "suppressing": suppressing,
        },
    )


@with_viewer
def agreement_page(request):
    if not roles.can_review_moderation(request.viewer):
        raise PermissionDenied
    asked = params.read(AgreementForm, request)
    first, last = _range(asked)
    found = figures.agreement_tables(first, last, asked["team"])
    if asked["format"]:
        return _export(request, exports.AUDIT_AGREEMENT, found["tables"], asked, first, last)
    calibration = found["calibration"]
    chart = line_chart(
        calibration.headers[1:],
        {row[0]: row[1:] for row in calibration.rows},
        title="Auditor minus moderator grade, by quarter",
        y_title="grades",
    )
    return render(
        request,
        "audits/agreement.html",
        {
            "overall": found["overall"],
            "kappa": round(found["overall"].kappa, 2) if found["overall"].kappa is not None else None,
            "tables": [(table, govuk.analysis(table)) for table in found["tables"]],
            "chart": chart,
            "first": first,
            "last": last,
            "query": request.GET.urlencode(),
        },
    )

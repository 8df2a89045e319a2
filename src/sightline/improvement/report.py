"""The improvement registers' sections of the monthly clinic pack and the quarterly report."""

from __future__ import annotations

from collections import Counter

from sightline.reports.sections import MONTHLY, QUARTERLY, ReportContext, Section, Table, register

from . import domain, measures
from .models import AgencyResponse, Challenge, DisputeResolution, Inspection, PlanAction


def _actions(ctx: ReportContext):
    actions = PlanAction.objects.select_related("priority", "owner", "owner__team").exclude(
        status=domain.WITHDRAWN
    )
    if ctx.level == "team" and ctx.unit_id:
        actions = actions.filter(owner__team_id=ctx.unit_id)
    elif ctx.level == "service" and ctx.unit_id:
        actions = actions.filter(owner__team__service_id=ctx.unit_id)
    return actions


@register("improvement.plan", title="Quality Improvement Plan", kinds={MONTHLY, QUARTERLY}, order=60)
def plan_section(ctx: ReportContext) -> Section:
    title = "Quality Improvement Plan"
    actions = [a for a in _actions(ctx) if a.start_date <= ctx.end]
    if not actions:
        return Section.empty("improvement.plan", title, "No plan actions yet.")
    rows = {}
    for a in actions:
        row = rows.setdefault(a.priority, Counter())
        row["open"] += a.status in domain.OPEN_STATUSES
        row["overdue"] += domain.is_overdue(a.status, a.due_date, ctx.end)
        row["completed"] += (
            a.status == domain.COMPLETE and a.completed_on and ctx.start <= a.completed_on <= ctx.end
        )
        row["late"] += (
            domain.closed_late(a.status, a.due_date, a.completed_on)
            and ctx.start <= a.completed_on <= ctx.end
        )
    overdue = sorted(
        (a for a in actions if domain.is_overdue(a.status, a.due_date, ctx.end)), key=lambda a: a.due_date
    )
    total_overdue = len(overdue)
    still_open = sum(r["open"] for r in rows.values())
    paragraphs = [
        f"{ctx.count(still_open)} actions open at {ctx.end:%-d %B %Y}, {ctx.count(total_overdue)} "
        f"of them past their due date; {ctx.count(sum(r['completed'] for r in rows.values()))} "
        f"completed in {ctx.label}."
    ]
    tables = [
        Table(
            caption=f"Plan actions by priority, {ctx.label}",
            headers=["Priority", "Open", "Overdue", "Completed in the period", "Of which late"],
            rows=[
                [
                    str(p),
                    ctx.count(c["open"]),
                    ctx.count(c["overdue"]),
                    ctx.count(c["completed"]),
                    ctx.count(c["late"]),
                ]
                for p, c in sorted(rows.items(), key=lambda item: item[0].number)
            ],
        )
    ]
    if overdue:
        # The committee paper names no member of staff: it says the owner's team instead.
        committee = ctx.suppress_small_numbers
        tables.append(
            Table(
                caption="Overdue actions, most overdue first",
                headers=["Action", "Team" if committee else "Owner", "Due", "Source"],
                rows=[
                    [
                        a.title,
                        a.owner.team.name if committee else str(a.owner),
                        a.due_date,
                        a.get_source_display(),
                    ]
                    for a in overdue[:20]
                ],
            )
        )
    return Section(key="improvement.plan", title=title, paragraphs=paragraphs, tables=tables)


@register("improvement.impact", title="Did the actions make a difference?", kinds={QUARTERLY}, order=61)
def impact_section(ctx: ReportContext) -> Section:
    title = "Did the actions make a difference?"
    closed = [
        a
        for a in _actions(ctx).filter(status=domain.COMPLETE, completed_on__range=(ctx.start, ctx.end))
        if a.measure
    ]
    if not closed:
        return Section.empty(
            "improvement.impact", title, "No action with an impact measure closed in the period."
        )
    rows = []
    for action in closed:
        found = measures.impact(action, ctx.end)
        if found is None:
            continue
        rows.append(
            [
                action.title,
                found.title,
                found.windows.before.label,
                found.before,
                found.windows.after.label if found.windows.after else "",
                found.after,
                found.verdict,
            ]
        )
    return Section(
        key="improvement.impact",
        title=title,
        paragraphs=[
            "Each measure is compared over the months before the action started and after it closed."
        ],
        tables=[
            Table(
                caption=f"Actions closed in {ctx.label}",
                headers=[
                    "Action",
                    "Measure",
                    "Before (months)",
                    "Before",
                    "After (months)",
                    "After",
                    "What changed",
                ],
                rows=rows,
            )
        ],
    )


@register("improvement.challenges", title="Challenge log", kinds={QUARTERLY}, order=62)
def challenges_section(ctx: ReportContext) -> Section:
    title = "Challenge log"
    challenges = Challenge.objects.filter(raised_on__lte=ctx.end)
    if not challenges.exists():
        return Section.empty("improvement.challenges", title, "No challenges logged yet.")
    raised = challenges.filter(raised_on__gte=ctx.start).count()
    closed = challenges.filter(closed_on__range=(ctx.start, ctx.end)).count()
    still_open = [c for c in challenges if c.closed_on is None or c.closed_on > ctx.end]
    late = [c for c in still_open if c.response_due < ctx.end and not c.response]
    return Section(
        key="improvement.challenges",
        title=title,
        paragraphs=[
            f"{ctx.count(raised)} challenges raised and {ctx.count(closed)} closed by their challenger "
            f"in {ctx.label}; {ctx.count(len(still_open))} open at the end of it, "
            f"{ctx.count(len(late))} without a response past its due date."
        ],
        tables=[_open_challenges(still_open[:20], ctx)],
    )


def _open_challenges(challenges, ctx: ReportContext) -> Table:
    """The committee paper says where a challenge was raised, not who raised it or was asked."""
    if ctx.suppress_small_numbers:
        return Table(
            caption="Open challenges",
            headers=["Raised", "Where", "Challenge", "Response due"],
            rows=[[c.raised_on, c.forum, str(c), c.response_due] for c in challenges],
        )
    return Table(
        caption="Open challenges",
        headers=["Raised", "By", "With", "Challenge", "Response due"],
        rows=[[c.raised_on, c.challenger_name, c.raised_with, str(c), c.response_due] for c in challenges],
    )


@register(
    "improvement.practice_reviews", title="Practice reviews: agencies' progress", kinds={QUARTERLY}, order=63
)
def reviews_section(ctx: ReportContext) -> Section:
    title = "Practice reviews: agencies' progress"
    responses = AgencyResponse.objects.select_related("recommendation__finding__review")
    if not responses.exists():
        return Section.empty("improvement.practice_reviews", title, "No practice review recommendations yet.")
    counts: dict = {}
    for r in responses:
        row = counts.setdefault((str(r.recommendation.finding.review), r.get_agency_display()), Counter())
        row[r.status] += 1
        row["overdue"] += r.status != "complete" and r.due_date < ctx.end
    return Section(
        key="improvement.practice_reviews",
        title=title,
        tables=[
            Table(
                caption="Recommendations by agency",
                headers=["Review", "Agency", "Complete", "In progress", "Not started", "Overdue"],
                rows=[
                    [
                        rv,
                        ag,
                        *(ctx.count(c[k]) for k in ("complete", "in_progress", "not_started", "overdue")),
                    ]
                    for (rv, ag), c in sorted(counts.items())
                ],
            )
        ],
    )


@register(
    "improvement.inspections", title="Inspections and their recommendations", kinds={QUARTERLY}, order=64
)
def inspections_section(ctx: ReportContext) -> Section:
    title = "Inspections and their recommendations"
    inspections = Inspection.objects.filter(start_date__lte=ctx.end).prefetch_related("recommendations")
    if not inspections:
        return Section.empty("improvement.inspections", title, "No inspections recorded yet.")
    rows = []
    for inspection in inspections:
        for rec in inspection.recommendations.all():
            actions = PlanAction.objects.filter(
                source_model="improvement.inspectionrecommendation", source_id=rec.pk
            )
            done = sum(a.status == domain.COMPLETE for a in actions)
            rows.append([str(inspection), rec.number, rec.text, ctx.count(len(actions)), ctx.count(done)])
    return Section(
        key="improvement.inspections",
        title=title,
        tables=[
            Table(
                caption="Recommendations and the plan actions answering them",
                headers=["Inspection", "Number", "Recommendation", "Actions", "Complete"],
                rows=rows,
            )
        ],
    )


@register("improvement.disputes", title="IRO dispute resolution", kinds={MONTHLY, QUARTERLY}, order=65)
def disputes_section(ctx: ReportContext) -> Section:
    title = "IRO dispute resolution"
    escalations = DisputeResolution.objects.filter(raised_on__range=(ctx.start, ctx.end)).select_related(
        "team"
    )
    if ctx.level == "team" and ctx.unit_id:
        escalations = escalations.filter(team_id=ctx.unit_id)
    elif ctx.level == "service" and ctx.unit_id:
        escalations = escalations.filter(team__service_id=ctx.unit_id)
    if not escalations:
        return Section.empty("improvement.disputes", title, f"No IRO escalations raised in {ctx.label}.")
    by_team: dict = {}
    for e in escalations:
        row = by_team.setdefault(e.team.name, Counter())
        row["raised"] += 1
        row["resolved"] += e.resolved_on is not None and e.resolved_on <= ctx.end
        row["in_time"] += e.resolved_on is not None and e.resolved_on <= e.response_due
        row["overdue"] += (e.resolved_on is None or e.resolved_on > ctx.end) and e.response_due < ctx.end
    stages = Counter(e.get_stage_display() for e in escalations)
    return Section(
        key="improvement.disputes",
        title=title,
        paragraphs=[f"{ctx.count(len(escalations))} escalations raised by IROs in {ctx.label}."],
        tables=[
            Table(
                caption="By team",
                headers=[
                    "Team",
                    "Raised",
                    "Resolved",
                    "Resolved within the timescale",
                    "Open past the timescale",
                ],
                rows=[
                    [
                        t,
                        ctx.count(c["raised"]),
                        ctx.count(c["resolved"]),
                        ctx.count(c["in_time"]),
                        ctx.count(c["overdue"]),
                    ]
                    for t, c in sorted(by_team.items())
                ],
            ),
            Table(
                caption="By stage",
                headers=["Stage", "Raised"],
                rows=[[s, ctx.count(n)] for s, n in sorted(stages.items())],
            ),
        ],
    )

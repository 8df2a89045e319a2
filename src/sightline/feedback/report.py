"""The feedback sections of the monthly clinic pack and the quarterly Quality of Practice report:
complaints by stage (the clinic proforma's stage 1 and 2 complaints for the unit, seed 004
appendix 3), those open past their timescale, compliments with names removed, and the child and
family survey. Counts only: no complainant, child or compliment-giver is named."""

from __future__ import annotations

from collections import Counter

from django.db.models import Avg, Count

from sightline.reports.sections import MONTHLY, QUARTERLY, ReportContext, Section, Table, register

from . import domain
from .models import Complaint, Compliment, SurveyAnswer

QUOTES_SHOWN = 5


def _unit(queryset, ctx: ReportContext, team_field: str = "team"):
    if ctx.level == "team" and ctx.unit_id:
        return queryset.filter(**{f"{team_field}_id": ctx.unit_id})
    if ctx.level == "service" and ctx.unit_id:
        return queryset.filter(**{f"{team_field}__service_id": ctx.unit_id})
    return queryset


@register("feedback.complaints", title="Complaints", kinds={MONTHLY, QUARTERLY}, order=70)
def complaints_section(ctx: ReportContext) -> Section:
    title = "Complaints"
    rows = _unit(Complaint.objects.select_related("team"), ctx)
    received = list(rows.filter(received_on__range=(ctx.start, ctx.end)))
    overdue = [c for c in rows.filter(responded_on__isnull=True, due_on__lt=ctx.end)]
    if not received and not overdue:
        return Section.empty("feedback.complaints", title, f"No complaints received in {ctx.label}.")
    by_stage = Counter(c.stage for c in received)
    due = [c for c in rows.filter(stage=1, due_on__range=(ctx.start, ctx.end))]
    in_time = sum(1 for c in due if c.responded_on and c.responded_on <= c.due_on)
    n = {
        "received": len(received),
        **{f"stage{s}": by_stage[s] for s in (1, 2, 3)},
        "due": len(due),
        "in_time": in_time,
        "overdue": len(overdue),
    }
    n = {key: ctx.count(value) for key, value in n.items()}
    paragraphs = [
        f"{n['received']} complaints received in {ctx.label}: {n['stage1']} at stage 1, {n['stage2']} at "
        f"stage 2 and {n['stage3']} at stage 3. Of {n['due']} stage 1 complaints due, {n['in_time']} had "
        f"their response within the timescale; {n['overdue']} complaints were open past their timescale "
        f"at {ctx.end:%-d %B %Y}."
    ]
    tables = [
        Table(
            caption=f"Complaints received by stage and outcome, {ctx.label}",
            headers=["Stage", "Received", "Upheld in full or part", "Not upheld", "Awaiting a response"],
            rows=[_stage_row(stage, label, received, ctx) for stage, label in domain.STAGES.items()],
        ),
        Table(
            caption=f"Stage 1 complaints by team and theme, {ctx.label}",
            headers=["Team", "Theme", "Complaints"],
            rows=_team_themes(received, ctx),
        ),
    ]
    if overdue and not ctx.suppress_small_numbers:
        tables.append(
            Table(
                caption=f"Complaints open past their timescale at {ctx.end:%-d %B %Y}",
                headers=["Reference", "Stage", "Team", "Received", "Response due"],
                rows=[
                    (c.reference, c.get_stage_display(), str(c.team), c.received_on, c.due_on)
                    for c in sorted(overdue, key=lambda c: c.due_on)
                ],
            )
        )
    return Section(key="feedback.complaints", title=title, paragraphs=paragraphs, tables=tables)


def _stage_row(stage: int, label: str, received, ctx: ReportContext) -> tuple:
    at_stage = [c for c in received if c.stage == stage]
    upheld = sum(c.outcome in {"upheld", "partly"} for c in at_stage)
    not_upheld = sum(c.outcome == "not_upheld" for c in at_stage)
    waiting = sum(c.responded_on is None for c in at_stage)
    return (label, *(ctx.count(n) for n in (len(at_stage), upheld, not_upheld, waiting)))


def _team_themes(received, ctx: ReportContext) -> list[tuple]:
    counted = Counter((str(c.team), c.get_theme_display()) for c in received if c.stage == 1)
    return [(team, theme, ctx.count(n)) for (team, theme), n in sorted(counted.items())]


@register("feedback.compliments", title="Compliments", kinds={MONTHLY, QUARTERLY}, order=71)
def compliments_section(ctx: ReportContext) -> Section:
    title = "Compliments"
    rows = list(
        _unit(Compliment.objects.select_related("team", "worker"), ctx).filter(
            received_on__range=(ctx.start, ctx.end)
        )
    )
    if not rows:
        return Section.empty("feedback.compliments", title, f"No compliments received in {ctx.label}.")
    by_team = Counter(str(c.team) for c in rows)
    tables = [
        Table(
            caption=f"Compliments by team, {ctx.label}",
            headers=["Team", "Compliments"],
            rows=[(team, ctx.count(n)) for team, n in sorted(by_team.items())],
        ),
        Table(
            caption="What people said (names removed)",
            headers=["Team", "From", "What they said"],
            rows=[(str(c.team), c.get_from_whom_display(), c.redacted_quote) for c in rows[:QUOTES_SHOWN]],
        ),
    ]
    paragraphs = [f"{ctx.count(len(rows))} compliments received in {ctx.label}."]
    return Section(key="feedback.compliments", title=title, paragraphs=paragraphs, tables=tables)


@register("feedback.survey", title="What children and families told us", kinds={QUARTERLY}, order=72)
def survey_section(ctx: ReportContext) -> Section:
    title = "What children and families told us"
    answers = _unit(SurveyAnswer.objects.all(), ctx, team_field="response__team").filter(
        response__received_on__range=(ctx.start, ctx.end)
    )
    found = list(
        answers.values("question__number", "question__text")
        .annotate(mean=Avg("score"), n=Count("pk"))
        .order_by("question__number")
    )
    if not found:
        return Section.empty("feedback.survey", title, f"No survey responses in {ctx.label}.")
    table = Table(
        caption=f"Average score by question (1 strongly disagree to 5 strongly agree), {ctx.label}",
        headers=["Question", "Average score", "Answers"],
        rows=[(r["question__text"], round(r["mean"], 2), ctx.count(r["n"])) for r in found],
    )
    return Section(key="feedback.survey", title=title, tables=[table])

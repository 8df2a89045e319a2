"""The self-evaluation's first draft, from the evidence held: for each ILACS judgement area the
headline indicators of its Key Performance Questions for the financial year (from the engine,
with their statistical process control reading), the year's audits, the latest inspection's
judgement of the area, and the plan's open actions. Writers then edit it; every save is a
new version (services.save_answer). No overall grade is asked for or shown."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from sightline.accounts import roles
from sightline.audits import selectors as audit_selectors
from sightline.audits.domain import analysis
from sightline.improvement import domain as plan_domain
from sightline.improvement.models import Inspection, PlanAction
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.web.indicators import figure

from . import spc_icons
from .models import Area, Question, SelfEvaluationAnswer

AREA_KPQS = {
    Area.HELP_AND_PROTECTION: (1, 2, 3, 5, 6, 7),
    Area.CHILDREN_IN_CARE: (8, 9),
    Area.CARE_LEAVERS: (9,),
    Area.LEADERSHIP: (4, 10),
}
PLAN_ACTIONS_LISTED = 8


def year_period(year: int) -> Period:
    return Period.year(date(year - 1, 4, 1))


def latest_year(on: date) -> int:
    """The last financial year ended by `on` (its end's year), or the one running if none has."""
    return on.year if on >= date(on.year, 3, 31) else on.year - 1


def _definitions(area: str) -> list[dict]:
    found = [d for d in perf.definitions() if d["kpq"] in AREA_KPQS[area] and d["headline"]]
    leavers = [d for d in found if "leaver" in d["title"].lower()]
    if area == Area.CARE_LEAVERS:
        return leavers
    return [d for d in found if d not in leavers] if area == Area.CHILDREN_IN_CARE else found


def _know(area: str, year: int) -> str:
    period = year_period(year)
    viewer = roles.Viewer(role=roles.Role.PERFORMANCE_ANALYST)
    lines = [f"In {period.label} (from the council's records):"]
    for d in _definitions(area):
        shown = figure(d, perf.value(d["id"], period), viewer)
        icons = spc_icons.icons_for(d, period.end, "council", None, viewer)
        reading = f"; {icons.variation.label.lower()}" if icons.variation else ""
        lines.append(
            f"- {d['title']}: {shown['display']} (target {shown['target_display']}, "
            f"England {shown['benchmark_display']}){reading}."
        )
    if len(lines) == 1:
        lines.append("- No indicator is held for this area yet.")
    return "\n".join(lines)


def _how(area: str, year: int) -> str:
    period = year_period(year)
    lines = ["- The indicator engine's monthly figures, read with statistical process control."]
    rows = audit_selectors.finalised_rows(period.start, period.end)
    if rows:
        overall = analysis.distribution(rows, lambda r: "All")[0]
        lines.append(
            f"- {overall.n} case-file audits finalised in {period.label}, "
            f"{overall.good_or_better_pct}% graded good or better."
        )
    inspection = Inspection.objects.filter(start_date__lte=period.end).exclude(**{area: ""}).first()
    if inspection:
        lines.append(
            f"- {inspection} judged this area {getattr(inspection, f'get_{area}_display')().lower()}."
        )
    return "\n".join(lines)


def _plans(year: int) -> str:
    actions = (
        PlanAction.objects.filter(status__in=plan_domain.OPEN_STATUSES)
        .select_related("owner")
        .order_by("due_date")[:PLAN_ACTIONS_LISTED]
    )
    if not actions:
        return "- No open actions in the Quality Improvement Plan yet."
    return "\n".join(
        ["Open actions of the Quality Improvement Plan:"]
        + [f"- {a.title} (due {a.due_date:%-d %B %Y}, {a.owner})" for a in actions]
    )


def evidence(area: str, question: str, year: int) -> str:
    if question == Question.KNOW:
        return _know(area, year)
    if question == Question.HOW:
        return _how(area, year)
    return _plans(year)


@transaction.atomic
def start_draft(year: int, user) -> int:
    """Version 1 of every answer, from the evidence; answers already begun are left as they are."""
    made = 0
    for area in Area:
        for question in Question:
            if SelfEvaluationAnswer.objects.filter(year=year, area=area, question=question).exists():
                continue
            SelfEvaluationAnswer.objects.create(
                year=year,
                area=area,
                question=question,
                version=1,
                text=evidence(area, question, year),
                from_evidence=True,
                saved_by=user,
                saved_by_name=user.get_username(),
            )
            made += 1
    return made


@transaction.atomic
def save_answer(year: int, area: str, question: str, text: str, user) -> SelfEvaluationAnswer:
    """A new version; the earlier ones stay."""
    latest = SelfEvaluationAnswer.objects.select_for_update().filter(year=year, area=area, question=question)
    number = (latest.aggregate(n=Max("version"))["n"] or 0) + 1
    return SelfEvaluationAnswer.objects.create(
        year=year,
        area=area,
        question=question,
        version=number,
        text=text.strip(),
        saved_by=user,
        saved_by_name=user.get_username(),
    )


def current(year: int) -> dict[tuple[str, str], SelfEvaluationAnswer]:
    answers = {}
    for answer in SelfEvaluationAnswer.objects.filter(year=year).order_by("area", "question", "-version"):
        answers.setdefault((answer.area, answer.question), answer)
    return answers


def history(year: int, area: str, question: str) -> list[SelfEvaluationAnswer]:
    return list(
        SelfEvaluationAnswer.objects.filter(year=year, area=area, question=question).order_by("-version")
    )

"""Reads for the web pages: a child's chronology and status, team caseloads, demand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from sightline.domain.calendar import default_calendar
from sightline.performance.selectors import local_standards
from sightline.records import models as r
from sightline.records.models import Child, Council
from sightline.workforce.models import Allocation, Supervision, Team, Worker


def council() -> Council | None:
    return Council.objects.first()


def as_at() -> date:
    """The date the data runs to: pages report 'as at' this date by default."""
    found = council()
    return found.reference_date if found else date.today()


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    title: str
    detail: str = ""


def _d(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _chronology_rows(child: Child):  # noqa: C901 - one short branch per record type, read top to bottom
    for c in r.Contact.objects.filter(child=child):
        yield Event(
            c.contact_date,
            "Contact",
            f"Contact from {c.get_source_display()}",
            f"Outcome: {c.get_outcome_display()}",
        )
    for e in r.CINEpisode.objects.filter(child=child):
        yield Event(
            e.cin_referral_date,
            "Referral",
            "Referral received",
            f"{e.get_primary_need_code_display()}; source {e.get_referral_source_display()}"
            + ("; no further action" if e.referral_nfa else ""),
        )
        if e.cin_closure_date:
            yield Event(e.cin_closure_date, "Closure", "Episode closed", e.get_reason_for_closure_display())
    for a in r.Assessment.objects.filter(child=child):
        yield Event(
            a.assessment_actual_start_date,
            "Assessment",
            "Assessment started",
            "Child seen" if a.child_seen else "Child not yet seen",
        )
        if a.assessment_authorisation_date:
            yield Event(
                a.assessment_authorisation_date,
                "Assessment",
                "Assessment authorised",
                f"Factors: {', '.join(a.factors) or 'none'}",
            )
    for s in r.StrategyDiscussion.objects.filter(child=child):
        yield Event(s.discussion_date, "Strategy", "Strategy discussion")
    for s in r.Section47Enquiry.objects.filter(child=child):
        yield Event(
            s.s47_actual_start_date,
            "s47",
            "Section 47 enquiry started",
            s.get_outcome_display() if s.outcome else "",
        )
    for c in r.ChildProtectionConference.objects.filter(child=child):
        yield Event(
            c.conference_date,
            "Conference",
            c.get_kind_display(),
            ("Plan made" if c.plan_decided else "No plan") if c.kind == "ICPC" else "",
        )
    for p in r.CPPlan.objects.filter(child=child):
        yield Event(
            p.cpp_start_date,
            "CP plan",
            "Child protection plan started",
            f"{p.get_initial_category_of_abuse_display()}; previous plans {p.number_of_previous_cpp}",
        )
        if p.cpp_end_date:
            yield Event(p.cpp_end_date, "CP plan", "Child protection plan ended")
    for p in r.CINPlan.objects.filter(child=child):
        yield Event(p.cin_plan_start_date, "CIN plan", "Child in need plan started")
        if p.cin_plan_end_date:
            yield Event(p.cin_plan_end_date, "CIN plan", "Child in need plan ended")
    for v in r.Visit.objects.filter(child=child).select_related("worker"):
        seen = "seen alone" if v.seen_alone else "seen" if v.seen else "not seen"
        yield Event(
            v.visit_date,
            "Visit",
            v.get_kind_display(),
            f"Child {seen}" + (f"; {v.worker}" if v.worker else ""),
        )
    for e in r.LookedAfterEpisode.objects.filter(child=child):
        title = "Became looked after" if e.rne == "S" else f"Change: {e.get_rne_display().lower()}"
        yield Event(e.decom, "Looked after", title, f"{e.get_ls_display()}; {e.get_place_display()}")
        if e.dec and e.rec != "X1":
            yield Event(e.dec, "Looked after", "Ceased to be looked after", e.get_rec_display())
    for v in r.LookedAfterReview.objects.filter(child=child):
        yield Event(v.review_date, "Review", "Looked-after review", v.get_review_code_display())
    for h in r.HealthCheck.objects.filter(child=child):
        yield Event(h.check_date, "Health", h.get_kind_display())
    for p in r.PersonalEducationPlan.objects.filter(child=child):
        yield Event(p.pep_date, "PEP", "Personal education plan")
    for m in r.MissingEpisode.objects.filter(child=child):
        rhi = "RHI accepted" if m.rhi_accepted else "RHI offered" if m.rhi_offered else "No RHI offered"
        yield Event(_d(m.mis_start), "Missing", m.get_missing_display(), rhi)
    for c in r.CareLeaverContact.objects.filter(child=child):
        yield Event(
            c.contact_date,
            "Care leaver",
            f"Care leaver contact: {c.get_in_touch_display()}",
            " ".join(
                filter(
                    None, [c.get_activ_display() if c.activ else "", c.get_accom_display() if c.accom else ""]
                )
            ),
        )
    for p in r.CareProceedings.objects.filter(child=child):
        if p.plo_start_date:
            yield Event(p.plo_start_date, "Proceedings", "Pre-proceedings (PLO) started")
        if p.application_issued_date:
            yield Event(p.application_issued_date, "Proceedings", "Care application issued")
        if p.final_order_date:
            yield Event(p.final_order_date, "Proceedings", "Final order", p.get_final_order_type_display())
    for p in r.PrivateFosteringArrangement.objects.filter(child=child):
        yield Event(p.notification_date, "Private fostering", "Private fostering notified")
    for p in r.PreBirthReferral.objects.filter(child=child):
        yield Event(
            p.referral_date, "Pre-birth", f"Pre-birth referral at {p.gestation_weeks_at_referral} weeks"
        )
    for a in Allocation.objects.filter(child=child).select_related("worker", "team"):
        yield Event(a.start_date, "Allocation", f"Allocated: {a.get_role_display()}", f"{a.worker}, {a.team}")


# Other apps add their own entries to a child's chronology (the audit programme's audits):
# each source is a callable taking the child and yielding Events. Register from AppConfig.ready().
CHRONOLOGY_SOURCES: list = []


def child_chronology(child: Child, newest_first: bool = True) -> list[Event]:
    rows = list(_chronology_rows(child))
    for source in CHRONOLOGY_SOURCES:
        rows.extend(source(child))
    events = sorted(rows, key=lambda e: (e.day, e.kind))
    return list(reversed(events)) if newest_first else events


def _open(start_field: str, end_field: str, on: date) -> Q:
    return Q(**{f"{start_field}__lte": on}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": on})
    )


def child_status(child: Child, on: date) -> list[str]:
    """The badges for the child page: CIN, CP, CLA, care leaver."""
    badges = []
    if r.CINEpisode.objects.filter(_open("cin_referral_date", "cin_closure_date", on), child=child).exists():
        badges.append("Child in need")
    if r.CPPlan.objects.filter(_open("cpp_start_date", "cpp_end_date", on), child=child).exists():
        badges.append("Child protection plan")
    if r.LookedAfterEpisode.objects.filter(_open("decom", "dec", on), child=child).exists():
        badges.append("Looked after")
    elif Allocation.objects.filter(_open("start_date", "end_date", on), child=child, role="PA").exists():
        badges.append("Care leaver")
    return badges


def current_allocations(child: Child, on: date) -> list[Allocation]:
    return list(
        Allocation.objects.filter(_open("start_date", "end_date", on), child=child).select_related(
            "worker", "team"
        )
    )


@dataclass(frozen=True)
class WorkerLoad:
    worker: Worker
    children: int
    limit: float
    last_supervision: date | None
    supervision_overdue: bool

    @property
    def over_limit(self) -> bool:
        return self.children > self.limit


def team_caseloads(team: Team, on: date) -> list[WorkerLoad]:
    """Case-holding workers in post on `on` with their children, limit and last supervision.

    Supervision is overdue past the local standard (`supervision_working_days`, the same rule
    as KPQ10); heads of service, who hold no cases, are left out.
    """
    standard = local_standards().supervision_working_days
    calendar = default_calendar()
    workers = (
        Worker.objects.filter(team=team, start_date__lte=on)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=on))
        .exclude(role=Worker.Role.HEAD_OF_SERVICE)
    )
    counts = dict(
        Allocation.objects.filter(_open("start_date", "end_date", on), team=team)
        .values_list("worker_id")
        .annotate(n=Count("child_id", distinct=True))
    )
    last = {}
    for worker_id, day in Supervision.objects.filter(
        worker__in=workers, supervision_date__lte=on
    ).values_list("worker_id", "supervision_date"):
        last[worker_id] = max(day, last.get(worker_id, day))
    loads = []
    for worker in workers:
        latest = last.get(worker.pk)
        overdue = latest is None or calendar.working_days_between(latest, on) > standard
        loads.append(
            WorkerLoad(
                worker, counts.get(worker.pk, 0), float(worker.fte) * team.caseload_limit, latest, overdue
            )
        )
    return sorted(loads, key=lambda load: (-load.children, load.worker.last_name))


def unallocated_children(on: date, team: Team | None = None) -> list[tuple[Child, date | None]]:
    """Children with an open episode and no allocated social worker today, with when they last had one."""
    open_children = r.CINEpisode.objects.filter(
        _open("cin_referral_date", "cin_closure_date", on), referral_nfa=False
    ).values("child_id")
    allocated = Allocation.objects.filter(_open("start_date", "end_date", on), role="SW").values("child_id")
    children = Child.objects.filter(pk__in=open_children).exclude(pk__in=allocated)
    if team is not None:
        children = children.filter(allocations__team=team, allocations__end_date__lt=on).distinct()
    last_ended = dict(
        Allocation.objects.filter(child__in=children, role="SW", end_date__lt=on)
        .values_list("child_id")
        .annotate(n=Count("id"))
        .values_list("child_id", "end_date")
    )
    return [(child, last_ended.get(child.pk)) for child in children.order_by("la_child_id")[:500]]


def demand_by_month(on: date, years: int = 2) -> list[dict]:
    """Contacts and referrals by month for the last `years` years ending with `on`'s month,
    each month beside the same month a year earlier (as the table in seed 002)."""
    start = date(on.year - years, on.month, 1) + timedelta(days=32)
    start = date(start.year, start.month, 1)
    contacts = Counter(
        {
            (m.year, m.month): n
            for m, n in r.Contact.objects.filter(
                contact_date__gte=date(start.year - 1, start.month, 1), contact_date__lte=on
            )
            .annotate(m=TruncMonth("contact_date"))
            .values_list("m")
            .annotate(n=Count("id"))
        }
    )
    referrals = Counter(
        {
            (m.year, m.month): n
            for m, n in r.CINEpisode.objects.filter(
                cin_referral_date__gte=date(start.year - 1, start.month, 1), cin_referral_date__lte=on
            )
            .annotate(m=TruncMonth("cin_referral_date"))
            .values_list("m")
            .annotate(n=Count("id"))
        }
    )
    rows = []
    month = start
    while month <= on:
        before = (month.year - 1, month.month)
        key = (month.year, month.month)
        rows.append(
            {
                "month": month,
                "contacts": contacts[key],
                "contacts_year_before": contacts[before],
                "contacts_change": _change(contacts[key], contacts[before]),
                "referrals": referrals[key],
                "referrals_year_before": referrals[before],
                "referrals_change": _change(referrals[key], referrals[before]),
            }
        )
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return rows


def _change(now: int, before: int) -> float | None:
    return None if not before else round((now - before) / before * 100, 1)


DRIFT_COLUMNS = [
    ("la_child_id", "Child"),
    ("item", "What is due"),
    ("due_date", "Due"),
    ("status", "Status"),
    ("days_overdue", "Days overdue"),
    ("worker", "Worker"),
]


def team_drift(team: Team, on: date) -> list[dict]:
    """Overdue and due items for the team's open cases, most overdue first (the indicator engine)."""
    from . import indicators

    return indicators.drift_rows(on, team_id=team.pk)


def due_next(child: Child, on: date) -> list[dict]:
    from . import indicators

    return indicators.drift_rows(on, child_id=child.pk)


def demand_chart(rows: list[dict]) -> str:
    """A Plotly figure (JSON) of contacts by month against the year before."""
    from .charts import line_chart

    months = [row["month"].strftime("%b %Y") for row in rows]
    return line_chart(
        months,
        {
            "Contacts": [row["contacts"] for row in rows],
            "Same month a year before": [row["contacts_year_before"] for row in rows],
        },
        title="Contacts by month",
        y_title="Contacts",
    )

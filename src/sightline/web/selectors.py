"""Reads for the web pages: a child's chronology and status, team caseloads, demand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncMonth

from sightline.domain.dates import axis_month
from sightline.performance import selectors as perf
from sightline.records import models as r
from sightline.records import selectors as records
from sightline.records.models import Child, Council
from sightline.workforce.models import Allocation, Team, Worker


def council() -> Council | None:
    """The council's row: once per page, however many helpers ask (`performance.scope`)."""
    return perf.council_row()


def as_at() -> date:
    """The date the data runs to: pages report 'as at' this date by default."""
    found = council()
    return found.reference_date if found else date.today()


Event = records.Event  # the chronology's entry, for other apps' chronology sources


# Other apps add their own entries to a child's chronology (the audit programme's audits):
# each source is a callable taking the child and yielding Events. Register from AppConfig.ready().
CHRONOLOGY_SOURCES: list = []


def child_chronology(child: Child, newest_first: bool = True) -> list[Event]:
    rows = list(records.chronology_rows(child))
    for source in CHRONOLOGY_SOURCES:
        rows.extend(source(child))
    return ordered_newest_first(rows) if newest_first else _in_order(rows)


def _in_order(rows) -> list[Event]:
    return sorted(rows, key=lambda e: (e.day, e.kind))


def ordered_newest_first(rows) -> list[Event]:
    """A chronology's events as the page and its download list them, newest first."""
    return list(reversed(_in_order(rows)))


def _open(start_field: str, end_field: str, on: date) -> Q:
    return Q(**{f"{start_field}__lte": on}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": on})
    )


# A child's statuses as councils say them, in the order the child page shows them; a list names a
# child by the first that applies of STATUS_PRECEDENCE (a child looked after is looked after,
# whatever else is open).
CASE_STATUSES = {
    "cin": "Child in need",
    "cp": "Child protection plan",
    "cla": "Looked after",
    "care_leaver": "Care leaver",
}
STATUS_PRECEDENCE = ("cla", "cp", "care_leaver", "cin")


def child_status(child: Child, on: date) -> list[str]:
    """The badges for the child page: CIN, CP, CLA, care leaver."""
    return [CASE_STATUSES[key] for key in statuses([child.pk], on).get(child.pk, [])]


def statuses(child_ids, on: date) -> dict[int, list[str]]:
    """Each child's open statuses on `on` (keys of CASE_STATUSES), for many children at once:
    an open CIN episode, CP plan or looked-after episode; a care leaver is a child not looked
    after with a personal adviser allocated. One query, however many children (four were read
    before, one per kind of record)."""
    ids = list(child_ids)

    def open_for_child(queryset) -> Exists:
        return Exists(queryset.filter(child_id=OuterRef("pk")))

    rows = Child.objects.filter(pk__in=ids).values_list(
        "pk",
        open_for_child(r.CINEpisode.objects.filter(_open("cin_referral_date", "cin_closure_date", on))),
        open_for_child(r.CPPlan.objects.filter(_open("cpp_start_date", "cpp_end_date", on))),
        open_for_child(r.LookedAfterEpisode.objects.filter(_open("decom", "dec", on))),
        open_for_child(Allocation.objects.filter(_open("start_date", "end_date", on), role="PA")),
    )
    found = {child_id: [] for child_id in ids}
    for child_id, cin, cp, cla, adviser in rows:
        held = [("cin", cin), ("cp", cp), ("cla", cla), ("care_leaver", adviser and not cla)]
        found[child_id] = [key for key, among in held if among]
    return found


def main_status(held: list[str]) -> str:
    """The status a list names a child by (a key of CASE_STATUSES), or "" for none open."""
    return next((key for key in STATUS_PRECEDENCE if key in held), "")


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
    over_limit: bool
    last_supervision: date | None
    supervision_overdue: bool
    new_in_post: bool = False
    name: str = ""  # as the engine names workers: two of the same name told apart by staff id


def team_caseloads(team: Team, on: date) -> list[WorkerLoad]:
    """Case-holding workers holding cases on `on`, from the indicator engine's own rows, so the
    page and the figures agree: their children and limit as KPQ4 counts them
    (workers_over_limit), supervision as KPQ10 does (supervision_in_time, where workers newer in
    post than the standard are not yet due: shown as new in post, never overdue).
    """
    period = perf.default_period("as_at", on)

    def rows(indicator_id: str, which: str) -> list[dict]:
        return perf.children(indicator_id, period, "team", team.pk, which)

    loads = rows("workers_over_limit", "denominator")
    over = {row["worker_id"] for row in rows("workers_over_limit", "numerator")}
    due = {row["worker_id"]: row for row in rows("supervision_in_time", "denominator")}
    in_time = {row["worker_id"] for row in rows("supervision_in_time", "numerator")}
    workers = Worker.objects.in_bulk([row["worker_id"] for row in loads])
    names = perf.units("worker")
    shown = []
    for row in loads:
        worker_id, supervised = row["worker_id"], due.get(row["worker_id"])
        shown.append(
            WorkerLoad(
                workers[worker_id],
                int(row["children"]),
                float(row["fte"]) * float(row["caseload_limit"]),
                worker_id in over,
                supervised["last_supervision"] if supervised else None,
                supervised is not None and worker_id not in in_time,
                new_in_post=supervised is None,
                name=names.get(worker_id) or str(workers[worker_id]),
            )
        )
    return sorted(shown, key=lambda load: (-load.children, load.worker.last_name))


def unallocated_children(on: date, team: Team | None = None) -> list[tuple[Child, date | None]]:
    """Children with an open episode and no allocated social worker today, with when they last had one.

    Read from the team's past allocations (or the open episodes) with EXISTS and NOT EXISTS,
    then the children by id: PostgreSQL planned the query from the children's side, reading
    every child, with a NOT IN over today's allocations."""
    child = OuterRef("child_id")
    open_episode = r.CINEpisode.objects.filter(
        _open("cin_referral_date", "cin_closure_date", on), referral_nfa=False, child_id=child
    )
    allocated = Allocation.objects.filter(_open("start_date", "end_date", on), role="SW", child_id=child)
    if team is not None:
        source = Allocation.objects.filter(team=team, end_date__lt=on)
    else:
        source = r.CINEpisode.objects.all()
    ids = source.filter(Exists(open_episode), ~Exists(allocated)).values_list("child_id", flat=True)
    children = Child.objects.filter(pk__in=set(ids.order_by()))
    listed = list(children.order_by("la_child_id")[:500])
    last_ended = dict(
        Allocation.objects.filter(child__in=[c.pk for c in listed], role="SW", end_date__lt=on)
        .values("child_id")
        .annotate(last=Max("end_date"))
        .values_list("child_id", "last")
    )
    return [(c, last_ended.get(c.pk)) for c in listed]


# The demand page's figures by (data version, date, years): counted once per data version.
_demand: dict[tuple, list[dict]] = {}


def demand_by_month(on: date, years: int = 2) -> list[dict]:
    """Contacts and referrals by month for the last `years` years ending with `on`'s month,
    each month beside the same month a year earlier (as Derby's 2021 report to its scrutiny board
    on monitoring safeguarding practice sets contacts out). Counted once per data version and
    kept (the counts read every contact and referral of three years)."""
    key = (perf.data_version(), on, years)
    if key not in _demand:
        if len(_demand) > 16:
            _demand.clear()
        _demand[key] = _demand_by_month(on, years)
    return [dict(row) for row in _demand[key]]


def _demand_by_month(on: date, years: int) -> list[dict]:
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


def team_drift(team: Team, on: date) -> list[dict]:
    """Overdue and due items for the team's open cases, most overdue first (the indicator engine)."""
    from . import drift

    return drift.drift_rows(on, team_id=team.pk)


def due_next(child: Child, on: date) -> list[dict]:
    from . import drift

    return drift.drift_rows(on, child_id=child.pk)


def demand_chart(rows: list[dict]) -> str:
    """A Plotly figure (JSON) of contacts by month against the year before."""
    from .charts import line_chart

    months = [axis_month(row["month"]) for row in rows]
    return line_chart(
        months,
        {
            "Contacts": [row["contacts"] for row in rows],
            "Same month a year before": [row["contacts_year_before"] for row in rows],
        },
        title="Contacts by month",
        y_title="Contacts",
    )

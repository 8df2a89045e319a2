"""Ofsted Annex A from the record model: the exporter (the loader is `annex_a_loader`).

The lists are a six-month window to the reference date (lists 10 and 11: twelve months),
as they stood at that date (`sightline.returns.as_at`: nothing after it is known yet).
Columns that are facts (dates, codes) are exported from the records. Figures the records
cannot recompute from the workbook alone (numbers "in the last 12 months", allocated team
and worker, case status, EPO in the last six months, the date the child entered care) and
lists 8 and 11 are written back as an imported Annex A reported them for the same
reference date (`sightline.imports.reported`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import Max, Q

from sightline.domain.dates import age_on, window_start
from sightline.records import models as m
from sightline.returns.as_at import annex_a_as_at
from sightline.workforce.models import Allocation

from . import reported

GENDER_OUT = {"M": "a) Male", "F": "b) Female", "U": "c) Unknown"}


def _yes(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _age(dob: date | None, on: date):
    return None if dob is None else age_on(dob, on)


class Exporter:
    def __init__(self, reference: date) -> None:
        self.ref = reference
        self.start = window_start(reference, 6)
        self.year_start = window_start(reference, 12)
        self.children: dict[int, m.Child] = {}
        self._allocated: dict[tuple[int, str], tuple[str, str]] | None = None

    def child(self, child_id: int) -> m.Child:
        if child_id not in self.children:
            self.children[child_id] = m.Child.objects.get(pk=child_id)
        return self.children[child_id]

    def preload(self, child_ids) -> None:
        ids = sorted(set(child_ids) - set(self.children))
        for i in range(0, len(ids), 2000):
            for child in m.Child.objects.filter(pk__in=ids[i : i + 2000]):
                self.children[child.pk] = child

    def start_cells(self, child: m.Child) -> list:
        return [
            child.la_child_id,
            GENDER_OUT.get(child.sex, "c) Unknown"),
            child.ethnicity,
            child.date_of_birth or child.expected_date_of_birth,
            _age(child.date_of_birth, self.ref),
        ]

    def disability(self, child: m.Child) -> str:
        return _yes(any(d != "NONE" for d in child.disabilities))

    def allocated(self, child_id: int, roles: tuple[str, ...] = ("SW",)) -> list[str]:
        """Team and worker allocated at the reference date, in the first of `roles` the child has."""
        if self._allocated is None:
            self._allocated = {}
            current = Allocation.objects.filter(start_date__lte=self.ref).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.ref)
            )
            for a in current.select_related("team", "worker"):
                name = f"{a.worker.first_name} {a.worker.last_name}"
                self._allocated[(a.child_id, a.role)] = (a.team.name, name)
        found = (self._allocated.get((child_id, role)) for role in roles)
        return list(next((a for a in found if a), ("", "")))

    def rows(self, number: int, found) -> list[list]:
        found = sorted(found, key=lambda item: (item[0].la_child_id, item[1], repr(item[2])))
        return [[*self.start_cells(child), *cells] for child, _, cells in found]


def annex_a_lists(reference: date) -> dict[int, list[list]]:
    ex = Exporter(reference)
    lists = {
        1: _contacts(ex),
        2: _early_help(ex),
        3: _referrals(ex),
        4: _assessments(ex),
        5: _section47(ex),
        6: _children_in_need(ex),
        7: _child_protection(ex),
        8: _children_in_care(ex),
        9: _care_leavers(ex),
        10: _adoption(ex),
    }
    return reported.overlay(annex_a_as_at(lists, reference), reference, ex.start_cells)


def _contacts(ex: Exporter):
    rows = list(
        m.Contact.objects.filter(contact_date__gte=ex.start, contact_date__lte=ex.ref).values_list(
            "child_id", "contact_date", "source"
        )
    )
    ex.preload(r[0] for r in rows)
    return ex.rows(1, [(ex.child(c), (d, s), [d, s]) for c, d, s in rows])


def _early_help(ex: Exporter):
    rows = (
        m.EarlyHelpAssessment.objects.filter(start_date__lte=ex.ref)
        .filter(Q(completion_date__isnull=True) | Q(completion_date__gte=ex.start))
        .values_list("child_id", "start_date", "completion_date", "organisation")
    )
    rows = list(rows)
    ex.preload(r[0] for r in rows)
    return ex.rows(2, [(ex.child(c), (s, e or date.max), [s, e, o]) for c, s, e, o in rows])


def _referral_counts(child_ids) -> dict[int, list[date]]:
    out = defaultdict(list)
    for child_id, day in m.CINEpisode.objects.filter(child_id__in=child_ids).values_list(
        "child_id", "cin_referral_date"
    ):
        out[child_id].append(day)
    return out


def _referrals(ex: Exporter):
    rows = list(
        m.CINEpisode.objects.filter(
            cin_referral_date__gte=ex.start, cin_referral_date__lte=ex.ref
        ).values_list("child_id", "cin_referral_date", "referral_source", "referral_nfa")
    )
    ex.preload(r[0] for r in rows)
    history = _referral_counts([r[0] for r in rows])
    found = []
    for child_id, day, source, nfa in rows:
        count = sum(1 for d in history[child_id] if day - timedelta(days=365) < d <= day)
        found.append((ex.child(child_id), (day,), [day, source, _yes(nfa), count, *ex.allocated(child_id)]))
    return ex.rows(3, found)


def _assessments(ex: Exporter):
    rows = list(
        m.Assessment.objects.filter(assessment_actual_start_date__lte=ex.ref)
        .filter(
            Q(assessment_authorisation_date__isnull=True) | Q(assessment_authorisation_date__gte=ex.start)
        )
        .values_list(
            "child_id",
            "assessment_actual_start_date",
            "child_seen",
            "assessment_authorisation_date",
            "outcome",
        )
    )
    ex.preload(r[0] for r in rows)
    found = []
    for child_id, start, seen, authorised, outcome in rows:
        needs = None if not outcome else outcome in {"CIN", "S47", "CLA"}
        child = ex.child(child_id)
        cells = [ex.disability(child), start, _yes(seen), authorised, _yes(needs), *ex.allocated(child_id)]
        found.append((child, (start,), cells))
    return ex.rows(4, found)


def _section47(ex: Exporter):
    rows = list(
        m.Section47Enquiry.objects.filter(
            s47_actual_start_date__gte=ex.start, s47_actual_start_date__lte=ex.ref
        ).values_list("pk", "child_id", "s47_actual_start_date", "icpc_not_required")
    )
    ex.preload(r[1] for r in rows)
    icpc = {
        c.section47_id: c
        for c in m.ChildProtectionConference.objects.filter(
            kind="ICPC", section47_id__in=[r[0] for r in rows], conference_date__lte=ex.ref
        )
    }
    history = defaultdict(list)
    for child_id, day in m.Section47Enquiry.objects.filter(child_id__in=[r[1] for r in rows]).values_list(
        "child_id", "s47_actual_start_date"
    ):
        history[child_id].append(day)
    conferences = defaultdict(list)
    for child_id, day in m.ChildProtectionConference.objects.filter(
        child_id__in=[r[1] for r in rows], kind="ICPC"
    ).values_list("child_id", "conference_date"):
        conferences[child_id].append(day)
    found = []
    for pk, child_id, start, not_required in rows:
        conf = icpc.get(pk)
        year_ago = start - timedelta(days=365)
        cells = [
            ex.disability(ex.child(child_id)),
            start,
            _yes(not_required),
            conf.conference_date if conf else None,
            _yes(conf.plan_decided) if conf else "",
            sum(1 for d in history[child_id] if year_ago < d <= start),
            sum(1 for d in conferences[child_id] if year_ago < d <= start),
            *ex.allocated(child_id),
        ]
        found.append((ex.child(child_id), (start,), cells))
    return ex.rows(5, found)


def _last_visits(child_ids, ref: date, **filters) -> dict[int, m.Visit]:
    out = {}
    for visit in m.Visit.objects.filter(child_id__in=child_ids, visit_date__lte=ref, **filters).order_by(
        "visit_date", "pk"
    ):
        out[visit.child_id] = visit
    return out


def _status(ex: Exporter, child_ids) -> dict[int, str]:
    status = {c: "CIN" for c in child_ids}
    open_assessment = m.Assessment.objects.filter(
        child_id__in=child_ids,
        assessment_actual_start_date__lte=ex.ref,
        assessment_authorisation_date__isnull=True,
    )
    for child_id in open_assessment.values_list("child_id", flat=True):
        status[child_id] = "Open assessment"
    for child_id in (
        m.CPPlan.objects.filter(child_id__in=child_ids, cpp_start_date__lte=ex.ref)
        .filter(Q(cpp_end_date__isnull=True) | Q(cpp_end_date__gt=ex.ref))
        .values_list("child_id", flat=True)
    ):
        status[child_id] = "CP"
    for child_id in (
        m.LookedAfterEpisode.objects.filter(child_id__in=child_ids, decom__lte=ex.ref)
        .filter(Q(dec__isnull=True) | Q(dec__gt=ex.ref))
        .values_list("child_id", flat=True)
    ):
        status[child_id] = "Looked after"
    return status


def _children_in_need(ex: Exporter):
    rows = list(
        m.CINEpisode.objects.filter(cin_referral_date__lte=ex.ref)
        .filter(Q(cin_closure_date__isnull=True) | Q(cin_closure_date__gte=ex.start))
        .values_list(
            "child_id", "cin_referral_date", "primary_need_code", "cin_closure_date", "reason_for_closure"
        )
    )
    ids = [r[0] for r in rows]
    ex.preload(ids)
    seen = _last_visits(ids, ex.ref, seen=True)
    status = _status(ex, ids)
    found = []
    for child_id, start, need, closed, reason in rows:
        visit = seen.get(child_id)
        cells = [
            ex.disability(ex.child(child_id)),
            start,
            need,
            visit.visit_date if visit else None,
            closed,
            reason,
            "Closed" if closed and closed <= ex.ref else status[child_id],
            *ex.allocated(child_id),
        ]
        found.append((ex.child(child_id), (start,), cells))
    return ex.rows(6, found)


def _child_protection(ex: Exporter):
    plans = list(
        m.CPPlan.objects.filter(cpp_start_date__lte=ex.ref).filter(
            Q(cpp_end_date__isnull=True) | Q(cpp_end_date__gte=ex.start)
        )
    )
    ids = [p.child_id for p in plans]
    ex.preload(ids)
    visits = defaultdict(list)
    for visit in m.Visit.objects.filter(child_id__in=ids, kind="CP", visit_date__lte=ex.ref).order_by(
        "visit_date"
    ):
        visits[visit.child_id].append(visit)
    reviews = defaultdict(list)
    for plan_id, day in m.ChildProtectionConference.objects.filter(
        plan_id__in=[p.pk for p in plans], kind="RCPC", conference_date__lte=ex.ref
    ).values_list("plan_id", "conference_date"):
        reviews[plan_id].append(day)
    protected = set(
        m.LookedAfterEpisode.objects.filter(
            child_id__in=ids, ls__in=["L1", "L2"], decom__lte=ex.ref, decom__gte=ex.start
        ).values_list("child_id", flat=True)
    )
    found = []
    for plan in plans:
        end = plan.cpp_end_date or ex.ref
        during = [v for v in visits[plan.child_id] if plan.cpp_start_date <= v.visit_date <= end]
        last = during[-1] if during else None
        cells = [
            ex.disability(ex.child(plan.child_id)),
            plan.cpp_start_date,
            plan.initial_category_of_abuse,
            plan.latest_category_of_abuse,
            last.visit_date if last else None,
            _yes(last.seen_alone) if last else "",
            max(reviews[plan.pk], default=None),
            plan.cpp_end_date,
            _yes(plan.child_id in protected),
            plan.number_of_previous_cpp,
            *ex.allocated(plan.child_id),
        ]
        found.append((ex.child(plan.child_id), (plan.cpp_start_date,), cells))
    return ex.rows(7, found)


def _period_start(episodes: list) -> date:
    """The start of the period of care the last episode belongs to."""
    start = episodes[-1].decom
    for previous in reversed(episodes[:-1]):
        if previous.dec == start and previous.rec == "X1":
            start = previous.decom
        else:
            break
    return start


def _children_in_care(ex: Exporter):
    by_child = defaultdict(list)
    for e in m.LookedAfterEpisode.objects.filter(decom__lte=ex.ref).order_by("child_id", "decom"):
        by_child[e.child_id].append(e)
    by_child = {c: eps for c, eps in by_child.items() if eps[-1].dec is None or eps[-1].dec >= ex.start}
    ids = list(by_child)
    ex.preload(ids)
    seen = _last_visits(ids, ex.ref, kind="CLA", seen=True)
    reviews = dict(
        m.LookedAfterReview.objects.filter(child_id__in=ids, review_date__lte=ex.ref)
        .values_list("child_id")
        .annotate(last=Max("review_date"))
        .values_list("child_id", "last")
    )
    health = defaultdict(dict)
    for child_id, kind, day in (
        m.HealthCheck.objects.filter(child_id__in=ids, check_date__lte=ex.ref)
        .order_by("check_date")
        .values_list("child_id", "kind", "check_date")
    ):
        health[child_id]["DENTAL" if kind == "DENTAL" else "HEALTH"] = day
    missing = Counter(
        m.MissingEpisode.objects.filter(
            child_id__in=ids, mis_start__date__gte=ex.year_start, mis_start__date__lte=ex.ref
        ).values_list("child_id", flat=True)
    )
    found = []
    for child_id, eps in by_child.items():
        child, last = ex.child(child_id), eps[-1]
        placements = sum(1 for e in eps if e.decom >= ex.year_start and e.rne in {"S", "P", "B", "T", "U"})
        ceased = last.dec if last.dec and last.dec <= ex.ref else None
        visit = seen.get(child_id)
        cells = [
            _yes(child.uasc),
            _period_start(eps),
            last.cin,
            last.ls,
            reviews.get(child_id),
            visit.visit_date if visit else None,
            health[child_id].get("HEALTH"),
            health[child_id].get("DENTAL"),
            placements,
            ceased,
            last.rec if ceased else "",
            last.decom,
            last.place,
            last.place_provider,
            last.pl_post,
            last.urn,
            missing.get(child_id, 0),
            *ex.allocated(child_id),
        ]
        found.append((child, (last.decom,), cells))
    return ex.rows(8, found)


def _care_leavers(ex: Exporter):
    latest = {}
    for contact in m.CareLeaverContact.objects.filter(
        contact_date__gte=ex.start, contact_date__lte=ex.ref
    ).order_by("contact_date", "pk"):
        latest[contact.child_id] = contact
    ex.preload(latest)
    # A care leaver's allocated worker is their personal adviser.
    found = [
        (
            ex.child(c),
            (x.contact_date,),
            [x.contact_date, x.in_touch, x.activ, x.accom, *ex.allocated(c, ("PA", "SW"))],
        )
        for c, x in latest.items()
    ]
    return ex.rows(9, found)


def _adoption(ex: Exporter):
    fields = [
        "date_should_be_placed",
        "placement_order_date",
        "match_date",
        "placed_date",
        "adoption_order_date",
        "no_longer_placed_date",
    ]
    found = []
    rows = list(m.AdoptionMilestones.objects.all())
    ex.preload(r.child_id for r in rows)
    entered = defaultdict(list)
    for e in m.LookedAfterEpisode.objects.filter(child_id__in=[r.child_id for r in rows]).order_by("decom"):
        entered[e.child_id].append(e)
    for row in rows:
        dates = [getattr(row, f) for f in fields]
        if not any(d and ex.year_start <= d <= ex.ref for d in dates):
            continue
        before = [e for e in entered[row.child_id] if e.decom <= row.date_should_be_placed]
        came_in = _period_start(before) if before else None
        found.append((ex.child(row.child_id), (row.date_should_be_placed,), [came_in, *dates, None]))
    return ex.rows(10, found)

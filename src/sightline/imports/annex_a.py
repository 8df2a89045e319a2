"""Ofsted Annex A from the record model (export) and into it (import).

The lists are a six-month window to the reference date (lists 10 and 11: twelve months),
as they stood at that date (`sightline.returns.as_at`: nothing after it is known yet).
Columns that are facts (dates, codes) are exported from and imported into the records.
Figures the records cannot recompute from the workbook alone (numbers "in the last 12
months", allocated team and worker, case status, EPO in the last six months, the date the
child entered care) and lists 8 and 11, which are not loaded into the records, are kept as
reported (`sightline.imports.reported`) and written back for the same reference date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import Max, Q

from sightline.domain.dates import age_on, window_start
from sightline.records import models as m
from sightline.returns.annex_a import code
from sightline.returns.as_at import annex_a_as_at
from sightline.returns.records import ReturnData
from sightline.workforce.models import Allocation

from . import reported
from .loaders import Loader, year_bounds
from .sync import Sync

GENDER_OUT = {"M": "a) Male", "F": "b) Female", "U": "c) Unknown"}
GENDER_IN = {"a": "M", "b": "F", "c": "U", "d": "U", "m": "M", "f": "F", "u": "U", "male": "M", "female": "F"}
YES = {"yes", "y", "a", "true", "1"}
NO = {"no", "n", "b", "false", "0"}


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


# ---------------------------------------------------------------------------------------
# Import


def _bool(value) -> bool | None:
    text = code(value).lower() if value is not None else ""
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _nulls_last(value):
    return (value is None, value if value is not None else "")


def _numbered(child: m.Child, rows: list[dict], day: str, order: tuple[str, ...]):
    """(key, values) for a child's rows of one list, numbered within each day in `order`.

    Annex A rows carry no identifier and a child can have two on one day (two contacts, even
    from the same source), so (child, day) alone would merge them; the number tells them apart
    the same way on every import.
    """
    rows = sorted(rows, key=lambda v: (_nulls_last(v[day]), *(_nulls_last(v[f]) for f in order)))
    seen: Counter = Counter()
    for values in rows:
        seen[values[day]] += 1
        yield (child.pk, values[day], seen[values[day]] - 1), values


class AnnexALoader(Loader):
    """Annex A rows into the record model, matched by child and the row's own date."""

    def __init__(self, data: ReturnData, year: int | None) -> None:
        super().__init__(data, year)
        _, end = year_bounds(year)
        self.reference = data.header.get("reference_date") or end
        for record in data.children.values():
            record.person = self._person(record)
            born = record.person.get("date_of_birth")
            # Annex A gives an unborn child's expected date of birth in that column: one after the
            # year end, or one with no age beside it for a child of unknown sex (a due date passed
            # without a birth recorded yet).
            no_age = record.person.pop("no_age", False)
            if born and (born > end or (no_age and record.person.get("sex") == "U")):
                record.person["expected_date_of_birth"] = record.person.pop("date_of_birth")

    def children(self) -> dict[str, m.Child]:
        """As for every return, plus Annex A's Yes/No disability, kept unless it contradicts the record."""
        children = super().children()
        changed = []
        for child_id, record in self.data.children.items():
            flag = next(
                (
                    _bool(row.get("Disability"))
                    for rows in record.tables.values()
                    for row in rows
                    if row.get("Disability")
                ),
                None,
            )
            child = children[child_id]
            if flag is not None and flag != any(d != "NONE" for d in child.disabilities):
                child.disabilities = ["DDA"] if flag else ["NONE"]
                changed.append(child)
        m.Child.objects.bulk_update(changed, ["disabilities"], batch_size=1000)
        self.counts[("child", "updated")] += len(changed)
        return children

    @staticmethod
    def _person(record) -> dict:
        for rows in record.tables.values():
            for row in rows:
                if "Gender" not in row:
                    continue
                person = {}
                gender = code(row.get("Gender") or "").lower()
                if gender in GENDER_IN or str(row.get("Gender") or "").lower() in GENDER_IN:
                    person["sex"] = GENDER_IN.get(gender) or GENDER_IN[str(row["Gender"]).lower()]
                if row.get("Ethnicity"):
                    person["ethnicity"] = code(row["Ethnicity"]).upper()
                if row.get("Date of Birth"):
                    person["date_of_birth"] = row["Date of Birth"]
                    person["no_age"] = row.get("Age of Child (Years)") in (None, "")
                return person
        return {}

    def load(self) -> Counter:
        # List 11 is keyed by adopter, not child: its rows are kept as reported, not as children.
        adopters = [row for record in self.data.children.values() for row in record.tables.pop("list11", [])]
        self.data.children = {k: v for k, v in self.data.children.items() if any(v.tables.values())}
        children = self.children()
        ids = [c.pk for c in children.values()]
        self._simple(children)
        self._cin(children, ids)
        reported.store(self.data, children, adopters, self.reference, self.counts)
        return self.counts

    def _simple(self, children) -> None:
        contacts = self._numbered_sync(m.Contact, children, "contact_date", ("source",))
        early = self._numbered_sync(
            m.EarlyHelpAssessment, children, "start_date", ("completion_date", "organisation")
        )
        leavers = self._by_child(m.CareLeaverContact, children, lambda x: (x.child_id, x.contact_date))
        adoption = self._by_child(
            m.AdoptionMilestones, children, lambda x: (x.child_id, x.date_should_be_placed)
        )
        for child_id, record in self.data.children.items():
            child = children[child_id]
            found = [
                {
                    "child": child,
                    "contact_date": row["Date of Contact"],
                    "source": code(row["Contact Source"]).upper(),
                }
                for row in record.tables.get("list1", [])
            ]
            for key, values in _numbered(child, found, "contact_date", ("source",)):
                if contacts.get(key) is None:
                    values["outcome"] = ""
                contacts.put(key, values)
            found = [
                {
                    "child": child,
                    "start_date": row["Assessment start date"],
                    "completion_date": row["Assessment completion date"],
                    "organisation": row["Organisation completing assessment"] or "",
                }
                for row in record.tables.get("list2", [])
            ]
            for key, values in _numbered(child, found, "start_date", ("completion_date", "organisation")):
                early.put(key, values)
            for row in record.tables.get("list9", []):
                leavers.put(
                    (child.pk, row["Date of Latest Contact"]),
                    {
                        "child": child,
                        "contact_date": row["Date of Latest Contact"],
                        "in_touch": code(row["LA in Touch"]).upper(),
                        "activ": code(row["Activity Status"] or "").upper(),
                        "accom": code(row["Accommodation Type and Suitability"] or "").upper(),
                    },
                )
            for row in record.tables.get("list10", []):
                decided = row["Date of Decision that the Child Should be Placed for Adoption"]
                adoption.put(
                    (child.pk, decided),
                    {
                        "child": child,
                        "date_should_be_placed": decided,
                        "placement_order_date": row["Date of Placement Order"],
                        "match_date": row["Date of Matching Child and Prospective Adopters"],
                        "placed_date": row["Date Placed for Adoption"],
                        "adoption_order_date": row["Date of Adoption Order"],
                        "no_longer_placed_date": row[
                            "Date of Decision that Child Should No Longer be Placed for Adoption"
                        ],
                    },
                )
        for sync in (contacts, early, leavers, adoption):
            sync.flush()

    def _numbered_sync(self, model, children, day: str, order: tuple[str, ...]) -> Sync:
        """Stored rows keyed as `_numbered` keys the list's rows: child, day, place that day."""
        seen: Counter = Counter()

        def key(obj):
            base = (obj.child_id, getattr(obj, day))
            seen[base] += 1
            return (*base, seen[base] - 1)

        def place(obj):
            return (
                obj.child_id,
                _nulls_last(getattr(obj, day)),
                *(_nulls_last(getattr(obj, f)) for f in order),
                obj.pk,
            )

        return self._by_child(model, children, key, sort=place)

    def _cin(self, children, ids) -> None:
        episodes = self._by_child(m.CINEpisode, children, lambda x: (x.child_id, x.cin_referral_date))
        visits = self._by_child(m.Visit, children, lambda x: (x.child_id, x.kind, x.visit_date))
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for row in record.tables.get("list6", []):
                stored = episodes.get((child.pk, row["CIN Start Date"]))
                values = {
                    "child": child,
                    "cin_referral_date": row["CIN Start Date"],
                    "primary_need_code": code(row["Primary Need Code"]).upper(),
                    "cin_closure_date": row["CIN Closure Date"],
                    "reason_for_closure": code(row["Reason for Closure"] or "").upper(),
                }
                if stored is None:
                    values.update(referral_source="10", referral_nfa=False)
                episodes.put((child.pk, row["CIN Start Date"]), values)
                seen = row["Date Child Was Last Seen"]
                if (
                    seen
                    and visits.get((child.pk, "CIN", seen)) is None
                    and not any(visits.get((child.pk, k, seen)) for k in ("CP", "CLA", "ASMT"))
                ):
                    visits.put(
                        (child.pk, "CIN", seen),
                        {"child": child, "kind": "CIN", "visit_date": seen, "seen": True},
                    )
            for row in record.tables.get("list3", []):
                values = {
                    "child": child,
                    "cin_referral_date": row["Date of referral"],
                    "referral_source": code(row["Referral Source"]).upper(),
                    "referral_nfa": bool(_bool(row["Referral NFA?"])),
                }
                if episodes.get((child.pk, row["Date of referral"])) is None:
                    values["primary_need_code"] = "N0"
                episodes.put((child.pk, row["Date of referral"]), values)
        episodes.flush()
        self._episode_parts(children, episodes, visits)

    def _warning(self, row: dict, column: str, child_id: str):
        from pathlib import Path

        from sightline.returns.common import Problem

        message = "no CIN episode in list 6 contains this date, so the row is not loaded"
        return Problem(Path(self.data.files[0]).name, row["where"], column, message, child_id, "warning")

    def _episode_parts(self, children, episodes: Sync, visits: Sync) -> None:
        by_child = defaultdict(list)
        for (child_pk, _), episode in episodes.existing.items():
            by_child[child_pk].append(episode)

        def episode_for(child, day):
            for e in sorted(by_child[child.pk], key=lambda e: e.cin_referral_date, reverse=True):
                if e.cin_referral_date <= day and (e.cin_closure_date is None or e.cin_closure_date >= day):
                    return e
            return None

        assessments = self._by_child(
            m.Assessment, children, lambda x: (x.child_id, x.assessment_actual_start_date)
        )
        plans = self._by_child(m.CPPlan, children, lambda x: (x.child_id, x.cpp_start_date))
        s47s = self._by_child(m.Section47Enquiry, children, lambda x: (x.child_id, x.s47_actual_start_date))
        conferences = self._by_child(
            m.ChildProtectionConference, children, lambda x: (x.child_id, x.kind, x.conference_date)
        )
        links = []
        for child_id, record in self.data.children.items():
            child = children[child_id]
            for table, date_column in (
                ("list4", "Continuous Assessment Start Date"),
                ("list5", "Strategy discussion initiating Section 47 Enquiry Start Date"),
                ("list7", "Child Protection Plan Start Date"),
            ):
                for row in record.tables.get(table, []):
                    episode = episode_for(child, row[date_column])
                    if episode is None:
                        self.data.problems.append(self._warning(row, date_column, child_id))
                        continue
                    links.append((table, child, episode, row))
        syncs = {
            "assessments": assessments,
            "plans": plans,
            "s47s": s47s,
            "conferences": conferences,
            "visits": visits,
        }
        for table, child, episode, row in links:
            base = {"child": child, "episode": episode}
            {"list4": self._assessment, "list5": self._section47, "list7": self._plan}[table](
                syncs, base, row
            )
        for sync in (s47s, plans):
            sync.flush()
        for sync in (assessments, conferences, visits):
            sync.flush()

    @staticmethod
    def _assessment(syncs, base, row) -> None:
        child = base["child"]
        start = row["Continuous Assessment Start Date"]
        stored = syncs["assessments"].get((child.pk, start))
        values = {
            **base,
            "assessment_actual_start_date": start,
            "child_seen": bool(_bool(row["Child Seen During Continuous Assessment"])),
            "assessment_authorisation_date": row["Continuous Assessment Date of Authorisation"],
        }
        needs = _bool(row["Was the child assessed as requiring LA children's social care support?"])
        current = None if stored is None or not stored.outcome else stored.outcome in {"CIN", "S47", "CLA"}
        if needs != current:
            values["outcome"] = "" if needs is None else ("CIN" if needs else "NFA")
        syncs["assessments"].put((child.pk, start), values)

    @staticmethod
    def _section47(syncs, base, row) -> None:
        child = base["child"]
        start = row["Strategy discussion initiating Section 47 Enquiry Start Date"]
        unnecessary = _bool(row["Was an Initial Child Protection Conference deemed unnecessary?"])
        s47 = syncs["s47s"].put(
            (child.pk, start),
            {**base, "s47_actual_start_date": start, "icpc_not_required": bool(unnecessary)},
        )
        day = row["Date of Initial Child Protection Conference"]
        if day:
            decided = _bool(
                row["Did the Initial Child Protection Conference Result in a Child Protection Plan"]
            )
            syncs["conferences"].put(
                (child.pk, "ICPC", day),
                {
                    **base,
                    "kind": "ICPC",
                    "conference_date": day,
                    "section47": s47,
                    "plan_decided": bool(decided),
                },
            )

    @staticmethod
    def _plan(syncs, base, row) -> None:
        child = base["child"]
        start = row["Child Protection Plan Start Date"]
        plan = syncs["plans"].put(
            (child.pk, start),
            {
                **base,
                "cpp_start_date": start,
                "cpp_end_date": row["Child Protection Plan End Date"],
                "initial_category_of_abuse": code(row["Initial Category of Abuse"]).upper(),
                "latest_category_of_abuse": code(row["Latest Category of Abuse"]).upper(),
                "number_of_previous_cpp": int(row["Number of Previous Child Protection Plans"] or 0),
            },
        )
        day = row["Date of latest review conference"]
        if day:
            syncs["conferences"].put(
                (child.pk, "RCPC", day),
                {**base, "kind": "RCPC", "conference_date": day, "plan": plan, "plan_decided": True},
            )
        day = row["Date of the Last Statutory Visit"]
        if day:
            alone = bool(_bool(row["Was the Child Seen Alone?"]))
            syncs["visits"].put(
                (child.pk, "CP", day),
                {"child": child, "kind": "CP", "visit_date": day, "seen": alone, "seen_alone": alone},
            )

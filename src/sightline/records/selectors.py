"""Reads of a child's records: the events of everything recorded about them, for the chronology.

One small reader per kind of record (`CHRONOLOGY_READERS`: a model and the Events a row of it
gives), all read in one query (a UNION ALL of each table's rows as JSON objects, instead of a
query per table: nineteen on every child page); the web layer adds other apps' entries
(audits) and sorts them for the child's page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date
from functools import cache

from django.db import connection, models
from django.db.models import F, IntegerField, Value
from django.db.models.functions import JSONObject
from django.utils import timezone

from sightline.workforce.models import Allocation

from . import models as r
from .models import Child


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    title: str
    detail: str = ""


@dataclass(frozen=True)
class Reader:
    """A kind of record in the chronology: its model, the Events one row gives, and the related
    rows those need (a visit's worker), read in the same query."""

    model: type[models.Model]
    events: Callable[[models.Model], Iterable[Event]]
    related: tuple[str, ...] = ()

    def query(self, index: int, child_id: int):
        columns = {f.attname: F(f.attname) for f in self.model._meta.concrete_fields}
        for name in self.related:
            related = self.model._meta.get_field(name).related_model
            columns |= {
                f"{name}.{f.attname}": F(f"{name}__{f.attname}") for f in related._meta.concrete_fields
            }
        return (
            self.model.objects.filter(child_id=child_id)
            .order_by()
            .annotate(
                reader_index=Value(index, output_field=IntegerField()), reader_row=JSONObject(**columns)
            )
            .values_list("reader_index", "id", "reader_row")
        )

    def events_of(self, row: dict) -> Iterable[Event]:
        instance = _instance(self.model, {k: v for k, v in row.items() if "." not in k})
        for name in self.related:
            related = self.model._meta.get_field(name).related_model
            values = {k.partition(".")[2]: v for k, v in row.items() if k.startswith(f"{name}.")}
            if values.get(related._meta.pk.attname) is not None:
                setattr(instance, name, _instance(related, values))
        return self.events(instance)


def _instance(model: type[models.Model], values: dict) -> models.Model:
    """A model instance from a row read as a JSON object: the values as the ORM would give them
    (dates and times from their ISO text, booleans from SQLite's 0 and 1, JSON from its text)."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    converted = {}
    for name, value in values.items():
        field = fields[name]
        if value is not None:
            if isinstance(field, models.JSONField):
                value = json.loads(value) if isinstance(value, str) else value
            else:
                value = field.to_python(value)
            if isinstance(field, models.DateTimeField) and timezone.is_naive(value):
                value = timezone.make_aware(value, UTC)  # SQLite keeps UTC without an offset
        converted[name] = value
    return model(**converted)


def _d(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _contact(c):
    yield Event(
        c.contact_date,
        "Contact",
        f"Contact from {c.get_source_display()}",
        f"Outcome: {c.get_outcome_display()}",
    )


def _cin_episode(e):
    yield Event(
        e.cin_referral_date,
        "Referral",
        "Referral received",
        f"{e.get_primary_need_code_display()}; source {e.get_referral_source_display()}"
        + ("; no further action" if e.referral_nfa else ""),
    )
    if e.cin_closure_date:
        yield Event(e.cin_closure_date, "Closure", "Episode closed", e.get_reason_for_closure_display())


def _assessment(a):
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


def _strategy_discussion(s):
    yield Event(s.discussion_date, "Strategy", "Strategy discussion")


def _section47_enquiry(s):
    yield Event(
        s.s47_actual_start_date,
        "s47",
        "Section 47 enquiry started",
        s.get_outcome_display() if s.outcome else "",
    )


def _child_protection_conference(c):
    yield Event(
        c.conference_date,
        "Conference",
        c.get_kind_display(),
        ("Plan made" if c.plan_decided else "No plan") if c.kind == "ICPC" else "",
    )


def _cp_plan(p):
    yield Event(
        p.cpp_start_date,
        "CP plan",
        "Child protection plan started",
        f"{p.get_initial_category_of_abuse_display()}; previous plans {p.number_of_previous_cpp}",
    )
    if p.cpp_end_date:
        yield Event(p.cpp_end_date, "CP plan", "Child protection plan ended")


def _cin_plan(p):
    yield Event(p.cin_plan_start_date, "CIN plan", "Child in need plan started")
    if p.cin_plan_end_date:
        yield Event(p.cin_plan_end_date, "CIN plan", "Child in need plan ended")


def _visit(v):
    seen = "seen alone" if v.seen_alone else "seen" if v.seen else "not seen"
    yield Event(
        v.visit_date,
        "Visit",
        v.get_kind_display(),
        f"Child {seen}" + (f"; {v.worker}" if v.worker else ""),
    )


def _looked_after_episode(e):
    title = "Became looked after" if e.rne == "S" else f"Change: {e.get_rne_display().lower()}"
    yield Event(e.decom, "Looked after", title, f"{e.get_ls_display()}; {e.get_place_display()}")
    if e.dec and e.rec != "X1":
        yield Event(e.dec, "Looked after", "Ceased to be looked after", e.get_rec_display())


def _looked_after_review(v):
    yield Event(v.review_date, "Review", "Looked-after review", v.get_review_code_display())


def _health_check(h):
    yield Event(h.check_date, "Health", h.get_kind_display())


def _personal_education_plan(p):
    yield Event(p.pep_date, "PEP", "Personal education plan")


def _missing_episode(m):
    rhi = "RHI accepted" if m.rhi_accepted else "RHI offered" if m.rhi_offered else "No RHI offered"
    yield Event(_d(m.mis_start), "Missing", m.get_missing_display(), rhi)


def _care_leaver_contact(c):
    yield Event(
        c.contact_date,
        "Care leaver",
        f"Care leaver contact: {c.get_in_touch_display()}",
        " ".join(
            filter(None, [c.get_activ_display() if c.activ else "", c.get_accom_display() if c.accom else ""])
        ),
    )


def _care_proceedings(p):
    if p.plo_start_date:
        yield Event(p.plo_start_date, "Proceedings", "Pre-proceedings (PLO) started")
    if p.application_issued_date:
        yield Event(p.application_issued_date, "Proceedings", "Care application issued")
    if p.final_order_date:
        yield Event(p.final_order_date, "Proceedings", "Final order", p.get_final_order_type_display())


def _private_fostering_arrangement(p):
    yield Event(p.notification_date, "Private fostering", "Private fostering notified")


def _pre_birth_referral(p):
    yield Event(p.referral_date, "Pre-birth", f"Pre-birth referral at {p.gestation_weeks_at_referral} weeks")


def _allocation(a):
    yield Event(a.start_date, "Allocation", f"Allocated: {a.get_role_display()}", f"{a.worker}, {a.team}")


CHRONOLOGY_READERS = [
    Reader(r.Contact, _contact),
    Reader(r.CINEpisode, _cin_episode),
    Reader(r.Assessment, _assessment),
    Reader(r.StrategyDiscussion, _strategy_discussion),
    Reader(r.Section47Enquiry, _section47_enquiry),
    Reader(r.ChildProtectionConference, _child_protection_conference),
    Reader(r.CPPlan, _cp_plan),
    Reader(r.CINPlan, _cin_plan),
    Reader(r.Visit, _visit, ("worker",)),
    Reader(r.LookedAfterEpisode, _looked_after_episode),
    Reader(r.LookedAfterReview, _looked_after_review),
    Reader(r.HealthCheck, _health_check),
    Reader(r.PersonalEducationPlan, _personal_education_plan),
    Reader(r.MissingEpisode, _missing_episode),
    Reader(r.CareLeaverContact, _care_leaver_contact),
    Reader(r.CareProceedings, _care_proceedings),
    Reader(r.PrivateFosteringArrangement, _private_fostering_arrangement),
    Reader(r.PreBirthReferral, _pre_birth_referral),
    Reader(Allocation, _allocation, ("worker", "team")),
]


def chronology_rows(child: Child):
    """Every event in the child's own records, unsorted, from one query."""
    sql, params = _chronology_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [child.pk if p == _ANY_CHILD else p for p in params])
        rows = cursor.fetchall()
    for index, _, row in rows:
        yield from CHRONOLOGY_READERS[index].events_of(json.loads(row) if isinstance(row, str) else row)


# The child's id in the query as built once (`_chronology_sql`), replaced by each child's own.
_ANY_CHILD = -7_919_000_001


@cache
def _chronology_sql(vendor: str) -> tuple[str, tuple]:
    """The UNION ALL of every reader's rows, built and compiled once per process (building
    nineteen querysets of JSON objects cost more than running them)."""
    parts = [reader.query(index, _ANY_CHILD) for index, reader in enumerate(CHRONOLOGY_READERS)]
    union = parts[0].union(*parts[1:], all=True).order_by("reader_index", "id")
    return union.query.sql_with_params()

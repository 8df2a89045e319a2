"""Reads of a child's records: the events of everything recorded about them, for the chronology.

One small reader per kind of record (`CHRONOLOGY_READERS`), each yielding Events; the web layer
adds other apps' entries (audits) and sorts them for the child's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sightline.workforce.models import Allocation

from . import models as r
from .models import Child


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    title: str
    detail: str = ""


def _d(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _contact(child: Child):
    for c in r.Contact.objects.filter(child=child):
        yield Event(
            c.contact_date,
            "Contact",
            f"Contact from {c.get_source_display()}",
            f"Outcome: {c.get_outcome_display()}",
        )


def _cin_episode(child: Child):
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


def _assessment(child: Child):
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


def _strategy_discussion(child: Child):
    for s in r.StrategyDiscussion.objects.filter(child=child):
        yield Event(s.discussion_date, "Strategy", "Strategy discussion")


def _section47_enquiry(child: Child):
    for s in r.Section47Enquiry.objects.filter(child=child):
        yield Event(
            s.s47_actual_start_date,
            "s47",
            "Section 47 enquiry started",
            s.get_outcome_display() if s.outcome else "",
        )


def _child_protection_conference(child: Child):
    for c in r.ChildProtectionConference.objects.filter(child=child):
        yield Event(
            c.conference_date,
            "Conference",
            c.get_kind_display(),
            ("Plan made" if c.plan_decided else "No plan") if c.kind == "ICPC" else "",
        )


def _cp_plan(child: Child):
    for p in r.CPPlan.objects.filter(child=child):
        yield Event(
            p.cpp_start_date,
            "CP plan",
            "Child protection plan started",
            f"{p.get_initial_category_of_abuse_display()}; previous plans {p.number_of_previous_cpp}",
        )
        if p.cpp_end_date:
            yield Event(p.cpp_end_date, "CP plan", "Child protection plan ended")


def _cin_plan(child: Child):
    for p in r.CINPlan.objects.filter(child=child):
        yield Event(p.cin_plan_start_date, "CIN plan", "Child in need plan started")
        if p.cin_plan_end_date:
            yield Event(p.cin_plan_end_date, "CIN plan", "Child in need plan ended")


def _visit(child: Child):
    for v in r.Visit.objects.filter(child=child).select_related("worker"):
        seen = "seen alone" if v.seen_alone else "seen" if v.seen else "not seen"
        yield Event(
            v.visit_date,
            "Visit",
            v.get_kind_display(),
            f"Child {seen}" + (f"; {v.worker}" if v.worker else ""),
        )


def _looked_after_episode(child: Child):
    for e in r.LookedAfterEpisode.objects.filter(child=child):
        title = "Became looked after" if e.rne == "S" else f"Change: {e.get_rne_display().lower()}"
        yield Event(e.decom, "Looked after", title, f"{e.get_ls_display()}; {e.get_place_display()}")
        if e.dec and e.rec != "X1":
            yield Event(e.dec, "Looked after", "Ceased to be looked after", e.get_rec_display())


def _looked_after_review(child: Child):
    for v in r.LookedAfterReview.objects.filter(child=child):
        yield Event(v.review_date, "Review", "Looked-after review", v.get_review_code_display())


def _health_check(child: Child):
    for h in r.HealthCheck.objects.filter(child=child):
        yield Event(h.check_date, "Health", h.get_kind_display())


def _personal_education_plan(child: Child):
    for p in r.PersonalEducationPlan.objects.filter(child=child):
        yield Event(p.pep_date, "PEP", "Personal education plan")


def _missing_episode(child: Child):
    for m in r.MissingEpisode.objects.filter(child=child):
        rhi = "RHI accepted" if m.rhi_accepted else "RHI offered" if m.rhi_offered else "No RHI offered"
        yield Event(_d(m.mis_start), "Missing", m.get_missing_display(), rhi)


def _care_leaver_contact(child: Child):
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


def _care_proceedings(child: Child):
    for p in r.CareProceedings.objects.filter(child=child):
        if p.plo_start_date:
            yield Event(p.plo_start_date, "Proceedings", "Pre-proceedings (PLO) started")
        if p.application_issued_date:
            yield Event(p.application_issued_date, "Proceedings", "Care application issued")
        if p.final_order_date:
            yield Event(p.final_order_date, "Proceedings", "Final order", p.get_final_order_type_display())


def _private_fostering_arrangement(child: Child):
    for p in r.PrivateFosteringArrangement.objects.filter(child=child):
        yield Event(p.notification_date, "Private fostering", "Private fostering notified")


def _pre_birth_referral(child: Child):
    for p in r.PreBirthReferral.objects.filter(child=child):
        yield Event(
            p.referral_date, "Pre-birth", f"Pre-birth referral at {p.gestation_weeks_at_referral} weeks"
        )


def _allocation(child: Child):
    for a in Allocation.objects.filter(child=child).select_related("worker", "team"):
        yield Event(a.start_date, "Allocation", f"Allocated: {a.get_role_display()}", f"{a.worker}, {a.team}")


CHRONOLOGY_READERS = [
    _contact,
    _cin_episode,
    _assessment,
    _strategy_discussion,
    _section47_enquiry,
    _child_protection_conference,
    _cp_plan,
    _cin_plan,
    _visit,
    _looked_after_episode,
    _looked_after_review,
    _health_check,
    _personal_education_plan,
    _missing_episode,
    _care_leaver_contact,
    _care_proceedings,
    _private_fostering_arrangement,
    _pre_birth_referral,
    _allocation,
]


def chronology_rows(child: Child):
    """Every event in the child's own records, unsorted."""
    for reader in CHRONOLOGY_READERS:
        yield from reader(child)

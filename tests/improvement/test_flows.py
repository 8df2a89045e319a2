"""Raising actions from their sources, closing the loop, the summary of progress, the team and child
pages, the demo council's registers, the report sections and clearing the records."""

from datetime import date

import pytest
from django.utils.html import escape

from sightline.accounts.roles import Role
from sightline.improvement import measures
from sightline.improvement.models import (
    AgencyResponse,
    Challenge,
    DisputeResolution,
    Inspection,
    InspectionRecommendation,
    PlanAction,
    PracticeReview,
    ProgressUpdate,
    Recommendation,
)
from sightline.reports.sections import ReportContext, build_all
from sightline.web.selectors import as_at
from sightline.workforce.models import Worker
from web.conftest import child_allocated_to

pytestmark = pytest.mark.django_db


def test_an_inspection_recommendation_raises_a_plan_action_that_keeps_its_source(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    rec = InspectionRecommendation.objects.first()
    page = client.get(f"/improvement/inspections/{rec.inspection_id}/").content.decode()
    raise_link = (
        f"/improvement/actions/add/?source_model=improvement.inspectionrecommendation&amp;source_id={rec.pk}"
    )
    assert raise_link in page
    form = client.get(raise_link.replace("&amp;", "&")).content.decode()
    assert f"recommendation {rec.number}" in form and 'value="ofsted"' in form
    owner = Worker.objects.filter(role="TM", leave_date__isnull=True).first()
    data = {
        "priority": 1,
        "title": "Assessment quality circle",
        "owner": owner.pk,
        "agency": "council",
        "start_date": "2025-04-01",
        "due_date": "2025-07-31",
        "status": "complete",
        "completed_on": "2025-07-20",
        "evidence": "Circle minutes",
        "source": "other",
        "source_label": "",
        "source_model": "improvement.inspectionrecommendation",
        "source_id": rec.pk,
        "impact": "indicator:assessments_45wd",
        "measured_for": "council",
    }
    assert client.post("/improvement/actions/add/", data).status_code == 302
    action = PlanAction.objects.get(title="Assessment quality circle")
    assert (action.source, action.source_model, action.source_id) == (
        "ofsted",
        "improvement.inspectionrecommendation",
        rec.pk,
    )
    assert (action.origin_model, action.origin_id) == ("improvement.inspection", rec.inspection_id)
    loop = client.get(f"/improvement/loop/improvement.inspection/{rec.inspection_id}/").content.decode()
    found = measures.impact(action, as_at())
    assert "Assessment quality circle" in loop and found.verdict in loop
    assert f"{found.before:.1f}" in loop and f"{found.after:.1f}" in loop


def test_closing_the_loop_refuses_an_unknown_source(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    assert client.get("/improvement/loop/auth.user/1/").status_code == 404
    assert client.get("/improvement/loop/improvement.inspection/99999/").status_code == 404


def test_the_summary_of_progress_has_each_agencys_updates_under_its_finding(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    review = PracticeReview.objects.get()
    page = client.get(f"/improvement/reviews/{review.pk}/progress/").content.decode()
    assert "Summary of progress" in page and review.reference in page
    for finding in review.findings.all():
        assert finding.heading in page
    update = (
        ProgressUpdate.objects.filter(response__recommendation__finding__review=review)
        .exclude(evidence="")
        .first()
    )
    assert escape(update.evidence) in page and escape(update.response.get_agency_display()) in page
    download = client.get(f"/improvement/reviews/{review.pk}/progress/?format=html")
    assert download["Content-Disposition"].startswith("attachment;")
    html = download.content.decode()
    assert (
        html.startswith("<!DOCTYPE html>") and "govuk-header" not in html and escape(update.progress) in html
    )
    word = client.get(f"/improvement/reviews/{review.pk}/progress/?format=doc")
    assert word["Content-Type"] == "application/msword"


def test_overdue_escalations_and_actions_show_on_the_team_page(signed_in, locality):
    client, _ = signed_in(Role.TEAM_MANAGER)
    on = as_at()
    escalation = DisputeResolution.objects.first()
    # About a child of the team, so the team manager may open it (the panel lists no other).
    child = child_allocated_to(locality)
    DisputeResolution.objects.filter(pk=escalation.pk).update(
        team=locality,
        child=child,
        resolved_on=None,
        outcome="",
        raised_on=date(2026, 3, 2),
        response_due=date(2026, 3, 9),
    )
    owner = Worker.objects.filter(team=locality, role="TM").first()
    action = PlanAction.objects.filter(status="in_progress").first()
    PlanAction.objects.filter(pk=action.pk).update(owner=owner, due_date=date(2026, 1, 31))
    page = client.get(f"/teams/{locality.pk}/").content.decode()
    assert on > date(2026, 3, 9)
    assert "team-overdue-escalations" in page and f"/improvement/iro-escalations/{escalation.pk}/" in page
    assert "team-overdue-actions" in page and action.title in page


def test_the_childs_record_lists_their_escalations(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    escalation = DisputeResolution.objects.filter(child__restricted=False).first()
    page = client.get(f"/children/{escalation.child_id}/").content.decode()
    assert "IRO escalations" in page and f"/improvement/iro-escalations/{escalation.pk}/" in page


def test_the_demo_council_has_two_years_of_improvement_work(council):
    actions = PlanAction.objects.all()
    on = as_at()
    first, last = min(a.start_date for a in actions), max(a.start_date for a in actions)
    assert (last - first).days > 600
    assert any(a.completed_on and a.completed_on > a.due_date for a in actions)  # closed late
    assert any(a.is_overdue(on) for a in actions)  # still open, late
    verdicts = {measures.impact(a, on).verdict for a in actions if a.measure and a.status == "complete"}
    assert "Improved" in verdicts and verdicts & {"Worse", "No change"}
    assert Challenge.objects.count() >= 5 and Challenge.objects.filter(status="closed").exists()
    review = PracticeReview.objects.get()
    assert Recommendation.objects.filter(finding__review=review).count() == 6
    assert set(AgencyResponse.objects.values_list("agency", flat=True)) == {
        "council",
        "health",
        "police",
        "education",
    }
    assert Inspection.objects.count() == 2
    assert Inspection.objects.filter(kind="focused", overall="").exists()
    escalations = DisputeResolution.objects.all()
    assert (
        escalations.count() >= 12
        and escalations.filter(resolved_on__isnull=True, response_due__lt=on).exists()
    )
    assert all(e.child.allocations.filter(role="IRO").exists() for e in escalations)


def test_every_improvement_section_builds_for_the_month_and_the_quarter(council):
    on = as_at()
    for kind, start in [
        ("monthly", date(on.year, on.month, 1)),
        ("quarterly", date(on.year, on.month - 2, 1)),
    ]:
        sections = {s.key: s for s in build_all(ReportContext(kind=kind, start=start, end=on, label="test"))}
        assert not sections["improvement.plan"].is_empty and not sections["improvement.disputes"].is_empty
        if kind == "quarterly":
            assert not sections["improvement.inspections"].is_empty
            assert not sections["improvement.practice_reviews"].is_empty
    early = ReportContext(
        kind="quarterly", start=date(2019, 1, 1), end=date(2019, 3, 31), label="Jan to Mar 2019"
    )
    sections = {s.key: s for s in build_all(early)}
    assert sections["improvement.plan"].is_empty and sections["improvement.challenges"].is_empty


def test_replacing_the_council_clears_its_registers_and_their_history(council, council_data):
    from sightline.records.services import load_dataset
    from sightline.registers import services as register_services
    from sightline.registers.models import ChangeRecord

    action = PlanAction.objects.first()
    register_services.record(action, None, "changed", [{"field": "Status", "old": "a", "new": "b"}])
    DisputeResolution.objects.create(
        **{
            **{
                f.attname: getattr(DisputeResolution.objects.first(), f.attname)
                for f in DisputeResolution._meta.concrete_fields
            },
            "id": None,
        }
    )
    load_dataset(
        council_data, replace=True
    )  # escalations point at children: cleared first, no foreign key trips
    assert not ChangeRecord.objects.exists()
    assert PlanAction.objects.count() == len(council_data.rows("improvement.PlanAction"))
    assert DisputeResolution.objects.count() == len(council_data.rows("improvement.DisputeResolution"))

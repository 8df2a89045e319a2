"""The improvement journeys in headless Chromium, with axe-core on each page visited.

A recommendation raises a plan action, its owner closes it with evidence and the closing-the-
loop report shows the measure before and after; two agencies add their progress to a practice
review and the summary of progress shows both; an IRO's escalation past its timescale shows as
overdue on the team's page.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sightline.accounts.roles import Role
from sightline.improvement import measures
from sightline.improvement.models import AgencyResponse, PlanAction
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Team, Worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, fill_date, sign_in, user  # noqa: E402  (skips the module without chromium)


def test_an_audit_finding_raises_an_action_its_owner_closes_and_the_loop_shows_the_impact(
    page, live_server, live_council
):
    from sightline.audits.models import AuditAction

    locality = Team.objects.get(name="Locality North")
    manager = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    user("qa", Role.QA_LEAD)
    user("manager", Role.TEAM_MANAGER, team=locality, worker=manager)
    finding = AuditAction.objects.filter(
        audit__programme__isnull=False, audit__child__restricted=False
    ).first()
    sign_in(page, live_server, "qa")
    page.click("header >> text=Improvement")
    check(page, "improvement-overview")
    page.goto(f"{live_server.url}/audits/{finding.audit_id}/")
    page.click(f"a[href$='source_model=audits.auditaction&source_id={finding.pk}']")
    assert finding.description in page.input_value("#id_source_label")
    page.fill("#id_title", "Assessment quality circles in every locality")
    page.select_option("#id_priority", index=1)
    page.select_option("#id_owner", str(manager.pk))
    fill_date(page, "#id_start_date", date(2025, 4, 1))
    fill_date(page, "#id_due_date", date(2025, 3, 1))  # before it starts: refused
    page.select_option("#id_impact", "indicator:assessments_45wd")
    page.click("button:has-text('Save')")
    assert "the due date cannot be before the date it started" in page.inner_text(".govuk-error-summary")
    check(page, "improvement-action-error")
    fill_date(page, "#id_due_date", date(2025, 7, 31))
    page.click("button:has-text('Save')")
    page.wait_for_selector("#impact")
    action = PlanAction.objects.get(title="Assessment quality circles in every locality")
    assert (action.source, action.source_id, action.origin_id) == (
        "audit",
        finding.pk,
        finding.audit.programme_id,
    )

    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/improvement/")
    page.click("#my-actions >> text=Assessment quality circles in every locality")
    page.click("#change-row")
    page.select_option("#id_status", "complete")
    fill_date(page, "#id_completed_on", date(2025, 7, 20))
    page.click("button:has-text('Save')")
    assert "An action is closed only with evidence of completion." in page.inner_text(".govuk-error-summary")
    page.fill("#id_evidence", "Circle minutes and the July audit: 8 of 10 assessments good.")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#impact-verdict")
    found = measures.impact(PlanAction.objects.get(pk=action.pk), as_at())
    assert page.inner_text("#impact-verdict") == found.verdict
    assert page.locator(".sightline-impact svg").count() == 1
    assert "Status" in page.inner_text("#history-table") and "manager" in page.inner_text("#history-table")
    check(page, "improvement-action-closed")
    page.click("text=Closing the loop")
    row = page.locator("#loop-table tr", has_text="Assessment quality circles in every locality")
    assert f"{found.before:.1f}" in row.inner_text() and f"{found.after:.1f}" in row.inner_text()
    assert found.verdict in row.inner_text()
    check(page, "improvement-closing-the-loop")


def test_two_agencies_report_progress_and_the_summary_shows_both(page, live_server, live_council):
    user("health", Role.PARTNER_AGENCY, agency="health")
    user("police", Role.PARTNER_AGENCY, agency="police")
    user("qa", Role.QA_LEAD)
    shared = next(
        r
        for r in AgencyResponse.objects.filter(agency="health")
        if AgencyResponse.objects.filter(recommendation=r.recommendation, agency="police").exists()
    )
    police = AgencyResponse.objects.get(recommendation=shared.recommendation, agency="police")
    for username, response, text in [
        ("health", shared, "Health visitors trained on court reports"),
        ("police", police, "Police evidence packs ready for every legal meeting"),
    ]:
        sign_in(page, live_server, username)
        page.click("header >> text=Improvement")
        page.click("text=Agency actions on practice reviews")
        assert (
            page.locator("#register-table tbody tr").count()
            == AgencyResponse.objects.filter(agency=username).count()
        )
        page.click(f"a[href='/improvement/agency-actions/{response.pk}/']")
        page.fill("#id_progress", text)
        page.fill("#id_evidence", "Attendance records")
        page.click("button:has-text('Add update')")
        page.wait_for_selector("#updates-table")
        assert text in page.inner_text("#updates-table")
        check(page, f"improvement-agency-update-{username}")
        other = police if username == "health" else shared
        assert page.goto(f"{live_server.url}/improvement/agency-actions/{other.pk}/").status == 404
    sign_in(page, live_server, "qa")
    page.goto(f"{live_server.url}/improvement/reviews/{shared.recommendation.finding.review_id}/")
    page.click("#progress-link")
    summary = page.inner_text("#progress-summary")
    assert "Health visitors trained on court reports" in summary
    assert "Police evidence packs ready for every legal meeting" in summary
    assert summary.index(shared.recommendation.finding.heading) < summary.index("Health visitors trained")
    check(page, "improvement-summary-of-progress")


def test_an_escalation_past_its_timescale_is_overdue_on_the_team_page(page, live_server, live_council):
    on = as_at()
    locality = Team.objects.get(name="Locality North")
    iro = Worker.objects.filter(role="IRO", leave_date__isnull=True).first()
    manager = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    user("iro", Role.IRO, worker=iro)
    user("manager", Role.TEAM_MANAGER, team=locality, worker=manager)
    child = next(
        a.child
        for a in Allocation.objects.filter(team=locality, role="SW", start_date__lte=on - timedelta(days=30))
        .exclude(end_date__lt=on)
        .select_related("child")
        .order_by("child_id")
        if not a.child.restricted
        and a.child.allocations.filter(role="IRO", start_date__lte=on).exclude(end_date__lt=on).exists()
    )
    sign_in(page, live_server, "iro")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.click("text=Raise an escalation")
    assert page.input_value("#id_child_ref") == child.la_child_id
    page.select_option("#id_iro", str(iro.pk))
    page.select_option("#id_stage", "1")
    page.select_option("#id_issue", "drift")
    page.fill("#id_detail", "The plan has not progressed since the last review.")
    page.fill("#id_raised_with", "Team manager, Locality North")
    fill_date(page, "#id_raised_on", on - timedelta(days=21))
    page.click("button:has-text('Save')")
    page.wait_for_selector("#row-fields")
    assert "No: open past its timescale" in page.inner_text("#row-fields")
    check(page, "improvement-escalation")
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/teams/{locality.pk}/")
    overdue = page.inner_text("#team-overdue-escalations")
    assert child.la_child_id in overdue and "Stage 1: team manager" in overdue
    check(page, "improvement-team-overdue")

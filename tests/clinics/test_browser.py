"""The clinic cycle in headless Chromium, with axe-core on each page visited: a team manager's
briefing from draft to sign-off, in the service clinic's pack and rolled up to the chief executive's."""

from __future__ import annotations

import pytest

from sightline.accounts.roles import Role
from sightline.clinics import domain, services
from sightline.clinics.models import Clinic
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, sign_in, user  # noqa: E402  (skips the module without chromium)


def test_a_team_briefing_goes_from_draft_to_sign_off_and_rolls_up_to_the_chief_executive(
    page, live_server, live_council
):
    month = domain.first_of_month(as_at())
    services.schedule_month(month)
    locality = Team.objects.get(name="Locality North")
    manager = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    user("manager", Role.TEAM_MANAGER, team=locality, worker=manager)
    user("qa", Role.QA_LEAD)
    user("head", Role.HEAD_OF_SERVICE, team=locality)
    user("director", Role.DIRECTOR)
    clinic = Clinic.objects.get(month=month, level="team", team=locality)

    sign_in(page, live_server, "manager")
    page.click("header >> text=Clinics")
    check(page, "clinics-schedule")
    page.click("text=Locality North team clinic")
    check(page, "clinics-briefing-draft")
    page.fill("#id_working_well", "Visits are on time.")
    page.click("button:has-text('Submit the briefing')")
    assert "what are we worried about" in page.inner_text(".govuk-error-summary")
    check(page, "clinics-briefing-error")
    page.fill("#id_worried_about", "Two vacancies from April.")
    page.click("button:has-text('Submit the briefing')")
    assert page.inner_text("#briefing-status") == "Submitted"

    sign_in(page, live_server, "qa")
    page.goto(f"{live_server.url}/clinics/{clinic.pk}/")
    page.click("button:has-text('Mark as reviewed')")
    assert page.inner_text("#briefing-status") == "Reviewed"

    sign_in(page, live_server, "head")
    page.goto(f"{live_server.url}/clinics/{clinic.pk}/")
    page.click("button:has-text('Sign off the briefing')")
    assert page.inner_text("#briefing-status") == "Signed off"
    check(page, "clinics-briefing-signed-off")
    page.click("nav.govuk-breadcrumbs >> text=Clinics")
    page.click(f"text={locality.service.name} service clinic")
    row = page.inner_text("#below-table tr:has-text('Locality North')")
    assert "Signed off" in row and "Two vacancies from April." in row
    check(page, "clinics-service-pack")

    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}/clinics/?month={month:%Y-%m}")
    page.click("text=Chief executive's clinic")
    row = page.inner_text("#teams-table tr:has-text('Locality North')")
    assert "Signed off" in row and "Two vacancies from April." in row
    check(page, "clinics-chief-executive-pack")

"""The clinic cycle in headless Chromium, with axe-core on each page visited: a team manager's
briefing from draft to sign-off, in the service clinic's pack and rolled up to the chief executive's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.clinics import domain, services
from sightline.clinics.models import Clinic
from sightline.records.services import load_dataset
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (scripts/ensure-chromium.sh installs it)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def council(transactional_db, council_data):
    load_dataset(council_data, replace=True)
    return council_data


@pytest.fixture(scope="module")
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def check(page, name: str) -> None:
    """axe finds no serious or critical problem; a screenshot for people to look at."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{name}: {serious}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"clinics-{name}.png"), full_page=True)


def user(username: str, role: Role, *, team: Team | None = None, worker: Worker | None = None):
    from django.contrib.auth import get_user_model

    made = get_user_model().objects.create_user(username, password=PASSWORD)
    profile = StaffProfile.objects.create(user=made, role=role.value, worker=worker)
    if role is Role.HEAD_OF_SERVICE:
        profile.services.add(team.service)
    elif team is not None:
        profile.teams.add(team)
    return made


def test_a_team_briefing_goes_from_draft_to_sign_off_and_rolls_up_to_the_chief_executive(
    page, live_server, council
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
    check(page, "schedule")
    page.click("text=Locality North team clinic")
    check(page, "briefing-draft")
    page.fill("#id_working_well", "Visits are on time.")
    page.click("button:has-text('Submit the briefing')")
    assert "what are we worried about" in page.inner_text(".govuk-error-summary")
    check(page, "briefing-error")
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
    check(page, "briefing-signed-off")
    page.click("nav.govuk-breadcrumbs >> text=Clinics")
    page.click(f"text={locality.service.name} service clinic")
    row = page.inner_text("#below-table tr:has-text('Locality North')")
    assert "Signed off" in row and "Two vacancies from April." in row
    check(page, "service-pack")

    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}/clinics/?month={month:%Y-%m}")
    page.click("text=Chief executive's clinic")
    row = page.inner_text("#teams-table tr:has-text('Locality North')")
    assert "Signed off" in row and "Two vacancies from April." in row
    check(page, "chief-executive-pack")

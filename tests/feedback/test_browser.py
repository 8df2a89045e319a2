"""The feedback journeys in headless Chromium, with axe-core on each page visited.

The QA lead records a stage 1 complaint received long enough ago to be past its timescale; it
shows as overdue on the team's page and on the feedback page. A compliment naming its giver and
the worker is added; the list and the CSV export carry the quote with the names removed.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.records.services import load_dataset
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

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
    page.screenshot(path=str(ARTIFACTS / f"feedback-{name}.png"), full_page=True)


def user(username: str, role: Role, *, team: Team | None = None, worker: Worker | None = None):
    from django.contrib.auth import get_user_model

    made = get_user_model().objects.create_user(username, password=PASSWORD)
    profile = StaffProfile.objects.create(user=made, role=role.value, worker=worker)
    if team is not None:
        profile.teams.add(team)
    return made


def test_an_overdue_complaint_on_the_team_page_and_a_compliments_names_never_exported(
    page, live_server, council
):
    locality = Team.objects.get(name="Locality North")
    manager = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    worker = Worker.objects.filter(team=locality, role="SW", leave_date__isnull=True).first()
    user("qa", Role.QA_LEAD)
    user("manager", Role.TEAM_MANAGER, team=locality, worker=manager)
    received = as_at() - timedelta(days=45)

    sign_in(page, live_server, "qa")
    page.click("header >> text=Feedback")
    check(page, "overview")
    page.goto(f"{live_server.url}/feedback/complaints/add/")
    page.fill("#id_reference", "BROWSER-1")
    page.select_option("#id_stage", "1")
    page.fill("#id_received_on", received.isoformat())
    page.fill("#id_responded_on", (received - timedelta(days=3)).isoformat())  # before it came: refused
    page.select_option("#id_outcome", "upheld")
    page.select_option("#id_theme", "delay")
    page.select_option("#id_complainant", "parent")
    page.fill("#id_summary", "Visits cancelled twice")
    page.select_option("#id_team", str(locality.pk))
    page.click("button:has-text('Save')")
    assert "before the complaint was received" in page.inner_text(".govuk-error-summary")
    check(page, "complaint-error")
    page.fill("#id_responded_on", "")
    page.select_option("#id_outcome", "")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=BROWSER-1")
    assert "Open past its timescale" in page.content()
    check(page, "complaint")

    page.goto(f"{live_server.url}/feedback/")
    assert "BROWSER-1" in page.inner_text("#overdue-complaints")

    page.goto(f"{live_server.url}/feedback/compliments/add/")
    page.fill("#id_received_on", (as_at() - timedelta(days=2)).isoformat())
    page.select_option("#id_team", str(locality.pk))
    page.select_option("#id_worker", str(worker.pk))
    page.select_option("#id_from_whom", "parent")
    page.fill("#id_from_name", "Araminta Thistlewood")
    page.fill(
        "#id_quote", f"Araminta here. {worker.first_name} {worker.last_name} turned things round for us."
    )
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Araminta Thistlewood")  # on the compliment's own page
    page.goto(f"{live_server.url}/feedback/compliments/")
    listing = page.inner_text("main")
    assert "turned things round for us" in listing
    assert "Araminta" not in listing and "Thistlewood" not in listing and worker.last_name not in listing
    check(page, "compliments")
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "turned things round for us" in exported
    for name in ["Araminta", "Thistlewood", worker.first_name, worker.last_name]:
        assert name not in exported, name

    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/teams/{locality.pk}/")
    assert "BROWSER-1" in page.inner_text("#team-overdue-complaints")
    check(page, "team")

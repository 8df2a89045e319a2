"""Walks through the application in headless Chromium (Playwright, Debian's chromium).

Each role signs in and walks from the dashboard to a child's chronology; the checks assert
what a person would see, that refusals leak nothing, that each visit is in the access log,
and that axe-core finds no serious or critical accessibility violations. Screenshots of the
key pages go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sightline.accesslog.models import RecordAccess
from sightline.accounts.roles import Role
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.records.services import load_dataset
from sightline.web.selectors import as_at
from sightline.workforce.models import Team

from .conftest import PASSWORD, child_allocated_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
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
    """Loaded per test: a transactional test empties the database when it ends."""
    load_dataset(council_data, replace=True)
    return council_data


@pytest.fixture(scope="module")
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


WALKERS = [
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.HEAD_OF_SERVICE,
    Role.QA_LEAD,
    Role.IRO,
    Role.PERFORMANCE_ANALYST,
    Role.DIRECTOR,
    Role.ADMINISTRATOR,
]


@pytest.mark.parametrize("role", WALKERS)
def test_each_role_drills_from_a_council_indicator_to_a_childs_chronology(role, page, live_server, make_user):
    """Dashboard (a manager's and a practitioner's by their home's "Council view") -> an indicator's
    council figure -> the children counted -> one child's chronology."""
    user = make_user(role)
    sign_in(page, live_server, user.username)
    if role in {Role.PRACTITIONER, Role.TEAM_MANAGER}:  # their own home first, the council's a click away
        assert page.locator("h1").first.inner_text() in {"My team", "My caseload"}
        page.click("#council-view")
    assert page.locator("h1").first.inner_text() == "Key Performance Questions"
    # An IRO's children are the looked-after and CP ones; everyone else starts from referrals.
    indicator = "cla_count" if role is Role.IRO else "referrals"
    if role is Role.IRO:
        page.goto(f"{live_server.url}/indicators/{indicator}/")
    else:
        page.click(f"a[href^='/indicators/{indicator}/']")
    page.select_option("#period", "rolling_12")
    page.click("button:has-text('Show')")
    page.click("a:has-text('All counted')")
    link = page.locator("#child-list a").first
    la_child_id = link.inner_text()
    link.click()
    page.wait_for_selector("#chronology")
    assert la_child_id in page.inner_text("main")
    assert page.locator("#chronology tbody tr").count() > 0
    assert RecordAccess.objects.filter(
        user=user, child__la_child_id=la_child_id, action=RecordAccess.Action.VIEW
    ).exists()
    shot(page, f"child-chronology-{role.value}")


def test_practitioner_finds_a_child_by_search(page, live_server, make_user, locality):
    user = make_user(Role.PRACTITIONER)
    sign_in(page, live_server, user.username)
    child = child_allocated_to(locality)
    page.click("text=Children")
    page.fill("#q", child.la_child_id)
    page.click("button:has-text('Search')")
    page.locator(f"a:has-text('{child.la_child_id}')").first.click()
    page.wait_for_selector("#chronology")
    assert RecordAccess.objects.filter(user=user, child=child, action=RecordAccess.Action.VIEW).exists()


def test_practitioner_is_refused_another_teams_child_in_the_browser(page, live_server, make_user, locality):
    user = make_user(Role.PRACTITIONER)
    sign_in(page, live_server, user.username)
    other = child_allocated_to(Team.objects.get(name="Locality South"), exclude_team=locality)
    response = page.goto(f"{live_server.url}/children/{other.pk}/")
    assert response.status == 404
    text = page.content()
    assert other.la_child_id not in text and other.last_name not in page.inner_text("main")
    assert RecordAccess.objects.filter(user=user, child=other, action=RecordAccess.Action.DENIED).exists()
    shot(page, "practitioner-refused")


def test_elected_member_sees_aggregates_only(page, live_server, make_user, locality):
    user = make_user(Role.ELECTED_MEMBER)
    sign_in(page, live_server, user.username)
    assert page.locator("a[href^='/children/']").count() == 0
    page.goto(f"{live_server.url}/demand/")
    assert page.locator("#demand-table tbody tr").count() >= 12
    child = child_allocated_to(locality)
    assert page.goto(f"{live_server.url}/children/{child.pk}/").status == 404
    shot(page, "elected-member-demand")
    # A service-level count of 1 to 5 this month shows as suppressed, never as the number.
    period = Period.month(as_at())
    indicator_id, result = next(
        (d["id"], r)
        for d in perf.definitions()
        if d["unit"] == "count"
        for r in perf.breakdown(d["id"], period, "service")
        if r.value is not None and 1 <= r.value <= 5
    )
    page.goto(f"{live_server.url}/indicators/{indicator_id}/?period=month")
    row = page.locator("#breakdown-table tr", has_text=result.unit_name)
    assert row.locator("td").first.inner_text() == "1-5 (suppressed)"
    assert page.locator("#child-list").count() == 0 and page.locator("a[href^='/children/']").count() == 0
    shot(page, "elected-member-suppressed")


def test_main_pages_have_no_serious_accessibility_violations(browser, live_server, make_user, locality):
    # axe is injected as a script, which the content security policy rightly refuses: bypass it here only.
    page = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}).new_page()
    user = make_user(Role.ADMINISTRATOR)
    sign_in(page, live_server, user.username)
    child = child_allocated_to(locality)
    problems = {}
    for name, path in [
        ("dashboard", "/"),
        ("demand", "/demand/"),
        ("teams", "/teams/"),
        ("team", f"/teams/{locality.pk}/"),
        ("child", f"/children/{child.pk}/"),
        ("access-log", "/access-log/"),
        ("indicator", "/indicators/assessments_45wd/?period=rolling_12"),
        ("indicator-team", f"/indicators/cp_visits_in_time/?period=rolling_12&level=team&unit={locality.pk}"),
        ("settings", "/settings/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        shot(page, f"page-{name}")
        found = serious_violations(page)
        if found:
            problems[name] = found
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/sign-in/")
    if found := serious_violations(page):
        problems["sign-in"] = found
    assert problems == {}


def test_demand_chart_draws_from_local_plotly(page, live_server, make_user):
    user = make_user(Role.DIRECTOR)
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    sign_in(page, live_server, user.username)
    page.goto(f"{live_server.url}/demand/")
    page.wait_for_selector("[data-chart] .main-svg", timeout=15000)
    assert external == []


def test_drill_from_a_council_indicator_down_to_a_childs_chronology(page, live_server, make_user):
    user = make_user(Role.TEAM_MANAGER)
    sign_in(page, live_server, user.username)
    page.click("#council-view")  # a team manager's home is their team's; the council's a click away
    page.click("#kpq-2 ~ table a.govuk-link >> nth=0")
    page.wait_for_selector("#breakdown-table")
    shot(page, "drill-council")
    page.select_option("#period", "rolling_12")
    page.click("button:has-text('Show')")
    page.click("#breakdown-table a:has-text('Families First')")
    page.click("#breakdown-table a:has-text('Locality North')")
    shot(page, "drill-team")
    page.click("#breakdown-table a >> nth=0")
    assert "level=worker" in page.url
    page.click("a:has-text('All counted')")
    shot(page, "drill-worker")
    link = page.locator("#child-list a").first
    la_child_id = link.inner_text()
    link.click()
    page.wait_for_selector("#chronology")
    assert la_child_id in page.inner_text("main")
    assert RecordAccess.objects.filter(user=user, child__la_child_id=la_child_id).exists()
    shot(page, "drill-child")


def test_administrator_changes_a_standard_in_the_browser(page, live_server, make_user):
    user = make_user(Role.ADMINISTRATOR)
    sign_in(page, live_server, user.username)
    page.goto(f"{live_server.url}/settings/")
    page.fill("#std-cp_visit_working_days", "15")
    page.click("button:has-text('Save local standards')")
    page.wait_for_selector(".govuk-notification-banner")
    assert "1 change saved" in page.inner_text("main")
    changes = page.inner_text("#changes-table")
    assert (
        "Local standard: Visits to children on CP plans" in changes and "cp_visit_working_days" not in changes
    )
    shot(page, "settings-changed")


def test_analyst_makes_an_annex_a_on_the_returns_page(browser, live_server, make_user, tmp_path):
    """The form queues a job; a worker runs it; the job page then offers the workbook."""
    from openpyxl import load_workbook

    from sightline.jobs.services import run_pending
    from sightline.returns.annex_a import LISTS

    # axe is injected as a script, which the content security policy rightly refuses: bypass it here only.
    page = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}).new_page()
    user = make_user(Role.PERFORMANCE_ANALYST)
    sign_in(page, live_server, user.username)
    page.click("nav a:has-text('Returns')")
    assert serious_violations(page) == []
    page.check("input[value='annex-a']")
    page.fill("#id_export-year", str(as_at().year))
    page.click("button:has-text('Make the return')")
    page.wait_for_selector("#job-waiting")
    shot(page, "returns-job-queued")
    (job,) = run_pending()
    assert job.status == "done", job.error
    page.reload()
    link = page.locator("#downloads-list a").first
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = load_workbook(saved, read_only=True)
    assert book.sheetnames == [title for title, _ in LISTS.values()]
    shot(page, "returns-job-done")
    assert serious_violations(page) == []

"""The feedback journeys in headless Chromium, with axe-core on each page visited.

The QA lead records a stage 1 complaint received long enough ago to be past its timescale; it
shows as overdue on the team's page and on the feedback page. A compliment naming its giver and
the worker is added; the list and the CSV export carry the quote with the names removed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sightline.accounts.roles import Role
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, fill_date, sign_in, user  # noqa: E402  (skips the module without chromium)


def test_an_overdue_complaint_on_the_team_page_and_a_compliments_names_never_exported(
    page, live_server, live_council
):
    locality = Team.objects.get(name="Locality North")
    manager = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    worker = Worker.objects.filter(team=locality, role="SW", leave_date__isnull=True).first()
    user("qa", Role.QA_LEAD)
    user("manager", Role.TEAM_MANAGER, team=locality, worker=manager)
    received = as_at() - timedelta(days=45)

    sign_in(page, live_server, "qa")
    page.click("header >> text=Feedback")
    check(page, "feedback-overview")
    page.goto(f"{live_server.url}/feedback/complaints/add/")
    page.fill("#id_reference", "BROWSER-1")
    page.select_option("#id_stage", "1")
    fill_date(page, "#id_received_on", received)
    fill_date(page, "#id_responded_on", received - timedelta(days=3))  # before it came: refused
    page.select_option("#id_outcome", "upheld")
    page.select_option("#id_theme", "delay")
    page.select_option("#id_complainant", "parent")
    page.fill("#id_summary", "Visits cancelled twice")
    page.select_option("#id_team", str(locality.pk))
    page.click("button:has-text('Save')")
    assert "before the complaint was received" in page.inner_text(".govuk-error-summary")
    check(page, "feedback-complaint-error")
    fill_date(page, "#id_responded_on", "")
    page.select_option("#id_outcome", "")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=BROWSER-1")
    assert "Open past its timescale" in page.content()
    check(page, "feedback-complaint")

    page.goto(f"{live_server.url}/feedback/")
    assert "BROWSER-1" in page.inner_text("#overdue-complaints")

    page.goto(f"{live_server.url}/feedback/compliments/add/")
    fill_date(page, "#id_received_on", as_at() - timedelta(days=2))
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
    check(page, "feedback-compliments")
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "turned things round for us" in exported
    for name in ["Araminta", "Thistlewood", worker.first_name, worker.last_name]:
        assert name not in exported, name

    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/teams/{locality.pk}/")
    assert "BROWSER-1" in page.inner_text("#team-overdue-complaints")
    check(page, "feedback-team")

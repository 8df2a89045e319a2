"""The Quality of Practice report in headless Chromium, with axe-core on each page visited: the
page renders with its sections, and its PDF is queued, built by a worker and downloaded."""

from __future__ import annotations

import pytest

from sightline.accounts.roles import Role
from sightline.jobs import services as jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, sign_in, user  # noqa: E402  (skips the module without chromium)

QUARTER = "2025-Q4"


def test_the_quality_of_practice_page_renders_and_its_pdf_is_built_and_downloaded(
    page, live_server, live_council
):
    user("director", Role.DIRECTOR)
    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}/reports/quality-of-practice/?quarter={QUARTER}")
    assert page.inner_text("h1") == "Quality of Practice report"
    body = page.inner_text("main")
    for section in ("October to December 2025", "Case-file audits", "Quality Improvement Plan"):
        assert section in body, section
    check(page, "reports-quality-of-practice")

    page.click("button:has-text('Build the PDF')")
    # Not axe-checked while waiting: the page reloads itself by a meta refresh, which axe
    # rightly reports (WCAG 2.2.1); that page is to be changed on its own.
    assert "Waiting for a worker" in page.inner_text("#job-waiting")
    assert [job.status for job in jobs.run_pending()] == ["done"]
    page.reload()
    link = page.locator("a:has-text('Download quality-of-practice-2025-Q4.pdf')")
    with page.expect_download() as download:
        link.click()
    saved = download.value.path()
    with open(saved, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    check(page, "reports-job-done")

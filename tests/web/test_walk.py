"""Every role walks the pages reachable from its home, in Chromium at desktop width and at 375 px
(a phone), and each page passes what a council officer would notice first: no file paths, data-set
ids, "seed" or setting keys in the text; no sideways scrolling of the page (wide tables scroll in
their own container); no chart with a second axis; no serious or critical axe violation."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from sightline.accounts.roles import Role
from sightline.indicators.citations import DEVELOPER_TEXT

from .test_browser import browser, council, serious_violations, sign_in  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_PER_ROLE = 14
# Reports are assembled on request (their own browser tests cover them); not walked here.
SKIP = ("/sign-out", "/sign-in", "/admin", "/static/", "format=", "/healthz", "/reports/")
WIDTHS = (1280, 375)


def _shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/[^/]*\d[^/]*(?=/)", "/N", parts.path)
    return re.sub(r"^/indicators/[^/]+/", "/indicators/X/", path)


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return [h for h in hrefs if h.startswith(base) and not any(s in h for s in SKIP) and "#" not in h]


def _problems(page) -> list[str]:
    found = []
    text = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    if match := DEVELOPER_TEXT.search(text):
        found.append(f"developer text {match.group()!r}")
    charts = page.eval_on_selector_all(
        "script[type='application/json']", "els => els.map(e => e.textContent)"
    )
    if any('"yaxis2"' in chart for chart in charts):
        found.append("a chart with a second axis")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wide > 1:
            found.append(f"scrolls sideways by {wide}px at {width}px")
    return found


# Every role (about a minute each on a shared machine; one browser for the module).
WALKERS = list(Role)


@pytest.mark.parametrize("role", WALKERS, ids=[r.value for r in WALKERS])
def test_every_page_a_role_reaches_reads_plainly_fits_a_phone_and_passes_axe(
    role,
    browser,  # noqa: F811 - the fixture
    live_server,
    council,  # noqa: F811 - the fixture
    make_user,
):
    user = make_user(role)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server, user.username)
    queue, seen, problems = [f"{live_server.url}/"], set(), {}
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if _shape(url) in seen:
            continue
        seen.add(_shape(url))
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        queue += _links(page, live_server.url)
        found = _problems(page)
        page.set_viewport_size({"width": 375, "height": 900})
        found += serious_violations(page)
        if found:
            problems[_shape(url)] = found
    context.close()
    assert len(seen) >= (2 if role in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY} else 5), seen
    assert problems == {}

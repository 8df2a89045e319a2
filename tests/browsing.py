"""What the apps' browser tests share: Debian's chromium through Playwright (a module importing
this is skipped when it is not installed), signing in, the axe check with a screenshot, and users
by role. The fixtures (`browser`, `page`, and `live_council` for a live server) are in
tests/conftest.py; a test module is marked
`pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.workforce.models import Team, Worker
from web.conftest import PASSWORD

CHROMIUM = shutil.which("chromium")
ROOT = Path(__file__).resolve().parents[1]
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


def fill_date(page, box_id: str, day) -> None:
    """Type a date into a GOV.UK date input (#ID-day, -month, -year); a date, or "" to empty it."""
    parts = ("", "", "") if not day else (str(day.day), str(day.month), str(day.year))
    for part, text in zip(("day", "month", "year"), parts, strict=True):
        page.fill(f"{box_id}-{part}", text)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def check(page, name: str) -> None:
    """axe finds no serious or critical problem; a screenshot for people to look at, named by
    the page (e.g. "audits-form")."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{name}: {serious}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def user(
    username: str, role: Role, *, team: Team | None = None, worker: Worker | None = None, agency: str = ""
):
    """A signed-in-able user of `role`; a head of service heads `team`'s service."""
    from django.contrib.auth import get_user_model

    made = get_user_model().objects.create_user(username, password=PASSWORD)
    profile = StaffProfile.objects.create(user=made, role=role.value, agency=agency, worker=worker)
    if team is not None:
        profile.teams.add(team)
        if role is Role.HEAD_OF_SERVICE:
            profile.services.add(team.service)
    return made

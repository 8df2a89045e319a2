"""The workforce registers: who reads a worker's own records, who keeps them, bad input refused."""

from datetime import date, timedelta

import pytest

from sightline.accounts.roles import Role
from sightline.web.selectors import as_at
from sightline.workforce.models import SicknessAbsence, Worker

pytestmark = pytest.mark.django_db
TEAM_LEVEL = ["establishment", "courses", "staff-survey"]
PERSONAL = ["sickness", "training", "leavers"]
KEEPERS = {Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR}
PERSONAL_READERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE} | KEEPERS
STAFF = [r for r in Role if r not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}]


@pytest.mark.parametrize("role", STAFF)
def test_team_level_registers_for_staff_personal_records_for_managers(role, signed_in):
    client, _ = signed_in(role)
    assert client.get("/workforce/").status_code == 200
    for key in TEAM_LEVEL:
        assert client.get(f"/workforce/{key}/").status_code == 200, key
        assert client.get(f"/workforce/{key}/add/").status_code == (200 if role in KEEPERS else 403), key
    for key in PERSONAL:
        expected = 200 if role in PERSONAL_READERS else 403
        assert client.get(f"/workforce/{key}/").status_code == expected, key
        assert client.get(f"/workforce/{key}/?format=csv").status_code == expected, key


def test_partners_see_no_workforce(signed_in):
    client, _ = signed_in(Role.PARTNER_AGENCY, agency="Health")
    assert client.get("/workforce/").status_code == 403
    assert client.get("/workforce/sickness/").status_code == 403


@pytest.fixture
def worker(locality):
    return Worker.objects.filter(team=locality, role="SW", leave_date__isnull=True).first()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": "2025-05-01"}, "end_date", "cannot be before the first"),
        ({"working_days_lost": "30"}, "working_days_lost", "More working days lost"),
        ({"start_date": (date.today() + timedelta(days=5)).isoformat()}, "start_date", "in the future"),
        ({"working_days_lost": "lots"}, "working_days_lost", "Enter a number"),
    ],
)
def test_bad_sickness_records_are_refused(signed_in, worker, changes, field, message):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    start = max(worker.start_date, as_at() - timedelta(days=60))
    data = {
        "worker": str(worker.pk),
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=4)).isoformat(),
        "working_days_lost": "3",
    }
    data.update(changes)
    response = client.post("/workforce/sickness/add/", data)
    assert response.status_code == 200
    assert message in response.context["form"].errors.get(field, [""])[0], response.context["form"].errors
    assert not SicknessAbsence.objects.filter(worker=worker, working_days_lost=3).exists()
    good = {
        **data,
        **{
            k: v
            for k, v in {
                "start_date": start.isoformat(),
                "end_date": (start + timedelta(days=4)).isoformat(),
                "working_days_lost": "3",
            }.items()
        },
    }
    assert client.post("/workforce/sickness/add/", good).status_code == 302


def test_the_workforce_page_shows_leavers_by_reason(signed_in, locality):
    from sightline.workforce.models import Departure

    on = as_at()
    leaver = Worker.objects.create(
        staff_id="LEFT1",
        first_name="Una",
        last_name="Leaver",
        role="SW",
        team=locality,
        start_date=on - timedelta(days=900),
        leave_date=on - timedelta(days=10),
    )
    Departure.objects.create(worker=leaver, reason="retired")
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    page = client.get("/workforce/").content.decode()
    assert 'id="starters-leavers"' in page and "Retired" in page
    assert "Social worker vacancy rate (FTE)" in page

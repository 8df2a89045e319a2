"""The web tests' small council, signed-in clients for any role, and its clinics scheduled once."""

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.clinics import domain, services
from sightline.clinics.models import Clinic
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker
from web.conftest import PASSWORD, council, council_data, locality  # noqa: F401 - shared fixtures

__all__ = ["PASSWORD"]


@pytest.fixture(scope="module")
def month(council):  # noqa: F811
    return domain.first_of_month(as_at())


@pytest.fixture
def scheduled(db, council, month):  # noqa: F811
    services.schedule_month(month)
    return Clinic.objects.filter(month=month)


@pytest.fixture
def make_user(db, council, locality):  # noqa: F811
    def make(role: Role, *, username: str | None = None, team: Team | None = None):
        user = get_user_model().objects.create_user(username or f"{role.value}-user", password=PASSWORD)
        profile = StaffProfile.objects.create(user=user, role=role.value)
        if role in {Role.PRACTITIONER, Role.TEAM_MANAGER}:
            team = team or locality
            profile.teams.add(team)
            kind = "SW" if role is Role.PRACTITIONER else "TM"
            profile.worker = Worker.objects.filter(team=team, role=kind, leave_date__isnull=True).first()
            profile.save()
        if role is Role.HEAD_OF_SERVICE:
            profile.services.add((team or locality).service)
        return user

    return make


@pytest.fixture
def signed_in(client, make_user):
    def sign_in(role: Role, **kwargs):
        user = make_user(role, **kwargs)
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client, user

    return sign_in

"""The web tests' small council and signed-in clients for any role (as the improvement tests)."""

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.workforce.models import Worker
from web.conftest import PASSWORD, council, council_data, locality, superuser  # noqa: F401 - shared fixtures

__all__ = ["PASSWORD"]


@pytest.fixture
def make_user(db, council, locality):  # noqa: F811 - the web fixtures are used here
    def make(role: Role, *, username: str | None = None, agency: str = "", worker: Worker | None = None):
        user = get_user_model().objects.create_user(
            username or f"{role.value}-{agency or 'user'}", password=PASSWORD
        )
        profile = StaffProfile.objects.create(user=user, role=role.value, agency=agency)
        if role in {Role.PRACTITIONER, Role.TEAM_MANAGER}:
            profile.teams.add(locality)
            kind = "SW" if role is Role.PRACTITIONER else "TM"
            profile.worker = (
                worker or Worker.objects.filter(team=locality, role=kind, leave_date__isnull=True).first()
            )
            profile.save()
        if role is Role.HEAD_OF_SERVICE:
            profile.services.add(locality.service)
        if role is Role.IRO:
            profile.worker = worker or Worker.objects.filter(role="IRO", leave_date__isnull=True).first()
            profile.save()
        return user

    return make


@pytest.fixture
def signed_in(client, make_user):
    def sign_in(role: Role, **kwargs):
        user = make_user(role, **kwargs)
        assert client.login(username=user.username, password=PASSWORD)
        return client, user

    return sign_in

"""A few services and teams made directly (no council needed) and a signed-in client for any role."""

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.workforce.models import Service, Team

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def teams(db):
    north, south = Service.objects.create(name="North"), Service.objects.create(name="South")
    made = []
    for i in range(7):
        made.append(
            Team.objects.create(
                name=f"Team {i:02d}", service=north if i < 4 else south, kind="LOCALITY" if i % 2 else "CLA"
            )
        )
    return made


@pytest.fixture
def signed_in(client, db):
    def sign_in(role: Role, agency: str = ""):
        user = get_user_model().objects.create_user(f"{role.value}-{agency or 'x'}", password=PASSWORD)
        StaffProfile.objects.create(user=user, role=role.value, agency=agency)
        assert client.login(username=user.username, password=PASSWORD)
        return client, user

    return sign_in

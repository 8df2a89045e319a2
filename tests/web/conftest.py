"""A small council loaded once per module, and a signed-in client for any role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.generator import CouncilSpec, generate
from sightline.records.services import clear_records, load_dataset
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Team, Worker

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def council_data():
    return generate(CouncilSpec(seed=5, size=0.08))


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker, council_data):
    with django_db_blocker.unblock():
        data = council_data
        load_dataset(data, replace=True)
        yield data
        get_user_model().objects.all().delete()
        clear_records()


@pytest.fixture
def locality(council) -> Team:
    return Team.objects.get(name="Locality North")


@pytest.fixture
def make_user(db, council, locality):
    def make(role: Role, *, team: Team | None = None, username: str | None = None):
        user = get_user_model().objects.create_user(username or f"{role.value}-user", password=PASSWORD)
        profile = StaffProfile.objects.create(user=user, role=role.value)
        if role in {Role.PRACTITIONER, Role.TEAM_MANAGER}:
            team = team or locality
            profile.teams.add(team)
            kind = "SW" if role is Role.PRACTITIONER else "TM"
            profile.worker = Worker.objects.filter(team=team, role=kind, leave_date__isnull=True).first()
            profile.save()
        if role is Role.HEAD_OF_SERVICE:
            profile.services.add(locality.service)
        return user

    return make


@pytest.fixture
def superuser(client, make_user):
    """An administrator with the Django admin's rights, signed in on `client`."""
    user = make_user(Role.ADMINISTRATOR, username="admin-user")
    user.is_staff = user.is_superuser = True
    user.save()
    assert client.login(username=user.username, password=PASSWORD)
    return user


@pytest.fixture
def signed_in(client, make_user):
    def sign_in(role: Role, **kwargs):
        user = make_user(role, **kwargs)
        assert client.login(username=user.username, password=PASSWORD)
        return client, user

    return sign_in


def child_allocated_to(team: Team, *, exclude_team: Team | None = None):
    on = as_at()
    current = Allocation.objects.filter(start_date__lte=on, role="SW").exclude(end_date__lt=on)
    ids = current.filter(team=team).values_list("child_id", flat=True)
    if exclude_team is not None:
        ids = ids.exclude(child_id__in=current.filter(team=exclude_team).values("child_id"))
    child_id = ids.order_by("child_id").first()
    assert child_id is not None, f"no child allocated to {team}"
    from sightline.records.models import Child

    child = Child.objects.get(pk=child_id)
    if child.restricted:
        pytest.skip("first child is restricted")
    return child

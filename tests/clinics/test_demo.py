"""The demo council shows a completed cycle for the last month, and the month before's actions."""

import pytest

from sightline.clinics import domain, selectors
from sightline.clinics.models import Clinic, ClinicAction
from sightline.records.demo import create_demo_accounts
from sightline.web.selectors import as_at
from sightline.workforce.models import Team

pytestmark = pytest.mark.django_db


def _demo_accounts():
    from django.conf import settings

    settings.SIGHTLINE_ALLOW_DEMO_USERS = True
    try:
        create_demo_accounts(as_at())
    finally:
        del settings.SIGHTLINE_ALLOW_DEMO_USERS


def test_the_demo_has_last_month_s_cycle_signed_off_with_last_month_s_actions(council):
    _demo_accounts()
    month = domain.first_of_month(as_at())
    clinics = Clinic.objects.filter(month=month)
    assert clinics.count() == Team.objects.count() + Team.objects.values("service").distinct().count() + 3
    assert set(clinics.values_list("status", flat=True)) == {"signed_off"}
    assert all(c.working_well and c.worried_about for c in clinics)
    chief = clinics.get(level="chief_executive")
    pack = selectors.pack(chief)
    assert len(pack["teams"]) == Team.objects.count() and {s["status"] for s in pack["teams"]} == {
        "Signed off"
    }
    raised = ClinicAction.objects.filter(clinic__month=domain.previous_month(month))
    assert raised.exists() and all(a.plan_action is not None for a in raised)
    team_clinic = clinics.get(level="team", team=raised.first().clinic.team)
    assert [a.pk for a in selectors.previous_actions(team_clinic)] == [
        a.pk for a in raised.filter(clinic__team=team_clinic.team)
    ]
    assert {a.plan_action.status for a in raised} <= {"in_progress", "not_started"}
    _demo_accounts()  # a second start adds nothing
    assert Clinic.objects.filter(month=month).count() == clinics.count()


def test_the_demo_s_cycle_made_beside_the_server_is_the_one_made_with_the_accounts(council):
    from django.conf import settings

    from sightline.clinics.demo import demo_cycle_complete, find_demo_exceptions
    from sightline.clinics.models import ClinicException
    from sightline.records.demo import complete_demo_clinics

    settings.SIGHTLINE_ALLOW_DEMO_USERS = True
    try:
        create_demo_accounts(as_at(), clinic_cycle=False)
    finally:
        del settings.SIGHTLINE_ALLOW_DEMO_USERS
    assert not Clinic.objects.exists() and not demo_cycle_complete(as_at())
    found = find_demo_exceptions(as_at())  # what `sightline demo-clinics` computes before writing
    assert not Clinic.objects.exists()
    made = complete_demo_clinics(as_at())
    assert made == Clinic.objects.filter(month=domain.first_of_month(as_at())).count() > 0
    assert demo_cycle_complete(as_at())
    assert found == ClinicException.objects.count() > 0  # the same briefings' exceptions
    last = Clinic.objects.filter(month=domain.first_of_month(as_at()))
    assert set(last.values_list("status", flat=True)) == {"signed_off"}
    assert complete_demo_clinics(as_at()) == 0 and find_demo_exceptions(as_at()) == 0  # once

"""A briefing's audits and complaints answers are pre-populated from those registers for the team
and month; a team whose registers hold nothing for the month says "No data yet" plainly."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from django.db.models import Count

from sightline.audits.models import Audit
from sightline.clinics import services
from sightline.clinics.models import Clinic
from sightline.feedback.models import Complaint, Compliment
from sightline.workforce.models import Team

pytestmark = pytest.mark.django_db


def test_a_team_with_audits_and_complaints_gets_them_one_without_says_no_data_yet(council):
    busiest = (
        Audit.objects.filter(status="finalised", team__isnull=False, audit_date__isnull=False)
        .values("team_id", "audit_date__year", "audit_date__month")
        .annotate(n=Count("pk"))
        .order_by("-n", "team_id")
        .first()
    )
    assert busiest, "the small council has finalised audits"
    team = Team.objects.get(pk=busiest["team_id"])
    month = team_month = date(busiest["audit_date__year"], busiest["audit_date__month"], 1)
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    in_month = (month, end)
    quiet = (
        Team.objects.exclude(pk=team.pk)
        .exclude(audits__status="finalised", audits__audit_date__range=in_month)
        .order_by("name")
        .first()
    )
    assert quiet is not None
    Complaint.objects.filter(team=quiet).delete()
    Compliment.objects.filter(team=quiet).delete()
    Complaint.objects.filter(team=team, received_on__range=in_month).delete()
    Complaint.objects.create(
        reference="CMP-BRIEF",
        stage=1,
        received_on=month + timedelta(days=3),
        due_on=month + timedelta(days=17),
        theme="communication",
        complainant="parent",
        summary="Calls not returned",
        team=team,
    )

    services.schedule_month(team_month, teams=[team, quiet])
    busy = Clinic.objects.get(month=month, level="team", team=team)
    label = f"{month:%B %Y}"
    assert f"{busiest['n']} audits were finalised in {label}" in busy.practice_reviews
    assert f"1 complaints received in {label}: 1 at stage 1" in busy.complaints

    empty = Clinic.objects.get(month=month, level="team", team=quiet)
    assert empty.practice_reviews == "No data yet."
    assert empty.complaints.startswith("No data yet: no complaints received in " + label)
    assert "None" not in empty.complaints and "audits were" not in empty.practice_reviews
    # Scheduling again leaves what a manager has written alone.
    Clinic.objects.filter(pk=busy.pk).update(complaints="Our own words.")
    services.schedule_month(team_month, teams=[team, quiet])
    assert Clinic.objects.get(pk=busy.pk).complaints == "Our own words."

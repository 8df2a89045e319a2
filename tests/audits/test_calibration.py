"""Calibration sessions: two auditors who share a name are two raters, not one."""

from datetime import date

import pytest

from sightline.audits.analysis import sessions_table
from sightline.audits.domain.quarters import Quarter
from sightline.audits.models import CalibrationGrade, CalibrationSession
from sightline.workforce.models import Service, Team, Worker

pytestmark = pytest.mark.django_db


def _worker(team, staff_id):
    return Worker.objects.create(
        staff_id=staff_id,
        first_name="Sam",
        last_name="Khan",
        role="SW",
        team=team,
        start_date=date(2020, 1, 1),
    )


def test_two_auditors_of_one_name_grade_the_same_case_and_both_count():
    service = Service.objects.create(name="Calibration test service")
    team = Team.objects.create(name="Calibration test team", service=service, kind="LOCALITY")
    first, second = _worker(team, "CAL1"), _worker(team, "CAL2")
    session = CalibrationSession.objects.create(title="Calibration Q1", held_on=date(2026, 2, 10))
    for rater, grades in ((first, (2, 3)), (second, (2, 2))):
        for label, grade in zip(("Case A", "Case B"), grades, strict=True):
            CalibrationGrade.objects.create(
                session=session, rater=rater, rater_name="Sam Khan", case_label=label, grade=grade
            )
    quarter = Quarter.of(date(2026, 2, 10))
    row = sessions_table(quarter, quarter).rows[0]
    assert row[2:4] == [2, 2]  # two auditors, two cases


def test_an_outside_rater_is_told_apart_by_name_only_once_per_case():
    from django.db import IntegrityError, transaction

    session = CalibrationSession.objects.create(title="Calibration Q2", held_on=date(2026, 5, 10))
    CalibrationGrade.objects.create(
        session=session, rater_name="External moderator", case_label="Case A", grade=2
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CalibrationGrade.objects.create(
            session=session, rater_name="External moderator", case_label="Case A", grade=3
        )

"""The council, its services, teams and staff, and the children, as SSD tables."""

from __future__ import annotations

from sightline.returns.ssd_tables.declarations import JOB_TITLES
from sightline.returns.ssd_tables.people import PEOPLE
from sightline.workforce.models import Worker

from .kit import assert_real_fields


def test_every_field_named_is_a_field_of_the_record():
    assert_real_fields(PEOPLE)


def test_every_role_of_a_worker_has_the_ssds_job_title():
    assert set(JOB_TITLES) == set(Worker.Role.values)


def test_children_and_staff_are_found_by_the_councils_own_ids():
    keys = {t.label: t.natural_key for t in PEOPLE if t.natural_key}
    assert keys == {"records.Child": "la_child_id", "workforce.Worker": "staff_id"}

"""A job that failed before failed jobs said what happened in staff words loses its raw error to
the log (jobs migration 0004); every message jobs/failures.py writes is kept as it is."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta

import pytest
from django.apps import apps

from sightline.jobs.failures import gave_up, generic, staff_message
from sightline.jobs.models import Job

from .test_failures import KNOWN, RAW

pytestmark = pytest.mark.django_db
migration = importlib.import_module("sightline.jobs.migrations.0004_staff_words_for_old_failures")

OLD = (
    'Traceback (most recent call last):\n  File "/srv/sightline/src/sightline/returns/cin.py", '
    "line 88, in read\nKeyError: 'CINdetails'"
)


def test_an_old_raw_error_is_replaced_by_the_staff_message_and_logged(caplog):
    old = Job.objects.create(kind="validate", status=Job.Status.FAILED, error=OLD)
    said = staff_message(RuntimeError("x"), Job(pk=5))
    kept = Job.objects.create(kind="import", status=Job.Status.FAILED, error=said)
    done = Job.objects.create(kind="import", status=Job.Status.DONE)
    with caplog.at_level(logging.WARNING, logger="sightline.jobs.services"):
        migration.staff_words_for_old_failures(apps, None)
    old.refresh_from_db()
    assert old.error == generic(old) and not RAW.search(old.error)
    assert Job.objects.get(pk=kept.pk).error == said and Job.objects.get(pk=done.pk).error == ""
    assert f"job {old.pk}" in caplog.text and "KeyError: 'CINdetails'" in caplog.text


def test_every_message_failures_writes_is_recognised_as_staff_words():
    job = Job(pk=9)
    messages = [staff_message(error, job) for error, _ in KNOWN.values()]
    messages += [gave_up(3, timedelta(hours=3)), generic(job)]
    for message in messages:
        assert migration.in_staff_words(message), message
    assert not migration.in_staff_words(OLD)

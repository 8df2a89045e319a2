"""A failed job says what happened and what to do in staff words; the raw error goes to the log."""

from __future__ import annotations

import logging
import re
import subprocess
from datetime import timedelta

import pytest
from django.db import OperationalError

from sightline.indicators.citations import DEVELOPER_TEXT
from sightline.jobs import services
from sightline.jobs.failures import gave_up, staff_message
from sightline.jobs.handlers import HANDLERS
from sightline.jobs.models import Job
from sightline.performance.loader import NoCouncilError
from sightline.returns.common import Problem, ReturnFileError
from sightline.returns.validators import (
    NoRulesError,
    UnreadableByValidatorError,
    ValidatorsNotInstalledError,
    ValidatorsUnavailableError,
)

pytestmark = pytest.mark.django_db

# What a raw error looks like: an exception class name, a traceback, a file path.
RAW = re.compile(r"\b[A-Z][a-zA-Z]*(?:Error|Exception|Expired)\b|Traceback|/[a-z]+/[a-z]+|exit code")

KNOWN = {
    "not installed": (
        ValidatorsNotInstalledError("the DfE validators are not installed", "scripts/bootstrap.sh"),
        ["not installed", "install the validators"],
    ),
    "validator failed": (
        ValidatorsUnavailableError("the DfE validator failed on a.xml: KeyError: 'CINdetails'", "Traceback"),
        ["stopped part-way", "Send the files again", "server's log for returns job"],
    ),
    "no rules": (
        NoRulesError("no rules for cin 2031", 2031, [2025, 2026]),
        ["no rules for collection year 2030-31", "2024-25 and 2025-26", "choose one of those years"],
    ),
    "unreadable by the validator": (
        UnreadableByValidatorError("ValueError: could not convert 'x' in /tmp/sightline-job-1/in/a.xml"),
        ["the DfE validator could not", "Check they are the return"],
    ),
    "unreadable file": (
        ReturnFileError([Problem("a.xml", "row 3", "DOB", "is not a date", "C1")]),
        ["could not be read", "1 problem was found", "row 3", "Correct the files"],
    ),
    "no council": (NoCouncilError("run `sightline generate`"), ["no children's records", "Import"]),
    "database": (OperationalError("could not connect to server at 127.0.0.1"), ["database", "Try again"]),
    "timeout": (subprocess.TimeoutExpired(["/usr/bin/python", "worker.py"], 3600), ["took longer"]),
    "memory": (MemoryError(), ["ran out of memory"]),
    "anything else": (RuntimeError("the disk caught fire in /var/lib/x"), ["did not expect", "log"]),
}


@pytest.fixture
def failing(monkeypatch):
    """A handler raising whichever error the test sets on it."""
    raised = {}

    def handle(job, workdir):
        raise raised["error"]

    monkeypatch.setitem(HANDLERS, "failing", handle)
    return raised


@pytest.mark.parametrize("case", KNOWN)
def test_each_failure_is_recorded_in_staff_words_and_its_detail_logged(case, failing, caplog):
    error, words = KNOWN[case]
    failing["error"] = error
    job = services.enqueue("failing")
    with caplog.at_level(logging.ERROR, logger="sightline.jobs.services"):
        [done] = services.run_pending()
    assert done.status == Job.Status.FAILED
    for word in words:
        assert word in done.error.replace("1 problem was found", "1 problem was found"), (word, done.error)
    assert not RAW.search(done.error), RAW.search(done.error).group()
    assert not DEVELOPER_TEXT.search(done.error), DEVELOPER_TEXT.search(done.error).group()
    assert done.error[0].isupper() and done.error.endswith(".")
    # The detail the page leaves out is in the log, with its class, for whoever runs Sightline.
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert f"job {job.pk}" in logged and type(error).__name__ in caplog.text


def test_known_failures_have_their_own_words_not_the_generic_ones():
    job = Job(pk=7)
    generic = staff_message(RuntimeError("x"), job)
    messages = {
        case: staff_message(error, job) for case, (error, _) in KNOWN.items() if case != "anything else"
    }
    assert generic not in messages.values()
    assert len(set(messages.values())) == len(messages)


def test_a_job_given_up_on_says_how_long_each_try_had():
    assert "3 tries (each allowed 3 hours)" in gave_up(3, timedelta(hours=3))
    assert "each allowed 30 minutes" in gave_up(2, timedelta(minutes=30))
    assert not DEVELOPER_TEXT.search(gave_up(3, timedelta(hours=3)))


def test_a_failed_build_is_told_by_the_errors_attribute_not_its_words():
    """Whether the validators' build failed is the error's attribute: a message reworded (or
    translated) does not turn one case into the other."""
    failed = ValidatorsNotInstalledError("the validators are missing", "details", build_failed=True)
    assert failed.build_failed and "could not be installed on this server" in staff_message(failed, None)
    missing = ValidatorsNotInstalledError("they could not be installed, it seems", "details")
    assert not missing.build_failed
    said = staff_message(missing, None)
    assert "are not installed on this server" in said and "could not be installed" not in said

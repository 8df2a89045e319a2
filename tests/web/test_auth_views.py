"""The sign-in lockout holds under simultaneous attempts (PostgreSQL; SQLite in memory has one
connection, so the threads cannot race there and the concurrency test is skipped)."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from sightline.accounts import lockout
from sightline.web.auth_views import LockoutAuthenticationForm

PASSWORD = "correct-horse-battery-staple"
ATTEMPTS = 40


def _attempt(username: str, password: str) -> str:
    form = LockoutAuthenticationForm(data={"username": username, "password": password})
    if form.is_valid():
        return "signed in"
    return form.errors.as_data()["__all__"][0].code


@pytest.mark.django_db(transaction=True)
def test_simultaneous_wrong_passwords_trip_the_lockout_and_a_correct_one_does_not_clear_it(settings):
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    ):
        pytest.skip("needs a database that several connections can use at once (PostgreSQL)")
    settings.SIGHTLINE_LOCKOUT_FAILURES = 5
    get_user_model().objects.create_user("burst", password=PASSWORD)
    passwords = ["wrong"] * ATTEMPTS
    passwords[ATTEMPTS // 2] = PASSWORD
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []

    def run(password: str) -> None:
        try:
            barrier.wait()
            outcomes.append(_attempt("burst", password))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in passwords]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == ATTEMPTS
    checked = [o for o in outcomes if o != "locked"]
    assert len(checked) <= settings.SIGHTLINE_LOCKOUT_FAILURES, outcomes
    assert outcomes.count("locked") >= ATTEMPTS - settings.SIGHTLINE_LOCKOUT_FAILURES
    assert lockout.is_locked_out("burst")
    assert _attempt("burst", PASSWORD) == "locked"


@pytest.mark.django_db
def test_the_count_is_per_username_and_a_correct_password_before_the_limit_clears_it(settings):
    settings.SIGHTLINE_LOCKOUT_FAILURES = 3
    get_user_model().objects.create_user("steady", password=PASSWORD)
    get_user_model().objects.create_user("other", password=PASSWORD)
    assert [_attempt("steady", "wrong") for _ in range(2)] == ["invalid_login"] * 2
    assert _attempt("steady", PASSWORD) == "signed in"
    assert [_attempt("steady", "wrong") for _ in range(3)] == ["invalid_login"] * 3
    assert _attempt("steady", PASSWORD) == "locked"
    assert _attempt("other", PASSWORD) == "signed in"


@pytest.mark.django_db
def test_the_lockout_ends_when_the_window_has_passed(settings):
    from datetime import timedelta

    from django.utils import timezone

    from sightline.accounts.models import LoginCounter

    settings.SIGHTLINE_LOCKOUT_FAILURES = 2
    get_user_model().objects.create_user("later", password=PASSWORD)
    for _ in range(3):
        _attempt("later", "wrong")
    assert _attempt("later", PASSWORD) == "locked"
    LoginCounter.objects.filter(username="later").update(
        last_at=timezone.now() - timedelta(minutes=settings.SIGHTLINE_LOCKOUT_MINUTES + 1)
    )
    assert not lockout.is_locked_out("later")
    assert _attempt("later", PASSWORD) == "signed in"

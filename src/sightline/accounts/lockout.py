"""Lockout after repeated failed sign-ins, counted atomically.

Each sign-in attempt takes a place in its username's counter with one UPDATE statement before
its password is checked, so a burst of simultaneous attempts cannot all be checked against the
same old count: only the first SIGHTLINE_LOCKOUT_FAILURES are checked, the rest are refused. A
correct password clears the counter only if the account is not locked by then (another single
conditional UPDATE), so a correct password in the middle of a burst neither signs in nor resets it.
A counter whose last attempt is older than SIGHTLINE_LOCKOUT_MINUTES starts again.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .models import LoginCounter


def _window_start():
    return timezone.now() - timedelta(minutes=settings.SIGHTLINE_LOCKOUT_MINUTES)


def _key(username: str) -> str:
    return username[:150]


def begin_attempt(username: str) -> bool:
    """Count this attempt; False when the account is locked and the password must not be checked."""
    key, now = _key(username), timezone.now()
    LoginCounter.objects.bulk_create(
        [LoginCounter(username=key, attempts=0, last_at=now)], ignore_conflicts=True
    )
    LoginCounter.objects.filter(username=key).update(
        attempts=Case(When(last_at__lt=_window_start(), then=Value(1)), default=F("attempts") + 1),
        last_at=now,
    )
    attempts = LoginCounter.objects.filter(username=key).values_list("attempts", flat=True).first() or 0
    return attempts <= settings.SIGHTLINE_LOCKOUT_FAILURES


def succeeded(username: str) -> bool:
    """A correct password: clear the count unless the account was locked meanwhile (False)."""
    limit = settings.SIGHTLINE_LOCKOUT_FAILURES
    cleared = LoginCounter.objects.filter(username=_key(username), attempts__lte=limit).update(attempts=0)
    return bool(cleared) or not LoginCounter.objects.filter(username=_key(username)).exists()


def is_locked_out(username: str) -> bool:
    """Whether the next attempt would be refused (for pages and tests; counts nothing)."""
    return LoginCounter.objects.filter(
        username=_key(username),
        attempts__gte=settings.SIGHTLINE_LOCKOUT_FAILURES,
        last_at__gte=_window_start(),
    ).exists()

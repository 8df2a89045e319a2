"""Lockout after repeated failed sign-ins: a setting-driven threshold and window."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure


def is_locked_out(username: str) -> bool:
    window = timedelta(minutes=settings.SIGHTLINE_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(username=username, at__gte=timezone.now() - window)
    return recent.count() >= settings.SIGHTLINE_LOCKOUT_FAILURES

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .models import LoginFailure


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs):
    LoginFailure.objects.create(
        username=(credentials or {}).get("username", "")[:150],
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
    )

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import LoginFailure


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs):
    LoginFailure.objects.create(
        username=(credentials or {}).get("username", "")[:150],
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


@receiver(user_logged_in)
def clear_failures(sender, request, user, **kwargs):
    LoginFailure.objects.filter(username=user.get_username()).delete()

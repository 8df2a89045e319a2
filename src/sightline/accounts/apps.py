from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sightline.accounts"
    verbose_name = "Users, roles and record access"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the login-failure handlers

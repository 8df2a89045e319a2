from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "sightline.audits"
    verbose_name = "Audit programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import chronology, report  # noqa: F401 - registers the chronology source and report sections

from django.apps import AppConfig, apps


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    verbose_name = "Performance indicators"

    def ready(self) -> None:
        from . import report  # noqa: F401 - registers the inequality section of the quarterly report

        if apps.is_installed("sightline.clinics"):
            from . import inequality_exceptions  # noqa: F401 - a provider of the briefings' exceptions

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "sightline.workforce"
    verbose_name = "Teams, workers and supervision"

    def ready(self) -> None:
        from . import report  # noqa: F401 - registers the workforce report section

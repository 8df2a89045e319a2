from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sightline.web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        from . import versions

        versions.connect()
        versions.annotate()

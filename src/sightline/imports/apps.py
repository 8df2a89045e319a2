from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "sightline.imports"
    verbose_name = "Imports and returns"

    def ready(self) -> None:
        from sightline.web import panels as web_panels

        from . import panels

        web_panels.add("child", "web/child_validation_panel.html", panels.child_panel, order=80)

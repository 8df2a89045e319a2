from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "sightline.audits"
    verbose_name = "Audit programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sightline.web import panels as web_panels

        from . import chronology, panels, report  # noqa: F401 - registers the chronology source and report sections

        # First on the team page, where the audits stood before panels were registered.
        web_panels.add("team", "audits/_team_panel.html", panels.team_panel, order=10)

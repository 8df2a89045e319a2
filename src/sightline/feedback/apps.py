from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "sightline.feedback"
    verbose_name = "Complaints, compliments and feedback"

    def ready(self) -> None:
        from sightline.web import panels as web_panels

        from . import panels, report  # noqa: F401 - report registers its sections

        web_panels.add("team", "feedback/team_panel.html", panels.team_panel, order=60)

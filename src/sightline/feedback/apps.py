from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "sightline.feedback"
    verbose_name = "Complaints, compliments and feedback"

    def ready(self) -> None:
        from sightline.web import panels as web_panels

        from . import panels, report  # noqa: F401 - report registers its sections

        web_panels.add("team", "feedback/team_panel.html", panels.team_panel, order=60)
        from sightline.workforce import models as workforce

        from . import models, signals

        signals.connect(
            [
                models.Complaint,
                models.Compliment,
                models.SurveyResponse,
                models.SurveyAnswer,
                workforce.Establishment,
                workforce.SicknessAbsence,
                workforce.Course,
                workforce.TrainingRecord,
                workforce.StaffSurveyResult,
            ]
        )

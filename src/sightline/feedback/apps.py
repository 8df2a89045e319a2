from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "sightline.feedback"
    verbose_name = "Complaints, compliments and feedback"

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    verbose_name = "Performance indicators"

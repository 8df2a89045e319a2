from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sightline.records"
    verbose_name = "Child-level records"

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "sightline.imports"
    verbose_name = "Imports and returns"

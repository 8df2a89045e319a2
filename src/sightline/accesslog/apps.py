from django.apps import AppConfig


class AccessLogConfig(AppConfig):
    name = "sightline.accesslog"
    verbose_name = "Record-access log"

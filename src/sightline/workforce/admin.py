from django.contrib import admin

from sightline.records.admin import FeedsTheEngine

from . import models


@admin.register(models.Team)
class TeamAdmin(FeedsTheEngine):
    list_display = ["name", "service", "kind", "caseload_limit"]


@admin.register(models.Worker)
class WorkerAdmin(FeedsTheEngine):
    list_display = [
        "staff_id",
        "first_name",
        "last_name",
        "role",
        "team",
        "agency",
        "start_date",
        "leave_date",
    ]
    list_filter = ["role", "agency", "team"]
    search_fields = ["staff_id", "last_name"]


@admin.register(models.Service)
class ServiceAdmin(FeedsTheEngine):
    pass

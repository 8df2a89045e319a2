from django.contrib import admin

from . import models


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "kind", "caseload_limit"]


@admin.register(models.Worker)
class WorkerAdmin(admin.ModelAdmin):
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


admin.site.register(models.Service)

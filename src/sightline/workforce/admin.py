from django.contrib import admin

from sightline.records.services import bump_data_version

from . import models


class FeedsTheEngine(admin.ModelAdmin):
    """Services, teams and workers are frames of the indicator engine and named on kept page
    parts, which follow the data version (imports raise it; these models send no content
    version, web.versions.IMPORTED): an edit in the admin raises it too, in the admin's
    transaction, so a save rolled back raises nothing."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        bump_data_version()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        bump_data_version()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        bump_data_version()


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

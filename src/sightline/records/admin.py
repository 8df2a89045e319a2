from django.contrib import admin

from sightline.accesslog.admin import ChildRecordAdmin

from . import models
from .services import bump_data_version


class FeedsTheEngine(admin.ModelAdmin):
    """For the council, services, teams and workers: read by the indicator engine and named on
    kept page parts, which follow the data version (imports raise it; these models send no
    content version, web.versions.IMPORTED). An edit in the admin raises it too, in the admin's
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


@admin.register(models.Child)
class ChildAdmin(ChildRecordAdmin):
    child_path = ""
    list_display = ["la_child_id", "first_name", "last_name", "date_of_birth", "sex", "restricted"]
    search_fields = ["la_child_id", "last_name", "upn"]
    list_filter = ["restricted", "sex"]


@admin.register(models.Council)
class CouncilAdmin(FeedsTheEngine):
    """Its name, code, population and data date may be corrected; a council is made and removed by
    a load, and its data version only raised (typed back, it could name figures kept before)."""

    list_display = ["name", "la_code", "population_0_17", "reference_date"]
    readonly_fields = ["data_version"]

    def save_model(self, request, obj, form, change) -> None:
        # Not the data version the form was opened with: an import committing meanwhile raised it,
        # and writing it back would name again figures already kept under the next number.
        fields = [f.attname for f in obj._meta.concrete_fields if f.name not in ("id", "data_version")]
        obj.save(update_fields=fields)
        bump_data_version()

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

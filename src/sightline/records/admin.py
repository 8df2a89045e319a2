from django.contrib import admin

from sightline.accesslog.admin import ChildRecordAdmin

from . import models


@admin.register(models.Child)
class ChildAdmin(ChildRecordAdmin):
    child_path = ""
    list_display = ["la_child_id", "first_name", "last_name", "date_of_birth", "sex", "restricted"]
    search_fields = ["la_child_id", "last_name", "upn"]
    list_filter = ["restricted", "sex"]


@admin.register(models.Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "la_code", "population_0_17", "reference_date"]

from django.contrib import admin

from . import models


@admin.register(models.StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "worker"]
    list_filter = ["role"]
    filter_horizontal = ["teams", "services"]


@admin.register(models.RestrictedRecordAccess)
class RestrictedRecordAccessAdmin(admin.ModelAdmin):
    list_display = ["child", "user", "granted_at", "reason"]

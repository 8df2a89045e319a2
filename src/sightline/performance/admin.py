"""Django admin: the audit trail is read-only; standards and targets change through the services."""

from django.contrib import admin

from .models import IndicatorTarget, LocalStandardSetting, SettingChange


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SettingChange)
class SettingChangeAdmin(ReadOnly):
    list_display = ["changed_at", "username", "kind", "key", "old_value", "new_value"]
    list_filter = ["kind"]
    search_fields = ["key", "username"]


@admin.register(LocalStandardSetting)
class LocalStandardSettingAdmin(ReadOnly):
    list_display = ["key", "value", "updated_at"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ReadOnly):
    list_display = ["indicator_id", "target", "tolerance", "updated_at"]

from django.contrib import admin

from sightline.accesslog.admin import ChildRecordAdmin

from .models import AnnexAReportedRow, ImportRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Import runs and what they kept change only through imports."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "kind", "file_names", "status", "children", "added", "updated", "unchanged"]
    list_filter = ["kind", "status"]
    search_fields = ["file_names", "file_hash", "username"]


@admin.register(AnnexAReportedRow)
class AnnexAReportedRowAdmin(ChildRecordAdmin):
    list_display = ["reference_date", "list_number", "child", "row_key", "position"]
    list_filter = ["reference_date", "list_number"]
    search_fields = ["child__la_child_id", "row_key"]

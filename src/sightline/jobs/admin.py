"""Jobs in the admin, read-only: for an administrator looking into a failed or stuck job."""

from django.contrib import admin

from .models import Job, JobFile


class JobFileInline(admin.TabularInline):
    model = JobFile
    fields = ["role", "name", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "username", "created_at", "started_at", "finished_at", "attempts"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Job._meta.fields]
    inlines = [JobFileInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

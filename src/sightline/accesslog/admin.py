"""Django admin for child-level records: read-only, restricted-aware and logged.

The admin is the administrator's tool for looking into a record, not for changing one (records
change through imports): every child-level model registers with `ChildRecordAdmin`, which
shows only the children the signed-in user may open (the same rules as every page, so a
restricted child is listed only to the users named for it), allows no add, change or delete,
and writes each list and each record opened to the access log.
"""

from __future__ import annotations

from datetime import date

from django.contrib import admin

from sightline.accounts.selectors import child_filter, child_scope, viewer_for
from sightline.records.models import Child, Council

from .services import log_child_view, log_list_view


def _as_at() -> date:
    council = Council.objects.first()
    return council.reference_date if council else date.today()


class ChildRecordAdmin(admin.ModelAdmin):
    """`child_path` names the child from the model: "" for Child itself, "child" for a link."""

    child_path = "child"

    def _child_id_field(self) -> str:
        return f"{self.child_path}_id" if self.child_path else "pk"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        children = child_filter(viewer_for(request.user), _as_at())
        field = self._child_id_field()
        if children.allowed is not None:
            return queryset.filter(**{f"{field}__in": children.allowed})
        return queryset.exclude(**{f"{field}__in": children.hidden})

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            field = "pk" if not self.child_path else self._child_id_field()
            shown = {getattr(row, field) for row in changelist.result_list} - {None}
            log_list_view(request.user, request.get_full_path(), shown=len(shown))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)  # None when outside the viewer's children
        child = obj if not self.child_path or obj is None else getattr(obj, self.child_path)
        if isinstance(child, Child):
            viewer = viewer_for(request.user)
            log_child_view(request.user, viewer, child_scope(child, _as_at()), request.path, allowed=True)
        return response

from django import forms
from django.contrib import admin

from sightline.records.models import Child

from . import models


class NamedAccessForm(forms.ModelForm):
    """The child by the council's own id, so no list of children (or their names) is shown."""

    la_child_id = forms.CharField(label="LA child ID", max_length=15)

    class Meta:
        model = models.RestrictedRecordAccess
        fields = ["la_child_id", "user", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["la_child_id"] = self.instance.child.la_child_id

    def clean_la_child_id(self) -> str:
        value = self.cleaned_data["la_child_id"].strip()
        child = Child.objects.filter(la_child_id=value).first()
        if child is None:
            raise forms.ValidationError(f"No child has the LA child ID {value}.")
        self.instance.child = child
        return value


@admin.register(models.StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "worker"]
    list_filter = ["role"]
    filter_horizontal = ["teams", "services"]


@admin.register(models.RestrictedRecordAccess)
class RestrictedRecordAccessAdmin(admin.ModelAdmin):
    """Naming a user for a restricted record: the child is chosen by its id, never from a list
    of every child's name, and shown by its id only."""

    form = NamedAccessForm
    list_display = ["child_id_shown", "user", "granted_at", "reason"]
    search_fields = ["child__la_child_id", "user__username"]

    @admin.display(description="Child", ordering="child__la_child_id")
    def child_id_shown(self, obj) -> str:
        return obj.child.la_child_id

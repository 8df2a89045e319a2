"""The base form of every register: a ModelForm that knows who is filling it in."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RegisterForm(forms.ModelForm):
    """Pass `viewer` (accounts.roles.Viewer) and `user`; clean methods may use them to refuse a
    change this person may not make (a challenge closed by someone other than its challenger).

    Date fields become date inputs; every field keeps its model's validation, and the model's
    constraints are checked before saving, each with its own message.
    """

    def __init__(self, *args, viewer=None, user=None, **kwargs):
        self.viewer = viewer
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = DateInput()
                field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

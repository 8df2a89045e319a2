"""The base form of every register: a ModelForm that knows who is filling it in."""

from __future__ import annotations

from sightline.web import date_input


class RegisterForm(date_input.ModelForm):
    """Pass `viewer` (accounts.roles.Viewer) and `user`; clean methods may use them to refuse a
    change this person may not make (a challenge closed by someone other than its challenger).

    Date fields become GOV.UK date inputs (web.date_input); every field keeps its model's
    validation, and the model's constraints are checked before saving, each with its own message.
    """

    def __init__(self, *args, viewer=None, user=None, **kwargs):
        self.viewer = viewer
        self.user = user
        super().__init__(*args, **kwargs)

"""The settings page's two forms (local standards; indicator targets and tolerances), so each
bad value is refused beside its own field and in the summary, and nothing else is read from the post."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sightline.indicators.standards import LocalStandards
from sightline.performance import selectors as perf
from sightline.performance import services as perf_services


class StandardsForm(forms.Form):
    """One field per local standard; each value is checked against the standard's own bounds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = perf.standards_table()
        for row in self.rows:
            self.fields[row["key"]] = forms.CharField(label=row["label"], required=False, max_length=50)

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            value = (cleaned.get(row["key"]) or "").strip()
            if row["key"] not in self.data or value == str(row["value"]):
                cleaned.pop(row["key"], None)
                continue
            try:
                LocalStandards.clean(row["key"], value)
            except ValueError as error:
                self.add_error(row["key"], str(error))
            cleaned[row["key"]] = value
        return cleaned

    def save(self, user) -> int:
        return _apply(
            self, [(key, perf_services.change_standard, (user, key, value)) for key, value in self.changes()]
        )

    def changes(self):
        return [
            (row["key"], self.cleaned_data[row["key"]])
            for row in self.rows
            if row["key"] in self.cleaned_data
        ]


class TargetsForm(forms.Form):
    """A target and a tolerance for each indicator that has a better direction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = [d for d in perf.definitions() if d["polarity"]]
        for d in self.definitions:
            self.fields[f"target-{d['id']}"] = forms.CharField(
                label=f"Target for {d['title']}", required=False, max_length=30
            )
            self.fields[f"tolerance-{d['id']}"] = forms.CharField(
                label=f"Tolerance for {d['title']}", required=False, max_length=30
            )

    def save(self, user) -> int:
        steps = []
        for d in self.definitions:
            target, tolerance = f"target-{d['id']}", f"tolerance-{d['id']}"
            if target not in self.data or tolerance not in self.data:
                continue
            pair = (self.cleaned_data[target].strip(), self.cleaned_data[tolerance].strip())
            if pair != (_plain(d["target"]), _plain(d["tolerance"])):
                steps.append((target, perf_services.change_target, (user, d["id"], *pair)))
        return _apply(self, steps)


def _apply(form: forms.Form, steps) -> int:
    """Each change is its own audited write; a refused one is an error on its field."""
    changed = 0
    for field, change, args in steps:
        try:
            changed += 1 if change(*args) is not None else 0
        except ValidationError as error:
            for message in error.messages:
                form.add_error(field, message)
    return changed


def _plain(number) -> str:
    """How a stored target shows in the form, so an untouched field is not taken as a change."""
    return "" if number is None else f"{number:g}"

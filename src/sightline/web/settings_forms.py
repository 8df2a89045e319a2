"""The settings page's forms (local standards; indicator targets and tolerances; the population
estimate), so each bad value is refused beside its own field and in the summary, and nothing else
is read from the post."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat

from sightline.indicators.population import MAX_BYTES, PopulationError, read_upload
from sightline.indicators.standards import LocalStandards
from sightline.performance import selectors as perf
from sightline.performance import services as perf_services


class _Setting(forms.CharField):
    """A setting's box: one left out of a post still shows the setting's value (only what is
    posted is read), one posted shows what was posted, right or wrong."""

    def bound_data(self, data, initial):
        return initial if data is None else data


# A short number box (the widget is copied for each field, so one declaration serves them all).
_NUMBER = forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "decimal"})


class StandardsForm(forms.Form):
    """One field per local standard; each value is checked against the standard's own bounds."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "std-%s")
        super().__init__(*args, **kwargs)
        self.rows = perf.standards_table()
        for row in self.rows:
            self.fields[row["key"]] = _Setting(
                label=row["label"],
                required=False,
                max_length=50,
                initial=row["value"],
                widget=forms.Select(choices=row["choice_labels"]) if row["choices"] else _NUMBER,
            )

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
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.definitions = [d for d in perf.definitions() if d["polarity"]]
        for d in self.definitions:
            for name in ("target", "tolerance"):
                self.fields[f"{name}-{d['id']}"] = _Setting(
                    label=f"{name.capitalize()} for {d['title']}",
                    required=False,
                    max_length=30,
                    initial=_shown(d[name]),
                    widget=_NUMBER,
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


class PopulationForm(forms.Form):
    """The council's population estimate from a CSV in the ONS mid-year estimate layout, replaced whole.

    Every rejected row is an error on the file field naming the file, row, field and value; the
    first `SHOWN` are listed and the rest counted, so a wrong file does not bury the page.
    """

    SHOWN = 20
    file = forms.FileField(
        label="Population estimate (CSV)",
        error_messages={
            "required": "Choose the population estimate's CSV file to upload",
            "empty": "The chosen file is empty: choose the population estimate's CSV file",
        },
    )
    source = forms.CharField(label="Where it comes from", required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        name = _file_name(upload.name)
        raw = upload.read(MAX_BYTES + 1)
        try:
            cleaned["table"] = read_upload(raw, name)
        except PopulationError as error:
            for problem in error.problems[: self.SHOWN]:
                self.add_error("file", problem)
            if len(error.problems) > self.SHOWN:
                more = len(error.problems) - self.SHOWN
                plural = "" if more == 1 else "s"
                self.add_error("file", f"{name}: and {more:,} more problem{plural} like these")
        cleaned["source"] = (cleaned.get("source") or "").strip() or name
        return cleaned

    def save(self, user) -> int:
        perf_services.set_population(user, self.cleaned_data["table"], self.cleaned_data["source"])
        return 1


def _file_name(name: str | None) -> str:
    """The file's own name as the user knows it, never a folder on their machine."""
    return ((name or "").replace("\\", "/").rsplit("/", 1)[-1] or "the population file")[:100]


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


def _shown(number) -> str:
    """A target as the form shows it, to two decimal places at most."""
    return "" if number is None else floatformat(number, "-2")


def _plain(number) -> str:
    """How a stored target shows in the form, so an untouched field is not taken as a change."""
    return "" if number is None else f"{number:g}"

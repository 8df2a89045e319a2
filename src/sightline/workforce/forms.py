"""The workforce registers' forms: each refuses bad input with a message beside the field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from sightline.registers import RegisterForm

from .models import (
    Course,
    Departure,
    Establishment,
    SicknessAbsence,
    StaffSurveyResult,
    TrainingRecord,
    Worker,
)


class WorkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, worker: Worker) -> str:
        return f"{worker} ({worker.get_role_display()}, {worker.team})"


def _not_future(day, what: str):
    if day and day > date.today():
        raise ValidationError(f"The {what} cannot be in the future.")
    return day


class EstablishmentForm(RegisterForm):
    class Meta:
        model = Establishment
        fields = ["team", "role", "funded_fte", "effective_from"]


class DepartureForm(RegisterForm):
    class Meta:
        model = Departure
        fields = ["worker", "reason", "notes"]
        field_classes = {"worker": WorkerChoice}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = Worker.objects.filter(leave_date__isnull=False).select_related(
            "team"
        )
        self.fields["worker"].help_text = "Workers with a leaving date."


class SicknessForm(RegisterForm):
    class Meta:
        model = SicknessAbsence
        fields = ["worker", "start_date", "end_date", "working_days_lost"]
        field_classes = {"worker": WorkerChoice}

    def clean_start_date(self):
        return _not_future(self.cleaned_data["start_date"], "first day")

    def clean(self):
        data = super().clean()
        start, end, worker = data.get("start_date"), data.get("end_date"), data.get("worker")
        if start and end and end < start:
            self.add_error("end_date", "The last day cannot be before the first.")
        elif (
            start
            and end
            and data.get("working_days_lost")
            and data["working_days_lost"] > (end - start).days + 1
        ):
            self.add_error("working_days_lost", "More working days lost than days in the absence.")
        if (
            worker
            and start
            and (start < worker.start_date or (worker.leave_date and start > worker.leave_date))
        ):
            self.add_error("start_date", f"{worker} was not in post on {start:%-d %B %Y}.")
        return data


class CourseForm(RegisterForm):
    roles = forms.MultipleChoiceField(
        choices=Worker.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Mandatory for",
    )

    class Meta:
        model = Course
        fields = ["name", "roles", "renew_months"]


class TrainingForm(RegisterForm):
    class Meta:
        model = TrainingRecord
        fields = ["worker", "course", "completed_on"]
        field_classes = {"worker": WorkerChoice}

    def clean_completed_on(self):
        return _not_future(self.cleaned_data["completed_on"], "completion date")


class StaffSurveyForm(RegisterForm):
    class Meta:
        model = StaffSurveyResult
        fields = ["surveyed_on", "team", "measure", "agree_percent", "responses"]

    def clean_surveyed_on(self):
        return _not_future(self.cleaned_data["surveyed_on"], "survey date")

    def clean_agree_percent(self):
        value = self.cleaned_data["agree_percent"]
        if value is not None and not 0 <= value <= 100:
            raise ValidationError("The share agreeing is from 0 to 100%.")
        return value

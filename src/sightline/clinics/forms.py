"""The briefing's narrative and the form for raising an action at a clinic."""

from __future__ import annotations

from django import forms

from sightline.improvement.models import Priority
from sightline.web import date_input, params
from sightline.workforce.models import Worker

from .models import Clinic
from .services import NARRATIVE


class BriefingForm(forms.ModelForm):
    class Meta:
        model = Clinic
        fields = list(NARRATIVE)
        widgets = {name: forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}) for name in NARRATIVE}


class CommentaryForm(forms.Form):
    """A box per data exception for what it means and what is being done (`commentary-<pk>`),
    shown in the exceptions table; the view saves what is posted (clinics.services.save_briefing)."""

    def __init__(self, *args, exceptions, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for e in exceptions:
            self.fields[f"commentary-{e.pk}"] = forms.CharField(
                label=f"Commentary on {e.title}",
                required=False,
                initial=e.commentary,
                widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
            )


class ActionForm(forms.Form):
    text = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(label="Owner", queryset=Worker.objects.none())
    due_date = date_input.DateField(label="Due date", required=True)
    priority = forms.ModelChoiceField(label="Improvement plan priority", queryset=Priority.objects.all())

    def __init__(self, *args, clinic: Clinic, today, **kwargs):
        super().__init__(*args, **kwargs)
        staff = Worker.objects.filter(role__in=["TM", "HOS", "SP"]).exclude(leave_date__lt=today)
        if clinic.level == "team":
            staff = Worker.objects.filter(team=clinic.team).exclude(leave_date__lt=today)
        elif clinic.level == "service":
            staff = staff.filter(team__service=clinic.service) | Worker.objects.filter(
                role="HOS", leave_date__isnull=True
            )
        self.fields["owner"].queryset = staff.distinct().order_by("last_name", "first_name")


class MonthForm(forms.Form):
    """The schedule's month (`?month=2026-03`): another value is a 400 page, not this month."""

    month = forms.DateField(
        label="Month",
        required=False,
        input_formats=["%Y-%m"],
        error_messages={"invalid": "Give the month as year-month, such as 2026-03."},
    )


class PackDownloadForm(params.DownloadForm):
    """The pack as a download (`?format=csv|xlsx`), the board's or the committee paper
    (`&version=committee`: counts of 1 to 5 suppressed, no member of staff named)."""

    version = params.choice("Version", {"board": "Board", "committee": "Committee paper"})

"""The audit pages' posted forms that are not model forms: adding a child to a programme, naming
a moderator, recording and closing an action, a new version's reason and the moderator's grades.
A bad value (a worker number that is no worker, a due date that is no date or a year no calendar
holds, a reason longer than is kept) is said beside the field's name; none reaches a traceback."""

from __future__ import annotations

from django import forms
from django.contrib import messages

from sightline.domain.numbers import is_whole_number
from sightline.web.date_input import DateField
from sightline.web.params import MAX_ID, problems_of
from sightline.workforce.models import Worker

from .domain.grades import GRADES
from .domain.sampling import COHORTS
from .models import AuditTool
from .params import QuarterField

# The most question rows a tool's editor posts: far more than any tool asks.
MAX_ROWS = 500


def posted(form_class: type[forms.Form], request, **kwargs) -> dict | None:
    """The cleaned form posted, or None with each problem shown to the user as a message."""
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        return form.cleaned_data
    for problem in problems_of(form):
        messages.error(request, problem)
    return None


def text(label: str, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length, strip=False)


class WorkerField(forms.IntegerField):
    """A worker chosen from the page's list, cleaned to the worker (None when none is chosen)."""

    def __init__(self, label: str):
        super().__init__(
            label=label,
            required=False,
            min_value=1,
            max_value=MAX_ID,
            error_messages={"invalid": "Choose a worker from the list on the page."},
        )

    def clean(self, value):
        pk = super().clean(value)
        if pk is None:
            return None
        worker = Worker.objects.filter(pk=pk).first()
        if worker is None:
            raise forms.ValidationError(f"There is no worker numbered {pk}.")
        return worker


class ProgrammeAddForm(forms.Form):
    la_child_id = text("LA child ID", 100)
    auditor = WorkerField("Auditor")
    reason = text("Reason", 300)


class ModeratorForm(forms.Form):
    moderator = WorkerField("Moderator")


class ActionForm(forms.Form):
    """An audit's action; the due date is posted as GOV.UK's three boxes (due-day, -month, -year)."""

    description = text("Action")
    owner = WorkerField("Owner")
    owner_name = text("Owner's name", 150)
    due = DateField(label="Due date", required=True)


class AuditDateForm(forms.Form):
    """The date of the audit, as the audit page shows it (its save reads it with read_date)."""

    audit_date = DateField(label="Date of the audit")


class ReasonForm(forms.Form):
    reason = text("Reason", 300)


class ToolEditForm(ReasonForm):
    """A tool's new version: how many question rows the editor posts, and why it changed."""

    rows = forms.IntegerField(label="Questions", required=False, min_value=0, max_value=MAX_ROWS)


class NoteForm(forms.Form):
    note = text("Note")


class ModerateForm(forms.Form):
    """The moderator's grade for each graded section and overall, and a comment."""

    comment = text("Comment")

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not graded"), *((str(k), v) for k, v in GRADES.items())]
        self.fields["overall_grade"] = self._grade("Overall grade", choices)
        for section in sections:
            self.fields[f"section:{section.key}"] = self._grade(section.title, choices)

    @staticmethod
    def _grade(label: str, choices) -> forms.TypedChoiceField:
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=choices,
            coerce=int,
            empty_value=None,
            error_messages={"invalid_choice": "Choose one of the four grades."},
        )


class WorkersField(forms.TypedMultipleChoiceField):
    """Workers ticked from the page's list: each a number that is a worker."""

    def __init__(self, label: str):
        super().__init__(label=label, required=False, coerce=int)

    def valid_value(self, value) -> bool:
        return is_whole_number(str(value)) and len(str(value)) < 11

    def clean(self, value):
        pks = super().clean(value)
        workers = Worker.objects.in_bulk(pks)
        if missing := [pk for pk in pks if pk not in workers]:
            raise forms.ValidationError(f"There is no worker numbered {missing[0]}.")
        return [workers[pk] for pk in pks]


class ProgrammeForm(forms.Form):
    """A new quarter's programme: its tool, how many audits, the pool and who moderates."""

    name = text("Name", 120)
    quarter = QuarterField(label="Quarter", required=True, max_length=20)
    tool = forms.ModelChoiceField(
        label="Audit tool",
        queryset=AuditTool.objects.all(),
        error_messages={"required": "Choose the audit tool.", "invalid_choice": "Choose the audit tool."},
    )
    planned = forms.IntegerField(
        label="Audits to draw",
        min_value=1,
        max_value=500,
        error_messages={"required": "Give the number of audits to draw (1 to 500)."},
    )
    due_date = DateField(label="Due date", required=True)
    auditors = WorkersField("Auditors")
    moderators = WorkersField("Moderators")
    cohorts = forms.MultipleChoiceField(label="Cohorts", required=False, choices=list(COHORTS.items()))
    quota = forms.IntegerField(label="Audits per auditor", required=False, min_value=1, max_value=500)
    moderation_share = forms.FloatField(label="Share moderated", required=False, min_value=0, max_value=100)

    def clean_auditors(self):
        if not self.cleaned_data["auditors"]:
            raise forms.ValidationError("Choose the auditors in the pool.")
        return self.cleaned_data["auditors"]

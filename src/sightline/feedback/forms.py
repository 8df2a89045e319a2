"""The feedback registers' forms: each refuses bad input with a message beside the field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from sightline.accounts import roles
from sightline.accounts.selectors import child_scope
from sightline.domain.calendar import default_calendar
from sightline.performance import selectors as perf
from sightline.records.models import Child
from sightline.registers import RegisterForm
from sightline.web.selectors import as_at
from sightline.workforce.models import Worker

from . import domain
from .models import SCORES, Complaint, Compliment, SurveyAnswer, SurveyQuestion, SurveyResponse


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, worker: Worker) -> str:
        return f"{worker} ({worker.get_role_display()}, {worker.team})"


def _staff(keep: int | None = None):
    today = date.today()
    current = Worker.objects.exclude(leave_date__lt=today)
    if keep:
        current = current | Worker.objects.filter(pk=keep)
    return current.select_related("team").order_by("last_name", "first_name")


class ChildRefMixin:
    """A child named by their ID on the case system, refused unless this person may open them."""

    def _child_field(self, required: bool = False) -> None:
        self.fields["child_ref"] = forms.CharField(
            label="Child's ID",
            max_length=20,
            required=required,
            help_text="The child's ID on the case system, if it is about a child.",
        )
        child = getattr(self.instance, "child", None)
        if child is not None:
            self.initial["child_ref"] = child.la_child_id

    def clean_child_ref(self):
        ref = (self.cleaned_data.get("child_ref") or "").strip()
        if not ref:
            return None
        child = Child.objects.filter(la_child_id=ref).first()
        if child is None or not roles.can_view_child(self.viewer, child_scope(child, as_at())):
            raise ValidationError(f"There is no child {ref} that you may open.")
        return child


class ComplaintForm(ChildRefMixin, RegisterForm):
    class Meta:
        model = Complaint
        fields = [
            "reference",
            "stage",
            "received_on",
            "acknowledged_on",
            "extended",
            "responded_on",
            "outcome",
            "escalated_on",
            "theme",
            "complainant",
            "summary",
            "team",
            "worker",
            "ombudsman_referred_on",
            "ombudsman_decision",
        ]
        field_classes = {"worker": StaffChoice}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _staff(keep=self.instance.worker_id)
        self._child_field()
        self.order_fields([*self.Meta.fields[:11], "child_ref"])

    def clean(self):
        data = super().clean()
        for name, message in domain.complaint_problems(data, date.today()):
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        self._check_earlier_stage(data)
        if data.get("received_on") and data.get("stage") and not self.errors:
            timescales = domain.Timescales.from_standards(perf.stored_standards())
            self.instance.due_on = domain.due_date(
                data["received_on"],
                data["stage"],
                data.get("extended", False),
                timescales,
                default_calendar(),
            )
        self.instance.child = data.get("child_ref")
        return data

    def _check_earlier_stage(self, data) -> None:
        stage, reference = data.get("stage"), (data.get("reference") or "").strip()
        if not stage or stage == 1 or not reference:
            return
        earlier = Complaint.objects.filter(reference=reference, stage=stage - 1).first()
        if earlier is None:
            self.add_error("stage", f"Complaint {reference} has no stage {stage - 1} to escalate from.")
        elif data.get("received_on") and data["received_on"] < earlier.received_on:
            self.add_error(
                "received_on", f"Stage {stage} cannot begin before stage {stage - 1} was received."
            )


class ComplimentForm(RegisterForm):
    class Meta:
        model = Compliment
        fields = ["received_on", "team", "worker", "from_whom", "from_name", "quote"]
        field_classes = {"worker": StaffChoice}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _staff(keep=self.instance.worker_id)
        self.fields[
            "from_name"
        ].help_text = "Kept for the team only: never shown in lists, exports or counts."

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day and day > date.today():
            raise ValidationError("A compliment cannot be received in the future.")
        return day

    def clean(self):
        data = super().clean()
        worker, team = data.get("worker"), data.get("team")
        if worker and team and worker.team_id != team.pk:
            self.add_error("worker", f"{worker} is not in {team}.")
        return data


class SurveyQuestionForm(RegisterForm):
    class Meta:
        model = SurveyQuestion
        fields = ["number", "text", "active"]


class SurveyResponseForm(ChildRefMixin, RegisterForm):
    """A response with one score per question asked now (the council's question set)."""

    class Meta:
        model = SurveyResponse
        fields = ["received_on", "team", "respondent", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._child_field()
        self.questions = list(SurveyQuestion.objects.filter(active=True))
        given = {a.question_id: a.score for a in self.instance.answers.all()} if self.instance.pk else {}
        for question in self.questions:
            name = f"score_{question.number}"
            self.fields[name] = forms.TypedChoiceField(
                label=question.text, choices=[("", "Not answered"), *SCORES], coerce=int, required=False
            )
            self.initial[name] = given.get(question.pk, "")

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day and day > date.today():
            raise ValidationError("A response cannot be received in the future.")
        return day

    def clean(self):
        data = super().clean()
        if self.questions and not any(data.get(f"score_{q.number}") for q in self.questions):
            self.add_error(None, "Give a score for at least one question.")
        self.instance.child = data.get("child_ref")
        return data

    def save(self, commit=True):
        response = super().save(commit=commit)
        for question in self.questions:
            score = self.cleaned_data.get(f"score_{question.number}")
            if score:
                SurveyAnswer.objects.update_or_create(
                    response=response, question=question, defaults={"score": score}
                )
            else:
                SurveyAnswer.objects.filter(response=response, question=question).delete()
        return response

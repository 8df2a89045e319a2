"""The improvement registers' forms: each refuses bad input with a message naming the field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from sightline.accounts import roles
from sightline.accounts.selectors import child_scope
from sightline.domain.calendar import default_calendar
from sightline.performance import selectors as perf
from sightline.records.models import Child
from sightline.registers import RegisterForm
from sightline.web import date_input
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Service, Team, Worker

from . import domain, measures, sources
from .models import (
    AgencyResponse,
    Challenge,
    DisputeResolution,
    Finding,
    Inspection,
    InspectionRecommendation,
    PlanAction,
    PracticeReview,
    Priority,
    ProgressUpdate,
    Recommendation,
)


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, worker: Worker) -> str:
        return f"{worker} ({worker.get_role_display()}, {worker.team})"


def current_staff(roles_: tuple[str, ...] = (), keep: int | None = None):
    """Staff in post (of some roles), and the one a row already names even if they have left."""
    current = Q(leave_date__isnull=True) & (Q(role__in=roles_) if roles_ else Q())
    return Worker.objects.filter(current | Q(pk=keep)).select_related("team")


class PriorityForm(RegisterForm):
    lead = StaffChoice(queryset=current_staff(), required=False)

    class Meta:
        model = Priority
        fields = ["number", "title", "description", "lead"]


def _measure_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [(s.label, [(f"{s.key}:{k}", t) for k, t in s.choices()]) for s in measures.sources()]


def _unit_choices() -> list:
    return [
        ("council", "The council"),
        ("Services", [(f"service:{s.pk}", s.name) for s in Service.objects.order_by("name")]),
        ("Teams", [(f"team:{t.pk}", t.name) for t in Team.objects.order_by("name")]),
    ]


class PlanActionForm(RegisterForm):
    owner = StaffChoice(
        queryset=current_staff(),
        error_messages={"required": "Choose the action's owner: every action has a named owner."},
    )
    impact = forms.ChoiceField(
        label="Impact measure",
        required=False,
        help_text="Compared over the months before the action started and after it closed.",
    )
    measured_for = forms.ChoiceField(label="Measured for", required=False, initial="council")

    class Meta:
        model = PlanAction
        fields = [
            "priority",
            "title",
            "detail",
            "owner",
            "agency",
            "start_date",
            "due_date",
            "status",
            "completed_on",
            "evidence",
            "source",
            "source_label",
            "source_model",
            "source_id",
        ]
        widgets = {"source_model": forms.HiddenInput, "source_id": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = current_staff(keep=self.instance.owner_id)
        self.fields["impact"].choices = [("", "No measure"), *_measure_choices()]
        self.fields["measured_for"].choices = _unit_choices()
        self.fields["source_label"].required = False
        self.fields["source_label"].help_text = "Filled in for you when the action is raised from its source."
        action = self.instance
        if action.pk and action.measure:
            self.initial["impact"] = f"{action.measure}:{action.measure_key}"
            self.initial["measured_for"] = (
                "council"
                if action.measure_level == "council"
                else f"{action.measure_level}:{action.measure_unit_id}"
            )
        self._raised_from = None
        model_label, pk = (
            self.data.get("source_model") or self.initial.get("source_model"),
            (self.data.get("source_id") or self.initial.get("source_id")),
        )
        if model_label and pk:
            self._raised_from = sources.resolve(model_label, pk)
            if self._raised_from is not None and not self.is_bound:
                for name, value in sources.link_fields(self._raised_from).items():
                    self.initial.setdefault(name, value)

    def clean(self):
        data = super().clean()
        status, evidence, completed = (
            data.get("status"),
            (data.get("evidence") or "").strip(),
            data.get("completed_on"),
        )
        if status == domain.COMPLETE:
            if not evidence:
                self.add_error("evidence", "An action is closed only with evidence of completion.")
            if completed is None:
                self.add_error("completed_on", "Give the date the action was completed.")
        elif completed is not None and status != domain.WITHDRAWN:
            self.add_error(
                "completed_on", "Only a complete action has a completion date: set the status to Complete."
            )
        if completed is not None and completed > date.today():
            self.add_error("completed_on", "The completion date cannot be in the future.")
        if data.get("source_model"):
            if self._raised_from is None:
                self.add_error(None, "The record this action was raised from no longer exists.")
            else:
                data.update(sources.link_fields(self._raised_from))
        elif not (data.get("source_label") or "").strip():
            self.add_error(
                "source_label", "Say where the action comes from (the finding, recommendation or meeting)."
            )
        self._clean_measure(data)
        return data

    def _clean_measure(self, data) -> None:
        chosen = data.get("impact") or ""
        kind, _, key = chosen.partition(":")
        unit = data.get("measured_for") or "council"
        level, _, unit_id = unit.partition(":")
        self.instance.measure, self.instance.measure_key = kind, key
        self.instance.measure_level = level
        self.instance.measure_unit_id = int(unit_id) if unit_id else None

    def _post_clean(self):
        super()._post_clean()
        if self._raised_from is not None:
            for name, value in sources.link_fields(self._raised_from).items():
                setattr(self.instance, name, value)


class ChallengeForm(RegisterForm):
    class Meta:
        model = Challenge
        fields = [
            "raised_on",
            "challenger_name",
            "forum",
            "raised_with",
            "challenge",
            "response_due",
            "response",
            "responded_on",
            "status",
            "closed_on",
        ]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == Challenge.Status.CLOSED and self.instance.status != Challenge.Status.CLOSED:
            challenger = self.instance.challenger if self.instance.pk else self.user
            if challenger is None or challenger != self.user:
                name = self.instance.challenger_name or "the challenger"
                self.add_error("status", f"Only the challenger ({name}) can close this challenge.")
        if status == Challenge.Status.CLOSED and data.get("closed_on") is None:
            self.add_error("closed_on", "Give the date the challenger closed the challenge.")
        if status != Challenge.Status.CLOSED and data.get("closed_on") is not None:
            self.add_error("closed_on", "Only a closed challenge has a closing date.")
        if status == Challenge.Status.RESPONDED and not (data.get("response") or "").strip():
            self.add_error("response", "Record the response before marking the challenge responded.")
        return data

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None and getattr(self.user, "pk", None):
            self.instance.challenger = self.user  # whoever logs a challenge is its challenger


class PracticeReviewForm(RegisterForm):
    class Meta:
        model = PracticeReview
        fields = ["kind", "reference", "name", "partnership", "started_on", "completed_on", "introduction"]


class FindingForm(RegisterForm):
    class Meta:
        model = Finding
        fields = ["review", "number", "heading", "text"]


class RecommendationForm(RegisterForm):
    class Meta:
        model = Recommendation
        fields = ["finding", "number", "text"]


class AgencyResponseForm(RegisterForm):
    class Meta:
        model = AgencyResponse
        fields = ["recommendation", "agency", "lead", "action", "due_date", "status"]


class PartnerResponseForm(RegisterForm):
    """What a partner agency user may change on their agency's row: its lead and status."""

    class Meta:
        model = AgencyResponse
        fields = ["lead", "status"]


class ProgressUpdateForm(date_input.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["update_date", "progress", "evidence"]
        labels = {"update_date": "Date of the update"}

    def clean_update_date(self):
        day = self.cleaned_data["update_date"]
        if day > date.today():
            raise ValidationError("An update cannot be dated in the future.")
        return day


class InspectionForm(RegisterForm):
    class Meta:
        model = Inspection
        fields = [
            "kind",
            "start_date",
            "end_date",
            "published_on",
            "lead_inspector",
            "focus",
            "overall",
            *Inspection.JUDGEMENT_AREAS,
            "summary",
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        graded = [a for a in ("overall", *Inspection.JUDGEMENT_AREAS) if data.get(a)]
        if (
            kind in {Inspection.Kind.FOCUSED_VISIT, Inspection.Kind.MONITORING, Inspection.Kind.JTAI}
            and graded
        ):
            self.add_error(
                None, "Focused, monitoring and joint visits give no judgements: leave the grades empty."
            )
        return data


class InspectionRecommendationForm(RegisterForm):
    class Meta:
        model = InspectionRecommendation
        fields = ["inspection", "number", "text"]


class DisputeForm(RegisterForm):
    child_ref = forms.CharField(
        label="Child's ID", max_length=20, help_text="The child's ID on the case system."
    )
    iro = StaffChoice(queryset=current_staff(("IRO",)), label="IRO")

    class Meta:
        model = DisputeResolution
        fields = [
            "iro",
            "stage",
            "issue",
            "detail",
            "raised_with",
            "raised_on",
            "response_due",
            "resolved_on",
            "outcome",
            "resolution",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = current_staff(("IRO",), keep=self.instance.iro_id)
        self.fields["response_due"].required = False
        self.fields["response_due"].help_text = f"Leave empty to use the local timescale. {date_input.HINT}"
        if self.instance.pk:
            self.initial["child_ref"] = self.instance.child.la_child_id
        self.order_fields(["child_ref"])

    def clean_child_ref(self):
        ref = self.cleaned_data["child_ref"].strip()
        child = Child.objects.filter(la_child_id=ref).first()
        if child is None or not roles.can_view_child(self.viewer, child_scope(child, as_at())):
            raise ValidationError(f"There is no child {ref} that you may open.")
        return child

    def clean(self):
        data = super().clean()
        child, raised = data.get("child_ref"), data.get("raised_on")
        resolved, outcome = data.get("resolved_on"), data.get("outcome")
        if resolved and not outcome:
            self.add_error("outcome", "Give the outcome of a closed escalation.")
        if outcome and not resolved:
            self.add_error("resolved_on", "Give the date the escalation was closed.")
        if raised and raised > date.today():
            self.add_error("raised_on", "An escalation cannot be raised in the future.")
        if child is not None and raised:
            team_id = (
                Allocation.objects.filter(child=child, role="SW", start_date__lte=raised)
                .exclude(end_date__lt=raised)
                .values_list("team_id", flat=True)
                .first()
            )
            if team_id is None:
                self.add_error(
                    "child_ref", f"Child {child.la_child_id} had no allocated team on {raised:%-d %B %Y}."
                )
            else:
                self.instance.team_id = team_id
            self.instance.child = child
            if raised and not data.get("response_due"):
                days = perf.stored_standards().iro_dispute_working_days
                data["response_due"] = domain.dispute_due(raised, days, default_calendar())
                self.instance.response_due = data["response_due"]
        return data


class ProgressFormatForm(forms.Form):
    """The summary of progress downloads as a web page or a Word document; nothing else."""

    format = forms.ChoiceField(
        label="Download format",
        required=False,
        choices=[("html", "Web page"), ("doc", "Word document")],
        error_messages={"invalid_choice": "“%(value)s” is not one of web page (html), Word document (doc)."},
    )

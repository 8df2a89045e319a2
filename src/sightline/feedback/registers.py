"""The feedback registers, declared on the register kit (see sightline.registers)."""

from __future__ import annotations

from django.db.models import F, Q

from sightline.accounts.roles import RegisterRules
from sightline.registers import REGISTRY, Column, Filter, Register
from sightline.web.selectors import as_at

from . import forms
from .models import Complaint, Compliment, SurveyQuestion, SurveyResponse

PARENT = {"parent_url": "feedback", "parent_title": "Complaints, compliments and feedback"}
# Complaints and survey responses about a child follow the child; the QA team keeps them.
CHILD_RULES = RegisterRules(child_rows=True)
KEEPERS = RegisterRules()

STATES = [
    ("overdue", "Open past its timescale"),
    ("open", "Open within its timescale"),
    ("in_time", "Responded within its timescale"),
    ("late", "Responded late"),
]


def complaint_state(complaint) -> str:
    on = as_at()
    if complaint.responded_on is None:
        return dict(STATES)["overdue" if complaint.is_overdue(on) else "open"]
    return dict(STATES)["in_time" if complaint.responded_on <= complaint.due_on else "late"]


def _state_filter(queryset, value, on):
    return queryset.filter(
        {
            "overdue": Q(responded_on__isnull=True, due_on__lt=on),
            "open": Q(responded_on__isnull=True, due_on__gte=on),
            "in_time": Q(responded_on__isnull=False, responded_on__lte=F("due_on")),
            "late": Q(responded_on__isnull=False, responded_on__gt=F("due_on")),
        }[value]
    )


def _scores(response) -> str:
    return "; ".join(f"{a.question.number}: {a.score}" for a in response.answers.select_related("question"))


COMPLAINTS = REGISTRY.add(
    Register(
        key="complaints",
        title="Complaints",
        noun="complaint",
        description="Complaints under the Children Act 1989 procedure, each stage with its timescale.",
        model=Complaint,
        form=forms.ComplaintForm,
        rules=CHILD_RULES,
        child_field="child",
        columns=[
            Column("reference", "Reference", identifier=True),
            Column("stage"),
            Column("received_on", "Received"),
            Column("quarter", "Quarter"),
            Column("team"),
            Column("theme"),
            Column("due_on", "Response due"),
            Column("responded_on", "Responded"),
            Column("state", "Timescale", value=complaint_state),
            Column("outcome"),
        ],
        filters=[
            Filter("stage"),
            Filter("state", "Timescale", choices=STATES, apply=_state_filter),
            Filter("team"),
            Filter("theme"),
            Filter("outcome"),
            Filter("complainant", "Complaint made by"),
        ],
        search_fields=["reference", "summary"],
        ordering=["-received_on", "reference", "stage"],
        prepare=lambda q: q.select_related("team", "worker", "child"),
        detail_fields=[
            "reference",
            "stage",
            "received_on",
            "acknowledged_on",
            "extended",
            "due_on",
            "responded_on",
            Column("state", "Timescale", value=complaint_state),
            "outcome",
            "escalated_on",
            "theme",
            "complainant",
            "summary",
            "team",
            "worker",
            Column(
                "child", "Child", value=lambda c: c.child.la_child_id if c.child_id else "", identifier=True
            ),
            "ombudsman_referred_on",
            "ombudsman_decision",
        ],
        **PARENT,
    )
)

COMPLIMENTS = REGISTRY.add(
    Register(
        key="compliments",
        title="Compliments",
        noun="compliment",
        description="Praise for teams and workers; names are removed from every list, export and count.",
        model=Compliment,
        form=forms.ComplimentForm,
        rules=KEEPERS,
        # No names here: the list and its exports show the relationship and the quote with
        # the giver's and the worker's names removed.
        columns=[
            Column("received_on", "Received"),
            Column("quarter", "Quarter"),
            Column("team"),
            Column("from_whom", "From"),
            Column("redacted_quote", "What they said"),
        ],
        filters=[Filter("team"), Filter("from_whom", "From")],
        search_fields=["team__name"],
        ordering=["-received_on", "-pk"],
        prepare=lambda q: q.select_related("team", "worker"),
        **PARENT,
    )
)

QUESTIONS = REGISTRY.add(
    Register(
        key="survey-questions",
        title="Child and family survey questions",
        noun="question",
        description="The questions the council asks children and families, each scored 1 to 5.",
        model=SurveyQuestion,
        form=forms.SurveyQuestionForm,
        rules=KEEPERS,
        columns=[Column("text", "Question"), Column("number", "Number", numeric=True), Column("active")],
        filters=[Filter("active")],
        ordering=["number"],
        **PARENT,
    )
)

RESPONSES = REGISTRY.add(
    Register(
        key="survey-responses",
        title="Child and family feedback",
        noun="response",
        description="What children and families thought and felt about the help they had.",
        model=SurveyResponse,
        form=forms.SurveyResponseForm,
        rules=CHILD_RULES,
        child_field="child",
        columns=[
            Column("received_on", "Received"),
            Column("quarter", "Quarter"),
            Column("team"),
            Column("respondent"),
            Column("mean_score", "Average score", numeric=True),
            Column("comment", "In their own words"),
        ],
        filters=[Filter("team"), Filter("respondent")],
        search_fields=["comment"],
        ordering=["-received_on", "-pk"],
        prepare=lambda q: q.select_related("team").prefetch_related("answers"),
        detail_fields=[
            "received_on",
            "team",
            "respondent",
            Column(
                "child", "Child", value=lambda r: r.child.la_child_id if r.child_id else "", identifier=True
            ),
            Column("scores", "Scores by question", value=_scores),
            "comment",
        ],
        **PARENT,
    )
)

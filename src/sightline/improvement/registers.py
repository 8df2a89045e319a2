"""The improvement registers, declared on the register kit (see sightline.registers)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from sightline.accounts.roles import REGISTER_KEEPERS, RegisterRules, Role
from sightline.registers import REGISTRY, Column, Filter, Register
from sightline.web.selectors import as_at

from . import domain, escalations, forms
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
    Recommendation,
)

PARENT = {"parent_url": "improvement", "parent_title": "Improvement and learning"}
KEEPERS = RegisterRules()
# Owners (and their managers) update their own actions; partner agencies their agency's actions.
PLAN_RULES = RegisterRules(owner_edits=True, agency_rows=True)
REVIEW_RULES = RegisterRules(agency_rows=True)
# IROs raise escalations about the children they may open; the QA team keeps the log.
DISPUTE_RULES = RegisterRules(editors=REGISTER_KEEPERS | {Role.IRO}, child_rows=True)


def _rag_filter(queryset, value, on):
    soon = on + timedelta(days=domain.DUE_SOON_DAYS)
    open_ = Q(status__in=domain.OPEN_STATUSES)
    return queryset.filter(
        {
            "red": open_ & Q(due_date__lt=on),
            "amber": open_ & Q(due_date__gte=on, due_date__lte=soon),
            "green": open_ & Q(due_date__gt=soon),
            "done": Q(status=domain.COMPLETE),
        }[value]
    )


def _rag_label(action) -> str:
    return domain.RAG_LABELS.get(action.rag(as_at()) or "", "Withdrawn")


PRIORITIES = REGISTRY.add(
    Register(
        key="priorities",
        title="Improvement plan priorities",
        noun="priority",
        model=Priority,
        form=forms.PriorityForm,
        rules=KEEPERS,
        columns=[Column("title", "Priority"), Column("number", "Number"), Column("lead")],
        ordering=["number"],
        detail_template="improvement/priority_detail.html",
        detail_context="sightline.improvement.selectors.priority_context",
        **PARENT,
    )
)

PLAN_ACTIONS = REGISTRY.add(
    Register(
        key="actions",
        title="Improvement plan actions",
        noun="action",
        description="The single Quality Improvement Plan: every action with its owner, source and impact.",
        model=PlanAction,
        form=forms.PlanActionForm,
        rules=PLAN_RULES,
        agency_field="agency",
        owner_field="owner",
        columns=[
            Column("title", "Action"),
            Column("priority", "Priority", value=lambda a: a.priority.number),
            Column("owner"),
            Column("agency"),
            Column("due_date", "Due"),
            Column("status"),
            Column("rag", "RAG", value=_rag_label),
            Column("source"),
        ],
        filters=[
            Filter("priority"),
            Filter("status"),
            Filter("rag", "RAG", choices=list(domain.RAG_LABELS.items()), apply=_rag_filter),
            Filter("agency"),
            Filter("source", "Source"),
        ],
        search_fields=["title", "source_label", "owner__last_name"],
        ordering=["priority__number", "due_date", "pk"],
        prepare=lambda q: q.select_related("priority", "owner", "owner__team"),
        detail_fields=[
            "priority",
            "title",
            "detail",
            "owner",
            "agency",
            "start_date",
            "due_date",
            "status",
            Column("rag", "RAG", value=_rag_label),
            "completed_on",
            "evidence",
            "source",
            "source_label",
        ],
        detail_template="improvement/action_detail.html",
        detail_context="sightline.improvement.selectors.action_context",
        **PARENT,
    )
)

CHALLENGES = REGISTRY.add(
    Register(
        key="challenges",
        title="Challenge log",
        noun="challenge",
        description="Challenges from the board's chair and scrutiny, open until the challenger is satisfied.",
        model=Challenge,
        form=forms.ChallengeForm,
        rules=KEEPERS,
        columns=[
            Column("challenge"),
            Column("challenger_name", "Raised by"),
            Column("raised_with"),
            Column("raised_on", "Raised"),
            Column("response_due"),
            Column("status"),
        ],
        filters=[Filter("status")],
        search_fields=["challenge", "challenger_name", "raised_with"],
        ordering=["-raised_on", "-pk"],
        detail_template="improvement/challenge_detail.html",
        detail_context="sightline.improvement.selectors.sourced_context",
        **PARENT,
    )
)

REVIEWS = REGISTRY.add(
    Register(
        key="reviews",
        title="Practice reviews",
        noun="practice review",
        model=PracticeReview,
        form=forms.PracticeReviewForm,
        rules=KEEPERS,
        columns=[
            Column("name", "Review"),
            Column("kind"),
            Column("reference", identifier=True),
            Column("started_on"),
            Column("completed_on"),
        ],
        filters=[Filter("kind")],
        ordering=["-started_on"],
        detail_template="improvement/review_detail.html",
        detail_context="sightline.improvement.selectors.review_context",
        **PARENT,
    )
)

FINDINGS = REGISTRY.add(
    Register(
        key="findings",
        title="Practice review findings",
        noun="finding",
        model=Finding,
        form=forms.FindingForm,
        rules=KEEPERS,
        columns=[Column("heading", "Finding"), Column("review"), Column("number")],
        filters=[Filter("review")],
        ordering=["review", "number"],
        **PARENT,
    )
)

RECOMMENDATIONS = REGISTRY.add(
    Register(
        key="recommendations",
        title="Practice review recommendations",
        noun="recommendation",
        model=Recommendation,
        form=forms.RecommendationForm,
        rules=KEEPERS,
        columns=[Column("text", "Recommendation"), Column("finding"), Column("number")],
        ordering=["finding__review", "number"],
        detail_template="improvement/sourced_actions.html",
        detail_context="sightline.improvement.selectors.sourced_context",
        **PARENT,
    )
)

RESPONSES = REGISTRY.add(
    Register(
        key="agency-actions",
        title="Agency actions on practice reviews",
        noun="agency action",
        description="Each agency's part in a practice review's recommendations, with its dated updates.",
        model=AgencyResponse,
        form=forms.AgencyResponseForm,
        form_for=lambda viewer, row: (
            forms.PartnerResponseForm if viewer.role is Role.PARTNER_AGENCY else None
        ),
        rules=REVIEW_RULES,
        agency_field="agency",
        columns=[
            Column("action", "What the agency will do"),
            Column(
                "recommendation",
                value=lambda r: (
                    f"{r.recommendation.finding.review.reference} recommendation {r.recommendation.number}"
                ),
            ),
            Column("agency"),
            Column("lead"),
            Column("due_date", "Due"),
            Column("status"),
        ],
        filters=[Filter("agency"), Filter("status")],
        ordering=["recommendation__finding__review", "recommendation__number", "agency"],
        prepare=lambda q: q.select_related("recommendation__finding__review"),
        detail_fields=["recommendation", "agency", "lead", "action", "due_date", "status"],
        detail_template="improvement/response_detail.html",
        detail_context="sightline.improvement.selectors.response_context",
        **PARENT,
    )
)

INSPECTIONS = REGISTRY.add(
    Register(
        key="inspections",
        title="Inspections and visits",
        noun="inspection",
        description="The inspection history: each inspection or visit with its judgements by area.",
        model=Inspection,
        form=forms.InspectionForm,
        rules=KEEPERS,
        columns=[
            Column("kind", "Inspection"),
            Column("start_date", "Began"),
            Column("published_on", "Published"),
            Column("overall", "Overall"),
            Column("help_and_protection", "Help and protection"),
            Column("children_in_care", "Children in care"),
            Column("care_leavers", "Care leavers"),
            Column("leadership", "Leadership"),
            Column("focus"),
        ],
        filters=[Filter("kind")],
        ordering=["-start_date"],
        detail_template="improvement/inspection_detail.html",
        detail_context="sightline.improvement.selectors.inspection_context",
        **PARENT,
    )
)

INSPECTION_RECOMMENDATIONS = REGISTRY.add(
    Register(
        key="inspection-recommendations",
        title="Inspection recommendations",
        noun="recommendation",
        model=InspectionRecommendation,
        form=forms.InspectionRecommendationForm,
        rules=KEEPERS,
        columns=[Column("text", "Recommendation"), Column("inspection"), Column("number")],
        filters=[Filter("inspection")],
        ordering=["-inspection__start_date", "number"],
        detail_template="improvement/sourced_actions.html",
        detail_context="sightline.improvement.selectors.sourced_context",
        **PARENT,
    )
)

DISPUTES = REGISTRY.add(
    Register(
        key="iro-escalations",
        title="IRO dispute resolution",
        noun="escalation",
        description="Escalations raised by IROs about children's plans, by stage, against the timescale.",
        model=DisputeResolution,
        form=forms.DisputeForm,
        rules=DISPUTE_RULES,
        child_field="child",
        columns=[
            Column("issue", "Issue"),
            Column("child", "Child", value=lambda d: d.child.la_child_id, identifier=True),
            Column("team"),
            Column("stage"),
            Column("iro"),
            Column("raised_on", "Raised"),
            Column("response_due"),
            Column("resolved_on", "Closed"),
            Column("timescale", "Within timescale", value=lambda d: escalations.timescale_label(d)),
        ],
        filters=[
            Filter("team"),
            Filter("stage"),
            Filter("issue"),
            Filter(
                "state",
                "Open or closed",
                choices=escalations.DISPUTE_STATES,
                apply=escalations.dispute_state_filter,
            ),
        ],
        search_fields=["child__la_child_id"],
        ordering=["-raised_on", "-pk"],
        prepare=lambda q: q.select_related("child", "team", "iro"),
        detail_fields=[
            Column("child", "Child", value=lambda d: d.child.la_child_id, identifier=True),
            "team",
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
            Column("timescale", "Within timescale", value=lambda d: escalations.timescale_label(d)),
        ],
        **PARENT,
    )
)

"""The single Quality Improvement Plan: priorities, their actions, and the board's challenge log."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.domain.agencies import AGENCIES
from sightline.improvement import domain
from sightline.workforce.models import Worker

from .ordering import not_before

AGENCY_CHOICES = list(AGENCIES.items())


class Priority(models.Model):
    """One of the plan's priorities (an area for improvement), under which actions sit."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        Worker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The senior lead.",
    )

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PlanAction(models.Model):
    """An action of the plan: owned by a named member of staff, due by a date, kept with its source
    (the finding, recommendation or challenge it answers) and, when it has one, an impact measure."""

    class Status(models.TextChoices):
        NOT_STARTED = domain.NOT_STARTED, "Not started"
        IN_PROGRESS = domain.IN_PROGRESS, "In progress"
        COMPLETE = domain.COMPLETE, "Complete"
        WITHDRAWN = domain.WITHDRAWN, "Withdrawn"

    class Source(models.TextChoices):
        AUDIT = "audit", "Audit finding"
        OFSTED = "ofsted", "Ofsted recommendation"
        PRACTICE_REVIEW = "practice_review", "Practice review recommendation"
        CHALLENGE = "challenge", "Challenge log"
        CLINIC = "clinic", "Performance clinic"
        COMPLAINT = "complaint", "Complaint theme"
        SELF_EVALUATION = "self_evaluation", "Self-evaluation"
        OTHER = "other", "Other"

    class Measure(models.TextChoices):
        NONE = "", "No measure"
        INDICATOR = "indicator", "An indicator"
        AUDIT = "audit", "An audit measure"

    class Level(models.TextChoices):
        COUNCIL = "council", "Council"
        SERVICE = "service", "Service"
        TEAM = "team", "Team"

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField("action", max_length=300)
    detail = models.TextField(blank=True)
    owner = models.ForeignKey(
        Worker,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        help_text="The manager accountable for the action.",
    )
    agency = models.CharField(max_length=24, choices=AGENCY_CHOICES, default="council")
    start_date = models.DateField("started", help_text="When work on the action began (or begins).")
    due_date = models.DateField("due")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField("completed", null=True, blank=True)
    evidence = models.TextField(
        "evidence of completion", blank=True, help_text="What shows the action was done: needed to close it."
    )
    # Where the action came from: a kind, a description as a person reads it, and a link to the
    # record itself ("app_label.model" and id) and to the inspection, review or audit programme
    # it belongs to, so each can show everything raised from it.
    source = models.CharField("kind of source", max_length=20, choices=Source.choices)
    source_label = models.CharField("source", max_length=300)
    source_model = models.CharField(max_length=100, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin_model = models.CharField(max_length=100, blank=True)
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The impact measure: an indicator (or an audit measure) at a level, compared before and after.
    measure = models.CharField("impact measure", max_length=10, choices=Measure.choices, blank=True)
    measure_key = models.CharField("measure", max_length=80, blank=True)
    measure_level = models.CharField("measured for", max_length=8, choices=Level.choices, default="council")
    measure_unit_id = models.PositiveIntegerField("service or team", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority__number", "due_date", "pk"]
        indexes = [
            models.Index(fields=["origin_model", "origin_id"]),
            models.Index(fields=["source_model", "source_id"]),
            models.Index(fields=["owner", "status"]),
        ]
        constraints = [
            not_before(
                "start_date", "due_date", "Plan action: the due date cannot be before the date it started."
            ),
            not_before(
                "start_date",
                "completed_on",
                "Plan action: it cannot be completed before the date it started.",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.COMPLETE) | (Q(completed_on__isnull=False) & ~Q(evidence="")),
                name="improvement_action_complete_with_evidence",
                violation_error_message=(
                    "Plan action: a complete action needs its completion date and evidence."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def rag(self, today):
        return domain.action_rag(self.status, self.due_date, self.completed_on, today)

    def is_overdue(self, today) -> bool:
        return domain.is_overdue(self.status, self.due_date, today)


class Challenge(models.Model):
    """A challenge raised by the board's chair or scrutiny, kept open until the necessary progress
    is achieved; only the challenger closes it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open: awaiting response"
        RESPONDED = "responded", "Responded: with the challenger"
        CLOSED = "closed", "Closed by the challenger"

    raised_on = models.DateField("raised")
    challenger_name = models.CharField(
        "raised by", max_length=150, help_text="As the board's minutes name them."
    )
    challenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The challenger's account: only they may close the challenge.",
    )
    forum = models.CharField(max_length=150, help_text="Where it was raised: the board or panel.")
    raised_with = models.CharField(max_length=150, help_text="The leader asked to respond.")
    challenge = models.TextField()
    response_due = models.DateField()
    response = models.TextField(blank=True)
    responded_on = models.DateField("responded", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField("closed", null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            not_before(
                "raised_on",
                "response_due",
                "Challenge: the response cannot be due before the challenge was raised.",
            ),
            not_before(
                "raised_on",
                "responded_on",
                "Challenge: the response cannot come before the challenge was raised.",
            ),
            not_before("raised_on", "closed_on", "Challenge: it cannot be closed before it was raised."),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="improvement_challenge_closed_with_date",
                violation_error_message="Challenge: a closed challenge needs the date it was closed.",
            ),
        ]

    def __str__(self) -> str:
        return self.challenge if len(self.challenge) <= 80 else self.challenge[:77] + "..."

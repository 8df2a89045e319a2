"""IRO dispute resolution: an escalation an IRO raises about a child's plan, by stage."""

from django.db import models

from sightline.improvement import domain
from sightline.records.models import Child
from sightline.workforce.models import Team, Worker

from .ordering import not_before


class DisputeResolution(models.Model):
    class Issue(models.TextChoices):
        CARE_PLAN = "care_plan", "Care plan not progressing"
        DRIFT = "drift", "Drift or delay"
        PLACEMENT = "placement", "Placement or stability"
        PERMANENCE = "permanence", "Permanence planning"
        HEALTH = "health", "Health needs"
        EDUCATION = "education", "Education and PEP"
        FAMILY_TIME = "family_time", "Family time and contact"
        VISITS = "visits", "Statutory visits"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved"
        ESCALATED = "escalated", "Escalated to the next stage"
        NOT_RESOLVED = "not_resolved", "Closed without resolution"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="iro_escalations")
    iro = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="escalations_raised", verbose_name="IRO"
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="iro_escalations",
        help_text="The team holding the child's case, where the escalation is counted.",
    )
    stage = models.PositiveSmallIntegerField(choices=sorted(domain.DISPUTE_STAGES.items()))
    issue = models.CharField(max_length=12, choices=Issue.choices)
    detail = models.TextField("what the IRO raised")
    raised_with = models.CharField(max_length=150, help_text="The manager the IRO raised it with.")
    raised_on = models.DateField("raised")
    response_due = models.DateField("response due")
    resolved_on = models.DateField("closed", null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    resolution = models.TextField("what was agreed", blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = "IRO escalation"
        indexes = [models.Index(fields=["team", "raised_on"])]
        constraints = [
            not_before(
                "raised_on",
                "response_due",
                "IRO escalation: the response cannot be due before the escalation was raised.",
            ),
            not_before(
                "raised_on", "resolved_on", "IRO escalation: it cannot be closed before it was raised."
            ),
            models.CheckConstraint(
                condition=(models.Q(resolved_on__isnull=True) & models.Q(outcome=""))
                | (models.Q(resolved_on__isnull=False) & ~models.Q(outcome="")),
                name="improvement_escalation_closed_with_outcome",
                violation_error_message=(
                    "IRO escalation: a closed escalation needs its outcome, and an outcome its date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_issue_display()}"

    def within_timescale(self, today):
        return domain.dispute_within_timescale(self.resolved_on, self.response_due, today)

    def is_overdue(self, today) -> bool:
        return self.resolved_on is None and today > self.response_due

"""Practice reviews (rapid reviews and local child safeguarding practice reviews): findings,
recommendations, the agencies responsible for each, and their dated progress updates."""

from django.conf import settings
from django.db import models

from .ordering import not_before
from .plan import AGENCY_CHOICES


class PracticeReview(models.Model):
    class Kind(models.TextChoices):
        RAPID = "rapid", "Rapid review"
        LCSPR = "lcspr", "Local child safeguarding practice review"

    kind = models.CharField(max_length=6, choices=Kind.choices)
    reference = models.CharField(max_length=30, unique=True, help_text="The partnership's reference.")
    name = models.CharField(max_length=100, help_text="The name the review gives the child, as published.")
    partnership = models.CharField(max_length=150)
    started_on = models.DateField("commissioned")
    completed_on = models.DateField("completed", null=True, blank=True)
    introduction = models.TextField(blank=True, help_text="Opens the summary of progress.")

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            not_before(
                "started_on",
                "completed_on",
                "Practice review: it cannot be completed before it was commissioned.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference} ({self.name})"


class Finding(models.Model):
    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="improvement_one_finding_number")
        ]

    def __str__(self) -> str:
        return f"Finding {self.number}: {self.heading}"


class Recommendation(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")

    class Meta:
        ordering = ["finding__review", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "number"], name="improvement_one_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    @property
    def review(self) -> PracticeReview:
        return self.finding.review


class AgencyResponse(models.Model):
    """One agency's part in a recommendation: what it will do, its lead, and how far it has got.
    A partner agency user sees and updates only their agency's rows."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="responses")
    agency = models.CharField(max_length=24, choices=AGENCY_CHOICES)
    lead = models.CharField(max_length=150, help_text="The agency's lead for this recommendation.")
    action = models.TextField("what the agency will do")
    due_date = models.DateField("due")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        ordering = ["recommendation__finding__review", "recommendation__number", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "agency"], name="improvement_one_response_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_agency_display()}"


class ProgressUpdate(models.Model):
    """A dated update from the agency on its response, with the evidence for it."""

    response = models.ForeignKey(AgencyResponse, on_delete=models.CASCADE, related_name="updates")
    update_date = models.DateField("date")
    progress = models.TextField("what has been done")
    evidence = models.TextField(
        blank=True, help_text="What shows it: an audit, a figure, an inspection finding."
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    added_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["response", "update_date", "pk"]

    def __str__(self) -> str:
        return f"Update of {self.update_date:%-d %B %Y}"

"""Inspections and focused visits: their dates, judgements by area and recommendations."""

from datetime import date

from django.db import models
from django.db.models import Q

from .ordering import not_before

# Ofsted stopped giving an overall effectiveness grade in ILACS inspections from April 2026.
NO_OVERALL_GRADE_FROM = date(2026, 4, 1)


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "ri", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class Inspection(models.Model):
    class Kind(models.TextChoices):
        ILACS_STANDARD = "standard", "ILACS standard inspection"
        ILACS_SHORT = "short", "ILACS short inspection"
        FOCUSED_VISIT = "focused", "Focused visit"
        MONITORING = "monitoring", "Monitoring visit"
        JTAI = "jtai", "Joint targeted area inspection"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    start_date = models.DateField("inspection began")
    end_date = models.DateField("inspection ended")
    published_on = models.DateField("letter or report published", null=True, blank=True)
    lead_inspector = models.CharField(max_length=120, blank=True)
    focus = models.CharField(max_length=200, blank=True, help_text="A focused visit's theme.")
    overall = models.CharField(
        "overall effectiveness",
        max_length=12,
        choices=Grade.choices,
        blank=True,
        help_text="Not given for inspections from April 2026.",
    )
    help_and_protection = models.CharField(
        "the experiences and progress of children who need help and protection",
        max_length=12,
        choices=Grade.choices,
        blank=True,
    )
    children_in_care = models.CharField(
        "the experiences and progress of children in care", max_length=12, choices=Grade.choices, blank=True
    )
    care_leavers = models.CharField(
        "the experiences and progress of care leavers", max_length=12, choices=Grade.choices, blank=True
    )
    leadership = models.CharField(
        "the impact of leaders on social work practice with children and families",
        max_length=12,
        choices=Grade.choices,
        blank=True,
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before("start_date", "end_date", "Inspection: it cannot end before it began."),
            not_before(
                "end_date",
                "published_on",
                "Inspection: the letter or report cannot be published before the inspection ended.",
            ),
            models.CheckConstraint(
                condition=Q(overall="") | Q(start_date__lt=NO_OVERALL_GRADE_FROM),
                name="improvement_no_overall_grade_from_april_2026",
                violation_error_message=(
                    "Inspection: Ofsted gives no overall effectiveness grade from April 2026."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.start_date:%B %Y}"

    JUDGEMENT_AREAS = ("help_and_protection", "children_in_care", "care_leavers", "leadership")


class InspectionRecommendation(models.Model):
    """What the letter or report says needs to improve; plan actions answer it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"], name="improvement_one_inspection_rec_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: recommendation {self.number}"

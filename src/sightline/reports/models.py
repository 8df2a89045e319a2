"""The self-evaluation: the council's answer, per ILACS judgement area, to Ofsted's three
questions, kept in versions (every save is a new version; none is overwritten)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Area(models.TextChoices):
    """The ILACS judgement areas (no overall effectiveness grade from April 2026)."""

    HELP_AND_PROTECTION = (
        "help_and_protection",
        "The experiences and progress of children who need help and protection",
    )
    CHILDREN_IN_CARE = "children_in_care", "The experiences and progress of children in care"
    CARE_LEAVERS = "care_leavers", "The experiences and progress of care leavers"
    LEADERSHIP = "leadership", "The impact of leaders on social work practice with children and families"


class Question(models.TextChoices):
    KNOW = "know", "What do we know about the quality and impact of social work practice?"
    HOW = "how", "How do we know it?"
    PLANS = "plans", "What are our plans for the next 12 months to maintain or improve practice?"


class SelfEvaluationAnswer(models.Model):
    year = models.PositiveSmallIntegerField(
        help_text="The financial year it looks back on, by its end (2026 for 2025-26)."
    )
    area = models.CharField(max_length=24, choices=Area.choices)
    question = models.CharField(max_length=8, choices=Question.choices)
    version = models.PositiveSmallIntegerField()
    text = models.TextField()
    from_evidence = models.BooleanField(
        default=False, help_text="Drafted from the evidence held, not yet edited."
    )
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    saved_by_name = models.CharField(max_length=150, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "area", "question", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "area", "question", "version"], name="reports_one_self_evaluation_version"
            )
        ]

    def __str__(self) -> str:
        year = f"{self.year - 1}-{self.year % 100:02d}"
        return f"{year} {self.get_area_display()}: {self.get_question_display()} (version {self.version})"

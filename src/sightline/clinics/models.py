"""A month's clinic at one level (its schedule and its briefing), the data exceptions the briefing
starts from, and the actions raised at it (each one an improvement-plan action)."""

from django.conf import settings
from django.db import models

from sightline.workforce.models import Service, Team, Worker

from . import domain

USER = settings.AUTH_USER_MODEL


class Clinic(models.Model):
    """One clinic in the monthly cycle, and the briefing presented at it."""

    class Level(models.TextChoices):
        TEAM = "team", domain.LEVEL_LABELS["team"]
        SERVICE = "service", domain.LEVEL_LABELS["service"]
        HEAD_OF_SERVICE = "head_of_service", domain.LEVEL_LABELS["head_of_service"]
        SMT = "smt", domain.LEVEL_LABELS["smt"]
        CHIEF_EXECUTIVE = "chief_executive", domain.LEVEL_LABELS["chief_executive"]

    class Status(models.TextChoices):
        DRAFT = domain.DRAFT, "Draft"
        SUBMITTED = domain.SUBMITTED, "Submitted"
        REVIEWED = domain.REVIEWED, "Reviewed"
        SIGNED_OFF = domain.SIGNED_OFF, "Signed off"

    month = models.DateField(help_text="The month the figures are for (its first day).")
    level = models.CharField(max_length=16, choices=Level.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="clinics")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="clinics"
    )
    unit_key = models.CharField(max_length=24, editable=False)
    meets_on = models.DateField("meets")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The briefing (seed 004 appendix 3, the performance exceptions proforma).
    working_well = models.TextField("what's working well", blank=True)
    worried_about = models.TextField("what are we worried about", blank=True)
    most_proud_of = models.TextField("what are we most proud of", blank=True)
    inequality = models.TextField(
        "inequality of outcome", blank=True, help_text="Groups of children whose outcomes differ, and why."
    )
    practice_reviews = models.TextField("what collaborative practice reviews and audits show", blank=True)
    complaints = models.TextField("complaints and compliments", blank=True)
    staff_morale = models.TextField("staff morale", blank=True)
    leadership_priorities = models.TextField("actions and leadership priorities", blank=True)
    # The workflow: who moved it on, and when.
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    returned_note = models.TextField("why it was returned", blank=True)

    class Meta:
        ordering = ["-month", "meets_on", "unit_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "level", "unit_key"],
                name="clinics_one_clinic_a_unit_a_month",
                violation_error_message="There is already a clinic for this month and unit.",
            ),
            models.CheckConstraint(
                condition=(models.Q(level="team") & models.Q(team__isnull=False))
                | (models.Q(level="service") & models.Q(service__isnull=False, team__isnull=True))
                | (
                    models.Q(level__in=domain.COUNCIL_LEVELS)
                    & models.Q(team__isnull=True, service__isnull=True)
                ),
                name="clinics_unit_matches_level",
                violation_error_message="A team clinic names its team, a service clinic its service.",
            ),
        ]
        indexes = [models.Index(fields=["month", "level"])]

    def __str__(self) -> str:
        prefix = f"{self.unit_name} " if self.level in {"team", "service"} else ""
        label = domain.LEVEL_LABELS[self.level]
        return f"{prefix}{label[0].lower() + label[1:] if prefix else label}, {self.month:%B %Y}"

    def save(self, *args, **kwargs):
        self.unit_key = domain.unit_key(self.level, self.team_id, self.service_id)
        super().save(*args, **kwargs)

    @property
    def unit_name(self) -> str:
        if self.level == "team":
            return self.team.name
        if self.level == "service":
            return self.service.name
        return "Council"


class ClinicException(models.Model):
    """A data exception the briefing starts from: an SPC signal of concern or a missed target at
    the clinic's level, or a finding another register provides; the writer adds what it means."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="exceptions")
    source = models.CharField(max_length=40, help_text="The provider that found it.")
    indicator_id = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=200)
    detail = models.CharField(max_length=500, blank=True)
    variation = models.CharField(max_length=24, blank=True)
    assurance = models.CharField(max_length=16, blank=True)
    value_display = models.CharField("this month", max_length=40, blank=True)
    target_display = models.CharField("target", max_length=40, blank=True)
    commentary = models.TextField("what it means and what we are doing", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["clinic", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ClinicAction(models.Model):
    """An action raised at a clinic: kept on the improvement plan (`plan_action`), whose status
    the next month's clinic reviews."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField("action", max_length=300)
    owner = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="clinic_actions")
    due_date = models.DateField("due")
    plan_action = models.OneToOneField(
        "improvement.PlanAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinic_action",
    )
    raised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clinic", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text

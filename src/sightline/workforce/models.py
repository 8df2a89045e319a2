"""Services, teams, workers, case allocations over time and supervision."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sightline.records.models import Child, ends_after_starts


class Service(models.Model):
    """A service area led by a head of service (e.g. Families First, Children in Care)."""

    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    class Kind(models.TextChoices):
        FRONT_DOOR = "FRONT_DOOR", "Front door / reception"
        ASSESSMENT = "ASSESSMENT", "Assessment"
        LOCALITY = "LOCALITY", "Locality (CIN and CP)"
        CLA = "CLA", "Children looked after"
        CARE_LEAVERS = "CARE_LEAVERS", "Care leavers"
        DISABILITY = "DISABILITY", "Disabled children"
        PRE_BIRTH = "PRE_BIRTH", "Pre-birth"
        IRO = "IRO", "Independent reviewing officers"
        PRIVATE_FOSTERING = "PF", "Private fostering and kinship"

    name = models.CharField(max_length=100, unique=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    caseload_limit = models.PositiveSmallIntegerField(
        default=18, help_text="Local caseload limit per full-time worker."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Worker(models.Model):
    class Role(models.TextChoices):
        SOCIAL_WORKER = "SW", "Social worker"
        SENIOR_PRACTITIONER = "SP", "Senior practitioner"
        TEAM_MANAGER = "TM", "Team manager"
        HEAD_OF_SERVICE = "HOS", "Head of service"
        IRO = "IRO", "Independent reviewing officer"
        PERSONAL_ADVISER = "PA", "Personal adviser"
        FAMILY_WORKER = "FW", "Family worker"

    staff_id = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    role = models.CharField(max_length=3, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    swe_number = models.CharField("Social Work England number", max_length=12, blank=True)
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2, default=1)
    agency = models.BooleanField(default=False)
    newly_qualified = models.BooleanField("ASYE / newly qualified", default=False)
    start_date = models.DateField()
    leave_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            ends_after_starts("start_date", "leave_date", "Worker"),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                name="worker_fte_range",
                violation_error_message="Worker: FTE must be above 0 and at most 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Allocation(models.Model):
    """Who holds a child's case, and in which team, over time (SSD ssd_involvements).

    Two allocations of the same role for one child may not overlap: the database refuses it
    (an exclusion constraint on PostgreSQL, a trigger on SQLite; see the migration).
    """

    class Role(models.TextChoices):
        SOCIAL_WORKER = "SW", "Allocated social worker"
        IRO = "IRO", "Independent reviewing officer"
        PERSONAL_ADVISER = "PA", "Personal adviser"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=3, choices=Role.choices, default=Role.SOCIAL_WORKER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day of the allocation.")

    class Meta:
        ordering = ["child", "start_date"]
        indexes = [
            models.Index(fields=["worker", "start_date"]),
            models.Index(fields=["team", "start_date"]),
        ]
        constraints = [
            ends_after_starts("start_date", "end_date", "Allocation"),
            models.UniqueConstraint(
                fields=["child", "role"],
                condition=Q(end_date__isnull=True),
                name="one_open_allocation_per_role",
                violation_error_message="Allocation: the child already has an open allocation in this role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.worker_id} for child {self.child_id} from {self.start_date}"

    def clean(self) -> None:
        overlapping = Allocation.objects.filter(child_id=self.child_id, role=self.role).exclude(pk=self.pk)
        overlapping = overlapping.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if self.end_date is not None:
            overlapping = overlapping.filter(start_date__lte=self.end_date)
        if overlapping.exists():
            raise ValidationError(
                "Allocation: it overlaps another allocation of the same role for this child."
            )


class Supervision(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="supervisions")
    supervisor = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="supervisions_given")
    supervision_date = models.DateField()
    reflective = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(worker=models.F("supervisor")),
                name="supervision_not_self",
                violation_error_message="Supervision: a worker cannot supervise themselves.",
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision of {self.worker_id} on {self.supervision_date}"


class PracticeObservation(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="observations_made")
    observation_date = models.DateField()

    def __str__(self) -> str:
        return f"Observation of {self.worker_id} on {self.observation_date}"


# ----- Workforce health: establishment, leavers, absence, training, the staff survey ------------
ROLE_CHOICES = Worker.Role.choices


class Establishment(models.Model):
    """Funded posts (FTE) of one role in one team, from a date until the next row for them.

    Filled FTE and agency cover are read from the workers in post, so a vacancy is always the
    funded posts less the staff there on the day (seed 002: Derby's vacancies and agency workers).
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="establishment")
    role = models.CharField(max_length=3, choices=ROLE_CHOICES)
    funded_fte = models.DecimalField("funded FTE", max_digits=5, decimal_places=2)
    effective_from = models.DateField("from")

    class Meta:
        ordering = ["team", "role", "-effective_from"]
        verbose_name = "funded posts"
        verbose_name_plural = "establishment"
        constraints = [
            models.UniqueConstraint(
                fields=["team", "role", "effective_from"],
                name="workforce_one_establishment_per_day",
                violation_error_message="Establishment: the team and role have funded posts from then.",
            ),
            models.CheckConstraint(
                condition=Q(funded_fte__gte=0),
                name="workforce_establishment_not_negative",
                violation_error_message="Establishment: funded FTE cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.funded_fte} FTE {self.get_role_display()} from {self.effective_from}"


class Departure(models.Model):
    """Why a worker left (their leaving date is the worker's own)."""

    class Reason(models.TextChoices):
        RESIGNED_LA = "resigned_la", "Resigned: to another council"
        RESIGNED_AGENCY = "resigned_agency", "Resigned: to agency work"
        RESIGNED_OTHER = "resigned_other", "Resigned: left social work or other"
        RETIRED = "retired", "Retired"
        CONTRACT_ENDED = "contract_ended", "Agency or fixed-term contract ended"
        DISMISSED = "dismissed", "Dismissed"
        INTERNAL = "internal", "Moved to another post in the council"
        OTHER = "other", "Other or not known"

    worker = models.OneToOneField(Worker, on_delete=models.CASCADE, related_name="departure")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    notes = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["-worker__leave_date"]
        verbose_name = "leaver"

    def __str__(self) -> str:
        return f"{self.worker}: {self.get_reason_display()}"


class SicknessAbsence(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    working_days_lost = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "sickness absence"
        verbose_name_plural = "sickness absence"
        constraints = [
            ends_after_starts("start_date", "end_date", "Sickness absence"),
            models.CheckConstraint(
                condition=Q(working_days_lost__gt=0),
                name="workforce_absence_days_positive",
                violation_error_message="Sickness absence: the working days lost must be above 0.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {self.working_days_lost} days from {self.start_date}"


class Course(models.Model):
    """A training course, mandatory for some roles, renewed every so many months (or once)."""

    name = models.CharField(max_length=150, unique=True)
    roles = models.JSONField(default=list, help_text="The roles the course is mandatory for.")
    renew_months = models.PositiveSmallIntegerField(
        "renewed every (months)", null=True, blank=True, help_text="Blank: once is enough."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="training")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField("completed")

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = "training record"

    def __str__(self) -> str:
        return f"{self.worker}: {self.course} on {self.completed_on}"


class StaffSurveyResult(models.Model):
    """One team's result on one question of the annual staff survey or health check."""

    class Measure(models.TextChoices):
        SUPPORTED = "supported", "I feel supported by my manager"
        WORKLOAD = "workload", "My workload is manageable"
        SUPERVISION = "supervision", "My supervision helps my practice"
        MORALE = "morale", "Morale in my team is good"
        DEVELOPMENT = "development", "I can develop my practice here"
        STAYING = "staying", "I intend to be working here in a year"

    surveyed_on = models.DateField("survey closed")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="staff_survey")
    measure = models.CharField("question", max_length=12, choices=Measure.choices)
    agree_percent = models.DecimalField("agree (%)", max_digits=4, decimal_places=1)
    responses = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-surveyed_on", "team", "measure"]
        verbose_name = "staff survey result"
        constraints = [
            models.UniqueConstraint(
                fields=["surveyed_on", "team", "measure"],
                name="workforce_one_survey_result",
                violation_error_message="Staff survey: the team already has this question in this survey.",
            ),
            models.CheckConstraint(
                condition=Q(agree_percent__gte=0) & Q(agree_percent__lte=100),
                name="workforce_survey_percent",
                violation_error_message="Staff survey: the share agreeing is from 0 to 100%.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.get_measure_display()} {self.agree_percent}%"

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

"""The audit programme: versioned tools, quarterly programmes, audits, moderation, actions,
safeguarding concerns raised during an audit, and calibration sessions.

Answers and section grades are kept as JSON on the audit (keyed by the question and section
keys of the tool version it was done on), so a draft saves one change at a time and a
finished audit keeps exactly the questions it was asked.
"""

from django.db import models
from django.db.models import Q

from sightline.records.models import Child
from sightline.workforce.models import PracticeObservation, Team, Worker

from .domain.defaults import TOOL_KINDS
from .domain.grades import GRADES
from .domain.sampling import COHORTS

GRADE_CHOICES = sorted(GRADES.items(), reverse=True)


def _grade_check(field: str, label: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 4}),
        name=f"%(class)s_{field}_is_a_grade",
        violation_error_message=f"{label} must be one of the four grades.",
    )


class AuditTool(models.Model):
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=sorted(TOOL_KINDS.items()))
    theme = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AuditToolVersion(models.Model):
    """One version of a tool; editing a tool makes the next version, old audits keep theirs."""

    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    definition = models.JSONField()
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["tool", "-number"]
        constraints = [models.UniqueConstraint(fields=["tool", "number"], name="one_tool_version_number")]

    def __str__(self) -> str:
        return f"{self.tool.name}, version {self.number}"


class AuditProgramme(models.Model):
    """A quarter's planned audits: the pool, the tool, the sample's seed and the due date."""

    name = models.CharField(max_length=120)
    quarter = models.CharField(max_length=7, help_text="As 2025-Q4 (October to December 2025).")
    tool_version = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="programmes")
    planned = models.PositiveSmallIntegerField(help_text="How many audits the sample draws.")
    seed = models.BigIntegerField(help_text="The random seed the sample was drawn with (recorded).")
    due_date = models.DateField()
    cohorts = models.JSONField(default=list, blank=True, help_text="Cohorts sampled (empty: all).")
    moderation_share = models.FloatField(default=0.2)
    sampled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-quarter", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moderation_share__gte=0) & Q(moderation_share__lte=1),
                name="programme_moderation_share_range",
                violation_error_message="The moderation share must be between 0% and 100%.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.quarter})"


class ProgrammeMember(models.Model):
    """An auditor (with a quota) or a moderator in a programme's pool."""

    class Role(models.TextChoices):
        AUDITOR = "auditor", "Auditor"
        MODERATOR = "moderator", "Moderator"

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="members")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="audit_pools")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.AUDITOR)
    quota = models.PositiveSmallIntegerField(default=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "worker", "role"], name="one_pool_place_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.worker} ({self.get_role_display()})"


class Audit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        FINALISED = "finalised", "Finalised"
        SUPERSEDED = "superseded", "Replaced by a later version"

    class Source(models.TextChoices):
        SAMPLE = "sample", "Random sample"
        MANUAL = "manual", "Added by hand"
        IMPORT = "import", "Imported"

    programme = models.ForeignKey(
        AuditProgramme, null=True, blank=True, on_delete=models.PROTECT, related_name="audits"
    )
    tool_version = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="audits")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="audits")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits")
    cohort = models.CharField(max_length=12, choices=sorted(COHORTS.items()), blank=True)
    auditor = models.ForeignKey(
        Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits_done"
    )
    auditor_name = models.CharField(max_length=150, blank=True)
    practitioner = models.ForeignKey(
        Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits_of_work"
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SAMPLE)
    added_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    due_date = models.DateField(null=True, blank=True)
    audit_date = models.DateField(null=True, blank=True)
    practitioner_participated = models.BooleanField(null=True, blank=True)
    practitioner_view = models.TextField(blank=True)
    family_feedback = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)
    section_grades = models.JSONField(default=dict, blank=True)
    overall_grade = models.PositiveSmallIntegerField(null=True, blank=True, choices=GRADE_CHOICES)
    overall_comment = models.TextField(blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    version_reason = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField()
    # A finalised practice observation is counted per worker (workforce.PracticeObservation,
    # the twice-a-year standard); later versions of the audit keep and update the same row.
    observation = models.ForeignKey(
        PracticeObservation, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits"
    )

    class Meta:
        ordering = ["-audit_date", "-pk"]
        indexes = [models.Index(fields=["status", "audit_date"]), models.Index(fields=["auditor", "status"])]
        constraints = [
            _grade_check("overall_grade", "The overall grade"),
            models.CheckConstraint(
                condition=~Q(status="finalised") | Q(overall_grade__isnull=False),
                name="finalised_audit_has_a_grade",
                violation_error_message="A finalised audit must have an overall grade.",
            ),
        ]

    def __str__(self) -> str:
        return f"Audit {self.pk} of child {self.child_id}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PLANNED, self.Status.IN_PROGRESS}


class Moderation(models.Model):
    """A second, blind grading of a finished audit."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(
        Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderations"
    )
    moderator_name = models.CharField(max_length=150, blank=True)
    section_grades = models.JSONField(default=dict, blank=True)
    overall_grade = models.PositiveSmallIntegerField(null=True, blank=True, choices=GRADE_CHOICES)
    comment = models.TextField(blank=True)
    assigned_at = models.DateTimeField()
    moderation_date = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            _grade_check("overall_grade", "The moderated grade"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(overall_grade__isnull=False),
                name="submitted_moderation_has_a_grade",
                violation_error_message="A submitted moderation must have an overall grade.",
            ),
        ]

    def __str__(self) -> str:
        return f"Moderation of audit {self.audit_id}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class AuditAction(models.Model):
    """An action an audit raised, with an owner and a due date.

    The Quality Improvement Plan links its actions to these rows (a foreign key to
    `audits.AuditAction`); `sightline.audits.selectors.actions_for_improvement_plan` reads them.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_actions"
    )
    owner_name = models.CharField(max_length=150)
    due_date = models.DateField()
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    created_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closure_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("created_on")),
                name="action_closes_after_it_opens",
                violation_error_message="An action cannot be closed before it was raised.",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]


class SafeguardingConcern(models.Model):
    """A safeguarding concern an auditor found: the team manager is alerted at once, and the
    concern stays open until a response is recorded."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="concerns")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_concerns"
    )
    description = models.TextField()
    raised_by = models.CharField(max_length=150)
    raised_at = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_by = models.CharField(max_length=150, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | ~Q(response=""),
                name="concern_cleared_only_with_a_response",
                violation_error_message="A concern is cleared only with a recorded response.",
            )
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern on audit {self.audit_id}"

    @property
    def is_open(self) -> bool:
        return self.responded_at is None


class CalibrationSession(models.Model):
    """Auditors grading the same anonymised cases together, to check they grade alike."""

    title = models.CharField(max_length=120)
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class CalibrationGrade(models.Model):
    session = models.ForeignKey(CalibrationSession, on_delete=models.CASCADE, related_name="grades")
    rater = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rater_name = models.CharField(max_length=150)
    case_label = models.CharField(max_length=60)
    grade = models.PositiveSmallIntegerField(choices=GRADE_CHOICES)

    class Meta:
        constraints = [
            _grade_check("grade", "A calibration grade"),
            # Two auditors may share a name: a staff rater is told apart by their record, and
            # only a rater from outside (no worker record) by the name given.
            models.UniqueConstraint(
                fields=["session", "rater", "case_label"],
                condition=models.Q(rater__isnull=False),
                name="one_grade_per_rater_case",
            ),
            models.UniqueConstraint(
                fields=["session", "rater_name", "case_label"],
                condition=models.Q(rater__isnull=True),
                name="one_grade_per_named_rater_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rater_name}: {self.case_label}"

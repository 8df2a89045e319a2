"""A queued piece of work and its files, both in the database so any process can pick them up."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, help_text="Which handler runs it (import, validate, export).")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, blank=True, help_text="Kept if the user is later deleted.")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker has claimed it (more than one after a re-queue)."
    )
    parameters = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    result = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class JobFile(models.Model):
    """An uploaded input or a built output, kept in the database: web processes keep nothing on disk."""

    class Role(models.TextChoices):
        INPUT = "input", "Input"
        OUTPUT = "output", "Output"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=6, choices=Role.choices)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField()

    class Meta:
        ordering = ["job", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["job", "role", "name"], name="one_job_file_per_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role} of job {self.job_id})"

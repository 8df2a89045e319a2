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

    class Kind(models.TextChoices):
        """Each handler's kind (jobs.handlers.HANDLERS), with the name pages show for it."""

        IMPORT = "import", "Import"
        VALIDATE = "validate", "Validation"
        EXPORT = "export", "Export"
        REPORT = "report", "Report"

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text="Which handler runs it (import, validate, export, report).",
    )
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
    """An uploaded input or a built output, kept in the database: web processes keep nothing on disk.

    An upload is stored as `JobFileChunk` rows written as it is read, so a 100 MB upload never
    sits whole in a web process's memory; outputs (built by a worker) keep `content`.
    """

    class Role(models.TextChoices):
        INPUT = "input", "Input"
        OUTPUT = "output", "Output"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=6, choices=Role.choices)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField(blank=True, default=b"")

    class Meta:
        ordering = ["job", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["job", "role", "name"], name="one_job_file_per_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role} of job {self.job_id})"

    def iter_bytes(self):
        """The file's bytes a chunk at a time: one query per chunk, so one chunk is held at once."""
        ids = list(self.chunks.order_by("index").values_list("pk", flat=True))
        for pk in ids:
            yield bytes(JobFileChunk.objects.values_list("data", flat=True).get(pk=pk))
        if not ids and self.content:
            yield bytes(self.content)

    def read(self) -> bytes:
        return b"".join(self.iter_bytes())


class JobFileChunk(models.Model):
    """One piece of a stored file, in order: uploads are written and read back piece by piece."""

    file = models.ForeignKey(JobFile, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["file", "index"]
        constraints = [models.UniqueConstraint(fields=["file", "index"], name="one_chunk_per_place")]

    def __str__(self) -> str:
        return f"chunk {self.index} of {self.file_id}"

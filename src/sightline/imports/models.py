"""An import run: who imported which file when, what it changed, and what it warned about."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        UNCHANGED = "unchanged", "Imported, nothing changed"
        REJECTED = "rejected", "Rejected: nothing written"

    KINDS = [
        ("cin", "CIN census XML"),
        ("903", "SSDA903"),
        ("annex-a", "Ofsted Annex A"),
        ("ssd", "Standard Safeguarding Dataset extract"),
    ]

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(
        max_length=150, blank=True, help_text="Who ran it (the OS user for the command line)."
    )
    kind = models.CharField(max_length=8, choices=KINDS, blank=True)
    file_names = models.TextField(help_text="One file name a line.")
    file_hash = models.CharField("SHA-256 of the file(s)", max_length=64, db_index=True)
    collection_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    children = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True, help_text="Added/updated/unchanged per table.")
    warnings = models.JSONField(default=list, blank=True, help_text="The first 1,000.")
    errors = models.JSONField(default=list, blank=True, help_text="The first 1,000.")
    warning_count = models.PositiveIntegerField(default=0, help_text="All the warnings, kept or not.")
    error_count = models.PositiveIntegerField(default=0, help_text="All the errors, kept or not.")
    children_skipped = models.PositiveIntegerField(
        default=0, help_text="Children left out for their errors (import the children without errors)."
    )
    data_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The records' data version this run's changes made."
    )
    changed_child_ids = models.JSONField(
        null=True,
        blank=True,
        help_text="The children whose records the run added, changed or deleted (the indicator engine "
        "refreshes theirs only); empty when not known.",
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.pk} ({self.status}) of {self.file_names}"


class AnnexAReportedRow(models.Model):
    """What an imported Annex A said that the records cannot say again, as at its reference date.

    Some Annex A columns are figures over a longer history or other data (referrals in the
    last 12 months, allocated worker, case status); list 8 comes from the SSDA903 and list 11
    (adopters) has no record in the model. Kept as reported so the same Annex A can be written
    again; dropped for a child when a CIN census or SSDA903 brings that child's own records
    (see docs/adr/0005-annex-a-reported-figures.md).
    """

    council = models.ForeignKey("records.Council", on_delete=models.CASCADE)
    reference_date = models.DateField()
    list_number = models.PositiveSmallIntegerField()
    child = models.ForeignKey("records.Child", null=True, blank=True, on_delete=models.CASCADE)
    row_key = models.CharField(max_length=120, help_text="The row's own date, or its place in the list.")
    position = models.PositiveIntegerField(help_text="Row order in the imported list.")
    cells = models.JSONField(help_text="Column -> value as reported (dates as ISO text).")

    class Meta:
        ordering = ["reference_date", "list_number", "position"]
        indexes = [models.Index(fields=["reference_date", "list_number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "reference_date", "list_number", "child", "row_key"],
                name="one_reported_row_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"Annex A list {self.list_number} row {self.row_key} as at {self.reference_date}"


class SSDKey(models.Model):
    """Which record an SSD row became: the SSD's own row id, and what the row said last time.

    A daily refresh matches rows by these ids, rewrites only those whose `digest` changed and
    deletes the records whose rows have gone; an export writes the ids back unchanged.
    """

    label = models.CharField(max_length=40, help_text="The record's model, e.g. records.Contact.")
    table = models.CharField(max_length=40, help_text="The SSD table the row is in.")
    ssd_id = models.CharField("SSD row id", max_length=64)
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["label", "table", "ssd_id"], name="one_record_per_ssd_row"),
        ]
        indexes = [models.Index(fields=["label", "object_id"])]

    def __str__(self) -> str:
        return f"{self.table} row {self.ssd_id} -> {self.label} {self.object_id}"


class StandingIssue(models.Model):
    """A DfE validation rule a child's records break now, kept current after each refresh.

    After an SSD refresh the DfE rules are run again for the children whose records changed;
    an issue no longer found is marked fixed (kept, for "fixed this week"), a new one added.
    """

    child = models.ForeignKey("records.Child", on_delete=models.CASCADE, related_name="validation_issues")
    kind = models.CharField(max_length=8, help_text="The return whose rules found it: cin or 903.")
    collection_year = models.PositiveSmallIntegerField()
    rule_code = models.CharField(max_length=20)
    rule_description = models.TextField()
    table = models.CharField(max_length=40, blank=True)
    field = models.CharField(max_length=60, blank=True)
    first_seen = models.DateTimeField(default=timezone.now, db_index=True)
    fixed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["child", "kind", "rule_code"]
        indexes = [models.Index(fields=["child", "fixed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} rule {self.rule_code} for child {self.child_id}"

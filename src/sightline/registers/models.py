"""The change history every register keeps: who changed which row, when, from what to what."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ChangeRecord(models.Model):
    """One save of one row of a register. Written by `registers.services`, never edited."""

    class Action(models.TextChoices):
        CREATED = "created", "Added"
        CHANGED = "changed", "Changed"
        NOTE = "note", "Update added"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, help_text="Kept if the user is later deleted.")
    action = models.CharField(max_length=10, choices=Action.choices)
    # [{"field": "Status", "old": "Open", "new": "Complete"}, ...] as a person reads them.
    changes = models.JSONField(default=list)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.username} {self.get_action_display().lower()} {self.content_type.model} {self.object_id}"
        )

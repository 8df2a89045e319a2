"""Every view of a child's record and every export, kept for review."""

from django.conf import settings
from django.db import models


class RecordAccess(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed a child's record"
        EXPORT = "export", "Exported data"
        DENIED = "denied", "Was refused a child's record"
        LIST = "list", "Viewed a list of children"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, help_text="Kept if the user is later deleted.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=6, choices=Action.choices)
    child = models.ForeignKey("records.Child", null=True, blank=True, on_delete=models.SET_NULL)
    what = models.CharField(max_length=300, help_text="The page or export, e.g. its path and format.")
    reason = models.CharField(max_length=300, blank=True, help_text="Why, where the user was asked.")
    outside_team = models.BooleanField(
        default=False, help_text="The child was not allocated to the viewer's team or to them."
    )

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "at"]), models.Index(fields=["outside_team", "at"])]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.what} at {self.at:%Y-%m-%d %H:%M}"

"""Council settings for the indicator engine: local standards, indicator targets, their audit trail."""

from django.conf import settings
from django.db import models


class LocalStandardSetting(models.Model):
    """One local standard changed from its default (absent = the default in `LocalStandards`)."""

    key = models.CharField(max_length=60, unique=True)
    value = models.CharField(max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class IndicatorTarget(models.Model):
    """A council's own target and tolerance for one indicator, replacing the definition's default."""

    indicator_id = models.CharField(max_length=60, unique=True)
    target = models.FloatField(null=True, blank=True)
    tolerance = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__isnull=True, tolerance__isnull=True)
                | models.Q(target__isnull=False, tolerance__gte=0),
                name="indicator_target_with_tolerance",
                violation_error_message="Indicator target: a target needs a tolerance of 0 or more.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target} ± {self.tolerance}"


class SettingChange(models.Model):
    """Audit trail: who changed which setting or target, when, from what to what. Never edited."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "Local standard"
        TARGET = "target", "Indicator target"

    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, help_text="Kept if the user is later deleted.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=60)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} changed {self.key} from {self.old_value!r} to {self.new_value!r}"

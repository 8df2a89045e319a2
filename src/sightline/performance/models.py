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
        POPULATION = "population", "Population estimate"

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


class SpcRebase(models.Model):
    """A date from which an indicator's control limits are recalculated, recorded by an analyst with
    the reason (a change of process or definition). Making Data Count: never automatic."""

    indicator_id = models.CharField(max_length=60)
    starts_on = models.DateField("recalculate from")
    reason = models.CharField(max_length=300, help_text="What changed, as the chart will say it.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "starts_on"],
                name="performance_spc_rebase_once_a_date",
                violation_error_message="The limits are already recalculated from that date.",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="performance_spc_rebase_with_reason",
                violation_error_message="Say why the limits are recalculated.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} from {self.starts_on}: {self.reason}"


class PopulationEstimate(models.Model):
    """The council's children by single year of age, sex and ethnicity, for rates per 10,000.

    A council setting, replaced whole from a CSV in the ONS mid-year estimate layout
    (`sightline population --load`); the synthetic council gets one consistent with its
    generated population.
    """

    ethnicity = models.CharField(max_length=4)
    sex = models.CharField(max_length=1)
    age = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()
    source = models.CharField(
        max_length=200, help_text="Where the estimate came from, as a person would cite it."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ethnicity", "sex", "age"], name="population_estimate_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ethnicity} {self.sex} aged {self.age}: {self.population}"

"""The record model's base: the council, the child, and what every record of a child shares."""

from django.db import models
from django.db.models import F, Q

from sightline.domain import codes


def ends_after_starts(start: str, end: str, label: str) -> models.CheckConstraint:
    """A constraint that an optional end date is not before its start date."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=f"{label}: the {end.replace('_', ' ')} cannot be before the "
        f"{start.replace('_', ' ')}.",
    )


class Council(models.Model):
    """The council this database belongs to: its name, LA code and the population for rates."""

    name = models.CharField(max_length=100)
    la_code = models.CharField("LA code", max_length=3)
    population_0_17 = models.PositiveIntegerField("children aged 0-17 (ONS mid-year estimate)")
    reference_date = models.DateField(help_text="The date the data runs to.")
    synthetic_seed = models.IntegerField(
        null=True, blank=True, help_text="Set when the data is synthetic: the generator's seed."
    )
    data_version = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every load or import, so caches of computed figures know they are stale.",
    )

    def __str__(self) -> str:
        return self.name


class Child(models.Model):
    """A child or unborn child known to children's social care (SSD ssd_person)."""

    la_child_id = models.CharField("LA child ID", max_length=15, unique=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown = models.CharField("UPN unknown reason", max_length=3, blank=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    sex = models.CharField(max_length=1, choices=codes.SEX)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY)
    disabilities = models.JSONField(default=list, blank=True)
    death_date = models.DateField(null=True, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Restricted record (e.g. staff or their relatives)."
    )
    # SSDA903 Header and UASC: kept so that an imported return exports unchanged.
    mother = models.CharField(
        max_length=1, blank=True, help_text="SSDA903 MOTHER: 1 is a mother, 0 is not, blank not recorded."
    )
    mother_child_dob = models.DateField(
        "date of birth of the mother's first child (MC_DOB)", null=True, blank=True
    )
    uasc = models.BooleanField(
        "UASC", default=False, help_text="Unaccompanied asylum-seeking child (now or formerly)."
    )
    uasc_ceased_date = models.DateField("date UASC status ceased (DUC)", null=True, blank=True)

    class Meta:
        ordering = ["la_child_id"]
        indexes = [
            # The few restricted records, which every list for a council-wide role leaves out
            # (accounts.selectors.child_filter): found without reading every child.
            models.Index(fields=["id"], condition=Q(restricted=True), name="child_restricted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_date",
                violation_error_message="A child needs a date of birth or an expected date of birth.",
            ),
            ends_after_starts("date_of_birth", "death_date", "Child"),
        ]

    def __str__(self) -> str:
        return f"{self.la_child_id} {self.first_name} {self.last_name}"


class ChildEvent(models.Model):
    """Base for every record that belongs to a child."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk} for child {self.child_id}"

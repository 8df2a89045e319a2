"""Staff profiles (role, worker record, teams), named access to restricted records, lockout."""

from django.conf import settings
from django.db import models

from sightline.domain.agencies import AGENCIES
from sightline.records.models import Child
from sightline.workforce.models import Service, Team, Worker

from .roles import ROLE_LABELS, Role


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=24, choices=[(r.value, ROLE_LABELS[r]) for r in Role])
    worker = models.ForeignKey(
        Worker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The user's own worker record, for their caseload.",
    )
    teams = models.ManyToManyField(Team, blank=True, help_text="Teams the user works in or manages.")
    services = models.ManyToManyField(Service, blank=True, help_text="Services a head of service leads.")
    agency = models.CharField(
        max_length=24,
        blank=True,
        choices=sorted(AGENCIES.items()),
        help_text="A partner agency user's agency: they see only shared work addressed to it.",
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class RestrictedRecordAccess(models.Model):
    """A named user allowed to open a restricted record (staff, their relatives)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="named_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    granted_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "user"], name="one_named_access")]

    def __str__(self) -> str:
        return f"{self.user} may open {self.child_id}"


class LoginCounter(models.Model):
    """Sign-in attempts per username in the current lockout window (accounts.lockout), changed
    only by single UPDATE statements so simultaneous attempts are all counted."""

    username = models.CharField(max_length=150, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.username}: {self.attempts} attempts"


class LoginFailure(models.Model):
    """Failed sign-ins, kept as a record of who tried from where (the lockout counts LoginCounter)."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"

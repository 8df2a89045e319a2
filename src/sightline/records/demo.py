"""Demo accounts, one per role, created only by `sightline demo` against the demo database."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.workforce.models import Service, Team, Worker

# (username, role, the team or service the account belongs to; several teams joined by ", ")
DEMO_ACCOUNTS = [
    ("practitioner", Role.PRACTITIONER, "Locality North"),
    ("team-manager", Role.TEAM_MANAGER, "Locality North"),
    ("team-manager-two-teams", Role.TEAM_MANAGER, "Locality South, Locality Central"),
    ("auditor", Role.AUDITOR, None),
    ("iro", Role.IRO, "Independent Reviewing Service"),
    ("head-of-service", Role.HEAD_OF_SERVICE, "Families First"),
    ("analyst", Role.PERFORMANCE_ANALYST, None),
    ("director", Role.DIRECTOR, None),
    ("councillor", Role.ELECTED_MEMBER, None),
    ("admin", Role.ADMINISTRATOR, None),
    ("qa-lead", Role.QA_LEAD, None),
    ("partner-health", Role.PARTNER_AGENCY, None),
    ("partner-police", Role.PARTNER_AGENCY, None),
]


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


def _current_worker(team: Team, role: str, on) -> Worker | None:
    workers = Worker.objects.filter(team=team, role=role, start_date__lte=on).exclude(leave_date__lt=on)
    return workers.order_by("staff_id").first()


@transaction.atomic
def create_demo_accounts(on, clinic_cycle: bool = True) -> list[tuple[str, str, str]]:
    """One account per role; refuses outside the demo settings so no default account ships.
    `clinic_cycle`: also complete the demo's clinic cycle (`sightline demo` does that after the
    server has started, `complete_demo_clinics`)."""
    if not settings.SETTINGS_MODULE.endswith(".demo") and not getattr(
        settings, "SIGHTLINE_ALLOW_DEMO_USERS", False
    ):
        raise RuntimeError("Demo accounts are created only under sightline.settings.demo.")
    user_model = get_user_model()
    created = []
    for username, role, home in DEMO_ACCOUNTS:
        user, _ = user_model.objects.get_or_create(username=username)
        user.set_password(demo_password(username))
        user.is_staff = user.is_superuser = role is Role.ADMINISTRATOR
        user.save()
        agency = username.removeprefix("partner-") if role is Role.PARTNER_AGENCY else ""
        profile, _ = StaffProfile.objects.update_or_create(
            user=user, defaults={"role": role.value, "agency": agency}
        )
        profile.teams.clear()
        profile.services.clear()
        teams = list(Team.objects.filter(name__in=home.split(", ")).order_by("name")) if home else []
        service = Service.objects.filter(name=home).first() if home else None
        if teams:
            profile.teams.add(*teams)
            worker_role = {Role.PRACTITIONER: "SW", Role.TEAM_MANAGER: "TM", Role.IRO: "IRO"}[role]
            profile.worker = _current_worker(teams[0], worker_role, on)
            profile.save()
        if service is not None:
            profile.services.add(service)
        created.append((username, demo_password(username), role.label))
    from sightline.improvement.services import adopt_demo_challenges

    adopt_demo_challenges(user_model.objects.get(username="director"))
    if clinic_cycle:
        from sightline.clinics.demo import complete_demo_cycle

        complete_demo_cycle(on)
    return created


def complete_demo_clinics(on) -> int:
    """The demo's clinic cycle, its briefings' exceptions found first outside the transaction
    (seconds at council scale), so the writes hold the database for a moment only while the
    server is already answering."""
    from sightline.clinics.demo import complete_demo_cycle, find_demo_exceptions

    find_demo_exceptions(on)
    return complete_demo_cycle(on)

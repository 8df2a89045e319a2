"""Performance clinics (sightline.clinics): who opens a clinic and who does each step of its
briefing, team to chief executive."""

from __future__ import annotations

from dataclasses import dataclass

from .base import COUNCIL_WIDE, Role, Viewer

# ----- performance clinics (sightline.clinics) -----------------------------------------------
# The monthly cycle, team to chief executive; the three above the service meet for the council.
CLINIC_LEVELS = ("team", "service", "head_of_service", "smt", "chief_executive")
COUNCIL_CLINICS = frozenset({"head_of_service", "smt", "chief_executive"})
CLINIC_REVIEWERS = frozenset({Role.QA_LEAD, Role.PERFORMANCE_ANALYST})


@dataclass(frozen=True)
class ClinicScope:
    """What the rules need to know about one clinic's briefing: its level, its unit (a team's
    clinic names its service too), the teams it covers, and where it is in draft → signed off."""

    level: str
    team_id: int | None = None
    service_id: int | None = None
    team_ids: frozenset[int] = frozenset()
    status: str = "draft"


def can_view_clinic(viewer: Viewer, clinic: ClinicScope) -> bool:
    """The QA, performance and leadership teams every clinic; a head of service their services'
    team and service clinics and the council's; a team manager their teams' clinics and the
    service clinics those teams present to. Clinics show figures and narrative, never children."""
    if viewer.role in COUNCIL_WIDE:
        return True
    if viewer.role is Role.HEAD_OF_SERVICE:
        return clinic.level in COUNCIL_CLINICS or clinic.service_id in viewer.service_ids
    if viewer.role is Role.TEAM_MANAGER:
        return clinic.level in {"team", "service"} and bool(viewer.team_ids & clinic.team_ids)
    return False


def prepares_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    """Who writes a clinic's briefing: the team manager for a team, the head of service for a
    service, the director for the council's clinics; the QA lead may prepare any."""
    if viewer.role is Role.QA_LEAD:
        return True
    if clinic.level == "team":
        return viewer.role is Role.TEAM_MANAGER and clinic.team_id in viewer.team_ids
    if clinic.level == "service":
        return viewer.role is Role.HEAD_OF_SERVICE and clinic.service_id in viewer.service_ids
    return viewer.role is Role.DIRECTOR


def chairs_clinic(viewer: Viewer, clinic: ClinicScope) -> bool:
    """Who signs a briefing off: the head of service for their teams and service, the director
    for the council's clinics (and any other)."""
    if viewer.role is Role.DIRECTOR:
        return True
    return (
        viewer.role is Role.HEAD_OF_SERVICE
        and clinic.level in {"team", "service"}
        and clinic.service_id in viewer.service_ids
    )


def can_edit_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    return clinic.status == "draft" and prepares_briefing(viewer, clinic)


def can_submit_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    return can_edit_briefing(viewer, clinic)


def can_review_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    """The QA and performance team check a submitted briefing's figures and actions."""
    return clinic.status == "submitted" and viewer.role in CLINIC_REVIEWERS


def can_sign_off_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    return clinic.status == "reviewed" and chairs_clinic(viewer, clinic)


def can_return_briefing(viewer: Viewer, clinic: ClinicScope) -> bool:
    """A submitted or reviewed briefing goes back to draft, with a note, from its reviewer or chair."""
    if clinic.status == "submitted":
        return viewer.role in CLINIC_REVIEWERS or chairs_clinic(viewer, clinic)
    return clinic.status == "reviewed" and chairs_clinic(viewer, clinic)


def can_raise_clinic_action(viewer: Viewer, clinic: ClinicScope) -> bool:
    """Actions are raised while the briefing is open to its writer, or at the clinic by its chair."""
    if clinic.status == "signed_off":
        return False
    return prepares_briefing(viewer, clinic) or chairs_clinic(viewer, clinic)


def sees_clinics(viewer: Viewer) -> bool:
    return viewer.role in COUNCIL_WIDE or viewer.role in {Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER}


def can_schedule_clinics(viewer: Viewer) -> bool:
    """Set up a month's clinics (and their exceptions): the QA and performance team."""
    return viewer.role in CLINIC_REVIEWERS or viewer.role is Role.ADMINISTRATOR

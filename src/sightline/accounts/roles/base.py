"""The roles, the person asking (`Viewer`), and the rules for children, teams, small numbers,
settings, the access log, returns and SPC rebases."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    TEAM_MANAGER = "team_manager"
    AUDITOR = "auditor"
    IRO = "iro"
    HEAD_OF_SERVICE = "head_of_service"
    PERFORMANCE_ANALYST = "performance_analyst"
    DIRECTOR = "director"
    ELECTED_MEMBER = "elected_member"
    ADMINISTRATOR = "administrator"
    QA_LEAD = "qa_lead"
    PARTNER_AGENCY = "partner_agency"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PRACTITIONER: "Practitioner",
    Role.TEAM_MANAGER: "Team manager",
    Role.AUDITOR: "Auditor",
    Role.IRO: "Independent reviewing officer",
    Role.HEAD_OF_SERVICE: "Head of service",
    Role.PERFORMANCE_ANALYST: "Performance analyst",
    Role.DIRECTOR: "Director",
    Role.ELECTED_MEMBER: "Elected member",
    Role.ADMINISTRATOR: "Administrator",
    Role.QA_LEAD: "Quality assurance lead",
    Role.PARTNER_AGENCY: "Partner agency",
}

# Roles whose work spans every child (quality assurance, performance, leadership,
# administration). Auditors are not among them: they open the children of the audits they
# are given (Viewer.audit_child_ids).
COUNCIL_WIDE = {Role.QA_LEAD, Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR}
SMALL_NUMBER_MAX = 5
# How a suppressed count of 1 to 5 reads, on every page, export and report (the README's words).
SUPPRESSED_SMALL = f"1-{SMALL_NUMBER_MAX} (suppressed)"


@dataclass(frozen=True)
class Viewer:
    role: Role
    worker_id: int | None = None
    team_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    named_restricted_child_ids: frozenset[int] = frozenset()
    # A partner agency user's agency (a code of sightline.domain.agencies); None for council staff.
    agency: str | None = None
    # The signed-in user, and the children of audits they are given to do or moderate.
    user_id: int | None = None
    audit_child_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ChildScope:
    """A child's current allocations: the workers and teams holding the case today."""

    child_id: int
    restricted: bool = False
    worker_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()
    service_ids: frozenset[int] = frozenset()
    iro_worker_ids: frozenset[int] = field(default_factory=frozenset)


def sees_child_level_data(viewer: Viewer) -> bool:
    """Elected members see aggregates only, never a row about a child. Partner agency users
    open no council record: they see only the rows of shared work addressed to their agency
    (their section of a multi-agency audit, their agency's practice-review actions)."""
    return viewer.role not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}


def can_view_child(viewer: Viewer, child: ChildScope) -> bool:
    if not sees_child_level_data(viewer):
        return False
    if child.restricted:
        return child.child_id in viewer.named_restricted_child_ids
    if child.child_id in viewer.audit_child_ids:
        return True
    if viewer.role in COUNCIL_WIDE:
        return True
    if viewer.role is Role.IRO:
        return bool(child.iro_worker_ids) or viewer.worker_id in child.worker_ids
    if viewer.role is Role.HEAD_OF_SERVICE:
        return bool(viewer.service_ids & child.service_ids)
    if viewer.role is Role.TEAM_MANAGER:
        return bool(viewer.team_ids & child.team_ids)
    if viewer.role is Role.PRACTITIONER:
        return viewer.worker_id in child.worker_ids or bool(viewer.team_ids & child.team_ids)
    return False


@dataclass(frozen=True)
class TeamScope:
    """A team and the service it belongs to."""

    team_id: int
    service_id: int | None = None


def can_view_team(viewer: Viewer, team: TeamScope) -> bool:
    """A team's page: council-wide roles and IROs every team (an IRO's children sit in every
    team), a head of service their services' teams, anyone else the teams they work in. The
    page lists only the children the viewer may open (can_view_child), so a team it opens never
    carries a child it may not."""
    if not sees_child_level_data(viewer):
        return False
    if viewer.role in COUNCIL_WIDE or viewer.role is Role.IRO:
        return True
    if viewer.role is Role.HEAD_OF_SERVICE:
        return team.service_id is not None and team.service_id in viewer.service_ids
    return team.team_id in viewer.team_ids


def sees_team_pages(viewer: Viewer) -> bool:
    """Whether any team's page opens for this viewer, so the Teams menu item and list are shown
    only to those it leads somewhere: council-wide roles and IROs every team, a head of service
    their services' teams, anyone else the teams they work in. An auditor works across teams
    without belonging to one, and opens only the children of their audits, so has none."""
    if not sees_child_level_data(viewer):
        return False
    if viewer.role in COUNCIL_WIDE or viewer.role is Role.IRO:
        return True
    if viewer.role is Role.HEAD_OF_SERVICE:
        return bool(viewer.service_ids)
    return bool(viewer.team_ids)


# The home page a viewer lands on (web.dashboard.home); every viewer may also open the council's.
TEAM_HOME, CASELOAD_HOME, COUNCIL_HOME = "team", "caseload", "council"


def home_of(viewer: Viewer) -> str:
    """A team manager lands on their team's figures and children, a practitioner on the children
    allocated to them and their team's figures; anyone else (or a manager or practitioner the
    council has not yet given a team or a worker record) on the council's dashboard."""
    if viewer.role is Role.TEAM_MANAGER and viewer.team_ids:
        return TEAM_HOME
    if viewer.role is Role.PRACTITIONER and viewer.worker_id is not None:
        return CASELOAD_HOME
    return COUNCIL_HOME


def suppresses_small_numbers(viewer: Viewer) -> bool:
    return viewer.role is Role.ELECTED_MEMBER


def small_count(value: int | None) -> int | str | None:
    """A count of 1 to 5 as `SUPPRESSED_SMALL`, any other count as it is: the one spelling."""
    return SUPPRESSED_SMALL if value is not None and 1 <= value <= SMALL_NUMBER_MAX else value


def suppress(value: int | None, viewer: Viewer) -> int | str | None:
    """Counts of 1 to 5 shown to elected members as "1-5 (suppressed)" so no child can be identified."""
    if value is None or not suppresses_small_numbers(viewer):
        return value
    return small_count(value)


def can_change_settings(viewer: Viewer) -> bool:
    return viewer.role is Role.ADMINISTRATOR


def can_review_access_log(viewer: Viewer) -> bool:
    return viewer.role is Role.ADMINISTRATOR


# Imports change every figure and exports carry every child: the returns team's work only.
RETURNS_ROLES = {Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR}


def can_manage_returns(viewer: Viewer) -> bool:
    """Import, validate and export the national returns (the Returns page)."""
    return viewer.role in RETURNS_ROLES


def can_record_spc_rebase(viewer: Viewer) -> bool:
    """Recalculate an indicator's control limits from a date (with the reason): the performance
    and quality assurance teams, who know when a process or a definition changed."""
    return viewer.role in {Role.PERFORMANCE_ANALYST, Role.QA_LEAD, Role.ADMINISTRATOR}

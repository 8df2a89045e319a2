"""Who may see what: the roles and their object-level rules, as plain functions.

No Django imports: a `Viewer` describes the person asking and a `ChildScope` what is known
about the child's allocation today, so every rule can be tested for every role directly.
"""

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


def suppresses_small_numbers(viewer: Viewer) -> bool:
    return viewer.role is Role.ELECTED_MEMBER


def suppress(value: int | None, viewer: Viewer) -> int | str | None:
    """Counts of 1 to 5 shown to elected members as '1-5' so no child can be identified."""
    if value is None or not suppresses_small_numbers(viewer):
        return value
    return "1-5" if 1 <= value <= SMALL_NUMBER_MAX else value


def can_change_settings(viewer: Viewer) -> bool:
    return viewer.role is Role.ADMINISTRATOR


def can_review_access_log(viewer: Viewer) -> bool:
    return viewer.role is Role.ADMINISTRATOR


def can_export_child_lists(viewer: Viewer) -> bool:
    return sees_child_level_data(viewer)


# Imports change every figure and exports carry every child: the returns team's work only.
RETURNS_ROLES = {Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR}


def can_manage_returns(viewer: Viewer) -> bool:
    """Import, validate and export the national returns (the Returns page)."""
    return viewer.role in RETURNS_ROLES


def can_record_spc_rebase(viewer: Viewer) -> bool:
    """Recalculate an indicator's control limits from a date (with the reason): the performance
    and quality assurance teams, who know when a process or a definition changed."""
    return viewer.role in {Role.PERFORMANCE_ANALYST, Role.QA_LEAD, Role.ADMINISTRATOR}


# The audit programme (sightline.audits): who runs it, who reads it, who does each part.
AUDIT_LEADS = {Role.QA_LEAD, Role.ADMINISTRATOR}
AUDIT_READERS = AUDIT_LEADS | {Role.DIRECTOR, Role.PERFORMANCE_ANALYST}


@dataclass(frozen=True)
class AuditScope:
    """What the rules need to know about one audit."""

    audit_id: int
    child: ChildScope
    auditor_worker_id: int | None = None
    moderator_worker_id: int | None = None
    moderation_submitted: bool = False
    finalised: bool = False
    agencies: frozenset[str] = frozenset()  # partner agencies with a section of their own


def can_manage_audits(viewer: Viewer) -> bool:
    """Edit audit tools, build programmes and draw samples, choose audits for moderation."""
    return viewer.role in AUDIT_LEADS


def sees_audit_aggregates(viewer: Viewer) -> bool:
    """The analysis pages (elected members see them with small numbers suppressed)."""
    return viewer.role is not Role.PARTNER_AGENCY


def is_auditor_of(viewer: Viewer, audit: AuditScope) -> bool:
    return viewer.worker_id is not None and viewer.worker_id == audit.auditor_worker_id


def is_moderator_of(viewer: Viewer, audit: AuditScope) -> bool:
    return viewer.worker_id is not None and viewer.worker_id == audit.moderator_worker_id


def can_view_audit(viewer: Viewer, audit: AuditScope) -> bool:
    """Partner agencies: only multi-agency audits with a section for their agency (and only
    that section, see agency_sections); elected members: none; everyone else: the audits they
    do or moderate, and the audits of children they may open."""
    if viewer.role is Role.PARTNER_AGENCY:
        return viewer.agency is not None and viewer.agency in audit.agencies
    if not sees_child_level_data(viewer):
        return False
    if is_auditor_of(viewer, audit) or is_moderator_of(viewer, audit):
        return not audit.child.restricted or audit.child.child_id in viewer.named_restricted_child_ids
    return can_view_child(viewer, audit.child)


def agency_sections(viewer: Viewer) -> str | None:
    """The one agency whose sections a partner agency user sees; None for council staff."""
    return viewer.agency if viewer.role is Role.PARTNER_AGENCY else None


def can_edit_audit(viewer: Viewer, audit: AuditScope) -> bool:
    """The assigned auditor (or a QA lead) while the audit is open; a partner agency user for
    their own section only (agency_sections)."""
    if audit.finalised or not can_view_audit(viewer, audit):
        return False
    if viewer.role is Role.PARTNER_AGENCY:
        return True
    return is_auditor_of(viewer, audit) or can_manage_audits(viewer)


def can_see_first_grades(viewer: Viewer, audit: AuditScope) -> bool:
    """A moderator does not see the auditor's grades until they have submitted their own."""
    if is_moderator_of(viewer, audit) and not audit.moderation_submitted:
        return False
    return can_view_audit(viewer, audit) and viewer.role is not Role.PARTNER_AGENCY


def can_moderate(viewer: Viewer, audit: AuditScope) -> bool:
    return audit.finalised and not audit.moderation_submitted and is_moderator_of(viewer, audit)


def can_respond_to_concern(viewer: Viewer, team_id: int | None) -> bool:
    """The team manager of the child's team (or a QA lead) records the response to a concern."""
    if viewer.role is Role.TEAM_MANAGER:
        return team_id is not None and team_id in viewer.team_ids
    return can_manage_audits(viewer)


def can_review_moderation(viewer: Viewer) -> bool:
    """Agreement figures name auditors: the QA lead, administrators, the director and analysts."""
    return viewer.role in AUDIT_READERS


# ----- registers of shared work (improvement plan, challenge log, practice reviews...) ----------
# Every council role that works with children reads the council's registers; elected members see
# their counts only; partner agency users see the rows addressed to their agency.
COUNCIL_STAFF = frozenset(Role) - {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}
# The people who keep the council's registers: quality assurance, performance, leadership.
REGISTER_KEEPERS = frozenset({Role.QA_LEAD, Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR})
# Workforce records: the performance team and leadership keep them; a worker's own absence,
# training and reasons for leaving are read by managers and leadership only, never by colleagues.
WORKFORCE_KEEPERS = frozenset({Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR})
STAFF_RECORD_READERS = frozenset(
    {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR, Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR}
)


def sees_workforce(viewer: Viewer) -> bool:
    """The workforce page (posts, vacancies, agency cover, turnover by team): council staff and
    elected members; partner agencies do not see the council's staffing."""
    return viewer.role is not Role.PARTNER_AGENCY


@dataclass(frozen=True)
class RegisterRules:
    """Who may do what in one register: a record of shared work kept by the council.

    readers see every row (rows about a child only when they may open that child); editors add
    rows and change any row they see; an owner (the staff member a row is assigned to) and
    their manager may change it when `owner_edits`; partner agency users see, and change, only
    rows addressed to their agency when `agency_rows`; elected members see aggregates only.
    """

    readers: frozenset[Role] = COUNCIL_STAFF
    editors: frozenset[Role] = REGISTER_KEEPERS
    owner_edits: bool = False
    agency_rows: bool = False
    child_rows: bool = False


@dataclass(frozen=True)
class RowScope:
    """What the rules need to know about one row: its agencies, its owner and the child it is about."""

    agencies: frozenset[str] = frozenset()
    owner_worker_id: int | None = None
    owner_team_id: int | None = None
    owner_service_id: int | None = None
    child: ChildScope | None = None


def register_access(viewer: Viewer, rules: RegisterRules) -> str:
    """How a viewer sees a register: "rows" (every row they may see), "agency" (only their
    agency's rows), "aggregates" (counts only, small numbers suppressed) or "none"."""
    if viewer.role is Role.ELECTED_MEMBER:
        return "aggregates"
    if viewer.role is Role.PARTNER_AGENCY:
        return "agency" if rules.agency_rows and viewer.agency else "none"
    if viewer.role in rules.readers or viewer.role in rules.editors:
        return "rows"
    return "none"


def manages(viewer: Viewer, row: RowScope) -> bool:
    """A team manager manages their teams' staff; a head of service, their services' staff."""
    if viewer.role is Role.TEAM_MANAGER:
        return row.owner_team_id is not None and row.owner_team_id in viewer.team_ids
    if viewer.role is Role.HEAD_OF_SERVICE:
        return row.owner_service_id is not None and row.owner_service_id in viewer.service_ids
    return False


def owns(viewer: Viewer, row: RowScope) -> bool:
    return viewer.worker_id is not None and viewer.worker_id == row.owner_worker_id


def can_see_row(viewer: Viewer, rules: RegisterRules, row: RowScope) -> bool:
    access = register_access(viewer, rules)
    if access == "agency":
        return viewer.agency in row.agencies
    if access != "rows":
        return False
    return not (rules.child_rows and row.child is not None and not can_view_child(viewer, row.child))


def can_change_row(viewer: Viewer, rules: RegisterRules, row: RowScope) -> bool:
    if not can_see_row(viewer, rules, row):
        return False
    if viewer.role is Role.PARTNER_AGENCY:
        return True  # can_see_row has checked the row is addressed to their agency
    if viewer.role in rules.editors:
        return True
    return rules.owner_edits and (owns(viewer, row) or manages(viewer, row))


def can_add_row(viewer: Viewer, rules: RegisterRules) -> bool:
    return viewer.role in rules.editors and register_access(viewer, rules) == "rows"


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


# ----- board reports (the quarterly Quality of Practice report, the self-evaluation) ----------
def can_read_board_reports(viewer: Viewer) -> bool:
    """Council staff read the Quality of Practice report; elected members its committee version
    (`reads_committee_version`); partner agency users neither (it is the council's paper)."""
    return viewer.role in COUNCIL_STAFF or viewer.role is Role.ELECTED_MEMBER


def reads_committee_version(viewer: Viewer) -> bool:
    """Elected members get the committee paper only: counts of 1 to 5 suppressed, no names."""
    return suppresses_small_numbers(viewer)


def can_read_self_evaluation(viewer: Viewer) -> bool:
    """The self-evaluation is the council's own working paper: its staff read it."""
    return viewer.role in COUNCIL_STAFF


def can_edit_self_evaluation(viewer: Viewer) -> bool:
    """The self-evaluation is written by the people who keep the council's registers (quality
    assurance, performance, the director, administrators) and the heads of service."""
    return viewer.role in REGISTER_KEEPERS or viewer.role is Role.HEAD_OF_SERVICE

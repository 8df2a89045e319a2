"""Registers of shared work (improvement plan, challenge log, practice reviews, workforce
records): who reads them, who sees which row and who changes it."""

from __future__ import annotations

from dataclasses import dataclass

from .base import ChildScope, Role, Viewer, can_view_child

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


def visible_registers(viewer: Viewer, registers):
    """The registers (anything with `.rules`) this viewer may open at all, in their order: what an
    overview page lists."""
    return [r for r in registers if register_access(viewer, r.rules) != "none"]


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

"""The audit programme (sightline.audits): who runs it, who reads it, who does each part."""

from __future__ import annotations

from dataclasses import dataclass

from .base import ChildScope, Role, Viewer, can_view_child, sees_child_level_data

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

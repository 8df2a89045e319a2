"""Reads: the clinics a viewer may open, and each clinic's pack (its briefing, the exceptions, the
previous month's actions, and the briefings below it summarised)."""

from __future__ import annotations

from datetime import date

from sightline.accounts import roles
from sightline.workforce.models import Team

from . import domain
from .models import Clinic, ClinicAction


def scope(clinic: Clinic, team_ids: dict[int | None, frozenset[int]] | None = None) -> roles.ClinicScope:
    """The clinic as the access rules see it; `team_ids` (service id -> its teams) saves queries."""
    teams = team_ids if team_ids is not None else service_teams()
    if clinic.level == "team":
        covered = frozenset({clinic.team_id})
        service_id = clinic.team.service_id
    elif clinic.level == "service":
        covered, service_id = teams.get(clinic.service_id, frozenset()), clinic.service_id
    else:
        covered, service_id = teams.get(None, frozenset()), None
    return roles.ClinicScope(clinic.level, clinic.team_id, service_id, covered, clinic.status)


def service_teams() -> dict[int | None, frozenset[int]]:
    """Each service's team ids, and every team under None (the council's)."""
    found: dict[int | None, set[int]] = {None: set()}
    for team_id, service_id in Team.objects.values_list("pk", "service_id"):
        found.setdefault(service_id, set()).add(team_id)
        found[None].add(team_id)
    return {k: frozenset(v) for k, v in found.items()}


def _clinics(month: date | None = None):
    queryset = Clinic.objects.select_related("team", "team__service", "service")
    return queryset.filter(month=month) if month else queryset


def months() -> list[date]:
    return list(Clinic.objects.order_by("-month").values_list("month", flat=True).distinct())


def visible(viewer: roles.Viewer, month: date) -> list[Clinic]:
    """A month's clinics the viewer may open, in the order they meet."""
    teams = service_teams()
    rows = [c for c in _clinics(month) if roles.can_view_clinic(viewer, scope(c, teams))]
    order = {level: i for i, level in enumerate(domain.LEVELS)}
    return sorted(rows, key=lambda c: (order[c.level], c.unit_name))


def summary(clinic: Clinic) -> dict:
    """A briefing as the clinic above sees it: its status, its exceptions counted, its words once
    submitted (a draft is still its writer's)."""
    exceptions = list(clinic.exceptions.all())
    shared = clinic.status != domain.DRAFT
    return {
        "clinic": clinic,
        "status": domain.STATUS_LABELS[clinic.status],
        "exceptions": len(exceptions),
        "concerns": sum(e.variation.startswith("concern") for e in exceptions),
        "titles": [e.title for e in exceptions[:5]],
        "worried_about": clinic.worried_about if shared else "",
        "working_well": clinic.working_well if shared else "",
        "most_proud_of": clinic.most_proud_of if shared else "",
    }


def below(clinic: Clinic) -> list[Clinic]:
    """The clinics one level down whose briefings this clinic receives."""
    level = domain.BELOW.get(clinic.level)
    if level is None:
        return []
    rows = _clinics(clinic.month).filter(level=level)
    if clinic.level == "service":
        rows = rows.filter(team__service_id=clinic.service_id)
    return sorted(rows, key=lambda c: c.unit_name)


def team_roll_up(clinic: Clinic) -> list[dict]:
    """For the council's clinics: every team's briefing this month, summarised."""
    if clinic.level not in domain.COUNCIL_LEVELS:
        return []
    rows = _clinics(clinic.month).filter(level="team").prefetch_related("exceptions")
    return [summary(c) for c in sorted(rows, key=lambda c: (c.team.service.name, c.team.name))]


def previous_actions(clinic: Clinic) -> list[ClinicAction]:
    """The actions raised at last month's clinic for the same unit, with their plan status now."""
    return list(
        ClinicAction.objects.filter(
            clinic__month=domain.previous_month(clinic.month),
            clinic__level=clinic.level,
            clinic__unit_key=clinic.unit_key,
        ).select_related("owner", "plan_action")
    )


def pack(clinic: Clinic) -> dict:
    """Everything the clinic's pack shows."""
    return {
        "clinic": clinic,
        "status_label": domain.STATUS_LABELS[clinic.status],
        "exceptions": list(clinic.exceptions.all()),
        "actions": list(clinic.actions.select_related("owner", "plan_action")),
        "previous_actions": previous_actions(clinic),
        "below": [summary(c) for c in below(clinic)],
        "below_label": domain.LEVEL_LABELS.get(domain.BELOW.get(clinic.level, ""), ""),
        "teams": team_roll_up(clinic),
    }


def pack_unit(clinic: Clinic) -> tuple[str, int | None]:
    """The level and unit of the month's pack a clinic downloads: its team's, its service's, or
    for the council's three clinics the council's (the pack the chief executive's clinic reads)."""
    if clinic.level == "team":
        return "team", clinic.team_id
    if clinic.level == "service":
        return "service", clinic.service_id
    return "council", None


def clinic_for(level: str, month: date, unit_id: int | None) -> Clinic | None:
    """The clinic of a report's level (team, service or council: the chief executive's)."""
    if level == "team":
        return _clinics(month).filter(level="team", team_id=unit_id).first()
    if level == "service":
        return _clinics(month).filter(level="service", service_id=unit_id).first()
    return _clinics(month).filter(level="chief_executive").first()

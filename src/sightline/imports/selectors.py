"""Reads of the imports app for pages."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import ImportRun, StandingIssue


def ssd_refreshes(limit: int = 10) -> list[ImportRun]:
    """The latest SSD extract imports, rejected ones with their first problems (the Returns page)."""
    return list(ImportRun.objects.filter(kind="ssd").order_by("-started_at", "-pk")[:limit])


def _teams_now() -> dict[int, str]:
    """Each child's team now: the team of their open social worker allocation."""
    from sightline.workforce.models import Allocation

    current = Allocation.objects.filter(role="SW", end_date__isnull=True)
    return dict(current.values_list("child_id", "team__name"))


def standing_summary(now: datetime | None = None) -> dict:
    """The standing DfE validation errors: now, new this week and fixed this week, by rule and by
    team (the child's team now), for the Returns page."""
    now = now or timezone.now()
    week = now - timedelta(days=7)
    issues = StandingIssue.objects.filter(Q(fixed_at__isnull=True) | Q(fixed_at__gte=week))
    teams = _teams_now()
    by_rule: dict[tuple, dict] = defaultdict(lambda: {"now": 0, "new": 0, "fixed": 0})
    by_team: dict[str, dict] = defaultdict(lambda: {"now": 0, "new": 0, "fixed": 0})
    rows = issues.values_list("child_id", "kind", "rule_code", "rule_description", "first_seen", "fixed_at")
    for child_id, kind, code, description, first_seen, fixed_at in rows.iterator():
        team = teams.get(child_id, "Not allocated")
        for counts in (by_rule[(kind, code, description)], by_team[team]):
            if fixed_at is None:
                counts["now"] += 1
                counts["new"] += first_seen >= week
            else:
                counts["fixed"] += 1
    return {
        "checked": StandingIssue.objects.exists(),
        "totals": {k: sum(c[k] for c in by_team.values()) for k in ("now", "new", "fixed")},
        "by_rule": [
            {"kind": "CIN census" if kind == "cin" else "SSDA903", "code": code, "description": text, **c}
            for (kind, code, text), c in sorted(by_rule.items(), key=lambda item: (-item[1]["now"], item[0]))
        ],
        "by_team": [{"team": team, **c} for team, c in sorted(by_team.items())],
    }


def child_issues(child_id: int) -> list[StandingIssue]:
    """A child's DfE validation errors now (their record's page)."""
    return list(StandingIssue.objects.filter(child_id=child_id, fixed_at__isnull=True))

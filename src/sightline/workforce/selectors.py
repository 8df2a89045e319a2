"""Reads for the workforce page: the engine's workforce measures for the council and by team."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sightline.domain.dates import add_months
from sightline.performance import selectors as perf

from .models import Departure, Worker

# The engine's workforce measures on the workforce page and in the reports (one definition each).
MEASURES = [
    "vacancy_rate",
    "agency_share",
    "turnover_rate",
    "sickness_days_per_fte",
    "sickness_absence_rate",
    "nqsw_retention_12m",
    "nqsw_retention_24m",
    "nqsw_retention_36m",
    "training_compliance",
    "practice_observations",
    "staff_survey_agree",
]
# By team: the measures a team manager can act on.
BY_TEAM = ["vacancy_rate", "agency_share", "turnover_rate", "sickness_days_per_fte", "training_compliance"]


def overview(on: date) -> dict:
    """The council's value of each workforce measure over the 12 months to `on` (stock ones at
    `on`), England's latest, and the team-level table."""
    period = perf.default_period("rolling_12", on)
    rows = [{"definition": perf.definition(i), "council": perf.value(i, period)} for i in MEASURES]
    teams: dict[int, dict] = {}
    for column, indicator_id in enumerate(BY_TEAM):
        for result in perf.breakdown(indicator_id, period, "team"):
            if result.unit_id is None:
                continue
            row = teams.setdefault(
                result.unit_id, {"name": result.unit_name, "values": [None] * len(BY_TEAM)}
            )
            row["values"][column] = result.value
    by_team = sorted(teams.values(), key=lambda r: r["name"])
    headers = [perf.definition(i)["title"] for i in BY_TEAM]
    return {
        "measures": rows,
        "period": period,
        "by_team": by_team,
        "team_headers": headers,
        "movement": starters_and_leavers(on),
    }


def starters_and_leavers(on: date) -> dict:
    """Social workers who started and left in the 12 months to `on`, own staff and agency, and the
    leavers' reasons (from the leavers register; "Not recorded" where there is none)."""
    since = add_months(on, -12)
    roles = ["SW", "SP", "TM", "IRO"]
    started = Worker.objects.filter(role__in=roles, start_date__gt=since, start_date__lte=on)
    left = Worker.objects.filter(role__in=roles, leave_date__gt=since, leave_date__lte=on)
    reasons = Counter(
        dict(Departure.Reason.choices).get(r, "Not recorded")
        for r in left.values_list("departure__reason", flat=True)
    )
    return {
        "since": since,
        "rows": [
            ("Own staff", started.filter(agency=False).count(), left.filter(agency=False).count()),
            ("Agency", started.filter(agency=True).count(), left.filter(agency=True).count()),
        ],
        "reasons": sorted(reasons.items(), key=lambda r: (-r[1], r[0])),
    }

"""Reads for the workforce page: the engine's workforce measures for the council and by team."""

from __future__ import annotations

from datetime import date

from sightline.performance import selectors as perf

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
    return {"measures": rows, "period": period, "by_team": by_team, "team_headers": headers}

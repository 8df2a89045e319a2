"""The workforce registers, declared on the register kit (see sightline.registers)."""

from __future__ import annotations

from sightline.accounts.roles import COUNCIL_STAFF, STAFF_RECORD_READERS, WORKFORCE_KEEPERS, RegisterRules
from sightline.registers import REGISTRY, Column, Filter, Register

from . import forms
from .models import (
    Course,
    Departure,
    Establishment,
    SicknessAbsence,
    StaffSurveyResult,
    Team,
    TrainingRecord,
    Worker,
)

PARENT = {"parent_url": "workforce", "parent_title": "Workforce"}
TEAM_RULES = RegisterRules(readers=COUNCIL_STAFF, editors=WORKFORCE_KEEPERS)
# A person's own records (absence, training, why they left): managers and leadership only.
STAFF_RULES = RegisterRules(readers=STAFF_RECORD_READERS, editors=WORKFORCE_KEEPERS)
ROLES = dict(Worker.Role.choices)


def _teams():
    return Team.objects.values_list("pk", "name")


TEAM_FILTER = Filter("worker__team", "Team", choices=_teams)


def _team_of(row):
    return row.worker.team


ESTABLISHMENT = REGISTRY.add(
    Register(
        key="establishment",
        title="Establishment (funded posts)",
        noun="funded posts",
        description="Funded posts per team and role, from a date until the next change.",
        model=Establishment,
        form=forms.EstablishmentForm,
        rules=TEAM_RULES,
        columns=[
            Column("team"),
            Column("role"),
            Column("funded_fte", "Funded FTE", numeric=True),
            Column("effective_from", "From"),
        ],
        filters=[Filter("team"), Filter("role")],
        ordering=["team__name", "role", "-effective_from"],
        prepare=lambda q: q.select_related("team"),
        **PARENT,
    )
)

DEPARTURES = REGISTRY.add(
    Register(
        key="leavers",
        title="Leavers and their reasons",
        noun="leaver",
        model=Departure,
        form=forms.DepartureForm,
        rules=STAFF_RULES,
        columns=[
            Column("worker"),
            Column("team", "Team", value=_team_of),
            Column("role", "Role", value=lambda d: d.worker.get_role_display()),
            Column("agency", "Agency", value=lambda d: "Yes" if d.worker.agency else "No"),
            Column("leave_date", "Left", value=lambda d: d.worker.leave_date),
            Column("reason"),
        ],
        filters=[Filter("reason"), TEAM_FILTER],
        search_fields=["worker__last_name"],
        ordering=["-worker__leave_date"],
        prepare=lambda q: q.select_related("worker", "worker__team"),
        **PARENT,
    )
)

SICKNESS = REGISTRY.add(
    Register(
        key="sickness",
        title="Sickness absence",
        noun="absence",
        model=SicknessAbsence,
        form=forms.SicknessForm,
        rules=STAFF_RULES,
        columns=[
            Column("worker"),
            Column("team", "Team", value=_team_of),
            Column("start_date", "First day"),
            Column("end_date", "Last day"),
            Column("working_days_lost", "Working days lost", numeric=True),
        ],
        filters=[TEAM_FILTER],
        search_fields=["worker__last_name"],
        ordering=["-start_date"],
        prepare=lambda q: q.select_related("worker", "worker__team"),
        **PARENT,
    )
)

COURSES = REGISTRY.add(
    Register(
        key="courses",
        title="Training courses",
        noun="course",
        description="Courses, the roles they are mandatory for and how often they are renewed.",
        model=Course,
        form=forms.CourseForm,
        rules=TEAM_RULES,
        columns=[
            Column("name", "Course"),
            Column("roles", "Mandatory for", value=lambda c: ", ".join(ROLES.get(r, r) for r in c.roles)),
            Column("renew_months", "Renewed every (months)", numeric=True),
        ],
        search_fields=["name"],
        ordering=["name"],
        **PARENT,
    )
)

TRAINING = REGISTRY.add(
    Register(
        key="training",
        title="Training records",
        noun="training record",
        model=TrainingRecord,
        form=forms.TrainingForm,
        rules=STAFF_RULES,
        columns=[
            Column("worker"),
            Column("team", "Team", value=_team_of),
            Column("course"),
            Column("completed_on", "Completed"),
        ],
        filters=[Filter("course"), TEAM_FILTER],
        search_fields=["worker__last_name", "course__name"],
        ordering=["-completed_on"],
        prepare=lambda q: q.select_related("worker", "worker__team", "course"),
        **PARENT,
    )
)

STAFF_SURVEY = REGISTRY.add(
    Register(
        key="staff-survey",
        title="Staff survey and health check",
        noun="result",
        description="The annual staff survey and health check: how practitioners are feeling, by team.",
        model=StaffSurveyResult,
        form=forms.StaffSurveyForm,
        rules=TEAM_RULES,
        columns=[
            Column("team"),
            Column("surveyed_on", "Survey closed"),
            Column("measure", "Question"),
            Column("agree_percent", "Agree (%)", numeric=True),
            Column("responses", "Responses", numeric=True),
        ],
        filters=[Filter("team"), Filter("measure", "Question")],
        ordering=["-surveyed_on", "team__name", "measure"],
        prepare=lambda q: q.select_related("team"),
        **PARENT,
    )
)

ALL = [ESTABLISHMENT, DEPARTURES, SICKNESS, COURSES, TRAINING, STAFF_SURVEY]

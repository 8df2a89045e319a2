"""The record model as Polars frames: one frame per table, with fixed schemas.

The performance app fills these from the database (one query per table); tests fill them
from hand-built rows with `Frames.from_rows`. Either way every table is present with its
full schema, even when empty, so definitions never need to check for missing columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import polars as pl

from sightline.domain.calendar import WorkingDayCalendar, default_calendar

LOCAL_ZONE = ZoneInfo("Europe/London")
D, N, S, B, F = pl.Date, pl.Int64, pl.Utf8, pl.Boolean, pl.Float64
T = pl.Datetime("us")
L = pl.List(pl.Utf8)

# frame name -> (model label, {column: dtype}); columns are the model's attnames.
SCHEMAS: dict[str, tuple[str, dict[str, pl.DataType]]] = {
    "service": ("workforce.Service", {"id": N, "name": S}),
    "team": ("workforce.Team", {"id": N, "name": S, "service_id": N, "kind": S, "caseload_limit": N}),
    "worker": (
        "workforce.Worker",
        {
            "id": N,
            "staff_id": S,
            "first_name": S,
            "last_name": S,
            "role": S,
            "team_id": N,
            "fte": F,
            "agency": B,
            "newly_qualified": B,
            "start_date": D,
            "leave_date": D,
        },
    ),
    "allocation": (
        "workforce.Allocation",
        {"id": N, "child_id": N, "worker_id": N, "team_id": N, "role": S, "start_date": D, "end_date": D},
    ),
    "supervision": (
        "workforce.Supervision",
        {"id": N, "worker_id": N, "supervisor_id": N, "supervision_date": D, "reflective": B},
    ),
    "observation": (
        "workforce.PracticeObservation",
        {"id": N, "worker_id": N, "observer_id": N, "observation_date": D},
    ),
    # Workforce health and feedback (the workforce and feedback apps); no one's name is read here.
    "establishment": (
        "workforce.Establishment",
        {"id": N, "team_id": N, "role": S, "funded_fte": F, "effective_from": D},
    ),
    "sickness": (
        "workforce.SicknessAbsence",
        {"id": N, "worker_id": N, "start_date": D, "end_date": D, "working_days_lost": F},
    ),
    "course": ("workforce.Course", {"id": N, "roles": L, "renew_months": N}),
    "training": ("workforce.TrainingRecord", {"id": N, "worker_id": N, "course_id": N, "completed_on": D}),
    "staff_survey": (
        "workforce.StaffSurveyResult",
        {"id": N, "surveyed_on": D, "team_id": N, "measure": S, "agree_percent": F, "responses": N},
    ),
    "complaint": (
        "feedback.Complaint",
        {
            "id": N,
            "stage": N,
            "received_on": D,
            "due_on": D,
            "responded_on": D,
            "outcome": S,
            "theme": S,
            "team_id": N,
            "worker_id": N,
            "child_id": N,
        },
    ),
    "compliment": ("feedback.Compliment", {"id": N, "received_on": D, "team_id": N, "worker_id": N}),
    "survey_response": ("feedback.SurveyResponse", {"id": N, "received_on": D, "team_id": N, "child_id": N}),
    "survey_answer": ("feedback.SurveyAnswer", {"id": N, "response_id": N, "question_id": N, "score": N}),
    "child": (
        "records.Child",
        {
            "id": N,
            "la_child_id": S,
            "sex": S,
            "date_of_birth": D,
            "expected_date_of_birth": D,
            "disabilities": L,
            "death_date": D,
            "ethnicity": S,
            "uasc": B,
        },
    ),
    "contact": (
        "records.Contact",
        {"id": N, "child_id": N, "contact_date": D, "source": S, "outcome": S, "decision_date": D},
    ),
    "referral": (
        "records.CINEpisode",
        {
            "id": N,
            "child_id": N,
            "cin_referral_date": D,
            "referral_source": S,
            "primary_need_code": S,
            "referral_nfa": B,
            "cin_closure_date": D,
            "reason_for_closure": S,
            "contact_id": N,
        },
    ),
    "assessment": (
        "records.Assessment",
        {
            "id": N,
            "child_id": N,
            "episode_id": N,
            "assessment_actual_start_date": D,
            "assessment_authorisation_date": D,
            "factors": L,
            "child_seen": B,
            "child_seen_date": D,
            "outcome": S,
        },
    ),
    "strategy": (
        "records.StrategyDiscussion",
        {"id": N, "child_id": N, "episode_id": N, "discussion_date": D, "s47_agreed": B},
    ),
    "s47": (
        "records.Section47Enquiry",
        {
            "id": N,
            "child_id": N,
            "episode_id": N,
            "s47_actual_start_date": D,
            "initial_cpc_target": D,
            "icpc_not_required": B,
            "outcome": S,
            "end_date": D,
            "strategy_discussion_id": N,
        },
    ),
    "conference": (
        "records.ChildProtectionConference",
        {
            "id": N,
            "child_id": N,
            "episode_id": N,
            "kind": S,
            "conference_date": D,
            "section47_id": N,
            "plan_id": N,
            "plan_decided": B,
        },
    ),
    "cp_plan": (
        "records.CPPlan",
        {
            "id": N,
            "child_id": N,
            "episode_id": N,
            "cpp_start_date": D,
            "cpp_end_date": D,
            "initial_category_of_abuse": S,
            "latest_category_of_abuse": S,
            "number_of_previous_cpp": N,
            "checkpoint_review_date": D,
        },
    ),
    "core_group": ("records.CoreGroup", {"id": N, "child_id": N, "plan_id": N, "meeting_date": D}),
    "cin_plan": (
        "records.CINPlan",
        {"id": N, "child_id": N, "episode_id": N, "cin_plan_start_date": D, "cin_plan_end_date": D},
    ),
    "visit": (
        "records.Visit",
        {"id": N, "child_id": N, "visit_date": D, "kind": S, "seen": B, "seen_alone": B, "worker_id": N},
    ),
    "cla_episode": (
        "records.LookedAfterEpisode",
        {
            "id": N,
            "child_id": N,
            "decom": D,
            "rne": S,
            "ls": S,
            "cin": S,
            "place": S,
            "place_provider": S,
            "dec": D,
            "rec": S,
            "reason_place_change": S,
            "home_post": S,
            "pl_post": S,
            "placement_distance_miles": F,
            "placement_la": S,
        },
    ),
    "cla_review": (
        "records.LookedAfterReview",
        {"id": N, "child_id": N, "review_date": D, "review_code": S, "iro_id": N},
    ),
    "health_check": ("records.HealthCheck", {"id": N, "child_id": N, "kind": S, "check_date": D}),
    "pep": ("records.PersonalEducationPlan", {"id": N, "child_id": N, "pep_date": D}),
    "missing": (
        "records.MissingEpisode",
        {
            "id": N,
            "child_id": N,
            "missing": S,
            "mis_start": T,
            "mis_end": T,
            "rhi_offered": B,
            "rhi_accepted": B,
            "rhi_date": T,
        },
    ),
    "care_leaver": (
        "records.CareLeaverContact",
        {"id": N, "child_id": N, "contact_date": D, "in_touch": S, "activ": S, "accom": S},
    ),
    "adoption": (
        "records.AdoptionMilestones",
        {
            "id": N,
            "child_id": N,
            "date_should_be_placed": D,
            "placement_order_date": D,
            "match_date": D,
            "placed_date": D,
            "adoption_order_date": D,
            "no_longer_placed_date": D,
            "foster_carer_adoption": B,
        },
    ),
    "private_fostering": (
        "records.PrivateFosteringArrangement",
        {"id": N, "child_id": N, "notification_date": D, "end_date": D, "outcome": S},
    ),
    "proceedings": (
        "records.CareProceedings",
        {
            "id": N,
            "child_id": N,
            "plo_start_date": D,
            "letter_before_proceedings_date": D,
            "application_issued_date": D,
            "final_order_date": D,
            "final_order_type": S,
        },
    ),
    "prebirth": (
        "records.PreBirthReferral",
        {
            "id": N,
            "child_id": N,
            "referral_date": D,
            "gestation_weeks_at_referral": N,
            "assessment_completed_date": D,
            "assessment_completed_week": N,
            "outcome_at_birth": S,
        },
    ),
}


@dataclass
class Frames:
    """All tables as frames, plus the council facts the engine needs."""

    tables: dict[str, pl.DataFrame]
    reference_date: date
    population_0_17: int = 0
    la_code: str = ""
    calendar: WorkingDayCalendar = field(default_factory=default_calendar)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.tables[name]

    @classmethod
    def from_rows(
        cls,
        rows: dict[str, list],
        *,
        reference_date: date,
        population_0_17: int = 0,
        la_code: str = "",
        calendar: WorkingDayCalendar | None = None,
    ) -> Frames:
        """Frames from lists of dicts (or tuples in schema order) per frame name; absent tables are empty.

        Dict rows may leave out columns (they become null), which keeps hand-built test
        cases short.
        """
        unknown = set(rows) - set(SCHEMAS)
        if unknown:
            raise ValueError(f"Unknown frames {sorted(unknown)}; known: {sorted(SCHEMAS)}")
        tables = {name: frame_from_rows(name, rows.get(name, [])) for name in SCHEMAS}
        return cls(
            tables=tables,
            reference_date=reference_date,
            population_0_17=population_0_17,
            la_code=la_code,
            calendar=calendar or default_calendar(),
        )

    @classmethod
    def from_dataset(cls, dataset, **council) -> Frames:
        """Frames straight from a generator Dataset (for tests and benchmarks without a database)."""
        rows = {}
        for name, (label, schema) in SCHEMAS.items():
            rows[name] = [tuple(r.get(col) for col in schema) for r in dataset.rows(label)]
        meta = dataset.meta
        council.setdefault("reference_date", meta["reference_date"])
        council.setdefault("population_0_17", meta.get("population", 0))
        council.setdefault("la_code", meta.get("la_code", ""))
        return cls.from_rows(rows, **council)

    def working_days(self, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        """Working days after `start` up to and including `end` (the DfE convention), as an expression."""
        first, cumulative = self._cumulative()
        table = pl.lit(cumulative)
        return (table.gather(_offset(end, first)) - table.gather(_offset(start, first))).cast(pl.Int64)

    def add_working_days(self, start: pl.Expr, days: int) -> pl.Expr:
        """The working day `days` working days after `start`, as an expression."""
        first, cumulative = self._cumulative()
        working = self._working_dates()
        target = pl.lit(cumulative).gather(_offset(start, first)) + days
        return pl.lit(working).gather((target - 1).clip(0, len(working) - 1).cast(pl.Int64))

    def _cumulative(self) -> tuple[date, pl.Series]:
        cached = getattr(self, "_cum_cache", None)
        if cached is None:
            first, counts = self.calendar.cumulative_table()
            cached = (first, pl.Series("cum", counts, dtype=pl.Int32))
            self._cum_cache = cached
        return cached

    def _working_dates(self) -> pl.Series:
        cached = getattr(self, "_working_cache", None)
        if cached is None:
            cached = pl.Series("working", self.calendar._working, dtype=pl.Date)
            self._working_cache = cached
        return cached


def frame_from_rows(name: str, rows) -> pl.DataFrame:
    """One table as a frame: rows are dicts (missing keys become null) or tuples in schema order.

    Aware datetimes become wall-clock times in England (naive), so "within 72 hours" and the
    day an episode ended read as people count them, whichever path the rows came by.
    """
    schema = SCHEMAS[name][1]
    rows = list(rows)
    if rows and isinstance(rows[0], dict):
        rows = [tuple(row.get(col) for col in schema) for row in rows]
    stamps = [i for i, dtype in enumerate(schema.values()) if isinstance(dtype, pl.Datetime)]
    if stamps and rows:
        rows = [tuple(_local(v) if i in stamps else v for i, v in enumerate(row)) for row in rows]
    frame = pl.DataFrame(rows, schema=schema, orient="row", strict=False)
    if name == "child":
        frame = frame.with_columns(pl.col("disabilities").fill_null([]))
    return frame


def _local(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(LOCAL_ZONE).replace(tzinfo=None)


def _offset(expr: pl.Expr, first: date) -> pl.Expr:
    return (expr.cast(pl.Date) - pl.lit(first)).dt.total_days().cast(pl.Int64)

"""KPQ4 and KPQ10 (continued). A stable and competent workforce (seed 002): vacancies, turnover,
sickness absence, newly qualified retention, mandatory training and the staff survey.

Rows per worker, team or post, not per child. The vacancy, turnover and absence measures follow
the DfE children's social work workforce collection: local-authority social workers (agency
workers are the agency rate's, `agency_share`), vacancies as a share of vacancies plus the FTE in
post, leavers in the 12 months to the date over the FTE in post on it, working days lost in the
12 months over the FTE in post.
"""

from __future__ import annotations

import polars as pl

from ..common import WORKFORCE_STATS, open_rows
from ..registry import WORKFORCE, indicator

FACTS_FROM = WORKFORCE  # what a refresh recomputes (`delta`)

# Children and family social workers, as the DfE counts them (not personal advisers or family workers).
SOCIAL_WORK = ["SW", "SP", "TM", "IRO"]
NQSW_COHORT_YEARS = 5  # retention of those who reached the milestone in the five years to the date
TRAINING_GRACE_DAYS = 90  # a new starter has three months to complete mandatory courses


def _dates(ons) -> pl.DataFrame:
    return pl.DataFrame({"date": list(ons)}, schema={"date": pl.Date})


def _in_post(ctx, ons, *, agency: bool | None = False, roles=SOCIAL_WORK) -> pl.DataFrame:
    """Workers of the roles in post on each date (leaving on the day counts as gone), with `date`."""
    workers = ctx["worker"].filter(pl.col("role").is_in(roles))
    if agency is not None:
        workers = workers.filter(pl.col("agency") == agency)
    return open_rows(workers, "start_date", "leave_date", ons).rename({"id": "worker_id"})


def _funded(ctx, ons) -> pl.DataFrame:
    """Each team and role's funded FTE in force on each date: the latest row from on or before it."""
    est = ctx["establishment"].filter(pl.col("role").is_in(SOCIAL_WORK))
    return (
        _dates(ons)
        .join(est, how="cross")
        .filter(pl.col("effective_from") <= pl.col("date"))
        .sort("effective_from")
        .group_by("date", "team_id", "role")
        .agg(pl.col("funded_fte").last())
    )


def _fte_by_post(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    return frame.group_by("date", "team_id", "role").agg(pl.col("fte").sum().alias(name))


@indicator(
    id="vacancy_rate",
    title="Social worker vacancy rate (FTE)",
    kpq=4,
    numerator="funded FTE not filled by the council's own social workers (covered by agency or not)",
    denominator="vacancies plus the FTE of the council's social workers in post",
    unit="%",
    aggregate="ratio",
    scale=100.0,
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=10.0,
    tolerance=5.0,
    benchmark="sw_vacancy",
    national="DfE workforce: social worker vacancy rate (FTE) at 30 September",
    source=f"{WORKFORCE_STATS}; funded posts from the establishment",
    date_label="as at",
)
def vacancy(ctx, ons):
    own = _fte_by_post(_in_post(ctx, ons), "in_post_fte")
    cover = _fte_by_post(_in_post(ctx, ons, agency=True), "agency_fte")
    keys = ["date", "team_id", "role"]
    frame = (
        _funded(ctx, ons)
        .join(own, on=keys, how="left")
        .join(cover, on=keys, how="left")
        .with_columns(pl.col("in_post_fte").fill_null(0.0), pl.col("agency_fte").fill_null(0.0))
        .with_columns(
            (pl.col("funded_fte") - pl.col("in_post_fte")).clip(lower_bound=0.0).alias("vacancy_fte")
        )
    )
    return frame.select(
        "team_id",
        "role",
        "funded_fte",
        "in_post_fte",
        "agency_fte",
        "vacancy_fte",
        pl.col("vacancy_fte").alias("value"),
        (pl.col("vacancy_fte") + pl.col("in_post_fte")).alias("weight"),
        "date",
    ).sort("date", "team_id", "role")


def _leavers_in_year(ctx, ons) -> pl.DataFrame:
    """Own social workers leaving in the 12 months up to each date."""
    leavers = ctx["worker"].filter(
        pl.col("role").is_in(SOCIAL_WORK) & ~pl.col("agency") & pl.col("leave_date").is_not_null()
    )
    return (
        _dates(ons)
        .join(leavers, how="cross")
        .filter(
            (pl.col("leave_date") <= pl.col("date"))
            & (pl.col("leave_date") > pl.col("date").dt.offset_by("-1y"))
        )
        .rename({"id": "worker_id"})
    )


@indicator(
    id="turnover_rate",
    title="Social worker turnover rate (FTE)",
    kpq=4,
    numerator="FTE of the council's social workers who left in the 12 months to the date",
    denominator="FTE of the council's social workers in post on the date",
    unit="%",
    aggregate="ratio",
    scale=100.0,
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=12.0,
    tolerance=4.0,
    benchmark="sw_turnover",
    national="DfE workforce: social worker turnover rate (FTE), year to 30 September",
    source=WORKFORCE_STATS,
    date_label="as at",
)
def turnover(ctx, ons):
    staying = _in_post(ctx, ons).select(
        "worker_id",
        "team_id",
        "fte",
        pl.lit(False).alias("left"),
        pl.lit(0.0).alias("value"),
        pl.col("fte").alias("weight"),
        "date",
    )
    left = _leavers_in_year(ctx, ons).select(
        "worker_id",
        "team_id",
        "fte",
        pl.lit(True).alias("left"),
        pl.col("fte").alias("value"),
        pl.lit(0.0).alias("weight"),
        "date",
    )
    # Sorted on every column: a total order, whatever order the database gave the rows in.
    return pl.concat([staying, left], how="vertical_relaxed").sort(
        "date", "worker_id", "team_id", "left", "fte", "value", "weight", nulls_last=True
    )


def _days_lost(ctx, ons) -> pl.DataFrame:
    """Working days lost to sickness by own social workers: absences begun in the 12 months to each date."""
    own = ctx["worker"].filter(pl.col("role").is_in(SOCIAL_WORK) & ~pl.col("agency"))
    absences = ctx["sickness"].join(
        own.select(pl.col("id").alias("worker_id"), "team_id"), on="worker_id", how="inner"
    )
    return (
        _dates(ons)
        .join(absences, how="cross")
        .filter(
            (pl.col("start_date") <= pl.col("date"))
            & (pl.col("start_date") > pl.col("date").dt.offset_by("-1y"))
        )
    )


def _absence(ctx, ons, per_working_day: bool) -> pl.DataFrame:
    year = ctx.wd(pl.col("date").dt.offset_by("-1y"), pl.col("date")).cast(pl.Float64)
    weight = pl.col("fte") * year if per_working_day else pl.col("fte")
    present = _in_post(ctx, ons).select(
        "worker_id",
        "team_id",
        pl.lit(0.0).alias("days_lost"),
        pl.lit(0.0).alias("value"),
        weight.alias("weight"),
        "date",
    )
    lost = _days_lost(ctx, ons).select(
        "worker_id",
        "team_id",
        pl.col("working_days_lost").alias("days_lost"),
        pl.col("working_days_lost").alias("value"),
        pl.lit(0.0).alias("weight"),
        "date",
    )
    return pl.concat([present, lost], how="vertical_relaxed").sort(
        "date", "worker_id", "team_id", "days_lost", "weight", nulls_last=True
    )


@indicator(
    id="sickness_days_per_fte",
    title="Working days lost to sickness per FTE (12 months)",
    kpq=4,
    numerator="working days lost to sickness by the council's social workers in the 12 months",
    denominator="FTE of the council's social workers in post on the date",
    unit="ratio",
    aggregate="ratio",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=8.0,
    tolerance=2.0,
    source=WORKFORCE_STATS,
    date_label="as at",
)
def sickness_days(ctx, ons):
    return _absence(ctx, ons, per_working_day=False)


@indicator(
    id="sickness_absence_rate",
    title="Sickness absence rate (share of working days lost)",
    kpq=4,
    numerator="working days lost to sickness in the 12 months",
    denominator="working days available: FTE in post on the date times the working days in the 12 months",
    unit="%",
    aggregate="ratio",
    scale=100.0,
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=3.0,
    tolerance=1.0,
    benchmark="sw_absence",
    national="DfE workforce: sickness absence rate (FTE), year to 30 September",
    source=WORKFORCE_STATS,
    date_label="as at",
)
def sickness_rate(ctx, ons):
    return _absence(ctx, ons, per_working_day=True)


def _retention(months: int):
    def facts(ctx, ons):
        newly = ctx["worker"].filter(pl.col("newly_qualified") & ~pl.col("agency"))
        frame = (
            _dates(ons)
            .join(newly.rename({"id": "worker_id"}), how="cross")
            .with_columns(pl.col("start_date").dt.offset_by(f"{months}mo").alias("milestone"))
            .filter(
                (pl.col("milestone") <= pl.col("date"))
                & (pl.col("milestone") > pl.col("date").dt.offset_by(f"-{NQSW_COHORT_YEARS}y"))
            )
        )
        return frame.select(
            "worker_id",
            "team_id",
            "start_date",
            "leave_date",
            "milestone",
            (pl.col("leave_date").is_null() | (pl.col("leave_date") > pl.col("milestone"))).alias("num"),
            "date",
        )

    return facts


for _months in (12, 24, 36):
    indicator(
        id=f"nqsw_retention_{_months}m",
        title=f"Newly qualified social workers still with us after {_months} months",
        kpq=4,
        numerator=f"newly qualified (ASYE) social workers still in post {_months} months after starting",
        denominator=(
            f"newly qualified social workers who reached {_months} months' service in the "
            f"{NQSW_COHORT_YEARS} years to the date"
        ),
        unit="%",
        aggregate="percent",
        polarity="higher",
        kind="stock",
        as_at_dates=True,
        target=85.0 if _months == 12 else 70.0,
        tolerance=10.0,
        headline=_months == 24,
        source=(
            "Derby and Derbyshire Safeguarding Children Partnership, practice review TDS20 summary of "
            "progress, 2024 (86% of newly qualified workers recruited since 2020 remain)"
        ),
        date_label="as at",
    )(_retention(_months))


@indicator(
    id="training_compliance",
    title="Mandatory training up to date",
    kpq=10,
    numerator="workers' mandatory courses completed and not due for renewal at the date",
    denominator=f"mandatory courses of workers in post for {TRAINING_GRACE_DAYS} days or more, by their role",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=10.0,
    headline=True,
    source=(
        "Derby and Derbyshire Safeguarding Children Partnership, practice review TDS20 summary of progress, "
        "2024 (mandatory training such as Keeping Babies Safe Level 3); the council's courses by role"
    ),
    date_label="as at",
)
def training(ctx, ons):
    courses = ctx["course"].explode("roles").rename({"id": "course_id", "roles": "role"}).drop_nulls("role")
    staff = _in_post(ctx, ons, agency=None, roles=list(courses["role"].unique())).filter(
        pl.col("start_date") <= pl.col("date").dt.offset_by(f"-{TRAINING_GRACE_DAYS}d")
    )
    due = staff.select("worker_id", "team_id", "role", "date").join(courses, on="role", how="inner")
    done = (
        due.join(
            ctx["training"].select("worker_id", "course_id", "completed_on"), on=["worker_id", "course_id"]
        )
        .filter(pl.col("completed_on") <= pl.col("date"))
        .group_by("date", "worker_id", "course_id")
        .agg(pl.col("completed_on").max().alias("last_completed"))
    )
    frame = due.join(done, on=["date", "worker_id", "course_id"], how="left", maintain_order="left")
    age = (pl.col("date") - pl.col("last_completed")).dt.total_days()
    current = pl.col("last_completed").is_not_null() & (
        pl.col("renew_months").is_null() | (age <= pl.col("renew_months") * 30.44)
    )
    return frame.select("worker_id", "team_id", "course_id", "last_completed", current.alias("num"), "date")


@indicator(
    id="staff_survey_agree",
    title="Staff agreeing in the staff survey and health check",
    kpq=10,
    numerator="agreeing answers (each team's share agreeing times its responses), every question",
    denominator="responses, every question",
    unit="%",
    aggregate="ratio",
    polarity="higher",
    kind="flow",
    target=70.0,
    tolerance=10.0,
    source="seed 004 appendix 3 (how do you know how practitioners are feeling: the staff survey)",
    date_label="survey closed",
)
def staff_survey(ctx):
    return ctx["staff_survey"].select(
        "team_id",
        "measure",
        "agree_percent",
        "responses",
        (pl.col("agree_percent") * pl.col("responses")).alias("value"),
        pl.col("responses").cast(pl.Float64).alias("weight"),
        pl.col("surveyed_on").alias("date"),
    )

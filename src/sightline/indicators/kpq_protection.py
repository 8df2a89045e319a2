"""KPQ3 (child protection), KPQ5 (visits) and KPQ6 (abuse types)."""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.domain.codes import CATEGORY_OF_ABUSE_SHORT

from .common import (
    REF,
    cla_on_dates,
    last_on_or_before,
    months_between,
    open_on_dates,
    placement_start_dates,
    seen_visits,
)
from .registry import indicator

CIN_STATS = f"{REF} §2 (DfE children in need statistics)"
CATEGORIES = CATEGORY_OF_ABUSE_SHORT


def icpcs(ctx) -> pl.DataFrame:
    """Initial conferences with the s47 start and strategy discussion they followed."""

    def build():
        s47 = (
            ctx["s47"]
            .join(
                ctx["strategy"].select(pl.col("id").alias("strategy_discussion_id"), "discussion_date"),
                on="strategy_discussion_id",
                how="left",
            )
            .select(pl.col("id").alias("section47_id"), "s47_actual_start_date", "discussion_date")
        )
        return ctx["conference"].filter(pl.col("kind") == "ICPC").join(s47, on="section47_id", how="left")

    return ctx.memo("icpcs", build)


@indicator(
    id="s47_rate",
    title="Section 47 enquiries per 10,000 children",
    kpq=3,
    numerator="s47 enquiries started in the period, annualised",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="flow",
    benchmark="s47_rate",
    national="DfE CIN: s47 enquiries per 10,000",
    source=CIN_STATS,
    date_label="s47 start",
)
def s47_rate(ctx):
    return ctx["s47"].select("child_id", pl.col("s47_actual_start_date").alias("date"), "outcome")


@indicator(
    id="icpc_rate",
    title="Initial child protection conferences per 10,000 children",
    kpq=3,
    numerator="ICPCs in the period, annualised",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="flow",
    benchmark="icpc_rate",
    national="DfE CIN: ICPCs per 10,000",
    source=CIN_STATS,
    date_label="ICPC date",
)
def icpc_rate(ctx):
    return icpcs(ctx).select("child_id", pl.col("conference_date").alias("date"), "plan_decided")


@indicator(
    id="icpc_15wd",
    title="ICPCs within 15 working days of the s47 start",
    kpq=3,
    numerator="ICPCs held within 15 working days of the s47 start",
    denominator="ICPCs in the period with an s47 start on or before the conference (ICPCs dated before "
    "the s47 start are counted in the rate but excluded here, as the DfE does)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=85.0,
    tolerance=5.0,
    headline=True,
    benchmark="icpc15",
    national="DfE CIN: ICPCs within 15 working days of the s47 start",
    source=f"{REF} §1 [S]/[V] (WT23; DfE counts from S47ActualStartDate)",
    date_label="ICPC date",
)
def icpc_15(ctx):
    limit = ctx.standards.icpc_working_days
    frame = icpcs(ctx).with_columns(ctx.wd("s47_actual_start_date", "conference_date").alias("working_days"))
    valid = pl.col("s47_actual_start_date").is_not_null() & (pl.col("working_days") >= 0)
    return frame.select(
        "child_id",
        pl.col("conference_date").alias("date"),
        "s47_actual_start_date",
        "working_days",
        valid.fill_null(False).alias("den"),
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
    )


@indicator(
    id="s47_to_icpc",
    title="Section 47 enquiries leading to an ICPC",
    kpq=3,
    numerator="s47 enquiries started in the period with an ICPC",
    denominator="s47 enquiries started in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="Annex A list 5; CIN census Section47",
    date_label="s47 start",
)
def s47_to_icpc(ctx):
    linked = icpcs(ctx).select(pl.col("section47_id").alias("id"), pl.lit(True).alias("num")).unique("id")
    return (
        ctx["s47"]
        .join(linked, on="id", how="left")
        .select("child_id", pl.col("s47_actual_start_date").alias("date"), "outcome", "num")
    )


@indicator(
    id="icpc_to_plan",
    title="ICPCs resulting in a CP plan",
    kpq=3,
    numerator="ICPCs deciding a CP plan (recorded, or a plan starting on the conference day)",
    denominator="ICPCs in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="Annex A list 5 (Did the ICPC result in a CP plan)",
    date_label="ICPC date",
)
def icpc_to_plan(ctx):
    """Recorded on the conference, or shown by a plan starting that day (as in the CIN census)."""
    starts = ctx["cp_plan"].select(
        "child_id", pl.col("cpp_start_date").alias("conference_date"), pl.lit(True).alias("_p")
    )
    frame = icpcs(ctx).join(
        starts.unique(["child_id", "conference_date"]), on=["child_id", "conference_date"], how="left"
    )
    return frame.select(
        "child_id",
        pl.col("conference_date").alias("date"),
        (pl.col("plan_decided") | pl.col("_p").fill_null(False)).alias("num"),
    )


def _plans_on(ctx, ons: tuple[date, ...]) -> pl.DataFrame:
    """The plans open on each as-at date (`date`), with the whole months each had been open by then."""
    return ctx.memo(
        f"plans_on:{ons}",
        lambda: open_on_dates(ctx, "cp_plan", "cpp_start_date", "cpp_end_date", ons).with_columns(
            months_between(pl.col("cpp_start_date"), pl.col("date")).alias("months_open")
        ),
    )


@indicator(
    id="cpp_rate",
    title="Children on CP plans per 10,000 children",
    kpq=3,
    numerator="children on a CP plan at the date",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    headline=True,
    benchmark="cpp_rate",
    national="DfE CIN: children on CP plans at 31 March per 10,000",
    source=CIN_STATS,
    date_label="as at",
)
def cpp_rate(ctx, ons):
    return (
        _plans_on(ctx, ons)
        .unique(["date", "child_id"])
        .select("child_id", "cpp_start_date", "months_open", "date")
    )


@indicator(
    id="cpp_count",
    title="Children on CP plans",
    kpq=3,
    numerator="children on a CP plan at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CIN_STATS,
    date_label="as at",
)
def cpp_count(ctx, ons):
    return cpp_rate(ctx, ons)


@indicator(
    id="cpp_starts",
    title="CP plans started",
    kpq=3,
    numerator="CP plans starting in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source=CIN_STATS,
    date_label="plan start",
)
def cpp_starts(ctx):
    return ctx["cp_plan"].select(
        "child_id", pl.col("cpp_start_date").alias("date"), "initial_category_of_abuse"
    )


def _plan_history(ctx) -> pl.DataFrame:
    return (
        ctx["cp_plan"]
        .sort("child_id", "cpp_start_date")
        .with_columns(
            pl.col("cpp_end_date").shift(1).over("child_id").alias("previous_plan_end"),
            pl.col("cpp_start_date").shift(1).over("child_id").alias("previous_plan_start"),
        )
    )


@indicator(
    id="cpp_repeat",
    title="CP plans that are a second or later plan",
    kpq=3,
    numerator="plans started in the period for a child who had a plan before (recorded or counted)",
    denominator="CP plans started in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    target=23.0,
    tolerance=3.0,
    headline=True,
    benchmark="cpp_second",
    national="DfE CIN: CP plans starting that were a second or subsequent plan",
    source=f"{REF} §2 [V] repeat plans",
    date_label="plan start",
)
def cpp_repeat(ctx):
    frame = _plan_history(ctx)
    repeat = pl.col("previous_plan_start").is_not_null() | (pl.col("number_of_previous_cpp") > 0)
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "previous_plan_end",
        "number_of_previous_cpp",
        repeat.alias("num"),
    )


@indicator(
    id="cpp_repeat_2y",
    title="CP plans within 2 years of a previous plan ending",
    kpq=3,
    numerator="plans started within 2 years of the end of the child's previous plan",
    denominator="CP plans started in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    source=f"{REF} §2 [U] repeat plans within 2 years",
    date_label="plan start",
)
def cpp_repeat_2y(ctx):
    frame = _plan_history(ctx)
    within = pl.col("previous_plan_end") >= pl.col("cpp_start_date").dt.offset_by("-2y")
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "previous_plan_end",
        within.fill_null(False).alias("num"),
    )


@indicator(
    id="cpp_open_checkpoint",
    title="CP plans open 12-18 months (independent checkpoint)",
    kpq=3,
    numerator="children whose plan has been open between the checkpoint bounds (default 12 and 18 months)",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    source="seed 001 (Derbyshire checkpoints for plans of 12-18 months); settings cp_checkpoint_months_*",
    date_label="as at",
)
def cpp_checkpoint(ctx, ons):
    low, high = ctx.standards.cp_checkpoint_months_low, ctx.standards.cp_checkpoint_months_high
    frame = _plans_on(ctx, ons)
    return frame.select(
        "child_id",
        "cpp_start_date",
        "months_open",
        pl.col("months_open").is_between(low, high - 1).alias("num"),
        "date",
    )


@indicator(
    id="cpp_checkpoint_by_18m",
    title="CP plans reaching 18 months with an independent checkpoint",
    kpq=3,
    numerator="plans with an independent checkpoint review on or before the day they reached the "
    "checkpoint's upper bound (default 18 months)",
    denominator="plans still open on the day they reached the upper bound, that day falling in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=10.0,
    source="seed 001 (Derbyshire checkpoints for plans of 12-18 months); CPPlan.checkpoint_review_date; "
    "settings cp_checkpoint_months_*",
    date_label="day the plan reached the upper bound",
)
def cpp_checkpoint_by_18m(ctx):
    high = ctx.standards.cp_checkpoint_months_high
    reached = pl.col("cpp_start_date").dt.offset_by(f"{high}mo")
    frame = ctx["cp_plan"].with_columns(reached.alias("date"))
    frame = frame.filter(pl.col("cpp_end_date").is_null() | (pl.col("cpp_end_date") >= pl.col("date")))
    return frame.select(
        "child_id",
        "date",
        "cpp_start_date",
        "checkpoint_review_date",
        (pl.col("checkpoint_review_date") <= pl.col("date")).fill_null(False).alias("num"),
    )


@indicator(
    id="cpp_open_2y",
    title="CP plans open 2 years or more",
    kpq=3,
    numerator="plans open at the date that started 2 or more years before",
    denominator="plans open at the date",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=2.0,
    tolerance=2.0,
    headline=True,
    benchmark="cpp_open_2yrs",
    source=f"{REF} §2 [U] 2+ years open at 31 March",
    date_label="as at",
)
def cpp_open_2y(ctx, ons):
    frame = _plans_on(ctx, ons)
    return frame.select(
        "child_id", "cpp_start_date", "months_open", (pl.col("months_open") >= 24).alias("num"), "date"
    )


def _ended_plans(ctx) -> pl.DataFrame:
    return (
        ctx["cp_plan"]
        .filter(pl.col("cpp_end_date").is_not_null())
        .with_columns(months_between(pl.col("cpp_start_date"), pl.col("cpp_end_date")).alias("months_open"))
    )


BANDS = [
    ("under_3m", "under 3 months", 0, 3),
    ("3_6m", "3 to 6 months", 3, 6),
    ("6_12m", "6 to 12 months", 6, 12),
    ("1_2y", "1 to 2 years", 12, 24),
    ("2y_plus", "2 years or more", 24, 10_000),
]


def _band_facts(low: int, high: int):
    def facts(ctx):
        return _ended_plans(ctx).select(
            "child_id",
            pl.col("cpp_end_date").alias("date"),
            "cpp_start_date",
            "months_open",
            pl.col("months_open").is_between(low, high - 1).alias("num"),
        )

    return facts


for key, label, low, high in BANDS:
    indicator(
        id=f"cpp_ended_{key}",
        title=f"CP plans ended lasting {label}",
        kpq=3,
        numerator=f"plans ended in the period that lasted {label}",
        denominator="plans ended in the period",
        unit="%",
        aggregate="percent",
        polarity="lower" if key in ("under_3m", "2y_plus") else None,
        kind="flow",
        benchmark="cpp_end_2yrs" if key == "2y_plus" else None,
        source=f"{REF} §2 [V] plans ending by length",
        date_label="plan end",
    )(_band_facts(low, high))


def _conference_history(ctx) -> pl.DataFrame:
    """Review conferences with the date each was due: 3 months after the ICPC, then 6 months apart."""
    first_months = ctx.standards.first_review_conference_months
    later_months = ctx.standards.review_conference_months
    plans = ctx["cp_plan"].select(pl.col("id").alias("plan_id"), "cpp_start_date")
    conferences = (
        ctx["conference"]
        .filter(pl.col("plan_id").is_not_null() & pl.col("kind").is_in(["ICPC", "RCPC"]))
        .join(plans, on="plan_id", how="left")
        .sort("plan_id", "conference_date")
        .with_columns(
            pl.col("conference_date").shift(1).over("plan_id").alias("previous_conference"),
            pl.col("kind").shift(1).over("plan_id").alias("previous_kind"),
        )
    )
    reviews = conferences.filter(pl.col("kind") == "RCPC").with_columns(
        pl.col("previous_conference").fill_null(pl.col("cpp_start_date")).alias("previous_conference"),
        pl.col("previous_kind").fill_null("ICPC").alias("previous_kind"),
    )
    first = pl.col("previous_kind") == "ICPC"
    return reviews.with_columns(
        pl.when(first)
        .then(pl.col("previous_conference").dt.offset_by(f"{first_months}mo"))
        .otherwise(pl.col("previous_conference").dt.offset_by(f"{later_months}mo"))
        .alias("due_date")
    )


@indicator(
    id="rcpc_in_time",
    title="Review conferences in time",
    kpq=3,
    numerator="review conferences held by their due date (3 months after the ICPC, then 6 months apart)",
    denominator="review conferences held in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=95.0,
    tolerance=5.0,
    source=f"{REF} §1 [S] (WT23)",
    date_label="conference date",
)
def rcpc_in_time(ctx):
    return _conference_history(ctx).select(
        "child_id",
        pl.col("conference_date").alias("date"),
        "previous_conference",
        "due_date",
        (pl.col("conference_date") <= pl.col("due_date")).alias("num"),
    )


@indicator(
    id="core_group_10wd",
    title="First core group within 10 working days",
    kpq=3,
    numerator="plans whose first core group met within 10 working days of the plan start (the ICPC)",
    denominator="plans started in the period whose deadline has passed or that have a core group",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §1 [S]; setting first_core_group_working_days",
    date_label="plan start",
)
def core_group_10(ctx):
    limit = ctx.standards.first_core_group_working_days
    first = ctx["core_group"].group_by("plan_id").agg(pl.col("meeting_date").min().alias("first_core_group"))
    frame = (
        ctx["cp_plan"]
        .join(first, left_on="id", right_on="plan_id", how="left")
        .with_columns(
            ctx.wd("cpp_start_date", "first_core_group").alias("working_days"),
            ctx.add_wd("cpp_start_date", limit).alias("due_date"),
        )
    )
    return frame.select(
        "child_id",
        pl.col("cpp_start_date").alias("date"),
        "first_core_group",
        "due_date",
        "working_days",
        (pl.col("working_days") <= limit).fill_null(False).alias("num"),
        (pl.col("first_core_group").is_not_null() | (pl.col("due_date") <= ctx.reference_date)).alias("den"),
    )


# ----- KPQ5 visits -----------------------------------------------------------------------------
def _last_visit(ctx, frame: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Add `last_visit`: the child's last seen visit of the kind on or before the row's `date`."""
    return last_on_or_before(ctx, frame, seen_visits(ctx, kind), f"visit:{kind}", "visit_date", "last_visit")


def _visited_within(ctx, plans: pl.DataFrame, start: str, kind: str, limit: int) -> pl.DataFrame:
    """Children on a plan whose next visit is not yet overdue at the row's `date`: due `limit` working
    days after the last visit since the plan began, or after the plan's start when there has been none."""
    frame = (
        _last_visit(ctx, plans, kind)
        .with_columns(
            pl.max_horizontal(
                pl.when(pl.col("last_visit") >= pl.col(start)).then(pl.col("last_visit")),
                pl.col(start),
            ).alias("_from")
        )
        .with_columns(ctx.add_wd("_from", limit).alias("due_date"))
    )
    return frame.select(
        "child_id",
        start,
        "last_visit",
        "due_date",
        (pl.col("due_date") >= pl.col("date")).alias("num"),
        "date",
    )


@indicator(
    id="cp_visits_in_time",
    title="Children on CP plans visited within the local standard",
    kpq=5,
    numerator="children on a plan at the date seen within the standard (default 10 working days) "
    "or whose plan "
    "started less than the standard ago",
    denominator="children on a CP plan at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [S] local standard, setting cp_visit_working_days",
    date_label="as at",
)
def cp_visits(ctx, ons):
    limit = ctx.standards.cp_visit_working_days
    plans = (
        open_on_dates(ctx, "cp_plan", "cpp_start_date", "cpp_end_date", ons)
        .unique(["date", "child_id"])
        .select("child_id", "cpp_start_date", "date")
    )
    return _visited_within(ctx, plans, "cpp_start_date", "CP", limit)


@indicator(
    id="cp_seen_alone",
    title="CP visits where the child was seen alone",
    kpq=5,
    numerator="CP visits in the period with the child seen alone",
    denominator="CP visits with the child seen",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    headline=True,
    source="Annex A list 7 (Was the child seen alone?); seed 004 KPQ5",
    date_label="visit date",
)
def cp_seen_alone(ctx):
    visits = ctx["visit"].filter((pl.col("kind") == "CP") & pl.col("seen"))
    return visits.select("child_id", pl.col("visit_date").alias("date"), pl.col("seen_alone").alias("num"))


@indicator(
    id="cla_visits_in_time",
    title="Looked-after children visited within CPR reg 28",
    kpq=5,
    numerator="looked-after children visited within a week of the placement starting, then within 6 weeks "
    "in its first year and 3 months after",
    denominator="children looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [V] CPR reg 28(2) (3 months after the first year assumes a placement meant to last)",
    date_label="as at",
)
def cla_visits(ctx, ons):
    frame = (
        cla_on_dates(ctx, ons)
        .select("child_id", "date")
        .join(placement_start_dates(ctx, ons), on=["child_id", "date"], how="left", maintain_order="left")
    )
    frame = _last_visit(ctx, frame, "CLA")
    visited_since = pl.col("last_visit") >= pl.col("placement_start")
    first_year = pl.col("placement_start") > pl.col("date").dt.offset_by("-1y")
    due = (
        pl.when(~visited_since.fill_null(False))
        .then(pl.col("placement_start") + pl.duration(days=7))
        .when(first_year)
        .then(pl.col("last_visit") + pl.duration(weeks=6))
        .otherwise(pl.col("last_visit").dt.offset_by("3mo"))
    )
    return frame.with_columns(due.alias("due_date")).select(
        "child_id",
        "placement_start",
        "last_visit",
        "due_date",
        (pl.col("due_date") >= pl.col("date")).fill_null(False).alias("num"),
        "date",
    )


@indicator(
    id="cin_visits_in_time",
    title="Children on CIN plans visited within the local standard",
    kpq=5,
    numerator="children on a CIN plan at the date seen within the standard (default 20 working days)",
    denominator="children on a CIN plan at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=85.0,
    tolerance=5.0,
    source="local standard, setting cin_visit_working_days",
    date_label="as at",
)
def cin_visits(ctx, ons):
    limit = ctx.standards.cin_visit_working_days
    plans = (
        open_on_dates(ctx, "cin_plan", "cin_plan_start_date", "cin_plan_end_date", ons)
        .unique(["date", "child_id"])
        .select("child_id", "cin_plan_start_date", "date")
    )
    return _visited_within(ctx, plans, "cin_plan_start_date", "CIN", limit)


# ----- KPQ6 abuse types ---------------------------------------------------------------------
FACTORS = {
    "domestic_abuse": ("domestic abuse", ["3A", "3B", "3C"]),
    "mental_health": ("mental health", ["4A", "4B", "4C"]),
    "substance_misuse": ("alcohol or drug misuse", ["1A", "1B", "1C", "2A", "2B", "2C"]),
    "neglect": ("neglect", ["16A"]),
    "exploitation": ("exploitation (CSE, CCE, trafficking, gangs)", ["11A", "12A", "13A", "24A"]),
    "cse": ("child sexual exploitation", ["11A"]),
    "cce": ("child criminal exploitation", ["24A"]),
}


def _factor_facts(codes: list[str]):
    def facts(ctx):
        frame = ctx["assessment"].filter(pl.col("assessment_authorisation_date").is_not_null())
        return frame.select(
            "child_id",
            pl.col("assessment_authorisation_date").alias("date"),
            pl.col("factors").list.join(" ").alias("factors"),
            pl.col("factors").list.eval(pl.element().is_in(codes)).list.any().fill_null(False).alias("num"),
        )

    return facts


for key, (label, codes) in FACTORS.items():
    indicator(
        id=f"factor_{key}",
        title=f"Assessments identifying {label}",
        kpq=6,
        numerator=f"authorised assessments with factor {', '.join(codes)}",
        denominator="assessments authorised",
        unit="%",
        aggregate="percent",
        polarity=None,
        kind="flow",
        headline=key in ("domestic_abuse", "exploitation"),
        source=f"{REF} §4 assessment factors (CIN census)",
        date_label="authorisation date",
    )(_factor_facts(codes))


def _category_facts(code: str):
    def facts(ctx, ons):
        return (
            open_on_dates(ctx, "cp_plan", "cpp_start_date", "cpp_end_date", ons)
            .unique(["date", "child_id"])
            .select(
                "child_id",
                "cpp_start_date",
                "initial_category_of_abuse",
                (pl.col("initial_category_of_abuse") == code).alias("num"),
                "date",
            )
        )

    return facts


for code, label in CATEGORIES.items():
    indicator(
        id=f"cpp_category_{label}",
        title=f"CP plans: {label} (initial category)",
        kpq=6,
        numerator=f"children on a plan at the date with initial category {code}",
        denominator="children on a CP plan at the date",
        unit="%",
        aggregate="percent",
        polarity=None,
        kind="stock",
        as_at_dates=True,
        benchmark=f"cpp_cat_{label}",
        national="DfE CIN: CP plans at 31 March by initial category",
        source=f"{REF} §2 plans by category of abuse",
        date_label="as at",
    )(_category_facts(code))


def _missing(ctx) -> pl.DataFrame:
    return ctx["missing"].with_columns(
        pl.col("mis_start").dt.date().alias("start_day"), pl.col("mis_end").dt.date().alias("end_day")
    )


@indicator(
    id="missing_episodes",
    title="Missing and away episodes",
    kpq=6,
    numerator="episodes starting in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source=f"{REF} §2 missing / away (SSDA903 Missing)",
    date_label="missing start",
)
def missing_episodes(ctx):
    return _missing(ctx).select(
        "child_id", pl.col("start_day").alias("date"), "missing", "mis_start", "mis_end"
    )


@indicator(
    id="rhi_72h",
    title="Return home interviews within 72 hours",
    kpq=6,
    numerator="episodes ended in the period with an interview within 72 hours of the return",
    denominator="missing episodes ended in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    headline=True,
    source=f"{REF} §1 [S] DfE missing-children guidance 2014; setting rhi_hours",
    date_label="return date",
)
def rhi_72(ctx):
    hours = ctx.standards.rhi_hours
    frame = _missing(ctx).filter(pl.col("mis_end").is_not_null())
    in_time = pl.col("rhi_date") <= pl.col("mis_end") + pl.duration(hours=hours)
    return frame.select(
        "child_id",
        pl.col("end_day").alias("date"),
        "mis_end",
        "rhi_date",
        "rhi_offered",
        in_time.fill_null(False).alias("num"),
    )


@indicator(
    id="rhi_accepted",
    title="Return home interviews accepted",
    kpq=6,
    numerator="episodes ended in the period where the interview offered was accepted",
    denominator="episodes ended in the period with an interview offered",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    source="Annex A list 8 (return interview offered / accepted)",
    date_label="return date",
)
def rhi_accepted(ctx):
    frame = _missing(ctx).filter(pl.col("mis_end").is_not_null())
    return frame.select(
        "child_id",
        pl.col("end_day").alias("date"),
        "rhi_offered",
        "rhi_date",
        pl.col("rhi_accepted").alias("num"),
        pl.col("rhi_offered").alias("den"),
    )

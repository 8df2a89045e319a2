"""The feedback group: complaints (Children Act 1989 procedure), compliments and the child and
family survey (seed 004 tables 1 and 2, and the QAF's "what did children and families think and
feel about it"). Complaint and compliment rows carry the team they were about, so they are
counted there rather than in the team holding the child's case now.
"""

from __future__ import annotations

import polars as pl

from ..registry import indicator
from .caseloads import _open_allocations

GROUP = "feedback"
SOURCE = "seed 004 tables 1-2 (complaints and compliments by quarter)"
REGULATIONS = (
    "Children Act 1989 Representations Procedure (England) Regulations 2006; "
    "setting complaint_stage1_working_days"
)


def _stage1(ctx) -> pl.DataFrame:
    return ctx["complaint"].filter(pl.col("stage") == 1)


@indicator(
    id="complaints_stage1",
    title="Stage 1 complaints received",
    kpq=GROUP,
    numerator="stage 1 complaints received in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    headline=True,
    source=SOURCE,
    date_label="received",
)
def stage1_received(ctx):
    return _stage1(ctx).select(
        pl.col("id").alias("complaint_id"),
        "child_id",
        "team_id",
        "worker_id",
        "theme",
        pl.col("received_on").alias("date"),
    )


@indicator(
    id="complaints_per_1000_open",
    title="Stage 1 complaints in the last three months per 1,000 open cases",
    kpq=GROUP,
    numerator="stage 1 complaints received in the three months to the date",
    denominator="children with an open social-work allocation on the date",
    unit="ratio",
    aggregate="ratio",
    scale=1000.0,
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    source=SOURCE,
    date_label="as at",
)
def per_open_case(ctx, ons):
    dates = pl.DataFrame({"date": list(ons)}, schema={"date": pl.Date})
    complaints = (
        dates.join(_stage1(ctx), how="cross")
        .filter(
            (pl.col("received_on") <= pl.col("date"))
            & (pl.col("received_on") > pl.col("date").dt.offset_by("-3mo"))
        )
        .select(
            "child_id",
            "team_id",
            "worker_id",
            pl.lit(1.0).alias("value"),
            pl.lit(0.0).alias("weight"),
            "date",
        )
    )
    cases = _open_allocations(ctx, ons).select(
        "child_id", "team_id", "worker_id", pl.lit(0.0).alias("value"), pl.lit(1.0).alias("weight"), "date"
    )
    return pl.concat([complaints, cases], how="vertical_relaxed")


@indicator(
    id="complaints_stage1_in_time",
    title="Stage 1 complaints responded to within the timescale",
    kpq=GROUP,
    numerator="stage 1 complaints responded to by their due day (10 working days, or 20 when extended)",
    denominator="stage 1 complaints due in the period (still open ones count as late)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=10.0,
    headline=True,
    source=REGULATIONS,
    date_label="response due",
)
def stage1_in_time(ctx):
    frame = _stage1(ctx).filter(pl.col("due_on") <= ctx.reference_date)
    return frame.select(
        pl.col("id").alias("complaint_id"),
        "child_id",
        "team_id",
        "worker_id",
        "received_on",
        "responded_on",
        (pl.col("responded_on").is_not_null() & (pl.col("responded_on") <= pl.col("due_on"))).alias("num"),
        pl.col("due_on").alias("date"),
    )


@indicator(
    id="complaints_upheld",
    title="Stage 1 complaints upheld in full or in part",
    kpq=GROUP,
    numerator="responses upholding the complaint in full or in part",
    denominator="stage 1 complaints responded to in the period (not withdrawn)",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    source=SOURCE,
    date_label="responded",
)
def upheld(ctx):
    frame = _stage1(ctx).filter(pl.col("responded_on").is_not_null() & (pl.col("outcome") != "withdrawn"))
    return frame.select(
        pl.col("id").alias("complaint_id"),
        "child_id",
        "team_id",
        "worker_id",
        "outcome",
        pl.col("outcome").is_in(["upheld", "partly"]).alias("num"),
        pl.col("responded_on").alias("date"),
    )


@indicator(
    id="compliments_received",
    title="Compliments received",
    kpq=GROUP,
    numerator="compliments received in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity="higher",
    kind="flow",
    source=SOURCE,
    date_label="received",
)
def compliments(ctx):
    return ctx["compliment"].select(
        pl.col("id").alias("compliment_id"), "team_id", "worker_id", pl.col("received_on").alias("date")
    )


@indicator(
    id="survey_score",
    title="Child and family survey: average score (1 to 5)",
    kpq=GROUP,
    numerator="scores given, every question",
    denominator="answers",
    unit="ratio",
    aggregate="mean",
    polarity="higher",
    kind="flow",
    target=4.0,
    tolerance=0.5,
    headline=True,
    source="seed 004 (what did children and families think and feel about it); the council's own questions",
    date_label="received",
)
def survey(ctx):
    responses = ctx["survey_response"].select(
        pl.col("id").alias("response_id"), "team_id", "child_id", pl.col("received_on").alias("date")
    )
    return (
        ctx["survey_answer"]
        .join(responses, on="response_id", how="inner")
        .select(
            "response_id",
            "question_id",
            "child_id",
            "team_id",
            pl.col("score").cast(pl.Float64).alias("value"),
            "date",
        )
    )

"""KPQ6. Abuse types: how do we respond to different abuse types (assessment factors, categories of
abuse, missing episodes and return home interviews)?"""

from __future__ import annotations

import polars as pl

from sightline.domain.codes import CATEGORY_OF_ABUSE_SHORT

from ..common import REF, open_on_dates
from ..registry import CIN, EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)

CATEGORIES = CATEGORY_OF_ABUSE_SHORT


FACTORS = {
    "domestic_abuse": ("domestic abuse", ["3A", "3B", "3C"]),
    "mental_health": ("mental health", ["4A", "4B", "4C"]),
    "substance_misuse": ("alcohol or drug misuse", ["1A", "1B", "1C", "2A", "2B", "2C"]),
    "neglect": ("neglect", ["16A"]),
    "exploitation": ("exploitation (CSE, CCE, trafficking, gangs)", ["11A", "12A", "13A", "24A"]),
    "cse": ("child sexual exploitation", ["11A"]),
    "cce": ("child criminal exploitation", ["24A"]),
}
# England's share with the factor (DfE, benchmarks.csv cin_factor_*), where England publishes one
# for the same codes. Single-code factors come from DfE's 2025 table C3 (episodes assessed in the
# year); domestic abuse and mental health from the 2016 figures, since C3 splits them by whose
# they are (child, parent, another person), which do not add up to "any". None for exploitation
# or substance misuse taken together.
FACTOR_BENCHMARKS = {
    "domestic_abuse": "cin_factor_domestic_abuse",
    "mental_health": "cin_factor_mental_health",
    "neglect": "cin_factor_neglect",
    "cse": "cin_factor_cse",
    "cce": "cin_factor_cce",
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
        supported_by_returns=CIN,
        title=f"Assessments identifying {label}",
        kpq=6,
        numerator=f"authorised assessments with factor {', '.join(codes)}",
        denominator="assessments authorised",
        unit="%",
        aggregate="percent",
        polarity=None,
        kind="flow",
        headline=key in ("domestic_abuse", "exploitation"),
        benchmark=FACTOR_BENCHMARKS.get(key),
        national="DfE Children in need: factors identified at the end of assessment"
        if key in FACTOR_BENCHMARKS
        else None,
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
        supported_by_returns=CIN,
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

"""KPQ9 (continued). Leaving care: care leavers in touch, in education, employment or training and
suitably housed at 17-21, and adoption timeliness (A1, A2, A10)."""

from __future__ import annotations

import polars as pl

from ..common import PLACEMENT_CHANGE, REF, age_on, days, periods_of_care, with_child
from ..registry import EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _care_leavers(ctx, low: int, high: int) -> pl.DataFrame:
    frame = with_child(ctx["care_leaver"], ctx, "date_of_birth").with_columns(
        age_on(pl.col("date_of_birth"), pl.col("contact_date")).alias("age")
    )
    return frame.filter(pl.col("age").is_between(low, high) & ~pl.col("in_touch").is_in(["DIED", "RHOM"]))


def _leaver_facts(low, high, measure):
    def facts(ctx):
        frame = _care_leavers(ctx, low, high)
        return frame.select(
            "child_id",
            pl.col("contact_date").alias("date"),
            "age",
            "in_touch",
            "activ",
            "accom",
            measure.alias("num"),
        )

    return facts


EET = pl.col("activ").str.contains(r"^[FP][1245]$")
SUITABLE = pl.col("accom").str.ends_with("1")
for low, high, ages in ((17, 18, "17_18"), (19, 21, "19_21")):
    label = ages.replace("_", "-")
    indicator(
        id=f"care_leavers_{ages}_in_touch",
        defined_by=("age",),
        title=f"Care leavers aged {label} in touch",
        kpq=9,
        numerator="contacts in the period with the council in touch (YES)",
        denominator=f"care leavers aged {label} with a contact in the period (not died or returned home)",
        unit="%",
        aggregate="percent",
        polarity="higher",
        kind="flow",
        target=90.0,
        tolerance=5.0,
        source=f"{REF} §2 [V] care leavers (SSDA903 OC3)",
        date_label="contact date",
    )(_leaver_facts(low, high, pl.col("in_touch") == "YES"))
    indicator(
        id=f"care_leavers_{ages}_eet",
        defined_by=("age",),
        title=f"Care leavers aged {label} in education, employment or training",
        kpq=9,
        numerator="in education, employment or training (ACTIV F/P 1, 2, 4, 5)",
        denominator=f"care leavers aged {label} with a contact in the period",
        unit="%",
        aggregate="percent",
        polarity="higher",
        kind="flow",
        headline=ages == "19_21",
        benchmark=f"cl{ages.replace('_', '')}_eet",
        national="DfE CLA: care leavers in education, employment or training",
        source=f"{REF} §2 [V] care leavers",
        date_label="contact date",
    )(_leaver_facts(low, high, EET.fill_null(False)))
    indicator(
        id=f"care_leavers_{ages}_suitable",
        defined_by=("age",),
        title=f"Care leavers aged {label} in suitable accommodation",
        kpq=9,
        numerator="in suitable accommodation (ACCOM suffix 1)",
        denominator=f"care leavers aged {label} with a contact in the period",
        unit="%",
        aggregate="percent",
        polarity="higher",
        kind="flow",
        benchmark=f"cl{ages.replace('_', '')}_suitacc",
        national="DfE CLA: care leavers in suitable accommodation",
        source=f"{REF} §2 [V] care leavers",
        date_label="contact date",
    )(_leaver_facts(low, high, SUITABLE.fill_null(False)))


def _adoptions(ctx) -> pl.DataFrame:
    frame = ctx["adoption"].filter(
        pl.col("adoption_order_date").is_not_null() & pl.col("placed_date").is_not_null()
    )
    poc = periods_of_care(ctx).select("child_id", "poc_start").sort("poc_start")
    frame = frame.sort("placed_date").join_asof(
        poc,
        left_on="placed_date",
        right_on="poc_start",
        by="child_id",
        strategy="backward",
        check_sortedness=False,
    )
    # A10: a foster-carer adoption counts from the start of the placement with that carer.
    placements = (
        ctx["cla_episode"]
        .filter(pl.col("rne").is_in(PLACEMENT_CHANGE))
        .select("child_id", pl.col("decom").alias("carer_start"))
        .sort("carer_start")
    )
    frame = frame.sort("placed_date").join_asof(
        placements,
        left_on="placed_date",
        right_on="carer_start",
        by="child_id",
        strategy="backward",
        allow_exact_matches=False,
        check_sortedness=False,
    )
    moved_in = (
        pl.when(pl.col("foster_carer_adoption")).then(pl.col("carer_start")).otherwise(pl.col("placed_date"))
    )
    return frame.with_columns(
        days("poc_start", "placed_date").alias("a1_days"),
        days("poc_start", pl.min_horizontal(moved_in, pl.col("placed_date"))).alias("a10_days"),
        days("placement_order_date", "match_date").alias("a2_days"),
    )


def _adoption_facts(column):
    def facts(ctx):
        return _adoptions(ctx).select(
            "child_id",
            pl.col("adoption_order_date").alias("date"),
            "poc_start",
            "placement_order_date",
            "match_date",
            "placed_date",
            pl.col(column).cast(pl.Float64).alias("value"),
        )

    return facts


for key, title, column, target in (
    ("a1", "A1: days from entering care to moving in with the adoptive family", "a1_days", 426.0),
    ("a2", "A2: days from placement order to match", "a2_days", 121.0),
    (
        "a10",
        "A10: days from entering care to moving in (foster-carer adoptions from the placement start)",
        "a10_days",
        426.0,
    ),
):
    indicator(
        id=f"adoption_{key}",
        title=title,
        kpq=9,
        numerator="days, averaged",
        denominator="children adopted in the period",
        unit="days",
        aggregate="mean",
        polarity="lower",
        kind="flow",
        target=target,
        tolerance=60.0,
        source=f"{REF} §1 adoption scorecard (thresholds [U]: 14 months ≈ 426 days, 4 months ≈ 121 days)",
        national=f"Adoption scorecard {key.upper()}",
        date_label="adoption order date",
    )(_adoption_facts(column))

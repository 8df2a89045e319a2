"""KPQ7. Care proceedings: do children involved in care proceedings receive good and timely outcomes?"""

from __future__ import annotations

import polars as pl

from ..common import REF, days, open_on_dates
from ..registry import EACH_CHILD, indicator

FACTS_FROM = EACH_CHILD  # what a refresh recomputes (`delta`)


def _concluded(ctx) -> pl.DataFrame:
    frame = ctx["proceedings"].filter(
        pl.col("final_order_date").is_not_null() & pl.col("application_issued_date").is_not_null()
    )
    return frame.with_columns((days("application_issued_date", "final_order_date") / 7).alias("weeks"))


@indicator(
    id="proceedings_26w",
    title="Care proceedings concluded within 26 weeks",
    kpq=7,
    numerator="proceedings with a final order within 26 weeks of issue",
    denominator="proceedings concluded in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=60.0,
    tolerance=10.0,
    headline=True,
    source=f"{REF} §1 [V] CA89 s32 (26 weeks)",
    date_label="final order date",
)
def proceedings_26(ctx):
    return _concluded(ctx).select(
        "child_id",
        pl.col("final_order_date").alias("date"),
        "application_issued_date",
        "final_order_type",
        "weeks",
        (pl.col("weeks") <= 26).alias("num"),
    )


@indicator(
    id="proceedings_mean_weeks",
    title="Average duration of care proceedings",
    kpq=7,
    numerator="weeks from issue to final order",
    denominator="proceedings concluded in the period",
    unit="weeks",
    aggregate="mean",
    polarity="lower",
    kind="flow",
    target=26.0,
    tolerance=4.0,
    headline=True,
    source=f"{REF} §1 [V] CA89 s32",
    date_label="final order date",
)
def proceedings_mean(ctx):
    return _concluded(ctx).select(
        "child_id",
        pl.col("final_order_date").alias("date"),
        "application_issued_date",
        pl.col("weeks").alias("value"),
    )


@indicator(
    id="plo_started",
    title="Pre-proceedings (PLO) started",
    kpq=7,
    numerator="PLO processes started in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source="SSD ssd_pre_proceedings (PLO start)",
    date_label="PLO start",
)
def plo_started(ctx):
    frame = ctx["proceedings"].filter(pl.col("plo_start_date").is_not_null())
    return frame.select("child_id", pl.col("plo_start_date").alias("date"), "application_issued_date")


@indicator(
    id="plo_diverted",
    title="PLO concluded without proceedings",
    kpq=7,
    numerator="PLO processes started in the period with no application issued",
    denominator="PLO processes started in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="SSD ssd_pre_proceedings",
    date_label="PLO start",
)
def plo_diverted(ctx):
    frame = ctx["proceedings"].filter(pl.col("plo_start_date").is_not_null())
    return frame.select(
        "child_id",
        pl.col("plo_start_date").alias("date"),
        pl.col("application_issued_date").is_null().alias("num"),
    )


@indicator(
    id="proceedings_open",
    title="Care proceedings open",
    kpq=7,
    numerator="applications issued without a final order at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source="SSD ssd_pre_proceedings",
    date_label="as at",
)
def proceedings_open(ctx, ons):
    frame = open_on_dates(ctx, "proceedings", "application_issued_date", "final_order_date", ons)
    return frame.select(
        "child_id",
        "application_issued_date",
        (days("application_issued_date", pl.col("date")) / 7).alias("weeks"),
        "date",
    )


@indicator(
    id="final_order_care_order",
    title="Proceedings ending in a care or placement order",
    kpq=7,
    numerator="final orders of type CO or PO",
    denominator="proceedings concluded in the period",
    unit="%",
    aggregate="percent",
    polarity=None,
    kind="flow",
    source="SSD ssd_pre_proceedings (final order type)",
    date_label="final order date",
)
def final_order_co(ctx):
    return _concluded(ctx).select(
        "child_id",
        pl.col("final_order_date").alias("date"),
        "final_order_type",
        pl.col("final_order_type").is_in(["CO", "PO"]).alias("num"),
    )

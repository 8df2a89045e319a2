"""KPQ7 (care proceedings), KPQ8 (children in care) and KPQ9 (outcomes in care and after)."""

from __future__ import annotations

import polars as pl

from .common import (
    PLACEMENT_CHANGE,
    REF,
    SHORT_BREAKS,
    age_on,
    cla_on_dates,
    days,
    first_within,
    health_checks,
    last_on_or_before,
    open_on_dates,
    periods_of_care,
    placement_start_dates,
    poc_start_on_dates,
    stacked,
    with_child,
)
from .registry import indicator

CLA_STATS = f"{REF} §2 (DfE children looked after statistics, SSDA903)"
CPR = f"{REF} §1 [V] CPR 2010"


# ----- KPQ7 care proceedings -------------------------------------------------------------------
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


# ----- KPQ8 children in care --------------------------------------------------------------------
def _cla_with(ctx, ons, *starts) -> pl.DataFrame:
    """Children looked after on each date (`date`) with the start of their period of care and/or placement."""
    frame = cla_on_dates(ctx, ons).select("child_id", "date")
    for build in starts:
        frame = frame.join(build(ctx, ons), on=["child_id", "date"], how="left", maintain_order="left")
    return frame


@indicator(
    id="cla_rate",
    title="Children looked after per 10,000 children",
    kpq=8,
    numerator="children looked after at the date (not short breaks)",
    denominator="children aged 0-17",
    unit="per 10k",
    aggregate="rate",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    headline=True,
    benchmark="cla_rate",
    national="DfE CLA: children looked after at 31 March per 10,000",
    source=CLA_STATS,
    date_label="as at",
)
def cla_rate(ctx, ons):
    return cla_on_dates(ctx, ons).select("child_id", "decom", "ls", "place", "date")


@indicator(
    id="cla_count",
    title="Children looked after",
    kpq=8,
    numerator="children looked after at the date",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CLA_STATS,
    date_label="as at",
)
def cla_count(ctx, ons):
    return cla_rate(ctx, ons)


@indicator(
    id="cla_starters",
    title="Children starting to be looked after",
    kpq=8,
    numerator="periods of care starting in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    headline=True,
    source=CLA_STATS,
    date_label="start date",
)
def cla_starters(ctx):
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only"))
    return poc.select("child_id", pl.col("poc_start").alias("date"))


@indicator(
    id="cla_leavers",
    title="Children ceasing to be looked after",
    kpq=8,
    numerator="periods of care ending in the period",
    denominator="—",
    unit="count",
    aggregate="count",
    polarity=None,
    kind="flow",
    source=CLA_STATS,
    date_label="end date",
)
def cla_leavers(ctx):
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only") & pl.col("poc_end").is_not_null())
    return poc.select("child_id", pl.col("poc_end").alias("date"), "poc_start", "poc_rec")


LEGAL = {
    "care_order": ("full care order (C2)", ["C2"]),
    "interim_care_order": ("interim care order (C1)", ["C1"]),
    "section_20": ("section 20 (V2)", ["V2"]),
    "placement_order": ("placement order (E1, D1)", ["E1", "D1"]),
}


def _legal_facts(codes):
    def facts(ctx, ons):
        return cla_on_dates(ctx, ons).select("child_id", "ls", pl.col("ls").is_in(codes).alias("num"), "date")

    return facts


for key, (label, codes) in LEGAL.items():
    indicator(
        id=f"cla_legal_{key}",
        title=f"Looked-after children on a {label}",
        kpq=8,
        numerator=f"children looked after at the date with legal status {', '.join(codes)}",
        denominator="children looked after at the date",
        unit="%",
        aggregate="percent",
        polarity=None,
        kind="stock",
        as_at_dates=True,
        source=f"{REF} §5 SSDA903 LS",
        date_label="as at",
    )(_legal_facts(codes))


@indicator(
    id="cla_median_days_in_care",
    title="Median time in care of children looked after",
    kpq=8,
    numerator="days since the current period of care began",
    denominator="children looked after at the date",
    unit="days",
    aggregate="median",
    polarity=None,
    kind="stock",
    as_at_dates=True,
    source=CLA_STATS,
    date_label="as at",
)
def cla_duration(ctx, ons):
    frame = _cla_with(ctx, ons, poc_start_on_dates)
    return frame.select("child_id", "poc_start", days("poc_start", pl.col("date")).alias("value"), "date")


@indicator(
    id="cla_reentry_12m",
    title="Re-entries to care within 12 months of returning home",
    kpq=8,
    numerator="children starting care within 12 months of a previous period that ended with a return home "
    "(REC E4A/E4B)",
    denominator="periods of care starting in the period",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="flow",
    target=8.0,
    tolerance=3.0,
    headline=True,
    source=f"{REF} §5 SSDA903 REC; seed 004 KPQ8",
    date_label="start date",
)
def cla_reentry(ctx):
    poc = (
        periods_of_care(ctx)
        .sort("child_id", "poc_start")
        .with_columns(
            pl.col("poc_end").shift(1).over("child_id").alias("previous_end"),
            pl.col("poc_rec").shift(1).over("child_id").alias("previous_rec"),
        )
        .filter(~pl.col("short_breaks_only"))
    )
    reentry = pl.col("previous_rec").is_in(["E4A", "E4B"]) & (
        pl.col("previous_end") >= pl.col("poc_start").dt.offset_by("-12mo")
    )
    return poc.select(
        "child_id",
        pl.col("poc_start").alias("date"),
        "previous_end",
        "previous_rec",
        reentry.fill_null(False).alias("num"),
    )


@indicator(
    id="cla_out_of_area",
    title="Looked-after children placed outside the council's area",
    kpq=8,
    numerator="children looked after at the date placed in another LA",
    denominator="children looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    source=f"{REF} §2 [U] placed out of area",
    date_label="as at",
)
def cla_out_of_area(ctx, ons):
    la = ctx.frames.la_code
    frame = cla_on_dates(ctx, ons)
    outside = (pl.col("placement_la").fill_null("") != "") & (pl.col("placement_la") != la)
    return frame.select("child_id", "placement_la", "place", outside.alias("num"), "date")


@indicator(
    id="cla_over_20_miles",
    title="Looked-after children placed over 20 miles from home",
    kpq=8,
    numerator="children looked after at the date placed further than the setting (default 20 miles)",
    denominator="children looked after at the date with a known distance",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=15.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §2 [U] (HOME_POST → PL_POST); setting out_of_area_miles",
    date_label="as at",
)
def cla_far(ctx, ons):
    miles = ctx.standards.out_of_area_miles
    frame = cla_on_dates(ctx, ons)
    return frame.select(
        "child_id",
        "placement_distance_miles",
        "place",
        (pl.col("placement_distance_miles") > miles).fill_null(False).alias("num"),
        pl.col("placement_distance_miles").is_not_null().alias("den"),
        "date",
    )


# ----- KPQ9 outcomes -----------------------------------------------------------------------------
def _placements_in_year(ctx, ons) -> pl.DataFrame:
    """child_id, date -> placements during the 12 months to the date (a legal-status-only change is not
    a move)."""
    episodes = ctx["cla_episode"].filter(~pl.col("ls").is_in(SHORT_BREAKS))
    episodes = stacked(
        ons,
        lambda on: episodes.filter(
            (pl.col("decom") <= on)
            & (pl.col("dec").is_null() | (pl.col("dec") > pl.lit(on).dt.offset_by("-1y")))
        ),
    ).sort("date", "child_id", "decom")
    first = (pl.col("child_id") != pl.col("child_id").shift(1)) | (pl.col("date") != pl.col("date").shift(1))
    return (
        episodes.with_columns((pl.col("rne").is_in(PLACEMENT_CHANGE) | first.fill_null(True)).alias("_new"))
        .group_by("child_id", "date")
        .agg(pl.col("_new").sum().alias("placements"))
    )


@indicator(
    id="cla_3plus_placements",
    title="Short-term stability: 3 or more placements in 12 months",
    kpq=9,
    numerator="children looked after at the date with 3 or more placements in the 12 months to it",
    denominator="children looked after at the date (not only short breaks)",
    unit="%",
    aggregate="percent",
    polarity="lower",
    kind="stock",
    as_at_dates=True,
    target=10.0,
    tolerance=2.0,
    headline=True,
    benchmark="cla_3plus",
    national="DfE CLA: children with 3 or more placements during the year",
    source=f"{REF} §2 [V] stability, short term",
    date_label="as at",
)
def cla_3plus(ctx, ons):
    frame = _cla_with(ctx, ons, _placements_in_year)
    return frame.select("child_id", "placements", (pl.col("placements") >= 3).alias("num"), "date")


@indicator(
    id="cla_long_term_stability",
    title="Long-term stability: same placement for 2 years",
    kpq=9,
    numerator="of those, children in the same placement for at least 2 years",
    denominator="children under 16 at the date looked after for 2½ years or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=70.0,
    tolerance=5.0,
    benchmark="cla_ltstab",
    national="DfE CLA: long-term placement stability",
    source=f"{REF} §2 [V] stability, long term (the adoption-placement exception is not applied)",
    date_label="as at",
)
def cla_long_term(ctx, ons):
    frame = with_child(_cla_with(ctx, ons, poc_start_on_dates, placement_start_dates), ctx, "date_of_birth")
    on = pl.col("date")
    eligible = (age_on(pl.col("date_of_birth"), on) < 16) & (pl.col("poc_start") <= on.dt.offset_by("-30mo"))
    return frame.select(
        "child_id",
        "poc_start",
        "placement_start",
        eligible.fill_null(False).alias("den"),
        (pl.col("placement_start") <= on.dt.offset_by("-2y")).fill_null(False).alias("num"),
        "date",
    )


def _in_care_a_year(ctx, ons) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        frame = with_child(_cla_with(ctx, ons, poc_start_on_dates), ctx, "date_of_birth")
        return frame.filter(pl.col("poc_start") <= pl.col("date").dt.offset_by("-1y")).with_columns(
            age_on(pl.col("date_of_birth"), pl.col("date")).alias("age")
        )

    return ctx.memo(f"in_care_a_year:{ons}", build)


@indicator(
    id="health_assessment_in_time",
    title="Health assessments up to date",
    kpq=9,
    numerator="children with a health assessment in the last 6 months (under 5) or 12 months (5 and over)",
    denominator="children looked after at the date for 12 months or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    headline=True,
    source=f"{REF} §1 [S] review health assessments",
    date_label="as at",
)
def health_in_time(ctx, ons):
    checks = health_checks(ctx, "IHA", "RHA")
    frame = last_on_or_before(
        ctx, _in_care_a_year(ctx, ons), checks, "health:IHA,RHA", "check_date", "last_check"
    )
    months = pl.when(pl.col("age") < 5).then(pl.lit("-6mo")).otherwise(pl.lit("-12mo"))
    on = pl.col("date")
    in_time = (pl.col("age") < 5) & (pl.col("last_check") > on.dt.offset_by("-6mo")) | (
        (pl.col("age") >= 5) & (pl.col("last_check") > on.dt.offset_by("-12mo"))
    )
    return frame.select(
        "child_id", "age", "last_check", months.alias("window"), in_time.fill_null(False).alias("num"), "date"
    )


@indicator(
    id="dental_in_time",
    title="Dental checks up to date",
    kpq=9,
    numerator="children with a dental check in the last 12 months",
    denominator="children looked after at the date for 12 months or more",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=85.0,
    tolerance=5.0,
    source="SSDA903 OC2 TEETH_CHECK",
    date_label="as at",
)
def dental(ctx, ons):
    checks = health_checks(ctx, "DENTAL")
    frame = last_on_or_before(
        ctx, _in_care_a_year(ctx, ons), checks, "health:DENTAL", "check_date", "last_check"
    )
    return frame.select(
        "child_id",
        "last_check",
        (pl.col("last_check") > pl.col("date").dt.offset_by("-12mo")).fill_null(False).alias("num"),
        "date",
    )


@indicator(
    id="iha_in_time",
    title="Initial health assessments within 20 working days",
    kpq=9,
    numerator="children starting care whose initial health assessment was within the standard",
    denominator="periods of care starting in the period whose deadline has passed or with an assessment",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=80.0,
    tolerance=10.0,
    source=f"{REF} §1 [S]; setting iha_working_days",
    date_label="start date",
)
def iha(ctx):
    limit = ctx.standards.iha_working_days
    poc = periods_of_care(ctx).filter(~pl.col("short_breaks_only"))
    ihas = ctx["health_check"].filter(pl.col("kind") == "IHA").select("child_id", "check_date")
    return first_within(ctx, poc, "poc_start", ihas, "check_date", limit)


@indicator(
    id="pep_in_time",
    title="Personal education plans up to date",
    kpq=9,
    numerator="children of school age with a PEP within the setting (default 4 months, one a term)",
    denominator="children aged 5-15 looked after at the date",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="stock",
    as_at_dates=True,
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §1 [V]/[S] PEP each term; setting pep_months",
    date_label="as at",
)
def pep(ctx, ons):
    months = ctx.standards.pep_months
    frame = with_child(_cla_with(ctx, ons), ctx, "date_of_birth").with_columns(
        age_on(pl.col("date_of_birth"), pl.col("date")).alias("age")
    )
    frame = last_on_or_before(
        ctx, frame.filter(pl.col("age").is_between(5, 15)), ctx["pep"], "pep", "pep_date", "last_pep"
    )
    return frame.select(
        "child_id",
        "age",
        "last_pep",
        (pl.col("last_pep") > pl.col("date").dt.offset_by(f"-{months}mo")).fill_null(False).alias("num"),
        "date",
    )


def _reviews(ctx) -> pl.DataFrame:
    """Each review with its due date (CPR reg 33: 20 working days, then 3 months, then 6 months)."""

    def build():
        poc = periods_of_care(ctx).select("child_id", "poc_start", "poc_end")
        reviews = (
            ctx["cla_review"]
            .sort("review_date")
            .join_asof(
                poc.sort("poc_start"),
                left_on="review_date",
                right_on="poc_start",
                by="child_id",
                strategy="backward",
                check_sortedness=False,
            )
            .sort("child_id", "poc_start", "review_date")
        )
        reviews = reviews.with_columns(
            pl.col("review_date").shift(1).over("child_id", "poc_start").alias("previous_review"),
            pl.col("review_date").cum_count().over("child_id", "poc_start").alias("review_number"),
        )
        due = (
            pl.when(pl.col("review_number") == 1)
            .then(ctx.add_wd("poc_start", 20))
            .when(pl.col("review_number") == 2)
            .then(pl.col("previous_review").dt.offset_by("3mo"))
            .otherwise(pl.col("previous_review").dt.offset_by("6mo"))
        )
        return reviews.with_columns(due.alias("due_date"))

    return ctx.memo("cla_reviews", build)


@indicator(
    id="cla_reviews_in_time",
    title="Looked-after reviews in time",
    kpq=9,
    numerator="reviews held by their due date",
    denominator="reviews held in the period",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=95.0,
    tolerance=5.0,
    headline=True,
    source=f"{CPR} reg 33",
    date_label="review date",
)
def cla_reviews(ctx):
    return _reviews(ctx).select(
        "child_id",
        pl.col("review_date").alias("date"),
        "review_number",
        "previous_review",
        "due_date",
        (pl.col("review_date") <= pl.col("due_date")).fill_null(False).alias("num"),
    )


@indicator(
    id="cla_review_participation",
    title="Children participating in their reviews",
    kpq=9,
    numerator="reviews with the child's views conveyed (PN1-PN6)",
    denominator="reviews in the period of children 4 and over (not PN0)",
    unit="%",
    aggregate="percent",
    polarity="higher",
    kind="flow",
    target=90.0,
    tolerance=5.0,
    source=f"{REF} §5 SSDA903 REVIEW_CODE",
    date_label="review date",
)
def participation(ctx):
    return ctx["cla_review"].select(
        "child_id",
        pl.col("review_date").alias("date"),
        "review_code",
        pl.col("review_code").is_in(["PN1", "PN2", "PN3", "PN4", "PN5", "PN6"]).alias("num"),
        (pl.col("review_code") != "PN0").alias("den"),
    )


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

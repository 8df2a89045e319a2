"""Disproportionality: rates per 10,000 children of each group in the council's population.

For the stock and flow measures Data to Insight compares (children in need, on CP plans and
looked after at the period end; referrals and section 47 enquiries started in it, as yearly
rates), by ethnicity, sex or age band: each group's count, population, rate with its exact
Poisson interval, the rate ratio to White British children (exact conditional interval) and
to the council as a whole (the group's interval over the council's rate, the council taken
as the standard, as public health profiles compare areas with England).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from sightline.domain.codes import ETHNIC_GROUP, ETHNIC_GROUP_OF

from . import intervals
from .common import open_on_dates
from .engine import _months_in
from .groups import labels, with_groups
from .periods import Period

PER = 10_000.0
# (key, label, indicator id or None for children in need, kind)
MEASURES = [
    ("cin", "Children in need", None, "stock"),
    ("cp", "Children on child protection plans", "cpp_count", "stock"),
    ("cla", "Children looked after", "cla_count", "stock"),
    ("referrals", "Referrals", "referrals", "flow"),
    ("s47", "Section 47 enquiries", "s47_rate", "flow"),
]
BY = ("ethnicity", "sex", "age")
REFERENCE = "WBRI"
# White British apart from other White children, so every group has the reference to compare with.
ETHNIC_ROWS = [("WBRI", "White British"), ("WHITE", "Other White")] + [
    (k, label) for k, label in ETHNIC_GROUP if k not in ("WHITE", "UNKNOWN")
]


def _ethnic_row(code: str) -> str:
    return code if code == REFERENCE else ETHNIC_GROUP_OF.get(code, "UNKNOWN")


def cin_on(inequality, on) -> pl.DataFrame:
    """Children in need on a date as the DfE counts them: a CIN episode open that day (one row each)."""
    ctx = inequality.engine.ctx
    open_ = open_on_dates(ctx, "referral", "cin_referral_date", "cin_closure_date", (on,))
    return (
        open_.select("child_id")
        .unique()
        .with_columns(pl.lit(on).alias("date"), pl.lit(True).alias("num"), pl.lit(True).alias("den"))
    )


def _facts(inequality, indicator_id: str | None, period: Period) -> pl.DataFrame:
    if indicator_id is None:
        facts = cin_on(inequality, period.end)
    else:
        facts = inequality.engine.facts(indicator_id, period).filter(pl.col("num") & pl.col("den"))
    return with_groups(facts.select("child_id", "date"), inequality._attributes)


def _counts(facts: pl.DataFrame, population, by: str) -> tuple[dict, dict, list[tuple[str, str]]]:
    """Counts and population per row of the table."""
    if by == "ethnicity":
        counted = facts.group_by("_ethnicity_minor").len().iter_rows()
        counts: dict[str, int] = {}
        for code, n in counted:
            counts[_ethnic_row(code)] = counts.get(_ethnic_row(code), 0) + n
        pops: dict[str, int] = {}
        for code, n in (population.groups("ethnicity_minor") or {}).items():
            pops[_ethnic_row(code)] = pops.get(_ethnic_row(code), 0) + n
        return counts, pops, ETHNIC_ROWS
    counts = dict(facts.group_by(f"_{by}").len().iter_rows())
    return counts, population.groups(by) or {}, [(k, v) for k, v in labels(by).items() if k != "UNBORN"]


def disproportionality(inequality, period: Period, by: str = "ethnicity") -> list[dict]:
    """One row per measure and group, with rates, intervals and ratios; [] without a population table."""
    if by not in BY:
        raise ValueError(f"Disproportionality is by {', '.join(BY)}, not {by!r}.")
    population = inequality.population
    if not population:
        return []
    rows = []
    for key, label, indicator_id, kind in MEASURES:
        facts = _facts(inequality, indicator_id, period)
        counts, pops, groups = _counts(facts, population, by)
        scale = PER * (12 / _months_in(period) if kind == "flow" else 1.0)
        rows += _measure_rows(key, label, kind, counts, pops, groups, scale, by)
    return rows


def _measure_rows(key, label, kind, counts, pops, groups, scale, by) -> list[dict]:
    shown = [(k, g) for k, g in groups if pops.get(k)]
    n = np.array([counts.get(k, 0) for k, _ in shown], dtype=float)
    e = np.array([pops[k] for k, _ in shown], dtype=float)
    total_n, total_e = float(sum(counts.get(k, 0) for k in pops)), float(sum(pops.values()))
    council = np.float64(total_n / total_e * scale if total_e else np.nan)
    low, high = intervals.poisson(n)
    ref_n, ref_e = (counts.get(REFERENCE, 0), pops.get(REFERENCE, 0)) if by == "ethnicity" else (0, 0)
    ratio, ratio_low, ratio_high = intervals.rate_ratio(n, e, np.full_like(n, ref_n), np.full_like(n, ref_e))
    p = intervals.rates_test(n, e, total_n - n, total_e - e)
    with np.errstate(divide="ignore", invalid="ignore"):
        return [
            _row(
                key,
                label,
                kind,
                k,
                group,
                n[i],
                e[i],
                low[i],
                high[i],
                council,
                scale,
                (ratio[i], ratio_low[i], ratio_high[i]) if by == "ethnicity" else None,
                p[i],
            )
            for i, (k, group) in enumerate(shown)
        ]


def _row(key, label, kind, k, group, n, e, low, high, council, scale, to_reference, p) -> dict:
    rate = n / e * scale
    ratio, ratio_low, ratio_high = to_reference or (np.nan, np.nan, np.nan)
    return {
        "measure": key,
        "measure_label": label,
        "kind": kind,
        "key": k,
        "group": group,
        "count": int(n),
        "population": int(e),
        "rate": _round(rate),
        "ci_low": _round(low / e * scale),
        "ci_high": _round(high / e * scale),
        "council_rate": _round(council),
        "ratio_to_white_british": _round(ratio, 2),
        "ratio_to_white_british_low": _round(ratio_low, 2),
        "ratio_to_white_british_high": _round(ratio_high, 2),
        "ratio_to_council": _round(rate / council, 2),
        "ratio_to_council_low": _round(low / e * scale / council, 2),
        "ratio_to_council_high": _round(high / e * scale / council, 2),
        "differs": intervals.significant(p),
    }


def _round(value, places: int = 1) -> float | None:
    value = float(value)
    return None if np.isnan(value) or np.isinf(value) else round(value, places)

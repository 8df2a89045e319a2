"""Headline counts of a generated council at its reference date, for calibration checks."""

from __future__ import annotations

from collections import Counter
from datetime import date

from .dataset import Dataset


def _open_on(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


def summarise(data: Dataset, day: date | None = None) -> dict[str, float]:
    day = day or data.meta["reference_date"]
    cin = {
        r["child_id"]
        for r in data.rows("records.CINEpisode")
        if _open_on(r["cin_referral_date"], r["cin_closure_date"], day) and not r["referral_nfa"]
    }
    cp = {
        r["child_id"]
        for r in data.rows("records.CPPlan")
        if _open_on(r["cpp_start_date"], r["cpp_end_date"], day)
    }
    cla = {
        r["child_id"] for r in data.rows("records.LookedAfterEpisode") if _open_on(r["decom"], r["dec"], day)
    }
    year_start = date(day.year - 1, day.month, day.day)
    months = Counter(
        (r["contact_date"].year, r["contact_date"].month)
        for r in data.rows("records.Contact")
        if year_start < r["contact_date"] <= day
    )
    referrals = [r for r in data.rows("records.CINEpisode") if year_start < r["cin_referral_date"] <= day]
    population = data.meta["population"]
    return {
        "population": population,
        "children_in_need": len(cin),
        "cp_plans": len(cp),
        "cp_rate_per_10k": round(len(cp) / population * 10_000, 1),
        "looked_after": len(cla),
        "cla_rate_per_10k": round(len(cla) / population * 10_000, 1),
        "contacts_min_month": min(months.values(), default=0),
        "contacts_max_month": max(months.values(), default=0),
        "referrals_last_year": len(referrals),
    }

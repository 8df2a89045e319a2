"""Each group's figure, interval and test, by the indicator's kind of aggregate (for `inequality`).

Counts come from the place's cells (one grouped pass over the facts by every breakdown's
group at once), summed per group of the breakdown asked for; medians and means from the
values themselves, ranked once for the Mann-Whitney test.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import polars as pl

from . import intervals


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    numerator: float | None
    denominator: float | None
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    differs: bool | None = None
    p_value: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def number(value) -> float | None:
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 1)


def probability(p) -> float | None:
    return None if math.isnan(float(p)) else float(p)


def sums(
    cells: dict[str, tuple], names: dict[str, str]
) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """The groups with any facts, in the breakdown's order, with their numerators and denominators."""
    present = [(k, label) for k, label in names.items() if k in cells]
    n = np.array([cells[k][0] for k, _ in present], dtype=float)
    d = np.array([cells[k][1] for k, _ in present], dtype=float)
    return present, n, d


def percent(cells: dict, names: dict[str, str]) -> list[Group]:
    present, n, d = sums(cells, names)
    low, high = intervals.wilson(n, d)
    p = intervals.fisher(n, d, n.sum() - n, d.sum() - d)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100 * n / d
    return [
        Group(
            k,
            label,
            int(n[i]),
            int(d[i]),
            number(value[i]),
            number(100 * low[i]),
            number(100 * high[i]),
            intervals.significant(p[i]),
            probability(p[i]),
        )
        for i, (k, label) in enumerate(present)
    ]


def counts(cells: dict, names: dict[str, str], pops: dict | None, scale: float, *, rate: bool) -> list[Group]:
    """Counts, and rates per 10,000 of each group's population where it is known."""
    present, n, _d = sums(cells, names)
    if pops:  # groups in the population with nobody counted are groups too
        counted = dict(zip([k for k, _ in present], n, strict=True))
        present = [(k, label) for k, label in names.items() if k in counted or pops.get(k)]
        n = np.array([counted.get(k, 0.0) for k, _ in present])
    pop = np.array([float(pops.get(k, 0)) if pops else 0.0 for k, _ in present])
    low, high = intervals.poisson(n)
    p = intervals.rates_test(n, pop, n.sum() - n, pop.sum() - pop)
    per_head = np.where(pop > 0, scale / np.where(pop > 0, pop, 1), np.nan)
    factor = per_head if (rate or pops) else np.ones_like(n)
    return [
        Group(
            k,
            label,
            int(n[i]),
            int(pop[i]) if pops else None,
            number(n[i] * factor[i]),
            number(low[i] * factor[i]),
            number(high[i] * factor[i]),
            intervals.significant(p[i]),
            probability(p[i]),
        )
        for i, (k, label) in enumerate(present)
    ]


def ratio(cells: dict, names: dict[str, str], scale: float) -> list[Group]:
    return [
        Group(
            k,
            label,
            float(cells[k][2]),
            float(cells[k][3]),
            round(scale * cells[k][2] / cells[k][3], 1) if cells[k][3] else None,
        )
        for k, label in names.items()
        if k in cells
    ]


def yoy(now: dict, before: dict, names: dict[str, str]) -> list[Group]:
    groups = []
    for key, label in names.items():
        if key not in now and key not in before:
            continue
        n, b = now.get(key, (0,))[0], before.get(key, (0,))[0]
        groups.append(Group(key, label, int(n), int(b), round(100.0 * (n - b) / b, 1) if b else None))
    return groups


def ranked(frame: pl.DataFrame) -> tuple[pl.DataFrame, float]:
    """The values counted (in the denominator, not null) with their ranks, and the ties' term."""
    kept = frame.filter(pl.col("den") & pl.col("value").is_not_null())
    kept = kept.with_columns(pl.col("value").rank("average").alias("_rank"))
    runs = kept.group_by("value").len()["len"].cast(pl.Float64)
    return kept, float((runs**3 - runs).sum() or 0.0)


def samples(
    kept: pl.DataFrame, tie_term: float, by: str, names: dict[str, str], *, median: bool
) -> list[Group]:
    stats_ = kept.group_by(f"_{by}").agg(
        pl.len().alias("n"),
        pl.col("value").sum().alias("s"),
        (pl.col("value") ** 2).sum().alias("ss"),
        pl.col("value").median().alias("median"),
        pl.col("_rank").sum().alias("ranks"),
        pl.col("value").sort().alias("values"),
    )
    found = {row[0]: row[1:] for row in stats_.iter_rows()}
    present = [(k, label) for k, label in names.items() if k in found]
    n, s, ss, med, ranks = (np.array([found[k][i] for k, _ in present], dtype=float) for i in range(5))
    total, total_s, total_ss = (
        kept.height,
        float(kept["value"].sum() or 0.0),
        float((kept["value"] ** 2).sum() or 0.0),
    )
    mean, sd = _mean_sd(n, s, ss)
    if median:
        p = intervals.mann_whitney(ranks, n, total, tie_term)
        cis = [intervals.median_interval(found[k][5]) or (math.nan, math.nan) for k, _ in present]
        low, high = np.array([c[0] for c in cis]), np.array([c[1] for c in cis])
    else:
        rest_mean, rest_sd = _mean_sd(total - n, total_s - s, total_ss - ss)
        p = intervals.welch(mean, sd, n, rest_mean, rest_sd, total - n)
        low, high = intervals.t_interval(mean, sd, n)
    value = med if median else mean
    return [
        Group(
            k,
            label,
            None,
            int(n[i]),
            number(value[i]),
            number(low[i]),
            number(high[i]),
            intervals.significant(p[i]),
            probability(p[i]),
        )
        for i, (k, label) in enumerate(present)
    ]


def _mean_sd(n: np.ndarray, s: np.ndarray, ss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s / n
        var = np.maximum(ss - n * mean**2, 0) / (n - 1)
    return mean, np.sqrt(np.where(n >= 2, var, np.nan))

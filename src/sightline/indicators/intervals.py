"""95% confidence intervals and tests of difference, vectorised over the groups of a breakdown.

Built on scipy's distributions rather than hand-written maths, and tested against scipy's own
one-at-a-time functions (`binomtest`, `fisher_exact`) and published worked examples:

- a proportion: Wilson's score interval; the group against the rest of the children by
  Fisher's exact test (two-sided, as twice the smaller tail of the hypergeometric);
- a count or a rate: the exact (Garwood) Poisson interval from the chi-squared distribution;
  two rates by the exact conditional test (given both counts, the group's count is binomial
  with the share of the exposure), whose Clopper-Pearson interval gives the rate ratio's;
- a median: the distribution-free interval from the binomial order statistics, and the
  Mann-Whitney U test (normal approximation); a mean: Student's t interval, Welch's t-test.

Arrays in, arrays out; NaN where a figure has no interval (nothing counted, no exposure).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

LEVEL = 0.95
ALPHA = 1 - LEVEL
Z = float(stats.norm.ppf(1 - ALPHA / 2))


def _arrays(*values) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


def wilson(numerator, denominator) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for numerator/denominator, as proportions (0-1)."""
    n, d = _arrays(numerator, denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = n / d
        centre = (p + Z**2 / (2 * d)) / (1 + Z**2 / d)
        half = Z / (1 + Z**2 / d) * np.sqrt(p * (1 - p) / d + Z**2 / (4 * d**2))
    low, high = centre - half, centre + half
    return np.where(d > 0, np.clip(low, 0, 1), np.nan), np.where(d > 0, np.clip(high, 0, 1), np.nan)


def poisson(count) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for Poisson counts."""
    (k,) = _arrays(count)
    low = np.where(k > 0, stats.chi2.ppf(ALPHA / 2, 2 * np.maximum(k, 1)) / 2, 0.0)
    high = stats.chi2.ppf(1 - ALPHA / 2, 2 * k + 2) / 2
    return low, high


def _two_sided(lower_tail: np.ndarray, upper_tail: np.ndarray) -> np.ndarray:
    return np.minimum(1.0, 2 * np.minimum(lower_tail, upper_tail))


def fisher(n1, d1, n2, d2) -> np.ndarray:
    """Two-sided p of Fisher's exact test of n1/d1 against n2/d2 (twice the smaller tail)."""
    a, r1, b, r2 = _arrays(n1, d1, n2, d2)
    total, successes = r1 + r2, a + b
    with np.errstate(invalid="ignore"):
        lower = stats.hypergeom.cdf(a, total, successes, r1)
        upper = stats.hypergeom.sf(a - 1, total, successes, r1)
    return np.where((r1 > 0) & (r2 > 0), _two_sided(lower, upper), np.nan)


def rates_test(n1, e1, n2, e2) -> np.ndarray:
    """Two-sided p of the exact conditional test of the rates n1/e1 and n2/e2."""
    a, x, b, y = _arrays(n1, e1, n2, e2)
    total = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        share = x / (x + y)
        lower = stats.binom.cdf(a, total, share)
        upper = stats.binom.sf(a - 1, total, share)
    return np.where((x > 0) & (y > 0) & (total > 0), _two_sided(lower, upper), np.nan)


def clopper_pearson(successes, trials) -> tuple[np.ndarray, np.ndarray]:
    """The exact binomial interval, as proportions."""
    k, n = _arrays(successes, trials)
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, stats.beta.ppf(ALPHA / 2, np.maximum(k, 1e-9), n - k + 1), 0.0)
        high = np.where(k < n, stats.beta.ppf(1 - ALPHA / 2, k + 1, np.maximum(n - k, 1e-9)), 1.0)
    return low, high


def rate_ratio(n1, e1, n2, e2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ratio of the rates n1/e1 to n2/e2 with its exact conditional interval."""
    a, x, b, y = _arrays(n1, e1, n2, e2)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = (a / x) / (b / y)
        low, high = clopper_pearson(a, a + b)
        scale = y / x
        low_ratio = low / (1 - low) * scale
        high_ratio = np.where(high >= 1, np.inf, high / (1 - high) * scale)
    ok = (x > 0) & (y > 0) & (b > 0)
    return np.where(ok, ratio, np.nan), np.where(ok, low_ratio, np.nan), np.where(ok, high_ratio, np.nan)


def median_interval(values: list[float]) -> tuple[float, float] | None:
    """Distribution-free interval for a median from the binomial order statistics."""
    n = len(values)
    if n == 0:
        return None
    ordered = sorted(values)
    low = int(stats.binom.ppf(ALPHA / 2, n, 0.5))
    return float(ordered[max(low - 1, 0)]), float(ordered[min(n - low, n - 1)])


def mann_whitney(rank_sum, n1, total: int, tie_term: float) -> np.ndarray:
    """Two-sided p of Mann-Whitney U (normal approximation with the tie and continuity corrections,
    scipy's `method="asymptotic"`) for groups of n1 values whose ranks in all `total` values sum to
    rank_sum, against the rest; `tie_term` is the sum of t**3 - t over the runs of tied values."""
    r, a = _arrays(rank_sum, n1)
    total = np.float64(total)  # a single child in all leaves no test: nan, not ZeroDivisionError
    b = total - a
    u = r - a * (a + 1) / 2
    u = np.maximum(u, a * b - u)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(a * b / 12 * ((total + 1) - tie_term / (total * (total - 1))))
        z = (u - a * b / 2 - 0.5) / sigma
    return np.where((a > 0) & (b > 0) & (sigma > 0), np.minimum(1.0, 2 * stats.norm.sf(z)), np.nan)


def welch(mean1, sd1, n1, mean2, sd2, n2) -> np.ndarray:
    """Two-sided p of Welch's t-test from each side's mean, standard deviation and size."""
    m1, s1, a, m2, s2, b = _arrays(mean1, sd1, n1, mean2, sd2, n2)
    ok = (a >= 2) & (b >= 2) & ((s1 > 0) | (s2 > 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = stats.ttest_ind_from_stats(m1, s1, a, m2, s2, b, equal_var=False).pvalue
    return np.where(ok, p, np.nan)


def t_interval(mean, sd, n) -> tuple[np.ndarray, np.ndarray]:
    """Student's t interval for means."""
    m, s, k = _arrays(mean, sd, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(1 - ALPHA / 2, np.maximum(k - 1, 1)) * s / np.sqrt(k)
    return np.where(k >= 2, m - half, np.nan), np.where(k >= 2, m + half, np.nan)


def significant(p) -> bool | None:
    """p < 0.05, or None where there was no test."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return None
    return bool(p < ALPHA)

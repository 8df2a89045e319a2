"""Intervals and tests against scipy's one-at-a-time functions and published worked examples."""

import numpy as np
import pytest
from scipy import stats

from sightline.indicators import intervals


@pytest.mark.parametrize(("k", "n"), [(0, 10), (1, 10), (5, 10), (10, 10), (81, 263), (3, 1000), (450, 500)])
def test_wilson_matches_scipy(k, n):
    expected = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
    low, high = intervals.wilson([k], [n])
    assert low[0] == pytest.approx(expected.low, abs=1e-9)
    assert high[0] == pytest.approx(expected.high, abs=1e-9)


def test_wilson_matches_newcombes_published_example():
    # Newcombe (1998), Statistics in Medicine 17:857, example (a): 81/263 -> 0.2553 to 0.3662.
    low, high = intervals.wilson([81], [263])
    assert (round(low[0], 4), round(high[0], 4)) == (0.2553, 0.3662)


def test_wilson_with_nothing_counted_has_no_interval():
    low, high = intervals.wilson([0], [0])
    assert np.isnan(low[0]) and np.isnan(high[0])


@pytest.mark.parametrize(
    ("count", "low", "high"),
    # Exact Poisson limits as tabulated (e.g. the PHE/APHO technical guide's table): 0, 1, 10 events.
    [(0, 0.0, 3.689), (1, 0.0253, 5.572), (10, 4.795, 18.39)],
)
def test_poisson_matches_published_limits(count, low, high):
    got_low, got_high = intervals.poisson([count])
    assert got_low[0] == pytest.approx(low, abs=5e-4)
    assert got_high[0] == pytest.approx(high, rel=5e-4)


@pytest.mark.parametrize("table", [(3, 10, 9, 12), (40, 50, 120, 150), (0, 7, 5, 9), (12, 12, 30, 60)])
def test_fisher_is_twice_the_smaller_tail_of_scipys_test(table):
    n1, d1, n2, d2 = table
    cells = [[n1, d1 - n1], [n2, d2 - n2]]
    less = stats.fisher_exact(cells, alternative="less").pvalue
    greater = stats.fisher_exact(cells, alternative="greater").pvalue
    assert intervals.fisher([n1], [d1], [n2], [d2])[0] == pytest.approx(min(1.0, 2 * min(less, greater)))


def test_rates_test_and_ratio_follow_the_binomial_given_both_counts():
    # 30 events in 2,000 children against 60 in 10,000: rate ratio 2.5.
    p = intervals.rates_test([30], [2000], [60], [10_000])[0]
    share = 2000 / 12_000
    less = stats.binomtest(30, 90, share, alternative="less").pvalue
    greater = stats.binomtest(30, 90, share, alternative="greater").pvalue
    assert p == pytest.approx(min(1.0, 2 * min(less, greater)))
    ratio, low, high = (a[0] for a in intervals.rate_ratio([30], [2000], [60], [10_000]))
    exact = stats.binomtest(30, 90).proportion_ci(0.95, method="exact")
    assert ratio == pytest.approx(2.5)
    assert low == pytest.approx(exact.low / (1 - exact.low) * 5)
    assert high == pytest.approx(exact.high / (1 - exact.high) * 5)
    assert low < 2.5 < high


def test_median_interval_uses_the_published_ranks():
    # Campbell and Gardner (Statistics with Confidence): n = 100 -> the 40th and 61st values.
    assert intervals.median_interval(list(range(1, 101))) == (40.0, 61.0)


def test_t_interval_matches_scipys():
    values = [3.0, 7.0, 8.0, 12.0, 20.0]
    expected = stats.t.interval(0.95, 4, loc=np.mean(values), scale=stats.sem(values))
    low, high = intervals.t_interval([np.mean(values)], [np.std(values, ddof=1)], [5])
    assert (low[0], high[0]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([1.0, 2.0, 3.0, 4.0, 5.0], [4.0, 6.0, 8.0, 9.0, 11.0, 12.0]),
        ([5.0, 5.0, 7.0, 9.0, 9.0, 9.0, 30.0, 2.0], [5.0, 6.0, 6.0, 9.0, 10.0, 12.0, 12.0, 40.0, 41.0]),
    ],
)
def test_mann_whitney_from_ranks_matches_scipys_asymptotic_test(a, b):
    values = np.array(a + b)
    ranks = stats.rankdata(values)
    _, runs = np.unique(values, return_counts=True)
    p = intervals.mann_whitney([ranks[: len(a)].sum()], [len(a)], len(values), float((runs**3 - runs).sum()))
    assert p[0] == pytest.approx(
        stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic").pvalue
    )


def test_welch_matches_scipys_t_test():
    a, b = [1.0, 2.0, 3.0, 4.0, 5.0], [4.0, 6.0, 8.0, 9.0, 11.0, 12.0]
    p = intervals.welch([np.mean(a)], [np.std(a, ddof=1)], [5], [np.mean(b)], [np.std(b, ddof=1)], [6])
    assert p[0] == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue)


@pytest.mark.parametrize("total", [0, 1])
def test_mann_whitney_with_one_child_or_none_gives_no_test_rather_than_failing(total):
    # A service whose breakdown holds a single child (or none) at a small council's month.
    p = intervals.mann_whitney([float(total)], [total], total, 0.0)
    assert np.isnan(p).all()

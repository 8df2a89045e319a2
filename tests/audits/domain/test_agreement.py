"""Agreement statistics against hand-computed values and against the libraries on random data."""

import random
import warnings

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from sightline.audits.domain.agreement import (
    Pair,
    agreement,
    by_pair,
    krippendorff_alpha,
    over_optimism,
    weighted_kappa,
)


def test_weighted_kappa_by_hand():
    # O: (1,1) (1,2) (2,2) (2,2); weights (i-j)^2/9; observed weighted disagreement 1/9,
    # expected from the margins (2,2) x (1,3): (1.5 + 0.5)/9 = 2/9, so kappa = 1 - 1/2.
    assert weighted_kappa([1, 1, 2, 2], [1, 2, 2, 2]) == pytest.approx(0.5)
    assert weighted_kappa([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)


def test_weighted_kappa_is_undefined_with_nothing_to_disagree_about():
    assert weighted_kappa([3, 3, 3], [3, 3, 3]) is None
    assert weighted_kappa([3], [2]) is None


def test_alpha_by_hand():
    # Units (1,1), (2,2), (1,2): n1 = n2 = 3, n = 6; ordinal delta^2(1,2) = (3 + 3 - 3)^2 = 9;
    # alpha = 1 - (n - 1) * (o12 + o21) * 9 / (2 * n1 * n2 * 9) = 1 - 5 * 2 / 18 = 4/9.
    assert krippendorff_alpha([[1, 2, 1], [1, 2, 2]]) == pytest.approx(4 / 9)


def test_alpha_is_undefined_without_pairable_or_varied_grades():
    assert krippendorff_alpha([[1, None], [None, 2]]) is None
    assert krippendorff_alpha([[3, 3], [3, 3]]) is None


@pytest.mark.parametrize("seed", range(20))
def test_kappa_matches_scikit_learn_on_random_grades(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 60)
    first = [rng.randint(1, 4) for _ in range(n)]
    second = [min(4, max(1, g + rng.choice([-1, 0, 0, 1]))) for g in first]
    expected = cohen_kappa_score(first, second, labels=[1, 2, 3, 4], weights="quadratic")
    assert weighted_kappa(first, second) == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(30))
def test_kappa_matches_scikit_learn_where_graders_barely_vary(seed):
    """Few audits and few grades used, where the chance agreement can vanish (undefined: None
    here, NaN from the library)."""
    rng = random.Random(1000 + seed)
    n = rng.randint(2, 6)
    first = [rng.choice([3, 3, 3, 2]) for _ in range(n)]
    second = [rng.choice([3, 3, 4]) for _ in range(n)]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = cohen_kappa_score(first, second, labels=[1, 2, 3, 4], weights="quadratic")
    found = weighted_kappa(first, second)
    assert (found is None) if np.isnan(expected) else found == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(20))
def test_alpha_matches_the_krippendorff_package_on_random_grades_with_gaps(seed):
    rng = random.Random(seed)
    raters, units = rng.randint(2, 6), rng.randint(3, 12)
    truth = [rng.randint(1, 4) for _ in range(units)]
    ratings = [
        [None if rng.random() < 0.2 else min(4, max(1, t + rng.choice([-1, 0, 0, 1]))) for t in truth]
        for _ in range(raters)
    ]
    data = np.array([[np.nan if g is None else g for g in row] for row in ratings], dtype=float)
    expected = krippendorff.alpha(
        reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4]
    )
    got = krippendorff_alpha(ratings)
    if np.isnan(expected):
        assert got is None
    else:
        assert got == pytest.approx(expected)


def test_agreement_counts_moves_and_over_optimism():
    pairs = [
        Pair("Ann", 3, 2, "Mo"),
        Pair("Ann", 4, 3, "Mo"),
        Pair("Ann", 3, 3, "Mo"),
        Pair("Bob", 2, 3, "Mo"),
        Pair("Bob", 2, 2, "Mo"),
    ]
    result = agreement(pairs)
    assert (result.n, result.exact, result.moved_down, result.moved_up) == (5, 2, 2, 1)
    assert result.exact_pct == 40.0
    optimism = over_optimism(pairs)
    assert [(o.auditor, o.n, o.mean_difference) for o in optimism] == [("Ann", 3, 0.67), ("Bob", 2, -0.5)]
    assert set(by_pair(pairs)) == {("Ann", "Mo"), ("Bob", "Mo")}

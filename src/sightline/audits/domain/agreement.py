"""How far moderators agree with auditors, and auditors with each other.

Two raters on an ordinal scale: quadratic-weighted Cohen's kappa (as scikit-learn's
`cohen_kappa_score` computes it, tested against it); any number of raters with gaps
(calibration sessions, where every auditor grades the same cases): Krippendorff's ordinal
alpha (the `krippendorff` package).
Both are undefined when there is nothing to disagree about (every grade the same); they are
then None, and pages say so rather than showing a number.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .grades import GRADE_ORDER

SCALE = sorted(GRADE_ORDER)  # 1..4


@dataclass(frozen=True)
class Pair:
    """One moderated audit (or section): who graded it, their grade and the moderator's."""

    auditor: str
    auditor_grade: int
    moderator_grade: int
    moderator: str = ""


@dataclass(frozen=True)
class Agreement:
    n: int
    exact: int
    moved_down: int  # the moderator graded worse than the auditor
    moved_up: int
    kappa: float | None

    @property
    def exact_pct(self) -> float | None:
        return round(100 * self.exact / self.n, 1) if self.n else None


def weighted_kappa(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Quadratic-weighted Cohen's kappa on the four grades; None when undefined.

    scikit-learn's `cohen_kappa_score(labels=[1, 2, 3, 4], weights="quadratic")`, computed
    directly: the agreement page asks for one per quarter, pair and section, and the library's
    input checks cost milliseconds a call (3.5 ms against 0.05 ms). Tested against the library
    on random grades (tests/audits/domain/test_agreement.py)."""
    if len(first) != len(second):
        raise ValueError("Both raters must grade the same audits")
    if len(first) < 2:
        return None
    import numpy as np

    size = len(SCALE)
    observed = np.zeros((size, size))
    np.add.at(observed, (np.asarray(first) - SCALE[0], np.asarray(second) - SCALE[0]), 1)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    steps = np.arange(size)
    weights = (steps[:, None] - steps[None, :]) ** 2
    chance = float((weights * expected).sum())
    if chance == 0:
        return None
    return 1 - float((weights * observed).sum()) / chance


def krippendorff_alpha(ratings: Sequence[Sequence[int | None]]) -> float | None:
    """Ordinal alpha for raters (rows) grading units (columns), None where a rater gave no grade."""
    pairable = sum(1 for unit in zip(*ratings, strict=True) if sum(g is not None for g in unit) >= 2)
    if len(ratings) < 2 or pairable == 0:
        return None
    import krippendorff
    import numpy as np

    data = np.array([[np.nan if g is None else float(g) for g in row] for row in ratings])
    if len(set(data[~np.isnan(data)].tolist())) < 2:
        return None
    with _quiet():
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=SCALE)
    return None if math.isnan(value) else float(value)


def agreement(pairs: Iterable[Pair]) -> Agreement:
    pairs = list(pairs)
    return Agreement(
        n=len(pairs),
        exact=sum(p.auditor_grade == p.moderator_grade for p in pairs),
        moved_down=sum(p.moderator_grade < p.auditor_grade for p in pairs),
        moved_up=sum(p.moderator_grade > p.auditor_grade for p in pairs),
        kappa=weighted_kappa([p.auditor_grade for p in pairs], [p.moderator_grade for p in pairs]),
    )


def by_pair(pairs: Iterable[Pair]) -> dict[tuple[str, str], Agreement]:
    """Agreement for each auditor-moderator pair."""
    groups: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p in pairs:
        groups[(p.auditor, p.moderator)].append(p)
    return {key: agreement(group) for key, group in sorted(groups.items())}


@dataclass(frozen=True)
class Optimism:
    auditor: str
    n: int
    mean_difference: float  # auditor grade minus moderator grade: above 0 is over-optimistic


def over_optimism(pairs: Iterable[Pair]) -> list[Optimism]:
    """Per auditor, most optimistic first."""
    groups: dict[str, list[int]] = defaultdict(list)
    for p in pairs:
        groups[p.auditor].append(p.auditor_grade - p.moderator_grade)
    rows = [Optimism(a, len(d), round(sum(d) / len(d), 2)) for a, d in groups.items()]
    return sorted(rows, key=lambda r: (-r.mean_difference, r.auditor))


@contextmanager
def _quiet():
    """Silence the libraries' warnings for degenerate inputs (we return None for those)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield

"""The factors identified at the end of an assessment (CIN census), drawn at England's shares.

Each kind of concern is drawn on its own, at the share of children in need England records it
for (DfE, Characteristics of children in need 2016: benchmarks.csv cin_factor_*), so the KPQ6
factor indicators sit near England's: domestic abuse about half, mental health about a third,
exploitation a few per cent. Concerns about the child's own conduct (exploitation, going
missing, self-harm, gangs) are drawn only for children of 10 or over, at a share raised so
that the council-wide share stays England's. An assessment with no concern drawn records 20
(other): 21 (no factors identified) belongs to an assessment that closes the case (CIN rule
8873Q), which is not known when the factors are drawn. The draws come from their own
generator, so the journeys' random stream does not depend on how many factors are drawn.
"""

from __future__ import annotations

import random

# (share of assessments, {code: weight}) for concerns about anyone in the household. Shares with a
# published England figure (2015-16) are that figure; the rest (sexual abuse, CCE, trafficking,
# disability, behaviour, other) are ours, small, and not benchmarked.
HOUSEHOLD = (
    (0.496, {"3B": 85, "3C": 10, "3A": 5}),  # domestic abuse (cin_factor_domestic_abuse)
    (0.366, {"4B": 70, "4A": 25, "4C": 5}),  # mental health (cin_factor_mental_health)
    (0.184, {"1B": 80, "1C": 12, "1A": 8}),  # alcohol misuse (cin_factor_alcohol)
    (0.193, {"2B": 78, "2C": 12, "2A": 10}),  # drug misuse (cin_factor_drugs)
    (0.193, {"17A": 1}),  # emotional abuse (cin_factor_emotional_abuse)
    (0.175, {"16A": 1}),  # neglect (cin_factor_neglect)
    (0.140, {"18B": 85, "18C": 15}),  # physical abuse (cin_factor_physical_abuse)
    (0.050, {"19B": 60, "19C": 40}),  # sexual abuse
    (0.050, {"5B": 70, "5A": 30}),  # learning disability
    (0.050, {"6B": 70, "6A": 30}),  # physical disability or illness
    (0.150, {"20": 1}),  # other
)
# Concerns about the child's own conduct or safety outside the home, drawn from 10 years old.
OLDER_CHILD = (
    (0.043, {"15A": 1}),  # self-harm (cin_factor_self_harm)
    (0.039, {"11A": 1}),  # child sexual exploitation (cin_factor_cse)
    (0.027, {"10A": 1}),  # going missing (cin_factor_missing)
    (0.012, {"13A": 1}),  # gangs (cin_factor_gangs)
    (0.030, {"24A": 1}),  # child criminal exploitation (collected from 2018-19)
    (0.003, {"12A": 1}),  # trafficking
    (0.040, {"14A": 1}),  # socially unacceptable behaviour
)
OLDER_FROM = 10
# About this share of assessed children are 10 or over; the older-child shares are divided by it.
OLDER_SHARE_OF_ASSESSMENTS = 0.45
OTHER = "20"


def factor_rng(seed: int) -> random.Random:
    return random.Random(f"factors-{seed}")


def assessment_factors(rng: random.Random, age: int | None) -> list[str]:
    """The codes for one assessment of a child of `age` (None before birth), sorted."""
    drawn = [_code(rng, weights) for share, weights in HOUSEHOLD if rng.random() < share]
    older = age is not None and age >= OLDER_FROM
    for share, weights in OLDER_CHILD:
        if rng.random() < share / OLDER_SHARE_OF_ASSESSMENTS and older:
            drawn.append(_code(rng, weights))
    return sorted(set(drawn)) or [OTHER]


def _code(rng: random.Random, weights: dict[str, int]) -> str:
    if len(weights) == 1:
        return next(iter(weights))
    return rng.choices(list(weights), weights=list(weights.values()))[0]

"""The generator's weighted picks: the shares asked for, one draw each, the same for the same seed."""

from __future__ import annotations

import random
from collections import Counter

from sightline.generator.state import pick_share

SHARES = [("internal", 0.6), ("external", 0.3), ("other", 0.1)]


def test_a_pick_follows_its_shares_with_one_draw_each():
    rng = random.Random(7)
    picks = Counter(pick_share(rng, SHARES) for _ in range(20_000))
    assert abs(picks["internal"] / 20_000 - 0.6) < 0.02
    assert abs(picks["external"] / 20_000 - 0.3) < 0.02
    assert abs(picks["other"] / 20_000 - 0.1) < 0.01
    # One draw a pick: the generator's later draws do not move when a pick is added or removed.
    a, b = random.Random(3), random.Random(3)
    pick_share(a, SHARES)
    b.random()
    assert a.random() == b.random()


def test_shares_short_of_one_leave_the_rest_to_the_last_value():
    rng = random.Random(1)
    assert {pick_share(rng, [("a", 0.0), ("b", 0.0)]) for _ in range(50)} == {"b"}

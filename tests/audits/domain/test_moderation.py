import math

import pytest

from sightline.audits.domain.moderation import choose_for_moderation


def test_every_inadequate_and_outstanding_plus_a_share_of_the_rest():
    audits = [(i, [1, 2, 3, 3, 2, 4, 3, 2, 3, 2][i % 10]) for i in range(100)]
    chosen = choose_for_moderation(audits, seed=1)
    extremes = {i for i, g in audits if g in {1, 4}}
    assert extremes <= chosen
    assert len(chosen - extremes) == math.ceil(0.2 * (100 - len(extremes)))
    assert chosen == choose_for_moderation(audits, seed=1)
    assert chosen != choose_for_moderation(audits, seed=2)
    assert len(choose_for_moderation(audits, seed=1, share=0.5) - extremes) == 40


def test_the_share_is_checked():
    with pytest.raises(ValueError):
        choose_for_moderation([(1, 3)], seed=1, share=1.5)

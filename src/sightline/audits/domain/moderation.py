"""Which finished audits a moderator re-grades: a share at random (default 20%) plus every
audit graded Inadequate or Outstanding, the grades where a wrong call matters most."""

from __future__ import annotations

import math
import random

from .grades import INADEQUATE, OUTSTANDING

DEFAULT_SHARE = 0.2


def choose_for_moderation(
    audits: list[tuple[int, int | None]], seed: int, share: float = DEFAULT_SHARE
) -> set[int]:
    """`audits` are (audit id, overall grade); returns the ids to moderate."""
    if not 0 <= share <= 1:
        raise ValueError("The moderation share must be between 0 and 1")
    always = {audit_id for audit_id, grade in audits if grade in {INADEQUATE, OUTSTANDING}}
    others = sorted(audit_id for audit_id, _ in audits if audit_id not in always)
    take = math.ceil(share * len(others)) if others else 0
    return always | set(random.Random(seed).sample(others, take))

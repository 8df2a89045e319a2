"""Board reports: the quarterly Quality of Practice report and the self-evaluation."""

from __future__ import annotations

from .base import Role, Viewer, suppresses_small_numbers
from .registers import COUNCIL_STAFF, REGISTER_KEEPERS


# ----- board reports (the quarterly Quality of Practice report, the self-evaluation) ----------
def can_read_board_reports(viewer: Viewer) -> bool:
    """Council staff read the Quality of Practice report; elected members its committee version
    (`reads_committee_version`); partner agency users neither (it is the council's paper)."""
    return viewer.role in COUNCIL_STAFF or viewer.role is Role.ELECTED_MEMBER


def reads_committee_version(viewer: Viewer) -> bool:
    """Elected members get the committee paper only: counts of 1 to 5 suppressed, no names."""
    return suppresses_small_numbers(viewer)


def can_read_self_evaluation(viewer: Viewer) -> bool:
    """The self-evaluation is the council's own working paper: its staff read it."""
    return viewer.role in COUNCIL_STAFF


def can_edit_self_evaluation(viewer: Viewer) -> bool:
    """The self-evaluation is written by the people who keep the council's registers (quality
    assurance, performance, the director, administrators) and the heads of service."""
    return viewer.role in REGISTER_KEEPERS or viewer.role is Role.HEAD_OF_SERVICE

"""KPQ8 children in care: `indicators/kpq/in_care.py`.

Expected answers worked out by hand.
"""

from datetime import date

import pytest

from sightline.indicators.definitions import REGISTRY

from ..builders import AT_END, MARCH, episode, period_of
from ..helpers import engine, figures


def test_children_looked_after_exclude_short_breaks_and_count_legal_status():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2024, 1, 1), ls="C2"),
            episode(2, 2, date(2025, 1, 1), ls="V2", dec=date(2025, 6, 1), rec="X1"),
            episode(3, 2, date(2025, 6, 1), rne="L", ls="C1"),
            episode(4, 3, date(2025, 1, 1), ls="V3"),  # short break: not counted
            episode(5, 4, date(2025, 1, 1), dec=date(2026, 3, 31), rec="E4A"),  # left on the day
        ]
    )
    assert figures(e.value("cla_count", AT_END)) == (2.0, 2.0, None)
    assert e.value("cla_rate", AT_END).value == 2.0
    assert figures(e.value("cla_legal_interim_care_order", AT_END)) == (50.0, 1.0, 2.0)
    assert figures(e.value("cla_legal_section_20", AT_END)) == (0.0, 0.0, 2.0)
    assert e.value("cla_leavers", MARCH).value == 1.0
    # Child 2's second episode is a change of legal status, not a new period of care; child 3's short
    # breaks are not a period of care either.
    assert e.value("cla_starters", period_of(2025)).value == 2.0
    assert e.value("cla_median_days_in_care", AT_END).value == (820 + 454) / 2


def test_re_entry_within_12_months_of_returning_home():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2025, 1, 1), dec=date(2025, 6, 1), rec="E4A"),
            episode(2, 1, date(2026, 3, 2)),
            episode(3, 2, date(2024, 1, 1), dec=date(2025, 3, 1), rec="E4B"),
            episode(4, 2, date(2026, 3, 3)),
            episode(5, 3, date(2025, 1, 1), dec=date(2025, 6, 1), rec="E11"),
            episode(6, 3, date(2026, 3, 4)),
            episode(7, 4, date(2026, 3, 5)),
        ]
    )
    assert figures(e.value("cla_reentry_12m", MARCH)) == (25.0, 1.0, 4.0)
    assert e.value("cla_starters", MARCH).value == 4.0


def test_placed_out_of_area_and_over_20_miles():
    e = engine(
        cla_episode=[
            episode(1, 1, date(2025, 1, 1), placement_la="999", placement_distance_miles=3.0),
            episode(2, 2, date(2025, 1, 1), placement_la="888", placement_distance_miles=20.0),
            episode(3, 3, date(2025, 1, 1), placement_la="777", placement_distance_miles=20.5),
            episode(4, 4, date(2025, 1, 1)),
        ]
    )
    assert figures(e.value("cla_out_of_area", AT_END)) == (50.0, 2.0, 4.0)
    assert figures(e.value("cla_over_20_miles", AT_END)) == (33.3, 1.0, 3.0)


@pytest.mark.parametrize(
    ("indicator_id", "codes"),
    [
        ("cla_legal_care_order", ["C2"]),
        ("cla_legal_interim_care_order", ["C1"]),
        ("cla_legal_section_20", ["V2"]),
        ("cla_legal_placement_order", ["E1", "D1"]),
    ],
)
def test_each_legal_status_share(indicator_id, codes):
    other = "V2" if "V2" not in codes else "C2"
    rows = [episode(i, i, date(2025, 1, 1), ls=code) for i, code in enumerate(codes, start=1)]
    rows += [episode(10, 10, date(2025, 1, 1), ls=other), episode(11, 11, date(2025, 1, 1), ls="V4")]
    e = engine(cla_episode=rows)
    share = round(100 * len(codes) / (len(codes) + 1), 1)
    assert figures(e.value(indicator_id, AT_END)) == (share, float(len(codes)), float(len(codes) + 1))


def test_the_legal_status_titles_read_as_a_council_says_them():
    titles = {d.id: d.title for d in REGISTRY if d.id.startswith("cla_legal_")}
    assert titles["cla_legal_interim_care_order"] == "Looked-after children on an interim care order (C1)"
    assert titles["cla_legal_section_20"] == "Looked-after children accommodated under section 20 (V2)"

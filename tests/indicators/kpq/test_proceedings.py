"""KPQ7 care proceedings: `indicators/kpq/proceedings.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import AT_END, MARCH
from ..helpers import engine, figures


def test_proceedings_against_26_weeks():
    rows = [
        {
            "id": 1,
            "child_id": 1,
            "application_issued_date": date(2025, 9, 1),
            "final_order_date": date(2026, 3, 2),
            "final_order_type": "CO",
        },  # 26 weeks exactly
        {
            "id": 2,
            "child_id": 2,
            "application_issued_date": date(2025, 9, 1),
            "final_order_date": date(2026, 3, 3),
            "final_order_type": "SGO",
        },  # 26 weeks and a day
        {"id": 3, "child_id": 3, "plo_start_date": date(2026, 3, 10)},
        {
            "id": 4,
            "child_id": 4,
            "plo_start_date": date(2026, 1, 5),
            "application_issued_date": date(2026, 3, 1),
        },
    ]
    e = engine(proceedings=rows)
    assert figures(e.value("proceedings_26w", MARCH)) == (50.0, 1.0, 2.0)
    assert e.value("proceedings_mean_weeks", MARCH).value == 26.1  # (26 + 26 1/7) / 2
    assert figures(e.value("final_order_care_order", MARCH)) == (50.0, 1.0, 2.0)
    assert e.value("plo_started", MARCH).value == 1.0
    assert e.value("proceedings_open", AT_END).value == 1.0


def test_plo_diverted_from_proceedings():
    e = engine(
        proceedings=[
            {"id": 1, "child_id": 1, "plo_start_date": date(2026, 3, 2)},
            {
                "id": 2,
                "child_id": 2,
                "plo_start_date": date(2026, 3, 2),
                "application_issued_date": date(2026, 3, 20),
            },
            {"id": 3, "child_id": 3, "application_issued_date": date(2026, 3, 20)},  # no PLO: not counted
        ]
    )
    assert figures(e.value("plo_diverted", MARCH)) == (50.0, 1.0, 2.0)

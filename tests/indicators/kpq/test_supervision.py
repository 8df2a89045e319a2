"""KPQ10 supervision: `indicators/kpq/supervision.py`.

Expected answers worked out by hand.
"""

from datetime import date

from ..builders import AT_END, MARCH
from ..helpers import WORKERS, engine, figures


def test_supervision_in_time_reflective_share_and_observations():
    workers = [*WORKERS, {**WORKERS[0], "id": 3, "staff_id": "W3", "start_date": date(2026, 3, 20)}]
    e = engine(
        worker=workers,
        supervision=[
            {
                "id": 1,
                "worker_id": 1,
                "supervisor_id": 2,
                "supervision_date": date(2026, 3, 3),
                "reflective": True,
            },
            {
                "id": 2,
                "worker_id": 2,
                "supervisor_id": 1,
                "supervision_date": date(2026, 3, 2),
                "reflective": False,
            },
        ],
        observation=[
            {"id": 1, "worker_id": 1, "observer_id": 2, "observation_date": date(2025, 5, 1)},
            {"id": 2, "worker_id": 1, "observer_id": 2, "observation_date": date(2026, 1, 1)},
            {
                "id": 3,
                "worker_id": 2,
                "observer_id": 1,
                "observation_date": date(2025, 3, 31),
            },  # a year and a day
            {"id": 4, "worker_id": 2, "observer_id": 1, "observation_date": date(2026, 1, 1)},
        ],
    )
    # 3 March is 20 working days before 31 March; 2 March is 21. Worker 3 is too new to count.
    assert figures(e.value("supervision_in_time", AT_END)) == (50.0, 1.0, 2.0)
    assert figures(e.value("supervision_reflective", MARCH)) == (50.0, 1.0, 2.0)
    assert figures(e.value("supervision_reflective", MARCH, "team", 1)) == (100.0, 1.0, 1.0)
    assert figures(e.value("practice_observations", AT_END)) == (50.0, 1.0, 2.0)

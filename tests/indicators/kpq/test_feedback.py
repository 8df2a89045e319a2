"""The feedback group: `indicators/kpq/feedback.py`. Expected answers worked out by hand."""

from datetime import date

from ..builders import AT_END, MARCH
from ..helpers import engine, figures


def _complaint(i, received, due, responded=None, outcome="", stage=1, team=1):
    return {
        "id": i,
        "stage": stage,
        "received_on": received,
        "due_on": due,
        "responded_on": responded,
        "outcome": outcome,
        "theme": "delay",
        "team_id": team,
        "worker_id": 1,
        "child_id": 1,
    }


COMPLAINTS = [
    _complaint(1, date(2026, 2, 24), date(2026, 3, 10), date(2026, 3, 10), "upheld"),
    _complaint(2, date(2026, 3, 6), date(2026, 3, 20), date(2026, 3, 23), "not_upheld", team=2),
    _complaint(3, date(2026, 3, 11), date(2026, 3, 25)),  # open past its due day
    _complaint(4, date(2026, 3, 27), date(2026, 4, 10)),  # not yet due
    _complaint(5, date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 5), "withdrawn"),
    _complaint(6, date(2026, 3, 5), date(2026, 4, 9), stage=2),
    _complaint(7, date(2025, 12, 31), date(2026, 1, 16), date(2026, 1, 10), "partly"),  # before the 3 months
]
ALLOCATIONS = [
    {"id": 1, "child_id": 1, "worker_id": 1, "team_id": 1, "role": "SW", "start_date": date(2025, 1, 1)},
    {"id": 2, "child_id": 2, "worker_id": 2, "team_id": 2, "role": "SW", "start_date": date(2025, 1, 1)},
]


def test_complaints_received_in_time_upheld_and_per_open_case():
    e = engine(complaint=COMPLAINTS, allocation=ALLOCATIONS)
    assert figures(e.value("complaints_stage1", MARCH)) == (4.0, 4.0, None)
    assert e.value("complaints_stage1", MARCH, "team", 2).value == 1.0
    # Due in March: 1 in time, 2 late, 3 still open (late), 5 in time; 4 is due in April.
    assert figures(e.value("complaints_stage1_in_time", MARCH)) == (50.0, 2.0, 4.0)
    # Responded in March, not withdrawn: 1 upheld, 2 not upheld.
    assert figures(e.value("complaints_upheld", MARCH)) == (50.0, 1.0, 2.0)
    # Stage 1 received in the three months to 31 March (1 to 5), over 2 open cases.
    assert figures(e.value("complaints_per_1000_open", AT_END)) == (2500.0, 5.0, 2.0)


def test_compliments_and_the_survey_score():
    e = engine(
        compliment=[
            {"id": 1, "received_on": date(2026, 3, 2), "team_id": 1, "worker_id": 1},
            {"id": 2, "received_on": date(2026, 2, 2), "team_id": 1, "worker_id": None},
        ],
        survey_response=[
            {"id": 1, "received_on": date(2026, 3, 3), "team_id": 1, "child_id": None},
            {"id": 2, "received_on": date(2026, 3, 4), "team_id": 2, "child_id": 1},
        ],
        survey_answer=[
            {"id": 1, "response_id": 1, "question_id": 1, "score": 5},
            {"id": 2, "response_id": 1, "question_id": 2, "score": 4},
            {"id": 3, "response_id": 2, "question_id": 1, "score": 2},
        ],
    )
    assert e.value("compliments_received", MARCH).value == 1.0
    assert figures(e.value("survey_score", MARCH)) == (3.7, None, 3.0)
    assert e.value("survey_score", MARCH, "team", 1).value == 4.5

"""The SSD tables of the work on a case: social worker episodes, involvements (allocations),
supervision and practice observations."""

from __future__ import annotations

from .declarations import CHILD, Table, ext_table

WORK: tuple[Table, ...] = (
    ext_table(
        "sw_episodes", "records.SocialWorkerEpisode", "SWE", ("sw_id", "sw_decom", "sw_dec", "sw_reason")
    ),
    Table(
        "ssd_involvements",
        "workforce.Allocation",
        "invo_involvements_id",
        "I",
        {
            "invo_person_id": "child_id",
            "invo_professional_id": "worker_id",
            "invo_professional_role_id": "role",
            "invo_professional_team": "team_id",
            "invo_involvement_start_date": "start_date",
            "invo_involvement_end_date": "end_date",
        },
        (),
        {**CHILD, "worker_id": "workforce.Worker", "team_id": "workforce.Team"},
    ),
    ext_table(
        "supervision",
        "workforce.Supervision",
        "SUP",
        ("worker_id", "supervisor_id", "supervision_date", "reflective"),
        {"worker_id": "workforce.Worker", "supervisor_id": "workforce.Worker"},
    ),
    ext_table(
        "observations",
        "workforce.PracticeObservation",
        "OBS",
        ("worker_id", "observer_id", "observation_date"),
        {"worker_id": "workforce.Worker", "observer_id": "workforce.Worker"},
    ),
)

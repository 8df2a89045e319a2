"""Next due dates and drift, on a hand-built case."""

from datetime import date, datetime

from sightline.indicators.drift import due_items

from .helpers import engine


def rows(e, on):
    frame = due_items(e.ctx, on)
    return {(r["child_id"], r["kind"], r["detail"]): r for r in frame.iter_rows(named=True)}


def case():
    return engine(
        cp_plan=[
            {
                "id": 1,
                "child_id": 1,
                "episode_id": 1,
                "cpp_start_date": date(2025, 1, 6),
                "initial_category_of_abuse": "NEG",
                "latest_category_of_abuse": "NEG",
            }
        ],
        conference=[
            {
                "id": 1,
                "child_id": 1,
                "episode_id": 1,
                "kind": "ICPC",
                "conference_date": date(2025, 1, 6),
                "plan_id": 1,
            },
            {
                "id": 2,
                "child_id": 1,
                "episode_id": 1,
                "kind": "RCPC",
                "conference_date": date(2025, 4, 7),
                "plan_id": 1,
            },
            {
                "id": 3,
                "child_id": 1,
                "episode_id": 1,
                "kind": "RCPC",
                "conference_date": date(2025, 10, 20),
                "plan_id": 1,
            },
        ],
        core_group=[{"id": 1, "child_id": 1, "plan_id": 1, "meeting_date": date(2026, 3, 2)}],
        visit=[
            {"id": 1, "child_id": 1, "visit_date": date(2026, 2, 16), "kind": "CP", "seen": True},
            {"id": 2, "child_id": 1, "visit_date": date(2026, 3, 9), "kind": "CP", "seen": True},
        ],
        assessment=[
            {"id": 1, "child_id": 2, "episode_id": 2, "assessment_actual_start_date": date(2025, 12, 1)}
        ],
        missing=[
            {
                "id": 1,
                "child_id": 3,
                "missing": "M",
                "mis_start": datetime(2026, 3, 20, 8),
                "mis_end": datetime(2026, 3, 20, 22),
                "rhi_offered": True,
            }
        ],
        allocation=[
            {
                "id": 1,
                "child_id": 1,
                "worker_id": 2,
                "team_id": 2,
                "role": "SW",
                "start_date": date(2025, 1, 1),
            }
        ],
    )


def test_each_kind_has_its_next_due_date_and_status():
    found = rows(case(), date(2026, 3, 31))
    visit = found[(1, "visit", "CP visit")]
    # Last seen 9 March: due 10 working days later, 23 March; the visit before was 15 working days apart.
    assert (visit["due_date"], visit["status"], visit["days_overdue"], visit["previous"]) == (
        date(2026, 3, 23),
        "overdue",
        8,
        "met late",
    )
    conference = found[(1, "conference", "RCPC")]
    # Second review 20 October 2025 (late: due 7 October); the next is due 20 April 2026.
    assert (conference["due_date"], conference["status"], conference["previous"]) == (
        date(2026, 4, 20),
        "due",
        "met late",
    )
    core = found[(1, "core_group", "Core group")]
    assert (core["due_date"], core["status"]) == (date(2026, 4, 13), "due")
    checkpoint = found[(1, "cp_checkpoint", "Plan open 12+ months: independent checkpoint")]
    assert (checkpoint["due_date"], checkpoint["days_overdue"]) == (date(2026, 7, 6), 0)
    assessment = found[(2, "assessment", "45 working days")]
    assert (assessment["due_date"], assessment["days_overdue"]) == (date(2026, 2, 5), 54)
    rhi = found[(3, "rhi", "Within 72 hours of return")]
    assert (rhi["due_date"], rhi["status"], rhi["days_overdue"]) == (date(2026, 3, 23), "overdue", 8)


def test_drift_is_sorted_most_overdue_first_and_nothing_is_due_once_cases_close():
    frame = due_items(case().ctx, date(2026, 3, 31))
    overdue = frame["days_overdue"].to_list()
    assert overdue == sorted(overdue, reverse=True) and overdue[0] == 54
    # Before the plan started there was no CP case, so no CP items.
    early = due_items(case().ctx, date(2024, 12, 31))
    assert early.filter(early["child_id"] == 1).height == 0


def _long_plans(checkpoints):
    """Three plans open at 31 March 2026: 20, 20 and 13 months old, with the given checkpoints."""
    starts = [date(2024, 7, 15), date(2024, 7, 15), date(2025, 2, 10)]
    return engine(
        cp_plan=[
            {
                "id": i,
                "child_id": i,
                "episode_id": i,
                "cpp_start_date": start,
                "initial_category_of_abuse": "NEG",
                "latest_category_of_abuse": "NEG",
                "checkpoint_review_date": review,
            }
            for i, (start, review) in enumerate(zip(starts, checkpoints, strict=True), start=1)
        ]
    )


def test_a_held_checkpoint_clears_the_plan_from_drift_and_a_missing_one_is_overdue():
    e = _long_plans([date(2025, 9, 1), None, None])
    found = rows(e, date(2026, 3, 31))
    label = "Plan open 12+ months: independent checkpoint"
    # Plan 1 (from 15 July 2024) was reviewed at 13.5 months: nothing due.
    assert (1, "cp_checkpoint", label) not in found
    # Plan 2, same start, never reviewed: due at 18 months, 15 January 2026; 75 days overdue on 31 March.
    missing = found[(2, "cp_checkpoint", label)]
    assert (missing["due_date"], missing["status"], missing["days_overdue"]) == (
        date(2026, 1, 15),
        "overdue",
        75,
    )
    # Plan 3 (from 10 February 2025) has passed 12 months: due by 10 August 2026.
    due = found[(3, "cp_checkpoint", label)]
    assert (due["due_date"], due["status"]) == (date(2026, 8, 10), "due")


def test_a_checkpoint_recorded_after_the_date_asked_about_does_not_count_yet():
    e = _long_plans([date(2026, 2, 1), None, None])
    label = "Plan open 12+ months: independent checkpoint"
    # On 31 January 2026 plan 1's review (1 February, late) had not happened: 16 days overdue.
    before = rows(e, date(2026, 1, 31))[(1, "cp_checkpoint", label)]
    assert (before["status"], before["days_overdue"]) == ("overdue", 16)
    assert (1, "cp_checkpoint", label) not in rows(e, date(2026, 2, 1))

"""The cycle's rules: the workflow's steps, the schedule's order, one unit key a clinic."""

from datetime import date

import pytest

from sightline.clinics import domain


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        ("draft", "submit", "submitted"),
        ("submitted", "review", "reviewed"),
        ("reviewed", "sign_off", "signed_off"),
        ("submitted", "return", "draft"),
        ("reviewed", "return", "draft"),
    ],
)
def test_each_step_moves_the_briefing_on(status, action, after):
    assert domain.next_status(status, action) == after


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("draft", "sign_off", "A briefing that is draft cannot be signed off."),
        ("signed_off", "return", "A briefing that is signed off cannot be returned to draft."),
        ("draft", "review", "A briefing that is draft cannot be reviewed."),
        ("submitted", "submit", "A briefing that is submitted cannot be submitted."),
    ],
)
def test_steps_out_of_order_are_refused_with_the_reason(status, action, message):
    with pytest.raises(ValueError) as error:
        domain.next_status(status, action)
    assert str(error.value) == message


def test_the_levels_meet_in_order_in_the_following_month():
    days = [domain.meets_on(date(2026, 3, 1), level) for level in domain.LEVELS]
    assert days == sorted(days) and days[0] == date(2026, 4, 7) and days[-1] == date(2026, 4, 26)
    assert domain.meets_on(date(2025, 12, 1), "team") == date(2026, 1, 7)


def test_months():
    assert domain.previous_month(date(2026, 1, 15)) == date(2025, 12, 1)
    assert domain.month_end(date(2026, 2, 1)) == date(2026, 2, 28)


def test_one_key_per_unit():
    assert domain.unit_key("team", 4) == "team:4"
    assert domain.unit_key("service", None, 2) == "service:2"
    assert {domain.unit_key(level) for level in domain.COUNCIL_LEVELS} == {"council"}

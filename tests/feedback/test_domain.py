"""Complaint timescales in working days across bank holidays and extensions; quarters; redaction.

Due dates below are counted by hand on the England calendar (gov.uk bank holidays)."""

from datetime import date

import pytest

from sightline.domain.calendar import default_calendar
from sightline.feedback import domain
from sightline.indicators.standards import LocalStandards

CAL = default_calendar()
DEFAULT = domain.Timescales()


def due(received, stage=1, extended=False, timescales=DEFAULT):
    return domain.due_date(received, stage, extended, timescales, CAL)


def test_stage_1_across_easter_and_the_may_bank_holiday():
    # Thu 17 Apr 2025; Good Friday 18th, Easter Monday 21st and Mon 5 May are not working days.
    assert due(date(2025, 4, 17)) == date(2025, 5, 6)


def test_stage_1_extended_to_20_working_days():
    assert due(date(2025, 4, 17), extended=True) == date(2025, 5, 20)


def test_stage_1_over_christmas_and_new_year():
    # Mon 22 Dec 2025: 25, 26 Dec and 1 Jan are bank holidays.
    assert due(date(2025, 12, 22)) == date(2026, 1, 8)


def test_received_on_a_saturday_counts_from_monday():
    assert due(date(2025, 6, 7)) == date(2025, 6, 20)


def test_stage_2_is_25_working_days_and_65_extended():
    assert due(date(2025, 6, 2), stage=2) == date(2025, 7, 7)
    extended = due(date(2025, 6, 2), stage=2, extended=True)
    assert CAL.working_days_between(date(2025, 6, 2), extended) == 65
    # 25 and 26 Aug: the summer bank holiday falls inside the extended period.
    assert extended == date(2025, 9, 2)


def test_stage_3_panel_has_no_extension():
    assert due(date(2025, 6, 2), stage=3) == due(date(2025, 6, 2), stage=3, extended=True)
    assert CAL.working_days_between(date(2025, 6, 2), due(date(2025, 6, 2), stage=3)) == 30


def test_the_councils_own_timescale_is_used():
    standards = LocalStandards().with_value("complaint_stage1_working_days", 5)
    assert due(date(2025, 4, 17), timescales=domain.Timescales.from_standards(standards)) == date(2025, 4, 28)


def test_defaults_are_the_regulations():
    assert domain.Timescales.from_standards(LocalStandards()) == domain.Timescales(10, 20, 25, 65, 30)


def test_an_extension_shorter_than_the_usual_timescale_is_refused():
    standards = LocalStandards().with_value("complaint_stage1_extended_working_days", 10)
    standards = standards.with_value("complaint_stage1_working_days", 15)
    with pytest.raises(ValueError, match="stage 1"):
        standards.validate()


def test_no_stage_4():
    with pytest.raises(ValueError, match="stage 4"):
        DEFAULT.working_days(4)


def test_within_timescale_and_overdue():
    due_on = date(2025, 5, 6)
    assert domain.within_timescale(date(2025, 5, 6), due_on, date(2025, 6, 1)) is True
    assert domain.within_timescale(date(2025, 5, 7), due_on, date(2025, 6, 1)) is False
    assert domain.within_timescale(None, due_on, date(2025, 5, 6)) is None
    assert domain.within_timescale(None, due_on, date(2025, 5, 7)) is False
    assert domain.is_overdue(None, due_on, date(2025, 5, 7))
    assert not domain.is_overdue(None, due_on, date(2025, 5, 6))
    assert not domain.is_overdue(date(2025, 5, 9), due_on, date(2025, 5, 10))


@pytest.mark.parametrize(
    ("day", "label"),
    [(date(2025, 4, 1), "Q1 2025-26"), (date(2025, 12, 31), "Q3 2025-26"), (date(2026, 3, 31), "Q4 2025-26")],
)
def test_financial_quarters(day, label):
    assert domain.quarter_label(day) == label


def test_redaction_removes_whole_names_and_parts_only():
    text = "Thank you Jo, and Mrs Bloggs says Joanna was brilliant. JO BLOGGS"
    redacted = domain.redact(text, ["Mrs Jo Bloggs"])
    assert "Jo," not in redacted and "Bloggs" not in redacted and "BLOGGS" not in redacted
    assert "Joanna" in redacted  # a different name
    assert "Mrs" in redacted  # a title is not a name
    assert redacted.count(domain.REDACTED) == 4

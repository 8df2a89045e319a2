"""Changing local standards and targets: validation, effect on the figures, and the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from sightline.performance import selectors
from sightline.performance.models import IndicatorTarget, LocalStandardSetting, SettingChange
from sightline.performance.services import change_standard, change_target
from sightline.records.services import load_dataset


@pytest.fixture
def analyst(django_user_model):
    return django_user_model.objects.create_user("analyst1", password="x-long-password-1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("decision_days", 2, "no local standard called 'decision_days'"),
        ("cp_visit_working_days", "ten", "is not a whole number"),
        ("cp_visit_working_days", 0, "outside the allowed range 5-30"),
        ("assessment_basis", "weekly", "not one of dfe, referral"),
        ("cp_checkpoint_months_low", 20, "'from' month cannot be after the 'to' month"),
        ("statistical_neighbours", "831, Derby", "not 3-digit LA codes"),
    ],
)
def test_bad_standards_are_refused_with_a_message_naming_the_setting(analyst, key, value, message):
    with pytest.raises(ValidationError, match=message):
        change_standard(analyst, key, value)
    assert not LocalStandardSetting.objects.exists() and not SettingChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("indicator_id", "target", "tolerance", "message"),
    [
        ("nope", 1, 1, "no indicator 'nope'"),
        ("assessments_45wd", 120, 5, "between 0 and 100"),
        ("assessments_45wd", 90, -1, "tolerance cannot be negative"),
        ("assessments_45wd", 90, None, "both a target and a tolerance"),
        ("assessments_45wd", "high", 5, "is not a number"),
        ("contacts", 100, 10, "has no target"),
    ],
)
def test_bad_targets_are_refused(analyst, indicator_id, target, tolerance, message):
    with pytest.raises(ValidationError, match=message):
        change_target(analyst, indicator_id, target, tolerance)
    assert not IndicatorTarget.objects.exists() and not SettingChange.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_changed_standard_changes_the_figures_and_is_audited(small_council, analyst):
    load_dataset(small_council)
    year = selectors.default_period("year")
    before = selectors.value("contact_decision_timely", year)
    assert selectors.local_standards().decision_working_days == 1
    change = change_standard(analyst, "decision_working_days", "3")
    assert (change.username, change.key, change.old_value, change.new_value) == (
        "analyst1",
        "decision_working_days",
        "1",
        "3",
    )
    after = selectors.value("contact_decision_timely", year)
    assert selectors.local_standards().decision_working_days == 3
    assert after.numerator > before.numerator and after.denominator == before.denominator
    assert change_standard(analyst, "decision_working_days", 3) is None  # unchanged: nothing recorded
    change_standard(analyst, "decision_working_days", 1)  # back to the default: the row goes
    assert not LocalStandardSetting.objects.exists()
    assert [c.new_value for c in selectors.setting_changes()] == ["1", "3"]
    assert selectors.value("contact_decision_timely", year).numerator == before.numerator
    table = {row["key"]: row for row in selectors.standards_table()}
    assert (
        table["cp_visit_working_days"]["value"] == 10
        and table["cp_visit_working_days"]["unit"] == "working days"
    )


@pytest.mark.django_db(transaction=True)
def test_a_changed_target_changes_the_rag_and_the_definitions(small_council, analyst):
    load_dataset(small_council)
    year = selectors.default_period("year")
    result = selectors.value("assessments_45wd", year)
    change_target(analyst, "assessments_45wd", result.value - 1, 0)
    updated = selectors.value("assessments_45wd", year)
    assert (updated.target, updated.rag) == (result.value - 1, "green")
    definition = selectors.definition("assessments_45wd")
    assert (definition["target"], definition["default_target"]) == (result.value - 1, 85.0)
    change_target(analyst, "assessments_45wd", None, None)
    assert selectors.value("assessments_45wd", year).target == 85.0
    changes = selectors.setting_changes()
    assert [c.kind for c in changes] == ["target", "target"] and changes[0].new_value == "85 ± 5"


@pytest.mark.django_db(transaction=True)
def test_statistical_neighbours_are_a_setting_and_give_comparators(small_council, analyst):
    load_dataset(small_council)
    assert [row["area"] for row in selectors.comparators("cla_3plus_placements")] == ["England"]
    change_standard(analyst, "statistical_neighbours", "831, 999")
    rows = selectors.comparators("cla_3plus_placements")
    assert [(r["area"], r["la_code"]) for r in rows] == [("England", ""), ("Derby", "831"), ("LA 999", "999")]
    assert rows[0]["value"] == 10.0 and rows[1]["value"] == 8.0 and rows[2]["value"] is None
    assert selectors.comparators("contacts") == []

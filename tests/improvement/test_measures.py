"""An action's before and after values are the engine's own values for the two windows."""

from datetime import date

import pytest

from sightline.improvement import measures
from sightline.improvement.models import PlanAction, Priority
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.performance.services import change_standard
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

pytestmark = pytest.mark.django_db


def _action(**fields) -> PlanAction:
    defaults = dict(
        priority=Priority.objects.first(),
        title="Assessment tracker",
        owner=Worker.objects.filter(role="TM").first(),
        start_date=date(2025, 5, 10),
        due_date=date(2025, 8, 31),
        status="complete",
        completed_on=date(2025, 8, 20),
        evidence="Tracker in use",
        source="other",
        source_label="Clinic",
        measure="indicator",
        measure_key="assessments_45wd",
    )
    return PlanAction(**{**defaults, **fields})


def test_before_and_after_are_the_engines_values_for_the_two_windows(council):
    found = measures.impact(_action(), as_at())
    engine = perf.engine()
    # Three whole months each side, leaving out the months the action started and closed in.
    before = engine.value("assessments_45wd", Period("window", date(2025, 2, 1), date(2025, 4, 30)))
    after = engine.value("assessments_45wd", Period("window", date(2025, 9, 1), date(2025, 11, 30)))
    assert found.before == before.value and found.after == after.value
    assert before.denominator > 0 and after.denominator > 0  # real figures, not two empty windows
    assert found.change == pytest.approx(after.value - before.value)
    expected = (
        "Improved" if after.value > before.value else ("Worse" if after.value < before.value else "No change")
    )
    assert found.verdict == expected
    # The monthly series for the chart runs from the first month before to the last month after.
    assert found.series[0][0] == date(2025, 2, 1) and found.series[-1][0] == date(2025, 11, 1)
    assert (
        dict(found.series)[date(2025, 3, 1)]
        == engine.value("assessments_45wd", Period.month(date(2025, 3, 1))).value
    )


def test_a_team_measure_reads_the_teams_figure(council):
    team = Team.objects.get(name="Locality North")
    found = measures.impact(_action(measure_level="team", measure_unit_id=team.pk), as_at())
    engine = perf.engine()
    expected = engine.value(
        "assessments_45wd", Period("window", date(2025, 2, 1), date(2025, 4, 30)), "team", team.pk
    )
    assert found.before == expected.value
    assert found.before != measures.impact(_action(), as_at()).before


def test_the_window_lengths_are_a_council_setting(council, django_user_model):
    admin = django_user_model.objects.create_user("settings-admin")
    change_standard(admin, "impact_months_before", 6)
    change_standard(admin, "impact_months_after", 2)
    found = measures.impact(_action(), as_at())
    assert (found.windows.before.start, found.windows.before.end) == (date(2024, 11, 1), date(2025, 4, 30))
    assert (found.windows.after.start, found.windows.after.end) == (date(2025, 9, 1), date(2025, 10, 31))
    engine = perf.engine()
    assert (
        found.before
        == engine.value("assessments_45wd", Period("window", date(2024, 11, 1), date(2025, 4, 30))).value
    )


def test_an_open_action_has_a_before_value_only(council):
    found = measures.impact(_action(status="in_progress", completed_on=None, evidence=""), as_at())
    assert found.before is not None and found.after is None and found.windows.after is None
    assert found.verdict == "Not measured yet: the action is still open."


def test_an_action_without_a_measure_has_no_impact(council):
    assert measures.impact(_action(measure="", measure_key=""), as_at()) is None


def test_an_audit_measure_is_the_share_of_finalised_audits_good_or_better_in_each_window(council):
    from sightline.audits.domain.grades import GOOD
    from sightline.audits.models import Audit

    found = measures.impact(_action(measure="audit", measure_key="overall"), as_at())

    def share(start, end):
        grades = list(
            Audit.objects.filter(status="finalised", audit_date__range=(start, end))
            .exclude(overall_grade=None)
            .values_list("overall_grade", flat=True)
        )
        return round(100 * sum(g >= GOOD for g in grades) / len(grades), 1), len(grades)

    before, n_before = share(date(2025, 2, 1), date(2025, 4, 30))
    after, n_after = share(date(2025, 9, 1), date(2025, 11, 30))
    assert n_before > 0 and n_after > 0
    assert (found.before, found.after) == (before, after)
    assert found.title == "Audits graded good or better" and found.unit == "%"

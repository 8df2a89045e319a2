"""Files shaped like the DfE validators' fake data and liia-tools' samples (synthetic copies in
tests/fixtures/returns/dfe_like): each imports, or is rejected with located messages only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.records.models import CareProceedings, Child, CPPlan, LookedAfterEpisode

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "fixtures" / "returns" / "dfe_like"
SETS = {
    "cin_old_dates": [FIXTURES / "cin_old_dates.xml"],
    "cin_header_disagrees": [FIXTURES / "cin_header_disagrees.xml"],
    "cin_same_plan_twice": [FIXTURES / "cin_same_plan_twice.xml"],
    "cin_pre_proceedings": [FIXTURES / "cin_pre_proceedings.xml"],
    "cin_broken_tags": [FIXTURES / "cin_broken_tags.xml"],
    "cin_one_line": [FIXTURES / "cin_one_line.xml"],
    "ssda903": sorted((FIXTURES / "ssda903").glob("*.csv")),
}
RAW = ("constraint", "violates", "Error:", "Traceback", "value too long", "KeyError", "NoneType")


def _attempt(paths, **kwargs):
    """Import; return (runs, problems): problems of a rejection, else the runs' warnings."""
    try:
        return services.import_files(paths, **kwargs), []
    except services.ImportRejectedError as error:
        return error.imported, error.problems


@pytest.mark.parametrize("skip", [False, True], ids=["strict", "skip-bad-children"])
@pytest.mark.parametrize("name", sorted(SETS))
def test_each_file_imports_or_is_rejected_with_located_messages_only(name, skip):
    runs, problems = _attempt(SETS[name], skip_bad_children=skip)
    names = {p.name for p in SETS[name]}
    for problem in problems:
        assert problem.file in names and problem.message, problem
        assert not any(raw in str(problem) for raw in RAW), problem
        if problem.child:
            assert problem.where, problem
    for run in runs:
        assert not any(raw in w for w in run.warnings for raw in RAW)
    assert runs or problems


def test_dates_from_1066_and_1962_are_located_errors(tmp_path):
    _, problems = _attempt(SETS["cin_old_dates"])
    codes = {p.code for p in problems}
    assert "CIN-CHILD-EXPECTEDPERSONBIRTHDATE-EARLY" in codes
    assert all(p.child == "SYN0000001" for p in problems)
    assert Child.objects.count() == 0


def test_a_header_year_that_disagrees_with_the_reference_date_is_warned_and_bad_children_left_out():
    (run,), problems = _attempt(SETS["cin_header_disagrees"], skip_bad_children=True)
    assert not problems and run.collection_year == 2024 and run.children_skipped == 1
    assert any("Year 2023 and ReferenceDate 31/03/2024 disagree" in w for w in run.warnings)
    bad = "\n".join(w for w in run.warnings if "SYN0000002" in w)
    assert "2029" in bad and "after today" in bad  # an assessment starting in 2029
    assert "AssessmentAuthorisationDate" in bad and "unknown code 'QZ'" in bad
    assert list(Child.objects.values_list("la_child_id", flat=True)) == ["SYN0000003"]


def test_the_same_cp_plan_twice_is_read_once_and_said():
    (run,), _ = _attempt(SETS["cin_same_plan_twice"])
    assert CPPlan.objects.count() == 1
    assert any("A CP plan" in w and "given twice" in w for w in run.warnings)


def test_pre_proceedings_and_family_group_decision_making_are_read_into_care_proceedings():
    (run,), _ = _attempt(SETS["cin_pre_proceedings"])
    (record,) = CareProceedings.objects.all()
    assert record.plo_start_date == date(2025, 9, 8) and record.letter_before_proceedings_date == date(
        2025, 9, 19
    )
    assert (record.fgdm_offered, record.fgdm_held, record.pre_proceedings_review_meetings) == (True, False, 2)
    assert record.application_issued_date == date(2025, 12, 15) and record.pre_proceedings_outcome == "A"
    assert record.letter_of_initial_concern_date == date(2026, 1, 20)
    assert run.counts["careproceedings"] == {"added": 1}


def test_broken_tags_are_a_located_rejection():
    _, problems = _attempt(SETS["cin_broken_tags"])
    (problem,) = problems
    assert "malformed XML" in problem.message and problem.where.startswith("line ")


def test_a_census_on_one_line_names_the_element_path_and_child():
    _, problems = _attempt(SETS["cin_one_line"])
    (problem,) = problems
    assert problem.child == "SYN0000003" and problem.where == "line 1, Children/Child[2]/CINdetails"


def test_the_903_set_is_filed_under_its_own_year_not_its_projected_uasc_dates():
    (run,), problems = _attempt(SETS["ssda903"], skip_bad_children=True)
    assert not problems and run.collection_year == 2026 and run.children_skipped == 1
    assert any("DoLo table" in w and "not imported" in w for w in run.warnings)
    assert Child.objects.get(la_child_id="510001").uasc_ceased_date == date(2031, 6, 14)
    assert LookedAfterEpisode.objects.count() == 2
    assert ImportRun.objects.get().status == ImportRun.Status.IMPORTED

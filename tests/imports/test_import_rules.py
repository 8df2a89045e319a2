"""Import rules end to end: checks across fields and rows reject with a located message before
anything is written; --skip-bad-children leaves out exactly those children and says how many;
the database's refusals, should one still happen, are located too."""

from __future__ import annotations

import pytest

from sightline.cli import main
from sightline.imports import services
from sightline.imports.models import ImportRun
from sightline.imports.rules import RULES, all_rules
from sightline.records.models import Child, CPPlan, LookedAfterEpisode, LookedAfterReview

from .census import census, child, episode, ssda903

pytestmark = pytest.mark.django_db

RAW = ("CHECK constraint", "constraint failed", "violates", "IntegrityError", "Traceback", "value too long")


def _rejected(paths, **kwargs):
    with pytest.raises(services.ImportRejectedError) as caught:
        services.import_files(paths, **kwargs)
    text = str(caught.value)
    assert not any(raw in text for raw in RAW), text
    return caught.value


def test_a_cp_plan_ending_before_it_starts_is_rejected_naming_file_element_field_and_child(tmp_path):
    path = census(
        tmp_path,
        child("C1", plans=(("2025-06-01", "2025-09-01"),)),
        child("C2", plans=(("2025-06-01", "2024-06-01"),)),
    )
    error = _rejected([path])
    (problem,) = error.problems
    assert (problem.file, problem.field, problem.child, problem.code) == (
        "census.xml",
        "CPPendDate",
        "C2",
        "CIN-CPPLAN-CPPENDDATE-ORDER",
    )
    assert "Children/Child[2]/CINdetails/ChildProtectionPlans" in problem.where
    assert "01/06/2024 is before CPPstartDate 01/06/2025" in problem.message
    assert Child.objects.count() == 0


def test_skip_bad_children_leaves_out_exactly_the_bad_child_and_says_how_many(tmp_path, capsys):
    path = census(
        tmp_path,
        child("C1", plans=(("2025-06-01", "2025-09-01"),)),
        child("C2", plans=(("2025-06-01", "2024-06-01"),)),
        child("C3", born="", expected=""),
    )
    assert main(["import", "--skip-bad-children", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 children left out for their errors" in out and "collection year 2025-26" in out
    assert list(Child.objects.values_list("la_child_id", flat=True)) == ["C1"]
    assert CPPlan.objects.count() == 1
    run = ImportRun.objects.get()
    assert run.children_skipped == 2 and run.children == 1


def test_an_import_where_every_child_is_bad_is_rejected_and_exits_non_zero(tmp_path, capsys):
    path = census(tmp_path, child("C1", born="", expected=""), child("C2", born="2099-01-01"))
    assert main(["import", "--skip-bad-children", str(path)]) == 2
    err = capsys.readouterr().err
    assert "every child in the file has errors (2 left out)" in err
    assert "ExpectedPersonBirthDate" in err and "PersonBirthDate: 01/01/2099 is after today" in err
    assert Child.objects.count() == 0


def test_dates_before_1900_or_after_today_are_errors_and_after_the_year_end_warnings(tmp_path):
    path = census(
        tmp_path,
        child("C1", born="1066-04-13"),
        child("C2", referral="2099-05-01"),
        child("C3", referral="2026-05-01"),
    )
    error = _rejected([path])
    found = {(p.child, p.code) for p in error.problems}
    assert ("C1", "CIN-CHILD-PERSONBIRTHDATE-EARLY") in found
    assert ("C2", "CIN-CINEPISODE-CINREFERRALDATE-FUTURE") in found
    assert {p.child for p in error.problems} == {"C1", "C2"}
    ImportRun.objects.all().delete()
    (run,) = services.import_files([path], skip_bad_children=True)
    assert run.collection_year == 2026 and run.children_skipped == 2
    assert any("C3" in w and "after the end of the collection year 2025-26" in w for w in run.warnings)


def test_an_over_long_id_is_a_located_error_not_a_database_failure(tmp_path):
    path = census(tmp_path, child("C" * 16))
    (problem,) = _rejected([path]).problems
    assert problem.field == "LAchildID" and "longer than the 15 characters" in problem.message


def test_identical_cp_plans_are_read_once_with_a_warning(tmp_path):
    plan = ("2025-06-01", "2025-09-01")
    path = census(tmp_path, child("C1", plans=(plan, plan), reviews=("2025-07-01",)))
    (run,) = services.import_files([path])
    assert CPPlan.objects.count() == 1
    assert run.counts["cpplan"] == {"added": 1}
    assert any("A CP plan" in w and "given twice, the same both times" in w for w in run.warnings)


def test_two_reviews_on_one_day_with_different_codes_are_an_error(tmp_path):
    paths = ssda903(
        tmp_path,
        {"A1": "01/02/2012"},
        [episode("A1", "01/05/2025")],
        ["A1,01/02/2012,01/09/2025,PN1\n", "A1,01/02/2012,01/09/2025,PN2\n"],
    )
    (problem,) = _rejected(paths).problems
    assert (problem.file, problem.where, problem.field, problem.child) == (
        "reviews.csv",
        "row 3",
        "REVIEW",
        "A1",
    )
    assert "different details" in problem.message
    assert LookedAfterReview.objects.count() == 0


def test_a_903_episode_starting_in_2099_does_not_file_the_set_under_2099(tmp_path):
    paths = ssda903(
        tmp_path,
        {"A1": "01/02/2012", "A2": "03/04/2011"},
        [episode("A1", "01/05/2025"), episode("A2", "01/05/2099")],
    )
    (run,) = services.import_files(paths, skip_bad_children=True)
    assert run.collection_year == 2026
    assert LookedAfterEpisode.objects.count() == 1 and run.children_skipped == 1


def test_a_one_line_census_locates_problems_by_element_path_and_child(tmp_path):
    path = census(
        tmp_path,
        child("C1"),
        child("C2", plans=(("2025-06-01", "2025-09-01"), ("2025-07-01", "2025-01-01"))),
        lines=False,
    )
    (problem,) = _rejected([path]).problems
    assert problem.where == "line 1, Children/Child[2]/CINdetails/ChildProtectionPlans[2]"
    assert problem.child == "C2"


def test_the_census_header_gives_the_collection_year_and_a_disagreement_is_warned(tmp_path):
    path = census(tmp_path, child("C1"))
    text = path.read_text().replace("<Year>2026</Year>", "<Year>2025</Year>")
    path.write_text(text)
    (run,) = services.import_files([path])
    assert run.collection_year == 2026
    assert any("Year 2025 and ReferenceDate 31/03/2026 disagree" in w for w in run.warnings)


def test_warnings_past_the_kept_thousand_are_counted_right(tmp_path, capsys):
    children = [child(f"C{n}", referral="2026-05-01") for n in range(1200)]
    path = census(tmp_path, *children)
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    run = ImportRun.objects.get()
    assert run.warning_count == 1200 and len(run.warnings) == 1000
    assert "... and 1,180 more warnings" in out


def test_should_a_rule_be_missing_the_databases_refusal_is_still_located(tmp_path, monkeypatch):
    order = RULES["CIN-CPPLAN-CPPENDDATE-ORDER"]
    monkeypatch.setattr(
        type(RULES),
        "for_kind",
        lambda self, kind: [r for r in all_rules()._rules.values() if r is not order and kind in r.kinds],
    )
    path = census(tmp_path, child("C1", plans=(("2025-06-01", "2024-06-01"),)))
    (problem,) = _rejected([path]).problems
    assert problem.child == "C1" and "ChildProtectionPlans" in problem.where
    assert "CP plan: the cpp end date cannot be before the cpp start date" in problem.message


def test_a_one_line_903_xml_locates_problems_by_element_path(tmp_path):
    def item(tag, **values):
        return (
            f"<{tag}>"
            + "".join(f"<{k}>{v}</{k}>" if v else f"<{k} />" for k, v in values.items())
            + f"</{tag}>"
        )

    episode = {
        "RNE": "S",
        "LS": "C2",
        "CIN": "N1",
        "PL": "U4",
        "PLACE_PROVIDER": "PR1",
        "REASON_PLACE_CHANGE": "",
    }
    episode |= {"HOME_POST": "DE1 1AA", "PL_POST": "DE2 2BB", "URN": "XXXXXXX"}
    child = (
        "<CHILD><CHILDID>X1</CHILDID><SEX>F</SEX><DOB>01/02/2012</DOB><ETHNIC>WBRI</ETHNIC><UPN>UN2</UPN>"
        + item("EPISODE", DECOM="01/06/2025", DEC="01/07/2025", REC="E11", **episode)
        + item("EPISODE", DECOM="01/08/2025", DEC="01/05/2025", REC="E11", **episode)
        + "</CHILD>"
    )
    path = tmp_path / "ssda903.xml"
    path.write_text(f"<EXPSSDA903>{child}</EXPSSDA903>")
    (problem,) = _rejected([path]).problems
    assert (problem.where, problem.field, problem.child) == ("line 1, CHILD[1]/EPISODE[2]", "DEC", "X1")


def test_a_childs_own_problem_is_placed_at_the_child(tmp_path):
    path = census(tmp_path, child("C1"), child("C2", born="", expected=""))
    (problem,) = _rejected([path]).problems
    assert problem.where.endswith(", Children/Child[2]") and problem.child == "C2"


def test_an_id_or_postcode_that_a_spreadsheet_would_run_as_a_formula_is_rejected_and_located(tmp_path):
    path = census(tmp_path, child("C1"), child("=HYPERLINK(1)"))
    (problem,) = _rejected([path]).problems
    assert (problem.field, problem.code) == ("LAchildID", "CIN-CHILD-LACHILDID-FORMULA")
    assert "=HYPERLINK(1)" in problem.message and "formula" in problem.message
    row = episode("C1", "01/05/2025").replace("DE1 1AA", "@SUM(A1)")
    paths = ssda903(tmp_path, {"C1": "01/01/2015"}, [row])
    (problem,) = _rejected(paths).problems
    assert (problem.file, problem.field, problem.child) == ("episodes.csv", "HOME_POST", "C1")
    assert Child.objects.count() == 0

"""Tool definitions check themselves; the overall-grade rules; finalisation."""

import pytest

from sightline.audits.domain.defaults import default_tools
from sightline.audits.domain.grades import parse_grade
from sightline.audits.domain.tools import Definition, DefinitionError, finalise_problems, overall_grade


def test_every_shipped_tool_is_a_valid_definition():
    tools = default_tools()
    kinds = {t["kind"] for t in tools}
    assert kinds == {"case_file", "themed", "multi_agency", "observation"}
    assert sum(t["kind"] == "themed" for t in tools) == 5
    for tool in tools:
        definition = Definition.from_data(tool["definition"])
        assert Definition.from_data(definition.to_data()) == definition
    multi = Definition.from_data(next(t for t in tools if t["kind"] == "multi_agency")["definition"])
    assert set(multi.agencies()) == {"health", "police", "education"}


def test_a_broken_definition_says_where():
    with pytest.raises(DefinitionError, match="question 1 has no text"):
        Definition.from_data(
            {"sections": [{"key": "s", "title": "S", "questions": [{"key": "a", "kind": "grade"}]}]}
        )
    with pytest.raises(DefinitionError, match="used twice"):
        Definition.from_data(
            {
                "sections": [
                    {
                        "key": "s",
                        "title": "S",
                        "questions": [
                            {"key": "a", "text": "A", "kind": "grade"},
                            {"key": "a", "text": "B", "kind": "grade"},
                        ],
                    }
                ]
            }
        )
    with pytest.raises(DefinitionError, match="unknown agency"):
        Definition.from_data({"sections": [{"key": "s", "title": "S", "agency": "mi5", "questions": []}]})


TOOL = Definition.from_data(
    {
        "overall_rule": "limited_judgement",
        "sections": [
            {
                "key": "a",
                "title": "A",
                "questions": [{"key": "q1", "text": "Q1", "kind": "grade", "mandatory": True}],
            },
            {"key": "b", "title": "B", "questions": [{"key": "q2", "text": "Q2", "kind": "text"}]},
        ],
    }
)


def test_finalising_needs_mandatory_answers_section_grades_and_a_consistent_overall():
    problems = finalise_problems(TOOL, {}, {}, None)
    assert any("Q1" in p for p in problems) and any("A: the section has no grade" in p for p in problems)
    assert "The overall grade is not given" in problems
    answers = {"q1": {"value": "3"}}
    assert finalise_problems(TOOL, answers, {"a": 3, "b": 2}, 3) == []
    limited = finalise_problems(TOOL, answers, {"a": 1, "b": 3}, 3)
    assert limited == ["The overall grade cannot be Good while a section is Inadequate (A)"]
    assert finalise_problems(TOOL, {"q1": {"value": "7"}}, {"a": 3, "b": 3}, 3)[0].endswith(
        "not one it accepts"
    )


def test_rules_for_the_overall_grade():
    lowest = Definition(TOOL.sections, "lowest_section")
    median = Definition(TOOL.sections, "median_section")
    assert overall_grade(lowest, {"a": 3, "b": 2}, 4) == 2
    assert overall_grade(median, {"a": 3, "b": 2}, None) == 2
    assert overall_grade(TOOL, {"a": 3, "b": 2}, 4) == 4


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Good", 3),
        ("RI", 2),
        ("requires improvement", 2),
        (" inadequate ", 1),
        ("4", 4),
        (4, 4),
        ("fine", None),
        (2.5, None),
    ],
)
def test_grades_as_spreadsheets_write_them(text, grade):
    assert parse_grade(text) == grade

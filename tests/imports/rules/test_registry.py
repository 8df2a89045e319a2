"""The import-rule registry: each rule is tested on its own examples, and the registry covers the
record model's constraints (ends after starts, field lengths) for every field a return fills."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps

from sightline.imports.rules import all_rules
from sightline.imports.rules.backstop import order_fields
from sightline.imports.rules.base import EXAMPLE_CONTEXT, Registry, Rule, ends_before_start, frame_of
from sightline.imports.rules.lengths import LABELS, MODELS, max_lengths
from sightline.imports.rules.tables import CIN_LABELS

RULES = list(all_rules())


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_the_rule_flags_its_bad_example_and_passes_its_good_one(rule: Rule):
    Registry.self_check(rule)
    rows = [*rule.bad_rows, *rule.good_rows]
    flagged = rule.broken(frame_of(rows, rule.columns), EXAMPLE_CONTEXT)["_row"].to_list()
    assert flagged == [len(rule.bad_rows) - 1]
    context = {"_ctx_today": "01/06/2026", "_ctx_year_end": "31/03/2026", "_ctx_year": "2025-26"}
    message = rule.describe({**rule.bad_rows[-1], **context}, {})
    assert message and "{" not in message and "None" not in message


def test_codes_are_unique_and_say_their_return():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    prefixes = {
        "cin": "CIN-",
        "903": "903-",
        "annex-a": "ANNEXA-",
        "audits": "AUDITS-",
        "feedback": "FEEDBACK-",
        "ssd": "SSD-",
    }
    assert all(rule.code.startswith(prefixes[rule.kinds[0]]) for rule in RULES)


def _rule(**changes) -> Rule:
    spec = {
        "code": "TEST-PLAN-ORDER",
        "kinds": ("test",),
        "table": "plan",
        "fields": ("end", "start"),
        "title": "The plan ends after it starts",
        "message": "{end} is before {start}",
        "check": ends_before_start("start", "end"),
        "bad": {"start": date(2025, 6, 1), "end": date(2025, 5, 1)},
        "good": {"start": date(2025, 5, 1), "end": date(2025, 6, 1)},
    }
    return Rule(**{**spec, **changes})


def test_a_rule_whose_check_disagrees_with_its_examples_is_refused():
    registry = Registry(check_examples=True)
    registry.add(_rule())
    with pytest.raises(ValueError, match="declared twice"):
        registry.add(_rule())
    swapped = _rule(code="TEST-PLAN-SWAPPED", bad=_rule().good, good=_rule().bad)
    with pytest.raises(ValueError, match="flags example rows"):
        registry.add(swapped)


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"code": "plan order"}, "upper-case words"),
        ({"severity": "fatal"}, "severity"),
        ({"good": {"start": date(2025, 5, 1)}}, "lacks"),
        ({"message": ""}, "all needed"),
    ],
)
def test_a_malformed_rule_is_refused_when_declared(changes, complaint):
    with pytest.raises(ValueError, match=complaint):
        _rule(**changes)


def test_a_check_runs_over_a_table_and_names_file_place_field_and_child():
    registry = Registry()
    registry.add(_rule())
    rows = [
        {
            "start": date(2025, 1, 1),
            "end": date(2025, 2, 1),
            "_file": "a.xml",
            "_where": "row 2",
            "_child": "C1",
        },
        {
            "start": date(2025, 3, 1),
            "end": date(2024, 3, 1),
            "_file": "a.xml",
            "_where": "row 3",
            "_child": "C2",
        },
        {"start": date(2025, 3, 1), "end": None, "_file": "a.xml", "_where": "row 4", "_child": "C3"},
    ]
    (problem,) = registry.check("test", {"plan": rows}, EXAMPLE_CONTEXT, {"plan": {"end": "PlanEnd"}})
    assert (problem.file, problem.where, problem.field, problem.child) == ("a.xml", "row 3", "PlanEnd", "C2")
    assert problem.message == "01/03/2024 is before 01/03/2025" and problem.code == "TEST-PLAN-ORDER"


def _ends_after_starts(model):
    found = [order_fields(model, c) for c in model._meta.constraints]
    return [pair for pair in found if pair]


def test_the_constraints_ends_after_starts_makes_are_recognised():
    assert ("cpp_start_date", "cpp_end_date") in _ends_after_starts(apps.get_model("records.CPPlan"))
    assert ("decom", "dec") in _ends_after_starts(apps.get_model("records.LookedAfterEpisode"))


@pytest.mark.parametrize(("kind", "table"), sorted(MODELS), ids=[f"{k}-{t}" for k, t in sorted(MODELS)])
def test_every_ends_after_starts_constraint_on_fields_a_return_fills_has_a_rule(kind, table):
    model = apps.get_model(MODELS[(kind, table)])
    carried = set(LABELS[kind].get(table, {}))
    ordered = {
        (r.fields[1], r.fields[0])
        for r in RULES
        if r.table == table and kind in r.kinds and r.code.endswith("-ORDER")
    }
    for start, end in _ends_after_starts(model):
        if {start, end} <= carried:
            assert (start, end) in ordered, f"{kind} {table}: no rule that {end} is not before {start}"


@pytest.mark.parametrize(("kind", "table"), sorted(MODELS), ids=[f"{k}-{t}" for k, t in sorted(MODELS)])
def test_every_field_with_a_max_length_a_return_fills_has_a_length_rule(kind, table):
    carried = set(LABELS[kind].get(table, {}))
    checked = {
        r.fields[0] for r in RULES if r.table == table and kind in r.kinds and r.code.endswith("-LENGTH")
    }
    for name in max_lengths(MODELS[(kind, table)]):
        if name in carried:
            assert name in checked, f"{kind} {table}: no length rule for {name}"


def test_the_cin_childs_birth_rule_names_the_census_field():
    (rule,) = [r for r in RULES if r.code == "CIN-CHILD-PERSONBIRTHDATE-BLANK"]
    assert rule.fields == ("date_of_birth", "expected_date_of_birth")
    assert CIN_LABELS["child"]["date_of_birth"] == "PersonBirthDate"

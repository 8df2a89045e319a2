"""The standing list of DfE validation errors: re-checked for the changed children, fixed and new kept."""

from __future__ import annotations

import pytest

from sightline.generator import CouncilSpec, generate
from sightline.imports import selectors
from sightline.imports.models import StandingIssue
from sightline.imports.standing import refresh_standing
from sightline.records.models import Child
from sightline.records.services import load_dataset
from sightline.returns.validators import validators_python

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(validators_python() is None, reason="the DfE validators' environment is missing"),
]


def _open(child) -> set[tuple[str, str]]:
    return {(i.kind, i.rule_code) for i in StandingIssue.objects.filter(child=child, fixed_at__isnull=True)}


def test_a_changed_child_is_checked_again_and_an_error_mended_then_made_is_fixed_then_new():
    load_dataset(generate(CouncilSpec(seed=23, size=0.03)), replace=True)
    everyone = refresh_standing()
    assert everyone["children"] == Child.objects.count() and everyone["new"] == everyone["found"] > 0
    # A child whose UPN the CIN census rules refuse (the generated UPNs' LA code, rule 1530).
    issue = StandingIssue.objects.filter(kind="cin", rule_code="1530").select_related("child").first()
    assert issue is not None
    child = issue.child
    upn, before = child.upn, _open(child)
    others = StandingIssue.objects.exclude(child=child).count()

    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="UN1")
    mended = refresh_standing([child.pk])
    assert mended["children"] == 1 and mended["fixed"] >= 1
    assert ("cin", "1530") in before - _open(child)
    assert selectors.standing_summary()["totals"]["fixed"] >= 1
    # Only the child asked for was checked: nobody else's issues moved.
    assert StandingIssue.objects.exclude(child=child).filter(fixed_at__isnull=False).count() == 0
    assert StandingIssue.objects.exclude(child=child).count() == others

    Child.objects.filter(pk=child.pk).update(upn=upn, upn_unknown="")
    made = refresh_standing([child.pk])
    assert made["new"] >= 1 and ("cin", "1530") in _open(child)
    summary = selectors.standing_summary()
    assert summary["totals"]["new"] >= 1
    assert any(r["code"] == "1530" and r["new"] and r["fixed"] for r in summary["by_rule"])
    assert {i.rule_code for i in selectors.child_issues(child.pk)} == {c for _, c in _open(child)}


def test_a_child_given_another_childs_upn_is_flagged_with_that_child_and_both_fixed_together():
    """The duplicate-UPN rule compares children: re-checking only the changed one must include
    the child it now shares a UPN with, and, once mended, the child it shared it with."""
    load_dataset(generate(CouncilSpec(seed=23, size=0.03)), replace=True)
    refresh_standing()
    in_census = Child.objects.filter(cinepisodes__cin_closure_date__isnull=True).exclude(upn="").distinct()
    first, second = in_census.order_by("pk")[:2]
    assert ("cin", "1520") not in _open(first) | _open(second)

    Child.objects.filter(pk=second.pk).update(upn=first.upn)
    shared = refresh_standing([second.pk])
    assert shared["children"] >= 2
    assert ("cin", "1520") in _open(first) and ("cin", "1520") in _open(second)

    Child.objects.filter(pk=second.pk).update(upn=second.upn)
    mended = refresh_standing([second.pk])
    assert mended["fixed"] >= 2
    assert ("cin", "1520") not in _open(first) | _open(second)

"""A register checks itself when declared: each broken declaration fails with a message naming it."""

from dataclasses import replace

import pytest

from sightline.accounts.roles import RegisterRules
from sightline.registers import REGISTRY, Column, Filter, RegisterDeclarationError, RegisterForm
from sightline.registers.declarations import Registry
from sightline.workforce.models import Service

from .kit import TEAMS


class ServiceForm(RegisterForm):
    class Meta:
        model = Service
        fields = ["name"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"key": "Bad Key"}, "lower-case letters"),
        ({"noun": ""}, "a title and a noun"),
        ({"form": ServiceForm}, "the form edits Service, not Team"),
        ({"rules": object()}, "RegisterRules"),
        ({"columns": []}, "at least one column"),
        ({"columns": [Column("nope")]}, "the column 'nope' is neither a field nor an attribute of Team"),
        ({"filters": [Filter("nope")]}, "the filter 'nope' is not a field"),
        ({"filters": [Filter("name")]}, "the filter 'name' needs choices"),
        ({"search_fields": ["nope"]}, "the search field 'nope' is not a field"),
        ({"agency_field": "nope"}, "the agency field 'nope' does not exist"),
        ({"owner_field": "service"}, "'service' must be a foreign key to workforce.Worker"),
        ({"child_field": "name"}, "'name' must be a foreign key to records.Child"),
        ({"rules": RegisterRules(agency_rows=True)}, "must name its agency_field"),
        ({"rules": RegisterRules(owner_edits=True)}, "must name its owner_field"),
        ({"rules": RegisterRules(child_rows=True)}, "must name its child_field"),
        ({"detail_context": lambda request, row: {}}, "without a detail_template"),
        ({"per_page": 0}, "per_page"),
    ],
)
def test_a_broken_declaration_names_its_problem(change, message):
    with pytest.raises(RegisterDeclarationError, match=message):
        replace(TEAMS, **change)


def test_a_filter_with_its_own_rule_and_choices_is_accepted():
    declared = replace(
        TEAMS, filters=[Filter("big", "Big", choices=[("yes", "Big")], apply=lambda q, v, on: q)]
    )
    assert declared.filter_choices(declared.filters[0]) == [("yes", "Big")]


def test_a_key_is_declared_once():
    registry = Registry()
    registry.add(TEAMS)
    registry.add(TEAMS)  # the same declaration again (a module imported twice) is harmless
    with pytest.raises(RegisterDeclarationError, match="declared twice"):
        registry.add(
            replace(
                TEAMS, model=Service, form=ServiceForm, columns=[Column("name")], filters=[], search_fields=[]
            )
        )


def test_every_declared_register_holds_together():
    """Every register of the application re-checks itself and has its four pages routed."""
    from django.urls import reverse

    for register in REGISTRY:
        replace(register)
        assert reverse(register.url_name("list")) and reverse(register.url_name("add"))
        assert reverse(register.url_name("detail"), args=[1]) and reverse(register.url_name("edit"), args=[1])

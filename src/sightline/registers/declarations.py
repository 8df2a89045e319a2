"""A register's declaration: its model, columns, filters, form and access rules, checked when declared."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.module_loading import import_string

from sightline.accounts.roles import RegisterRules


class RegisterDeclarationError(ValueError):
    """A register that does not hold together (raised at import, so it never reaches a page)."""


@dataclass(frozen=True)
class Column:
    """One column of the list page and the export.

    `name` is a model field, a property or a method without arguments; `value` (row -> value)
    overrides it. The first column links to the row's detail page. An `identifier` (a
    reference, a child's ID) stays text in Excel exports, digits and all.
    """

    name: str
    label: str = ""
    value: Callable[[Any], Any] | None = None
    numeric: bool = False
    identifier: bool = False


@dataclass(frozen=True)
class Filter:
    """A filter of the list page, given as `?name=value`.

    `choices` are (value, label) pairs, or a callable returning them (read at each request);
    a model field with choices or a foreign key gives its own. `apply(queryset, value, today)`
    overrides the default `queryset.filter(<name>=value)`.
    """

    name: str
    label: str = ""
    choices: Sequence[tuple[str, str]] | Callable[[], Sequence[tuple[str, str]]] | None = None
    apply: Callable[[Any, str, Any], Any] | None = None


@dataclass(frozen=True)
class Register:
    """Everything the kit needs to serve a register's pages; see the package docstring."""

    key: str  # the URL segment and the file name of exports: "plan-actions"
    title: str  # "Improvement plan actions"
    noun: str  # one row, as a person says it: "action"
    model: type[models.Model]
    form: type[forms.ModelForm]
    rules: RegisterRules
    columns: Sequence[Column]
    filters: Sequence[Filter] = ()
    search_fields: Sequence[str] = ()
    ordering: Sequence[str] = ("-pk",)
    per_page: int = 50
    description: str = ""
    # Where the access rules look: the agency a row is addressed to (a lookup path, which may
    # cross relations: "responses__agency"), the staff member who owns it (a Worker foreign
    # key) and the child it is about (a Child foreign key).
    agency_field: str | None = None
    owner_field: str | None = None
    child_field: str | None = None
    # Detail page: the fields shown (default: the form's fields), a template included below
    # them and the context it needs (request, row) -> dict.
    detail_fields: Sequence[str | Column] = ()
    detail_template: str | None = None
    # The context function, or its dotted path ("app.selectors.action_context") when the module
    # that reads rows for it imports this declaration (so the two do not import each other).
    detail_context: Callable[[Any, Any], dict] | str | None = None
    # Another form for some viewers or rows: (viewer, row or None) -> ModelForm class, or None
    # for the register's own form.
    form_for: Callable[[Any, Any], type[forms.ModelForm]] | None = None
    # Rows with their relations for the list: queryset -> queryset (select_related...).
    prepare: Callable[[Any], Any] | None = None
    # Where the register's pages live in the navigation: the URL name of its parent page.
    parent_url: str | None = None
    parent_title: str | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(self)

    # ----- names and addresses ----------------------------------------------------------------
    def url_name(self, page: str) -> str:
        return f"{self.key}-{page}"

    def list_url(self) -> str:
        return reverse(self.url_name("list"))

    def add_url(self) -> str:
        return reverse(self.url_name("add"))

    def detail_url(self, row) -> str:
        return reverse(self.url_name("detail"), args=[row.pk])

    def edit_url(self, row) -> str:
        return reverse(self.url_name("edit"), args=[row.pk])

    def context_for_detail(self) -> Callable[[Any, Any], dict]:
        if isinstance(self.detail_context, str):
            return import_string(self.detail_context)
        return self.detail_context

    # ----- fields -------------------------------------------------------------------------------
    def form_class(self, viewer, row=None) -> type[forms.ModelForm]:
        chosen = self.form_for(viewer, row) if self.form_for else None
        return chosen or self.form

    def shown_on_detail(self) -> list[Column]:
        names = self.detail_fields or list(self.form._meta.fields or ())
        return [n if isinstance(n, Column) else Column(n) for n in names]

    def label_of(self, column: Column) -> str:
        if column.label:
            return column.label
        try:
            verbose = self.model._meta.get_field(column.name).verbose_name
        except FieldDoesNotExist:
            verbose = column.name.replace("_", " ")
        text = str(verbose)
        return text[:1].upper() + text[1:]

    def filter_label(self, flt: Filter) -> str:
        return flt.label or self.label_of(Column(flt.name))

    def filter_choices(self, flt: Filter) -> list[tuple[str, str]]:
        if flt.choices is not None:
            chosen = flt.choices() if callable(flt.choices) else flt.choices
            return [(str(v), str(label)) for v, label in chosen]
        model_field = self.model._meta.get_field(flt.name)
        if model_field.choices:
            return [(str(v), str(label)) for v, label in model_field.flatchoices]
        if model_field.is_relation:
            return [(str(o.pk), str(o)) for o in model_field.related_model.objects.all()]
        if isinstance(model_field, models.BooleanField):
            return [("yes", "Yes"), ("no", "No")]
        raise RegisterDeclarationError(f"{self.title}: the filter {flt.name!r} has no choices.")


REGISTER_KEY = re.compile(r"^[a-z][a-z0-9-]*$")


def _resolves(model: type[models.Model], path: str) -> models.Field | None:
    """The last field of a lookup path such as "responses__agency", or None if it does not exist."""
    current, found = model, None
    for part in path.split("__"):
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if found.is_relation and found.related_model is not None:
            current = found.related_model
    return found


def _check(reg: Register) -> None:
    for check in (_check_names, _check_types, _check_columns, _check_filters, _check_access, _check_detail):
        problem = check(reg)
        if problem:
            raise RegisterDeclarationError(f"Register {reg.key!r}: {problem}")


def _check_names(reg: Register) -> str | None:
    if not REGISTER_KEY.match(reg.key):
        return "the key must be lower-case letters, digits and hyphens."
    if not reg.title or not reg.noun:
        return "a register needs a title and a noun."
    if reg.per_page < 1:
        return "per_page must be at least 1."
    return None


def _check_types(reg: Register) -> str | None:
    if not (isinstance(reg.model, type) and issubclass(reg.model, models.Model)):
        return "model must be a Django model."
    if not (isinstance(reg.form, type) and issubclass(reg.form, forms.ModelForm)):
        return "form must be a ModelForm."
    if not issubclass(reg.model, reg.form._meta.model) and not issubclass(reg.form._meta.model, reg.model):
        return f"the form edits {reg.form._meta.model.__name__}, not {reg.model.__name__}."
    if not isinstance(reg.rules, RegisterRules):
        return "rules must be an accounts.roles.RegisterRules."
    return None


def _check_columns(reg: Register) -> str | None:
    if not reg.columns:
        return "a register needs at least one column."
    for column in [*reg.columns, *reg.shown_on_detail()]:
        known = _resolves(reg.model, column.name) is not None or hasattr(reg.model, column.name)
        if column.value is None and not known:
            return f"the column {column.name!r} is neither a field nor an attribute of {reg.model.__name__}."
    for name in reg.search_fields:
        if _resolves(reg.model, name) is None:
            return f"the search field {name!r} is not a field."
    return None


def _has_own_choices(model_field) -> bool:
    return bool(
        model_field.choices or model_field.is_relation or isinstance(model_field, models.BooleanField)
    )


def _check_filters(reg: Register) -> str | None:
    for flt in reg.filters:
        model_field = _resolves(reg.model, flt.name)
        if flt.apply is None and model_field is None:
            return f"the filter {flt.name!r} is not a field; give it an apply function."
        if flt.choices is None and (model_field is None or not _has_own_choices(model_field)):
            return f"the filter {flt.name!r} needs choices."
    return None


def _check_access(reg: Register) -> str | None:
    if reg.agency_field and _resolves(reg.model, reg.agency_field) is None:
        return f"the agency field {reg.agency_field!r} does not exist."
    for name, label in [(reg.owner_field, "workforce.Worker"), (reg.child_field, "records.Child")]:
        if name is None:
            continue
        model_field = _resolves(reg.model, name)
        if (
            model_field is None
            or not model_field.many_to_one
            or model_field.related_model._meta.label != label
        ):
            return f"{name!r} must be a foreign key to {label}."
    needs = [
        (
            reg.rules.agency_rows,
            reg.agency_field,
            "its rules give partner agencies their rows, so it must name its agency_field.",
        ),
        (
            reg.rules.owner_edits,
            reg.owner_field,
            "its rules let owners edit, so it must name its owner_field.",
        ),
        (
            reg.rules.child_rows,
            reg.child_field,
            "its rules follow the child, so it must name its child_field.",
        ),
    ]
    return next((message for needed, given, message in needs if needed and not given), None)


def _check_detail(reg: Register) -> str | None:
    if reg.detail_context is not None and reg.detail_template is None:
        return "detail_context is given without a detail_template to use it."
    return None


class Registry:
    """Every declared register, by key."""

    def __init__(self) -> None:
        self._registers: dict[str, Register] = {}

    def add(self, register: Register) -> Register:
        existing = self._registers.get(register.key)
        if existing is not None and existing.model is not register.model:
            raise RegisterDeclarationError(f"Register {register.key!r} is declared twice.")
        self._registers[register.key] = register
        return register

    def __getitem__(self, key: str) -> Register:
        return self._registers[key]

    def __contains__(self, key: str) -> bool:
        return key in self._registers

    def __iter__(self):
        return iter(self._registers.values())

    def __len__(self) -> int:
        return len(self._registers)

    def for_model(self, model: type[models.Model]) -> Register | None:
        return next((r for r in self._registers.values() if r.model is model), None)


REGISTRY = Registry()

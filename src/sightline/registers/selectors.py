"""Reads for the kit's pages: the rows a viewer may see, filtered and searched; cells; counts; history."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from sightline.accounts import roles
from sightline.accounts.roles import Viewer

from .access import visible_rows
from .declarations import Column, Register
from .models import ChangeRecord
from .services import display, field_display


def history(row) -> list[ChangeRecord]:
    """A row's change history, newest first."""
    return list(
        ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(type(row)), object_id=row.pk
        ).order_by("-changed_at", "-id")
    )


def _base(register: Register):
    queryset = register.model.objects.all()
    if register.prepare:
        queryset = register.prepare(queryset)
    return queryset


def chosen_filters(register: Register, params) -> dict[str, str]:
    """The filters asked for that are known and have a known value (anything else is ignored)."""
    chosen = {}
    for flt in register.filters:
        value = params.get(flt.name, "")
        if value and value in {v for v, _ in register.filter_choices(flt)}:
            chosen[flt.name] = value
    return chosen


def rows(register: Register, viewer: Viewer, params, on: date):
    """The viewer's rows after the filters and the search (`q`) in `params`, in the register's order."""
    queryset = visible_rows(register, viewer, _base(register), on)
    for flt in register.filters:
        value = chosen_filters(register, params).get(flt.name)
        if value is None:
            continue
        if flt.apply:
            queryset = flt.apply(queryset, value, on)
        elif (
            value in {"yes", "no"}
            and register.model._meta.get_field(flt.name).get_internal_type() == "BooleanField"
        ):
            queryset = queryset.filter(**{flt.name: value == "yes"})
        else:
            queryset = queryset.filter(**{flt.name: value})
    query = params.get("q", "").strip()
    if query and register.search_fields:
        match = Q()
        for name in register.search_fields:
            match |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(match)
    return queryset.order_by(*register.ordering)


def raw_value(row, column: Column):
    if column.value is not None:
        return column.value(row)
    value = getattr(row, column.name)
    if callable(value):
        value = value()
    try:
        model_field = row._meta.get_field(column.name)
    except Exception:
        return value
    if model_field.choices:
        return getattr(row, f"get_{column.name}_display")()
    if model_field.is_relation and value is not None:
        return str(value)
    return value


def cell(row, column: Column) -> str:
    if column.value is None:
        return field_display(row, column.name) if hasattr(row, column.name) else ""
    return display(column.value(row))


def table(register: Register, queryset) -> tuple[list[str], list[tuple]]:
    """Headers and rows of display strings (each with its detail page's address) for the list page."""
    headers = [register.label_of(c) for c in register.columns]
    return headers, [(register.detail_url(row), [cell(row, c) for c in register.columns]) for row in queryset]


def export_rows(register: Register, queryset) -> tuple[list[str], list[list]]:
    """Headers and typed values (numbers stay numbers, dates stay dates) for CSV and Excel."""
    headers = [register.label_of(c) for c in register.columns]
    return headers, [[raw_value(row, c) for c in register.columns] for row in queryset]


def detail_rows(register: Register, row) -> list[tuple[str, str]]:
    return [(register.label_of(c), cell(row, c)) for c in register.shown_on_detail()]


def aggregates(register: Register, viewer: Viewer) -> list[dict]:
    """Counts of every row by each filter that is a field (for elected members): small numbers
    suppressed, and with one category hidden the next smallest too, so none can be worked out."""
    queryset = _base(register)
    total = queryset.count()
    tables = []
    for flt in register.filters:
        if flt.apply is not None:
            continue
        labels = dict(register.filter_choices(flt))
        counted = {
            str(v): n
            for v, n in queryset.order_by().values_list(flt.name).annotate(n=Count("pk", distinct=True))
            if v is not None
        }
        if isinstance(next(iter(counted), None), str) and set(counted) <= {"True", "False"}:
            counted = {"yes" if k == "True" else "no": n for k, n in counted.items()}
        shown = _suppressed([(labels.get(v, v), counted.get(v, 0)) for v in labels], viewer)
        tables.append({"label": register.filter_label(flt), "rows": shown})
    grand = roles.suppress(total, viewer)
    return [{"label": "All", "rows": [("Total", grand)]}, *tables]


def _suppressed(pairs: list[tuple[str, int]], viewer: Viewer) -> list[tuple[str, int | str]]:
    if not roles.suppresses_small_numbers(viewer):
        return pairs
    hidden = {i for i, (_, n) in enumerate(pairs) if 1 <= n <= roles.SMALL_NUMBER_MAX}
    if len(hidden) == 1:
        rest = sorted((n, i) for i, (_, n) in enumerate(pairs) if i not in hidden and n > 0)
        if rest:
            hidden.add(rest[0][1])
    return [
        (
            label,
            "suppressed" if i in hidden and n > roles.SMALL_NUMBER_MAX else roles.small_count(n),
        )
        for i, (label, n) in enumerate(pairs)
    ]

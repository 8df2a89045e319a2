"""The database's constraints as the last word: a refusal turned into a located rejection.

The rules check everything a return's rows must satisfy before they are loaded, so a
database refusal means a rule is missing. It must still reach a person as something they
can act on: the constraint's own message (the model's `violation_error_message`), and,
where the rows show it, the file, place, field and child that broke it. Never the
database's text ("CHECK constraint failed", "value too long for type ...").
"""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.db import models

from sightline.returns.common import Problem
from sightline.returns.records import ReturnData

from .lengths import MODELS
from .tables import tables_of

NOT_BEFORE = "_not_before_"


def order_fields(model, constraint) -> tuple[str, str] | None:
    """(start, end) of a constraint made by `records.models.ends_after_starts`, else None."""
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    name = constraint.name
    if not name.startswith(prefix) or NOT_BEFORE not in name:
        return None
    end, _, start = name[len(prefix) :].partition(NOT_BEFORE)
    fields = {f.name for f in model._meta.get_fields()}
    return (start, end) if {start, end} <= fields else None


def _constraints():
    for model in apps.get_app_config("records").get_models():
        for constraint in model._meta.constraints:
            yield model, constraint


def _named(text: str):
    """The model and constraint a database message names, if any."""
    for model, constraint in _constraints():
        if re.search(rf"\b{re.escape(constraint.name)}\b", text):
            return model, constraint
    return None, None


def _tables_for(model) -> list[tuple[str, str]]:
    label = model._meta.label
    return [(kind, table) for (kind, table), name in MODELS.items() if name == label]


def _rows_breaking(data: ReturnData, model, test) -> list[tuple[str, dict]]:
    tables = tables_of(data)
    found = []
    for kind, table in _tables_for(model):
        if kind != data.kind:
            continue
        found += [(table, row) for row in tables.get(table, []) if test(row)]
    return found


def _order_test(model, constraint):
    found = order_fields(model, constraint)
    if found is None:
        return None
    start, end = found
    return lambda row: row.get(start) is not None and row.get(end) is not None and row[end] < row[start]


def _too_long(model):
    limits = {f.name: f.max_length for f in model._meta.get_fields() if getattr(f, "max_length", None)}
    return lambda row: any(isinstance(row.get(k), str) and len(row[k]) > n for k, n in limits.items())


def refusal(error: Exception, data: ReturnData) -> list[Problem]:
    """Located problems for a database error raised while loading `data`."""
    text = str(error)
    file = Path(data.files[0]).name if data.files else ""
    model, constraint = _named(text)
    if constraint is not None:
        what = getattr(constraint, "violation_error_message", "") or ""
        message = what if "%(name)s" not in what else f"a {model._meta.verbose_name} breaks a rule"
        test = _order_test(model, constraint) if isinstance(constraint, models.CheckConstraint) else None
        rows = _rows_breaking(data, model, test) if test else []
        return _located(rows, file, message) or [
            Problem(file, "", "", f"the records cannot hold this return: {message}")
        ]
    if "too long" in text:
        for model in apps.get_app_config("records").get_models():
            rows = _rows_breaking(data, model, _too_long(model))
            if rows:
                return _located(rows, file, "a value is longer than Sightline keeps")
        return [
            Problem(file, "", "", "the records cannot hold this return: a value is too long for its field")
        ]
    return [
        Problem(
            file, "", "", "the records cannot hold this return: a record breaks a rule of the record model"
        )
    ]


def _located(rows, file: str, message: str) -> list[Problem]:
    return [
        Problem(
            row.get("_file") or file,
            row.get("_where", ""),
            "",
            f"{message} (the database refused it)",
            row.get("_child", ""),
            code="DATABASE",
        )
        for _, row in rows
    ]
